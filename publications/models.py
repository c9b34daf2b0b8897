"""Built profile PDFs, stored once per page revision and data version."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class ProfilePDF(models.Model):
    """The stored PDF of one profile page, which has one locale.

    The PDF is current while `revision_id` is the page's live revision and `data_version`
    is its edition's `scores_computed_at`. A newer build replaces the row's file.
    """

    page = models.OneToOneField(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    revision_id = models.PositiveIntegerField(_("revision"), null=True)
    # The PDF's URL path as last requested through the page, such as /en/regions/es51/pdf/,
    # so that `StoredPDFMiddleware` finds a stored PDF without routing through the page tree.
    path = models.CharField(_("URL path"), max_length=1024, blank=True, db_index=True)
    data_version = models.DateTimeField(_("data version"), null=True)
    file_name = models.CharField(_("download file name"), max_length=255, blank=True)
    file = models.FileField(_("file"), upload_to="pdf/profiles/")
    etag = models.CharField(_("ETag"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    built_at = models.DateTimeField(_("built at"))
    stale = models.BooleanField(
        _("stale"),
        default=False,
        help_text=_("Set when the page is published again; a rebuild is queued then."),
    )

    class Meta:
        verbose_name = _("profile PDF")
        verbose_name_plural = _("profile PDFs")
        permissions = [("build_publication", _("Can build the publication PDF of an edition"))]

    def __str__(self) -> str:
        return f"PDF of page {self.page_id} (revision {self.revision_id})"

    def is_current(self, revision_id: int | None, data_version) -> bool:
        return (
            not self.stale
            and self.revision_id == revision_id
            and self.data_version == data_version
            and bool(self.file)
        )
