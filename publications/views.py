"""Serve a profile's stored PDF, with ETag and Last-Modified for conditional requests."""

from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import (
    content_disposition_header,
    http_date,
    parse_http_date_safe,
    quote_etag,
)

from .builder import (
    build_profile_pdf,
    current_profile_pdf,
    has_pdf,
    has_public_pdf,
    live_profile,
    pdf_file_name,
)
from .models import ProfilePDF


def not_modified(request, etag: str, last_modified: int) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return etag in tags or "*" in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and last_modified <= since


def pdf_response(request, stored: ProfilePDF):
    """Return the stored file, or 304 when the request's validators match it."""
    etag = quote_etag(stored.etag)
    last_modified = int(stored.built_at.timestamp())
    if not_modified(request, etag, last_modified):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(
            stored.file.open("rb"), content_type="application/pdf", filename=stored.file_name
        )
        response["Content-Length"] = str(stored.size)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, no_cache=True)
    return response


def private_pdf_response(page) -> HttpResponse:
    """Build a restricted page's PDF for this request; nothing is stored or shared."""
    response = HttpResponse(build_profile_pdf(page), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, pdf_file_name(page))
    patch_cache_control(response, private=True, no_store=True)
    return response


def serve_profile_pdf(request, page):
    """Return the PDF of a live profile of a published edition; 404 for any other page.

    Wagtail checks the page's view restrictions before it routes a request here, so a
    restricted page's PDF reaches only the readers who may see the page.
    """
    page = live_profile(page.pk)
    if not has_pdf(page):
        raise Http404("This profile has no PDF.")
    if not has_public_pdf(page):
        return private_pdf_response(page)

    stored = current_profile_pdf(page)
    if stored.path != request.path:
        ProfilePDF.objects.filter(pk=stored.pk).update(path=request.path)
    return pdf_response(request, stored)
