"""A page mixin that adds the profile's PDF at `pdf/` under the page URL."""

from wagtail.contrib.routable_page.models import RoutablePageMixin, path


class ProfilePDFMixin(RoutablePageMixin):
    @path("pdf/", name="pdf")
    def pdf(self, request):
        from .views import serve_profile_pdf

        return serve_profile_pdf(request, self)

    def pdf_url(self, request=None) -> str:
        return self.get_url(request) + self.reverse_subpage("pdf")
