import pytest
from django.core.management import call_command
from wagtail.models import Page

from home.models import StandardPage
from regions.models import PolicyAreaPage, RegionIndexPage, RegionProfilePage

pytestmark = pytest.mark.django_db


def test_load_demo_builds_pages_once(client):
    call_command("load_demo")
    pages_after_first_run = Page.objects.count()
    call_command("load_demo")

    assert Page.objects.count() == pages_after_first_run
    assert RegionIndexPage.objects.live().count() == 1
    assert RegionProfilePage.objects.live().count() == 9
    assert PolicyAreaPage.objects.live().count() == 2
    assert StandardPage.objects.live().get().slug == "methodology"
    for page in Page.objects.live().exclude(depth=1).specific():
        assert client.get(page.url).status_code == 200, page.url
