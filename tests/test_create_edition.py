import io

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_framework

pytestmark = pytest.mark.django_db


def test_create_edition_command():
    framework = make_framework({"x": {"x1": ["i1"]}}, name="Pilot")
    output = io.StringIO()

    call_command("create_edition", "--framework", "pilot", "--year", "2027", stdout=output)

    edition = framework.editions.get()
    assert (edition.slug, edition.title, edition.status) == ("pilot-2027", "Pilot 2027", "draft")
    assert output.getvalue() == "Created draft edition pilot-2027.\n"


def test_create_edition_errors():
    make_framework({"x": {"x1": ["i1"]}}, name="Pilot")
    call_command("create_edition", "--framework", "pilot", "--year", "2027", "--published")

    with pytest.raises(CommandError, match='Framework "nope" not found .*known frameworks: pilot'):
        call_command("create_edition", "--framework", "nope", "--year", "2027")
    with pytest.raises(CommandError, match='Edition "pilot-2027" already exists'):
        call_command("create_edition", "--framework", "pilot", "--year", "2027")
