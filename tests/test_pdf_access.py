"""Live profiles of a published edition have a PDF; restricted ones for allowed readers only."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import PageViewRestriction

from indicators.models import EditionStatus
from publications.models import ProfilePDF
from tests.pdf_helpers import DemoSiteTestCase, pdf_text

pytestmark = pytest.mark.django_db


def assert_private_pdf(response) -> None:
    """A restricted page's PDF: built for the request, not stored, not in shared caches."""
    assert response.status_code == 200
    assert pdf_text(response.content)
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert not ProfilePDF.objects.exists()


class ProfilePDFAccessTests(DemoSiteTestCase):
    def test_live_public_profile_has_pdf(self):
        page = self.profile("ITI1")

        response = self.client.get(page.url + "pdf/")

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"

    def test_unpublished_profile_has_no_pdf(self):
        page = self.profile("ITI1")
        url = page.url + "pdf/"
        page.unpublish()

        assert self.client.get(url).status_code == 404

    def test_draft_changes_are_not_in_pdf(self):
        page = self.profile("ITI1")
        page.title = "Draft title that is not published"
        page.save_revision()

        response = self.client.get(page.url + "pdf/")

        assert response.status_code == 200
        assert b"Draft title" not in b"".join(response.streaming_content)
        assert self.profile("ITI1").has_unpublished_changes

    def test_password_protected_profile_asks_for_the_password(self):
        page = self.profile("ITI1")
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )

        response = self.client.get(page.url + "pdf/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")

        self.client.post(
            reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]),
            {"password": "secret", "return_url": page.url + "pdf/"},
        )
        response = self.client.get(page.url + "pdf/")
        assert_private_pdf(response)

    def test_login_restricted_pdf_needs_login(self):
        page = self.profile("ITI1")
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

        response = self.client.get(page.url + "pdf/")
        assert response.status_code == 302
        assert "login" in response["Location"]

        self.client.force_login(get_user_model().objects.create_user("reader"))
        assert_private_pdf(self.client.get(page.url + "pdf/"))

    def test_profile_of_draft_edition_has_no_pdf(self):
        page = self.profile("ITI1")
        self.edition.status = EditionStatus.DRAFT
        self.edition.save()

        assert self.client.get(page.url + "pdf/").status_code == 404

    def test_unknown_subpath_is_404(self):
        page = self.profile("ITI1")

        assert self.client.get(page.url + "pdf/extra/").status_code == 404


class StoredPDFAccessTests(DemoSiteTestCase):
    """A stored PDF is served without page routing only while the page is live and public."""

    def setUp(self):
        self.page = self.profile("ITI1")
        self.url = self.page.url + "pdf/"
        assert self.client.get(self.url).status_code == 200

    def test_stored_pdf_served_with_one_query(self):
        with self.assertNumQueries(1):
            response = self.client.get(self.url)

        assert response.status_code == 200
        assert response["ETag"]
        assert 'filename="iti1-mipex-reg-demo-2025-en.pdf"' in response["Content-Disposition"]

    def test_restriction_added_after_build_hides_stored_pdf(self):
        PageViewRestriction.objects.create(
            page=self.page, restriction_type=PageViewRestriction.LOGIN
        )

        response = self.client.get(self.url)

        assert response.status_code == 302  # to the login form, not the stored PDF
        assert "login" in response["Location"]

    def test_restriction_on_ancestor_hides_stored_pdf(self):
        PageViewRestriction.objects.create(
            page=self.pages.index, restriction_type=PageViewRestriction.LOGIN
        )

        response = self.client.get(self.url)

        assert response.status_code == 302  # to the login form, not the stored PDF
        assert "login" in response["Location"]

    def test_unpublished_page_hides_stored_pdf(self):
        self.profile("ITI1").unpublish()

        assert self.client.get(self.url).status_code == 404

    def test_draft_edition_hides_stored_pdf(self):
        self.edition.status = EditionStatus.DRAFT
        self.edition.save()

        assert self.client.get(self.url).status_code == 404
