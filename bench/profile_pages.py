"""Where an uncached page's time goes: `make bench-profile`.

Prepares the database `make bench-load` uses (bench/load.py's set_up: the demo record as `make
serve` loads it), then asks each page of bench/load.py's PAGES through Django's whole stack in
this process, with production settings and the page cache off: CPU time per request (100 requests
after 5 to warm up). A record's page is asked again with its view's get_object() answering from
memory, which shows what the page would cost if reading the record cost nothing; the last column
is the best ratio to robots.txt the page could then reach, in process. Then cProfile, with a
CPU-time timer, gives each page's share of the main parts of the work.
"""

import cProfile
import os
import pstats
import sys
import time
from contextlib import contextmanager

import load

REQUESTS = 100
PROFILED_REQUESTS = 50

# The parts whose share of a page is printed: (file, function) -> label.
PARTS = {
    ("django/views/generic/detail.py", "get_object"): "the record and its prefetches",
    ("django/db/models/query.py", "_fetch_all"): "querysets evaluated",
    ("django/db/models/sql/compiler.py", "as_sql"): "SQL compiled",
    ("django/db/backends/utils.py", "execute"): "SQL executed",
    ("django/template/backends/django.py", "render"): "the template (and the queries it runs)",
    ("plenaries/markup.py", "render_markdown"): "Markdown",
    ("plenaries/context_processors.py", "last_updated"): "the footer's last update",
    ("plenaries/changes.py", "record_version"): "the record's version",
}


def set_up_django():
    os.environ.update(load.SERVE_ENV, PAGE_CACHE="false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kp_tracker.settings")
    sys.path.insert(0, str(load.PROJECT))
    import django

    django.setup()


def cpu_per_request(client, path, requests=REQUESTS):
    """Milliseconds of this process's CPU per request."""
    for _ in range(5):
        assert client.get(path).status_code == 200, path
    started = time.process_time()
    for _ in range(requests):
        client.get(path)
    return 1000 * (time.process_time() - started) / requests


@contextmanager
def record_from_memory(view):
    """The view's get_object() reads the record once, then answers from memory."""
    original = view.get_object
    kept = {}

    def get_object(self, queryset=None):
        if "record" not in kept:
            kept["record"] = original(self, queryset)
        return kept["record"]

    view.get_object = get_object
    try:
        yield
    finally:
        view.get_object = original


def shares(client, path):
    """{label: share of the profiled CPU time} for PARTS, and calls per request."""
    profile = cProfile.Profile(time.process_time)
    profile.enable()
    for _ in range(PROFILED_REQUESTS):
        client.get(path)
    profile.disable()
    stats = pstats.Stats(profile).stats
    total = sum(inline for (_calls, _primitive, inline, _cumulative, _callers) in stats.values())
    found = {}
    for (filename, _line, function), (calls, _primitive, _inline, cumulative, _) in stats.items():
        for (ending, name), label in PARTS.items():
            if function == name and filename.endswith(ending):
                share, count = found.get(label, (0, 0))
                found[label] = (share + cumulative / total, count + calls / PROFILED_REQUESTS)
    return found


def main():
    load.set_up()
    set_up_django()
    from django.test import Client

    from plenaries.views.decisions import DecisionDetailView
    from plenaries.views.meetings import MeetingDetailView
    from plenaries.views.participants import ParticipantDetailView

    record_views = {
        "meeting": MeetingDetailView,
        "decision": DecisionDetailView,
        "participant": ParticipantDetailView,
    }
    client = Client(HTTP_HOST="localhost")
    robots = cpu_per_request(client, "/robots.txt")
    print(
        "In process: Django's test client, production settings, no page cache, PostgreSQL with "
        f"the demo record; CPU per request over {REQUESTS} requests"
    )
    print(f"{'page':20} {'whole ms':>9} {'record from memory ms':>22} {'best ratio':>11}")
    print(f"{'robots.txt':20} {robots:9.2f}")
    for name, path in load.PAGES.items():
        whole = cpu_per_request(client, path)
        line = f"{name:20} {whole:9.1f}"
        if name in record_views:
            with record_from_memory(record_views[name]):
                floor = cpu_per_request(client, path)
            line += f" {floor:22.1f} {robots / floor:10.3f}x"
        print(line)
    print()
    print(f"Share of each page's CPU (cProfile, {PROFILED_REQUESTS} requests), calls per request")
    for name, path in load.PAGES.items():
        print(path)
        found = shares(client, path)
        for label, (share, calls) in sorted(found.items(), key=lambda item: -item[1][0]):
            print(f"  {100 * share:5.1f}%  {label} ({calls:g} a request)")
        if name in record_views:
            with record_from_memory(record_views[name]):
                found = shares(client, path)
            share, _calls = found.get("the template (and the queries it runs)", (0, 0))
            print(f"  {100 * share:5.1f}%  the template, with the record from memory")


if __name__ == "__main__":
    main()
