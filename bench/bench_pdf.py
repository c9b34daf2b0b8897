"""Benchmark: build time of profile PDFs and of the publication, and serving a stored PDF.

Loads the demo (9 regions with published profiles), then measures:
- the build of one profile PDF (median of --rounds builds);
- the build of the publication for --regions profiles. The demo has 9 profiles, so the
  publication repeats them in turn until it has that many; each is rendered and laid out
  from scratch, as a distinct region would be;
- a request for a stored profile PDF against a request for a static file of the same size,
  both through Django's test client and full middleware, alternating. The target is a
  median at most 2 times the static file's.
Run: .venv/bin/python bench/bench_pdf.py [--rounds N] [--requests N] [--regions N]
"""

import argparse
import itertools
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from common import database_label, setup_django, time_call

SERVE_TARGET_RATIO = 2.0
WARM_UP_REQUESTS = 5
STATIC_DIR = Path(tempfile.mkdtemp(prefix="mipex-bench-static-"))
MEDIA_DIR = Path(tempfile.mkdtemp(prefix="mipex-bench-media-"))

urlpatterns: list = []


def build_urlpatterns() -> None:
    """Serve STATIC_DIR at /bench-static/ in front of the project's own URLs."""
    from django.urls import re_path
    from django.views.static import serve

    from mipexsite.urls import urlpatterns as project_patterns

    urlpatterns.append(
        re_path(r"^bench-static/(?P<path>.*)$", serve, {"document_root": str(STATIC_DIR)})
    )
    urlpatterns.extend(project_patterns)


def time_request(client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    elapsed = time.perf_counter() - start
    if response.status_code != 200 or not body:
        raise RuntimeError(f"GET {url} returned {response.status_code}, expected 200.")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="Profile builds (default 5).")
    parser.add_argument("--requests", type=int, default=200, help="Requests per URL (default 200).")
    parser.add_argument(
        "--regions", type=int, default=300, help="Profiles in the publication (default 300)."
    )
    options = parser.parse_args()

    setup_django()
    from django.test import Client, override_settings
    from wagtail.models import Locale

    from home.demo_pages import load_demo_pages
    from indicators.demo.loader import load_demo_data
    from publications import publication
    from publications.builder import build_profile_pdf, current_profile_pdf, live_profile
    from regions.models import RegionProfilePage

    summary = load_demo_data()
    load_demo_pages(summary.edition)
    profiles = list(
        RegionProfilePage.objects.live().filter(edition=summary.edition).order_by("region__name")
    )
    page = live_profile(profiles[0].pk)
    print(f"database: {database_label()}")

    profile_seconds = time_call(lambda: build_profile_pdf(page), repeat=options.rounds)
    content = build_profile_pdf(page)
    print(
        f"profile PDF ({page.region.code}, {len(content) // 1024} kB): "
        f"median {profile_seconds:.2f} s over {options.rounds} builds"
    )

    repeated = list(itertools.islice(itertools.cycle(profiles), options.regions))
    original = publication.published_profiles
    publication.published_profiles = lambda edition, locale: repeated
    start = time.perf_counter()
    document = publication.build_publication(summary.edition, Locale.get_default())
    publication_seconds = time.perf_counter() - start
    publication.published_profiles = original
    print(
        f"publication of {options.regions} profiles ({len(document) // 1024} kB): "
        f"{publication_seconds:.1f} s, {publication_seconds / options.regions:.2f} s per profile"
    )

    with override_settings(MEDIA_ROOT=str(MEDIA_DIR), ROOT_URLCONF=__name__):
        build_urlpatterns()
        stored = current_profile_pdf(page)
        shutil.copyfile(stored.file.path, STATIC_DIR / "same-size.pdf")
        pdf_url = page.url + "pdf/"
        static_url = "/bench-static/same-size.pdf"
        client = Client()
        for _ in range(WARM_UP_REQUESTS):
            time_request(client, pdf_url)
            time_request(client, static_url)
        pdf_times, static_times = [], []
        for _ in range(options.requests):
            pdf_times.append(time_request(client, pdf_url))
            static_times.append(time_request(client, static_url))

    pdf_median = statistics.median(pdf_times)
    static_median = statistics.median(static_times)
    ratio = pdf_median / static_median
    verdict = "within" if ratio <= SERVE_TARGET_RATIO else "over"
    print(f"stored PDF {pdf_url} ({stored.size // 1024} kB): median {pdf_median * 1000:.2f} ms")
    print(f"static file of the same size: median {static_median * 1000:.2f} ms")
    print(f"ratio: {ratio:.2f} ({verdict} the target of {SERVE_TARGET_RATIO:g})")

    shutil.rmtree(STATIC_DIR, ignore_errors=True)
    shutil.rmtree(MEDIA_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
