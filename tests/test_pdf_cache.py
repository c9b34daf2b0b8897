"""Stored profile PDFs: built once per revision and data version, served with validators."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from indicators.models import Edition
from publications import builder
from publications.models import ProfilePDF
from tests.pdf_helpers import DemoSiteTestCase, pdf_text

pytestmark = pytest.mark.django_db


def response_bytes(response) -> bytes:
    return b"".join(response.streaming_content)


class ProfilePDFCacheTests(DemoSiteTestCase):
    def setUp(self):
        self.page = self.profile("SE224")
        self.url = self.page.url + "pdf/"

    def count_builds(self):
        return mock.patch.object(builder, "build_profile_pdf", wraps=builder.build_profile_pdf)

    def test_pdf_built_once_then_served_from_storage(self):
        with self.count_builds() as build:
            first = self.client.get(self.url)
            first_content = response_bytes(first)
            second = self.client.get(self.url)
            second_content = response_bytes(second)

        assert build.call_count == 1
        assert first_content == second_content
        stored = ProfilePDF.objects.get(page_id=self.page.pk)
        assert stored.revision_id == self.page.live_revision_id
        assert stored.data_version == Edition.objects.get(pk=self.edition.pk).scores_computed_at
        assert stored.size == len(first_content)

    def test_pdf_response_has_validators(self):
        response = self.client.get(self.url)
        stored = ProfilePDF.objects.get(page_id=self.page.pk)

        assert response["ETag"] == f'"{stored.etag}"'
        assert response["Last-Modified"]
        assert response["Content-Length"] == str(stored.size)

    def test_matching_etag_gets_304(self):
        etag = self.client.get(self.url)["ETag"]

        response = self.client.get(self.url, headers={"If-None-Match": etag})

        assert response.status_code == 304
        assert response["ETag"] == etag

    def test_if_modified_since_gets_304(self):
        last_modified = self.client.get(self.url)["Last-Modified"]

        response = self.client.get(self.url, headers={"If-Modified-Since": last_modified})

        assert response.status_code == 304

    def test_publishing_page_rebuilds_pdf(self):
        self.client.get(self.url)
        page = self.profile("SE224")
        page.title = "Skåne län, revised"

        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            page.save_revision().publish()

        stored = ProfilePDF.objects.get(page_id=page.pk)
        assert len(callbacks) >= 1
        assert not stored.stale
        assert stored.revision_id == self.profile("SE224").live_revision_id
        assert "Skåne län, revised" in pdf_text(stored.file.read())

    def test_stale_pdf_is_rebuilt_on_request(self):
        self.client.get(self.url)
        page = self.profile("SE224")
        page.title = "Skåne län, second revision"
        page.save_revision().publish()  # The rebuild is queued on commit, which never comes.
        assert ProfilePDF.objects.get(page_id=page.pk).stale

        content = response_bytes(self.client.get(self.url))

        assert "Skåne län, second revision" in pdf_text(content)
        assert not ProfilePDF.objects.get(page_id=page.pk).stale

    def test_recomputed_scores_rebuild_every_stored_pdf(self):
        other = self.profile("ITI1")
        self.client.get(self.url)
        self.client.get(other.url + "pdf/")
        recomputed_at = timezone.now() + timedelta(minutes=1)
        Edition.objects.filter(pk=self.edition.pk).update(scores_computed_at=recomputed_at)

        with self.captureOnCommitCallbacks(execute=True):
            self.client.get(self.url)

        for page_id in (self.page.pk, other.pk):
            assert ProfilePDF.objects.get(page_id=page_id).data_version == recomputed_at

    def test_unpublishing_deletes_stored_pdf(self):
        self.client.get(self.url)
        stored = ProfilePDF.objects.get(page_id=self.page.pk)
        storage, name = stored.file.storage, stored.file.name

        self.profile("SE224").unpublish()

        assert not ProfilePDF.objects.filter(page_id=self.page.pk).exists()
        assert not storage.exists(name)
