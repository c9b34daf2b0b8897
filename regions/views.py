"""Admin screen that starts a region profile: choose the region, get a pre-filled draft.

Wagtail's "add child page" for a profile leads here (see `wagtail_hooks.py`). The editor
picks one of the edition's regions that have final answers and no profile yet, and the
draft is created with the same pre-filled body as `create_profiles`, then opened in the
page editor.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import RegionIndexPage, RegionProfilePage
from .profiles import create_profile, regions_without_profile


class ChooseRegionForm(forms.Form):
    region = forms.ModelChoiceField(queryset=None, label=_("Region"), empty_label=None)

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_without_profile(edition)
        self.fields["region"].help_text = _(
            "Regions with final answers in %(edition)s and no profile yet."
        ) % {"edition": edition}


class CreateProfileView(WagtailAdminTemplateMixin, View):
    page_title = _("Add a region profile")
    header_icon = "doc-empty-inverse"
    template_name = "regions/admin/create_profile.html"

    def dispatch(self, request, parent_page_id: int):
        self.index_page = get_object_or_404(RegionIndexPage, pk=parent_page_id)
        permissions = self.index_page.permissions_for_user(request.user)
        if not permissions.can_add_subpage():
            raise PermissionDenied
        if not RegionProfilePage.can_create_at(self.index_page):
            raise PermissionDenied
        return super().dispatch(request, parent_page_id)

    def get_page_subtitle(self):
        return self.index_page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_explore", args=[self.index_page.pk]),
                "label": self.index_page.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, parent_page_id: int):
        form = ChooseRegionForm(edition=self.index_page.edition)
        return self.render(form)

    def post(self, request, parent_page_id: int):
        form = ChooseRegionForm(request.POST, edition=self.index_page.edition)
        if not form.is_valid():
            return self.render(form)
        page = create_profile(self.index_page, form.cleaned_data["region"], user=request.user)
        messages.success(
            request,
            _("Draft profile of %(region)s created with a pre-filled body.")
            % {"region": page.region.name},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)

    def render(self, form):
        context = self.get_context_data(
            form=form,
            index_page=self.index_page,
            cancel_url=reverse("wagtailadmin_explore", args=[self.index_page.pk]),
        )
        return TemplateResponse(self.request, self.template_name, context)
