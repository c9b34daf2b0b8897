"""Serve stored, current profile PDFs before Wagtail routes the request through the page tree.

Routing a page URL costs Wagtail about ten queries (site, locale, every page on the path,
view restrictions). This middleware serves a stored PDF after one SQL query, which checks
the same conditions as the page's `pdf/` route: the page is live and has no view
restriction on itself or an ancestor, its edition is published, and the stored PDF is of
its live revision and current data version. Any request that the query does not match
goes on to that route, which checks access again and builds the PDF if needed.
"""

from functools import cache

from django.db import connection
from wagtail.models import Page, PageViewRestriction

from indicators.models import Edition, EditionStatus
from regions.models import RegionProfilePage

from .models import ProfilePDF
from .views import pdf_response

PDF_PATH_SUFFIX = "/pdf/"
STORED_FIELDS = ("id", "page_id", "file", "file_name", "etag", "size", "built_at")


@cache
def current_pdf_query() -> str:
    # Written in SQL rather than the ORM because compiling the equivalent queryset takes
    # longer than serving the file. `||` and LIKE work the same on SQLite and PostgreSQL;
    # page paths use only 0-9 and A-Z, so they hold no LIKE wildcard.
    columns = ", ".join(f"pdf.{connection.ops.quote_name(name)}" for name in STORED_FIELDS)
    # Only table and column names are formatted in; the values are query parameters.
    return f"""
        SELECT {columns}
        FROM {ProfilePDF._meta.db_table} pdf
        JOIN {Page._meta.db_table} page ON page.id = pdf.page_id
        JOIN {RegionProfilePage._meta.db_table} profile ON profile.page_ptr_id = page.id
        JOIN {Edition._meta.db_table} edition ON edition.id = profile.edition_id
        WHERE pdf.path = %s
          AND NOT pdf.stale
          AND page.live
          AND pdf.revision_id = page.live_revision_id
          AND edition.status = %s
          AND (pdf.data_version = edition.scores_computed_at
               OR (pdf.data_version IS NULL AND edition.scores_computed_at IS NULL))
          AND NOT EXISTS (
              SELECT 1
              FROM {PageViewRestriction._meta.db_table} restriction
              JOIN {Page._meta.db_table} restricted ON restricted.id = restriction.page_id
              WHERE page.path LIKE restricted.path || '%%'
          )
    """  # noqa: S608


def current_stored_pdf(path: str) -> ProfilePDF | None:
    """Return the stored PDF at a URL path if its page is live, public and unchanged."""
    with connection.cursor() as cursor:
        cursor.execute(current_pdf_query(), [path, EditionStatus.PUBLISHED])
        row = cursor.fetchone()
    if row is None:
        return None
    values = dict(zip(STORED_FIELDS, row, strict=True))
    if not values["file"]:
        return None
    return ProfilePDF(**values)


class StoredPDFMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path.endswith(PDF_PATH_SUFFIX):
            stored = current_stored_pdf(request.path)
            if stored is not None:
                return pdf_response(request, stored)
        return self.get_response(request)
