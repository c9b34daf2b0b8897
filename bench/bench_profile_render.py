"""Benchmark: render time of a published region profile against a bare Wagtail page.

Loads the demo (9 regions, 8 policy areas, 49 indicators and their composite parts) with
its pages, and adds a standard page whose only content is one rich-text field. Both pages
are requested through Django's test client, alternating, so that they share the same
process state. The target is a profile median at most 3 times the bare page's median.
With `--language ca`, the profile is the demo's Catalan translation, whose framework names
are read from translated snippets.
Run: .venv/bin/python bench/bench_profile_render.py [--rounds N] [--language ca]
"""

import argparse
import statistics
import time

from common import database_label, setup_django

TARGET_RATIO = 3.0
WARM_UP_ROUNDS = 5


def build_pages(language_code: str):
    from home.demo_pages import load_demo_pages
    from home.demo_translations import load_demo_translations
    from home.models import StandardPage
    from indicators.demo.loader import load_demo_data
    from regions.models import RegionProfilePage

    summary = load_demo_data()
    pages = load_demo_pages(summary.edition)
    if language_code != "en":
        load_demo_translations(pages.index)
    profile = RegionProfilePage.objects.live().get(
        region__code="ES51", locale__language_code=language_code
    )
    bare = StandardPage(
        title="Bare page",
        slug="bare-page",
        intro="<p>One paragraph of rich text, and nothing else on the page.</p>",
    )
    pages.home.add_child(instance=bare)
    bare.save_revision().publish()
    return profile.url, bare.url


def time_request(client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} returned {response.status_code}, expected 200.")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="Requests per page (default 200).")
    parser.add_argument(
        "--language",
        choices=["en", "ca"],
        default="en",
        help="Render the English profile, or its Catalan translation with translated "
        "policy area, dimension and indicator names (default en).",
    )
    arguments = parser.parse_args()
    rounds = arguments.rounds

    setup_django()
    from django.test import Client

    profile_url, bare_url = build_pages(arguments.language)
    client = Client()
    for _ in range(WARM_UP_ROUNDS):
        time_request(client, profile_url)
        time_request(client, bare_url)

    profile_times, bare_times = [], []
    for _ in range(rounds):
        profile_times.append(time_request(client, profile_url))
        bare_times.append(time_request(client, bare_url))

    profile_median = statistics.median(profile_times)
    bare_median = statistics.median(bare_times)
    ratio = profile_median / bare_median
    print(f"database: {database_label()}, rounds: {rounds}")
    print(f"profile {profile_url}: median {profile_median * 1000:.1f} ms")
    print(f"bare page {bare_url}: median {bare_median * 1000:.1f} ms")
    verdict = "within" if ratio <= TARGET_RATIO else "over"
    print(f"ratio: {ratio:.2f} ({verdict} the target of {TARGET_RATIO:g})")


if __name__ == "__main__":
    main()
