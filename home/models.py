from wagtail.models import Page


class HomePage(Page):
    """The site's root page. Profile and comparison pages are built on top of it."""

    max_count = 1
