"""API throughput beside the pages': `make bench-api`.

Builds the search benchmark's synthetic record in PostgreSQL (1,000 decisions and 200
statements, in a database of its own), then asks, in one run and one process, each public page
and the API's answer for the same records: a list of 50, a filtered list, a search, and a
decision, a participant and a meeting. Each address is asked for BENCH_SECONDS seconds after a
warm-up, through Django's whole stack (middleware, views, templates or serializers) in-process,
so that the figures compare the work each does, not a network. It prints requests per second,
the median and 95th percentile time of each, and the API's throughput as a ratio of the page's.

Environment: BENCH_API_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/kp_tracker_bench_api), BENCH_SECONDS (default 3).
"""

import os
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "bench"))

from search import ensure_database, percentile, setup_django  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kp_tracker_bench_api"
SECONDS = float(os.environ.get("BENCH_SECONDS", "3"))


def addresses():
    """(what, the page's address, the API's) for the same records, read from the record."""
    from django.urls import reverse

    from plenaries.models import Decision, Meeting, Participant, SearchWord

    decision = Decision.objects.published().newest_first().first()
    participant = Participant.objects.published().order_by("pk").first()
    meeting = Meeting.objects.published().order_by("-year").first()
    word = SearchWord.objects.order_by("-documents").values_list("word", flat=True)[50]
    pairs = [
        ("decisions, newest 50", "plenaries:decision-list", "api:decision-list", ""),
        ("decisions blocked", "plenaries:decision-list", "api:decision-list", "outcome=blocked"),
        ("decisions searched", "plenaries:decision-list", "api:decision-list", f"q={word}"),
        ("statements, newest 50", "plenaries:statement-list", "api:statement-list", ""),
    ]

    def address(name, query):
        return f"{reverse(name)}?{query}" if query else reverse(name)

    rows = [(what, address(page, query), address(api, query)) for what, page, api, query in pairs]
    for what, record, basename in (
        ("a decision", decision, "decision"),
        ("a participant", participant, "participant"),
        ("a meeting", meeting, "meeting"),
    ):
        api = reverse(f"api:{basename}-detail", kwargs={"slug": record.slug})
        rows.append((what, record.get_absolute_url(), api))
    return rows


def throughput(client, address, **headers):
    """(requests per second, median ms, 95th percentile ms) of `address` over SECONDS."""
    for _ in range(3):
        response = client.get(address, **headers)
        assert response.status_code in (200, 304), (address, response.status_code)
    times = []
    started = time.perf_counter()
    while time.perf_counter() - started < SECONDS:
        began = time.perf_counter()
        client.get(address, **headers)
        times.append(time.perf_counter() - began)
    elapsed = time.perf_counter() - started
    return len(times) / elapsed, statistics.median(times) * 1000, percentile(times, 0.95) * 1000


def main():
    database_url = os.environ.get("BENCH_API_DATABASE_URL", DEFAULT_URL)
    ensure_database(database_url)
    setup_django(database_url)
    from django.conf import settings
    from django.test import Client, override_settings
    from synthetic import build_record

    from plenaries.models import Decision, Statement

    build_record(1000, 200)
    print(
        f"{Decision.objects.count()} decisions, {Statement.objects.count()} statements; "
        f"{SECONDS:g} s per address, in-process, PostgreSQL"
    )
    client = Client(HTTP_HOST="localhost")
    header = f"{'':24} {'page req/s':>10} {'p50 ms':>7} {'p95 ms':>7}  "
    header += f"{'API req/s':>9} {'p50 ms':>7} {'p95 ms':>7}  {'API/page':>8}"
    print(header)
    # No throttle, and static files by name: nothing is collected for a benchmark.
    plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    storages = {**settings.STORAGES, "staticfiles": plain_static}
    with override_settings(API_RATE="1000000/minute", STORAGES=storages):
        for what, page, api in addresses():
            page_rate, page_p50, page_p95 = throughput(client, page)
            api_rate, api_p50, api_p95 = throughput(client, api, HTTP_ACCEPT="application/json")
            print(
                f"{what:24} {page_rate:10.1f} {page_p50:7.1f} {page_p95:7.1f}  "
                f"{api_rate:9.1f} {api_p50:7.1f} {api_p95:7.1f}  {api_rate / page_rate:7.2f}x"
            )
        api = addresses()[0][2]
        etag = client.get(api, HTTP_ACCEPT="application/json")["ETag"]
        full, _, _ = throughput(client, api, HTTP_ACCEPT="application/json")
        repeated, p50, p95 = throughput(
            client, api, HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=etag
        )
        print(
            f"{'decisions API, 304':24} {'':10} {'':7} {'':7}  {repeated:9.1f} {p50:7.1f} "
            f"{p95:7.1f}  {repeated / full:7.2f}x the 200"
        )


if __name__ == "__main__":
    main()
