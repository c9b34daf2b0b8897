"""Wagtail admin screens that import framework and questionnaire response files.

The flow is upload, preview, confirm. The upload is checked with a dry run and the preview
lists the counts, the rows that would change and every error. The file waits under
MEDIA_ROOT/imports, named by a random 128-bit token that only the uploader's session
stores, until the user confirms or cancels. Confirming runs the import again from the file, so the
database is checked once more just before writing.
"""

import logging
import secrets
import time
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .importers.changes import ChangeKind
from .importers.errors import ImportFailed
from .importers.framework import KINDS, PLURALS, import_framework
from .importers.responses import import_responses

logger = logging.getLogger(__name__)

# Session key of the uploads waiting for confirmation: {token: {"kind": ..., "name": ...}}.
SESSION_KEY = "indicator_imports"

# Uploads older than this are deleted when the next file is uploaded.
STALE_UPLOAD_SECONDS = 24 * 60 * 60

# How many changes and errors a preview lists.
PREVIEW_CHANGES = 200
PREVIEW_ERRORS = 500

ALLOWED_EXTENSIONS = (".csv", ".xlsx")


def upload_storage() -> FileSystemStorage:
    """Return the storage of uploads waiting for confirmation, under the current MEDIA_ROOT."""
    return FileSystemStorage(location=Path(settings.MEDIA_ROOT) / "imports")


class ImportFileForm(forms.Form):
    file = forms.FileField(label="File")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_size = settings.MIPEX_IMPORT_MAX_UPLOAD_SIZE
        self.fields["file"].help_text = (
            "CSV (UTF-8, separated by commas or semicolons) or XLSX, "
            f"at most {filesizeformat(self.max_size)}."
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_EXTENSIONS):
            raise forms.ValidationError(
                f'"{upload.name}" is not a CSV or XLSX file (allowed: .csv, .xlsx).'
            )
        if upload.size > self.max_size:
            raise forms.ValidationError(
                f'"{upload.name}" is {filesizeformat(upload.size)} (allowed: at most '
                f"{filesizeformat(self.max_size)}). Split the file and import the parts."
            )
        return upload


class ImportView(WagtailAdminTemplateMixin, View):
    """Upload a file and preview its import. Subclasses name the importer and the preview."""

    kind = ""
    permission = ""
    help_text = ""
    header_icon = "upload"
    template_name = "indicators/import/upload.html"
    preview_template_name = "indicators/import/preview.html"

    def run_import(self, source: tuple[str, bytes], *, dry_run: bool, user: Any) -> Any:
        raise NotImplementedError

    def preview_counts(self, result: Any) -> list[tuple[str, int]]:
        raise NotImplementedError

    def preview_changes(self, result: Any) -> tuple[list[str], list[list[Any]]]:
        """Return the column names and the rows of the table of changes."""
        raise NotImplementedError

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            help_text=self.help_text,
            upload_url=reverse(f"indicators_import:{self.kind}"),
            confirm_url=reverse(f"indicators_import:{self.kind}_confirm"),
        )
        return context

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=ImportFileForm()))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ImportFileForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))

        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            result = self.run_import((upload.name, content), dry_run=True, user=request.user)
        except ImportFailed as failure:
            logger.info(
                "Rejected uploaded import file",
                extra={"kind": self.kind, "file": upload.name, "errors": len(failure.errors)},
            )
            return self.render_preview(upload.name, failure=failure)

        token = self._keep_upload(request, upload.name, content)
        return self.render_preview(upload.name, result=result, token=token)

    def render_preview(
        self,
        file_name: str,
        *,
        result: Any = None,
        token: str | None = None,
        failure: ImportFailed | None = None,
    ) -> HttpResponse:
        context = self.get_context_data(file_name=file_name, token=token, form=ImportFileForm())
        if result is not None:
            columns, rows = self.preview_changes(result)
            context.update(
                counts=self.preview_counts(result),
                change_columns=columns,
                change_rows=rows[:PREVIEW_CHANGES],
                hidden_changes=max(0, len(rows) - PREVIEW_CHANGES),
            )
        if failure is not None:
            context.update(
                errors=failure.errors[:PREVIEW_ERRORS],
                error_count=len(failure.errors),
                hidden_errors=max(0, len(failure.errors) - PREVIEW_ERRORS),
            )
        return TemplateResponse(self.request, self.preview_template_name, context)

    def _keep_upload(self, request: HttpRequest, name: str, content: bytes) -> str:
        storage = upload_storage()
        _delete_stale_uploads(storage)
        token = storage.save(secrets.token_hex(16), ContentFile(content))
        pending = request.session.get(SESSION_KEY, {})
        pending[token] = {"kind": self.kind, "name": name}
        request.session[SESSION_KEY] = pending
        return token


class ConfirmImportView(View):
    """Run, or cancel, an import previewed in the same session."""

    import_view_class: type[ImportView]

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(self.import_view_class.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request: HttpRequest) -> HttpResponse:
        kind = self.import_view_class.kind
        upload_url = reverse(f"indicators_import:{kind}")
        token = request.POST.get("token", "")
        pending = request.session.get(SESSION_KEY, {})
        upload = pending.get(token)
        storage = upload_storage()
        if upload is None or upload["kind"] != kind or not storage.exists(token):
            messages.error(
                request, "This import has expired or was already done. Upload the file again."
            )
            return redirect(upload_url)

        if "cancel" in request.POST:
            _forget_upload(request, storage, token)
            messages.info(request, f"The import of {upload['name']} was cancelled.")
            return redirect(upload_url)

        with storage.open(token, "rb") as stored_file:
            content = stored_file.read()
        view = self.import_view_class()
        view.setup(request)
        try:
            result = view.run_import((upload["name"], content), dry_run=False, user=request.user)
        except ImportFailed as failure:
            # The data changed since the preview, so a corrected file must be uploaded again.
            _forget_upload(request, storage, token)
            logger.info(
                "Rejected confirmed import file",
                extra={"kind": kind, "file": upload["name"], "errors": len(failure.errors)},
            )
            return view.render_preview(upload["name"], failure=failure)

        _forget_upload(request, storage, token)
        logger.info(
            "Imported uploaded file",
            extra={"kind": kind, "file": upload["name"], "user_id": request.user.pk},
        )
        messages.success(request, result.summary())
        return redirect(upload_url)


def _forget_upload(request: HttpRequest, storage: FileSystemStorage, token: str) -> None:
    storage.delete(token)
    pending = request.session.get(SESSION_KEY, {})
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending


def _delete_stale_uploads(storage: FileSystemStorage) -> None:
    """Delete uploads that were never confirmed or cancelled, once they are a day old."""
    if not Path(storage.location).exists():
        return
    cutoff = time.time() - STALE_UPLOAD_SECONDS
    for path in Path(storage.location).iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


class ResponsesImportView(ImportView):
    kind = "responses"
    permission = "indicators.add_answer"
    page_title = "Import responses"
    help_text = (
        "One row per answer, with the columns edition, region, role, indicator and answer, "
        "and optionally source and comment. The answer is an option code, n/a, a direct score "
        "from 0 to 100, or blank to clear it. Nothing is written until you confirm, and "
        "nothing at all if any row is invalid."
    )

    def run_import(self, source, *, dry_run, user):
        return import_responses(source, dry_run=dry_run, user=user)

    def preview_counts(self, result):
        return [
            ("Rows", result.rows),
            ("Questionnaire responses to create", result.responses_created),
            ("Answers to create", result.answers_created),
            ("Answers to update", result.answers_updated),
            ("Answers unchanged", result.answers_unchanged),
        ]

    def preview_changes(self, result):
        columns = ["Row", "Edition", "Region", "Role", "Indicator", "Change", "Before", "After"]
        rows = [
            [
                change.row,
                change.edition,
                change.region,
                change.role,
                change.indicator,
                change.kind,
                change.before,
                change.after,
            ]
            for change in result.changes
            if change.kind != ChangeKind.UNCHANGED
        ]
        return columns, rows


class FrameworkImportView(ImportView):
    kind = "framework"
    permission = "indicators.add_indicator"
    page_title = "Import framework"
    help_text = (
        "One row per answer option, with the framework, policy area, dimension and indicator "
        "on every row; an indicator without options has one row with blank option columns. "
        "Nothing is written until you confirm, and nothing at all if any row is invalid."
    )

    def run_import(self, source, *, dry_run, user):
        return import_framework(source, dry_run=dry_run)

    def preview_counts(self, result):
        counts = [("Rows", result.rows)]
        for kind in KINDS:
            plural = PLURALS[kind].capitalize()
            counts += [
                (f"{plural} to create", result.created[kind]),
                (f"{plural} to update", result.updated[kind]),
                (f"{plural} unchanged", result.unchanged[kind]),
            ]
        return counts

    def preview_changes(self, result):
        columns = ["Row", "Kind", "Code", "Change"]
        rows = [
            [change.row, change.kind, change.label, change.change]
            for change in result.changes
            if change.change != ChangeKind.UNCHANGED
        ]
        return columns, rows


class ConfirmResponsesImportView(ConfirmImportView):
    import_view_class = ResponsesImportView


class ConfirmFrameworkImportView(ConfirmImportView):
    import_view_class = FrameworkImportView
