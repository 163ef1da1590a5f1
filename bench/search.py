"""Search benchmark: `make bench-search`.

Builds a synthetic record in PostgreSQL (100,000 decisions and 20,000 statements by default, in
a database of its own), then times, for each class of query, the project's search doing what the
decisions page does (the top 20 with snippets, the total and the facet counts) and a naive
ILIKE '%term%' baseline doing the same work over the same fields, in the same run. It also times
the plain decisions list page at 1,000 and at 100,000 decisions.

    python bench/search.py                  # the whole benchmark (both sizes)
    python bench/search.py measure --decisions 1000 --statements 200   # one size, JSON out

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/kp_tracker_bench);
the small size uses the same name with _small appended.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kp_tracker_bench"
RUNS = 7  # timed runs of each query, after one warm-up run
BASELINE_RUNS = 2
PER_CLASS = 9  # queries in each of the six classes: 54 in all


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kp_tracker.settings")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()


def ensure_database(database_url):
    name = database_url.rsplit("/", 1)[1]
    server = database_url.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def query_classes(rng):
    """Six classes of at least nine queries, drawn from the synthetic record's own words."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM plenaries_decision') "
            "WHERE word ~ '^[a-z]+$' ORDER BY ndoc DESC"
        )
        stats = cursor.fetchall()
        cursor.execute("SELECT text FROM plenaries_decision ORDER BY random() LIMIT 200")
        texts = [row[0] for row in cursor.fetchall()]
    total = stats[0][1]
    common = [word for word, ndoc in stats if ndoc > total * 0.15][:PER_CLASS]
    # Words in 5 to 30 % of decisions: two of them together match from a few hundred decisions
    # to several thousand, on both sides of MAX_COUNTED.
    middling = [word for word, ndoc in stats if 0.05 * total < ndoc < 0.3 * total]
    frequency = dict(stats)
    phrases = []
    for text in texts:
        words = text.split()
        for first, second in zip(words, words[1:], strict=False):
            if (
                frequency.get(first, 10**9) < total * 0.01
                and frequency.get(second, 10**9) < total * 0.01
            ):
                phrases.append(f'"{first} {second}"')
                break
        if len(phrases) == PER_CLASS:
            break
    several = [" ".join(rng.sample(middling, 2)) for _ in range(PER_CLASS)]
    filters = {"outcome": "adopted", "year_from": "2005", "year_to": "2020"}
    classes = {}
    for name, queries in (("rare phrase", phrases), ("several terms", several),
                          ("one very common term", common)):  # fmt: skip
        classes[name] = [{"q": q} for q in queries]
        classes[f"{name} + filters"] = [{"q": q, **filters} for q in queries]
    return classes


def project_search(params):
    """What the decisions page does for a query (views.decisions.found_decisions): the total and
    facet counts, the top 20 with snippets, the suggestion. Only the rendering is left out."""
    from django.test import RequestFactory

    from plenaries.search import suggestion
    from plenaries.views.decisions import found_decisions

    found = found_decisions(RequestFactory().get("/decisions/", params).GET)
    list(found["decisions"])
    suggestion(found["query"])
    return found["total"]


def baseline_search(params):
    """The same work with ILIKE '%term%' over the same fields: every term, newest first."""
    from django.db.models import CharField, Lookup, Q, TextField
    from django.http import QueryDict

    from plenaries.filters import DecisionFilter
    from plenaries.models import Decision
    from plenaries.search import MAX_COUNTED, matching_pks
    from plenaries.views.decisions import SEARCH_PAGE_SIZE, facet_counts

    class ILike(Lookup):
        lookup_name = "ilike"

        def as_sql(self, compiler, connection):
            lhs, lhs_params = self.process_lhs(compiler, connection)
            rhs, rhs_params = self.process_rhs(compiler, connection)
            return f"{lhs} ILIKE {rhs}", lhs_params + rhs_params

    CharField.register_lookup(ILike)
    TextField.register_lookup(ILike)
    fields = Decision.objects.all().fallback_fields
    filters = {key: value for key, value in params.items() if key != "q"}
    data = QueryDict(mutable=True)
    data.update(filters)
    decisions = DecisionFilter(data, queryset=Decision.objects.published()).qs
    text = params["q"]
    terms = [text.strip('"')] if text.startswith('"') else text.split()
    for term in terms:
        matching = Q()
        for field in fields:
            matching |= Q(**{f"{field}__ilike": f"%{term}%"})
        decisions = decisions.filter(pk__in=Decision.objects.filter(matching).values("pk"))
    pks = matching_pks(decisions)  # the page's work: counting stops past MAX_COUNTED
    if len(pks) <= MAX_COUNTED:
        facet_counts(pks)
    page = list(decisions.newest_first().with_published("meeting")[:SEARCH_PAGE_SIZE])
    for decision in page:  # snippets: the text around the first term, escaped
        body = f"{decision.summary} {decision.conditions} {decision.text}"
        at = body.lower().find(terms[0].lower())
        body[max(at - 80, 0) : at + 80]


def exact_matches(params):
    """How many decisions match, all of them counted: what the table reports per class."""
    from django.http import QueryDict

    from plenaries.filters import DecisionFilter
    from plenaries.models import Decision

    data = QueryDict(mutable=True)
    data.update(params)
    return DecisionFilter(data, queryset=Decision.objects.published()).qs.count()


def timed(function, params, runs):
    function(params)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function(params)
        times.append((time.perf_counter() - start) * 1000)
    return times


def percentile(values, share):
    ordered_values = sorted(values)
    return ordered_values[
        min(len(ordered_values) - 1, int(round(share * (len(ordered_values) - 1))))
    ]


def list_page_times(runs=30):
    """The plain decisions list, as a reader opens it, through the whole Django stack."""
    from django.test import Client

    client = Client()
    times = []
    for run in range(runs + 3):
        start = time.perf_counter()
        response = client.get("/decisions/")
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200
        if run >= 3:
            times.append(elapsed)
    return times


def measure(args):
    database_url = args.database_url
    ensure_database(database_url)
    setup_django(database_url)
    from django.conf import settings
    from django.test.utils import setup_test_environment

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    setup_test_environment()
    started = time.perf_counter()
    from synthetic import build_record

    built = build_record(args.decisions, args.statements)
    result = {
        "decisions": args.decisions,
        "statements": args.statements,
        "built_seconds": round(time.perf_counter() - started, 1) if built else 0,
        "list_page_ms": list_page_times(),
    }
    if not args.list_only:
        rng = random.Random(11)
        result["classes"] = {}
        for name, queries in query_classes(rng).items():
            ours, theirs, totals = [], [], []
            for params in queries:
                ours += timed(project_search, params, RUNS)
                theirs += timed(baseline_search, params, BASELINE_RUNS)
                totals.append(exact_matches(params))
            result["classes"][name] = {
                "queries": [params["q"] for params in queries],
                "matches": totals,
                "ours_ms": ours,
                "baseline_ms": theirs,
            }
    print(json.dumps(result))


def run_size(url, decisions, statements, list_only):
    command = [sys.executable, __file__, "measure", "--database-url", url,
               "--decisions", str(decisions), "--statements", str(statements)]  # fmt: skip
    if list_only:
        command.append("--list-only")
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"The measurement failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(args):
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    small = run_size(url + "_small", 1000, 200, list_only=True)
    large = run_size(url, args.decisions, args.statements, list_only=False)
    print(
        f"Search benchmark: {large['decisions']:,} decisions, {large['statements']:,} statements"
        f" (built in {large['built_seconds']} s; 0 means reused), PostgreSQL,"
        f" {os.cpu_count()} cores"
    )
    print(
        f"Project search: top 20 with snippets, total and facet counts; {RUNS} runs per query."
        f" Baseline: ILIKE '%term%' doing the same work; {BASELINE_RUNS} runs per query."
    )
    print()
    header = (
        f"{'class':<30} {'n':>3} {'matches (median)':>16} {'ours p50':>9} {'ours p95':>9}"
        f" {'ILIKE p50':>10} {'ILIKE p95':>10} {'p95 ratio':>10}"
    )
    print(header)
    print("-" * len(header))
    verdicts = []
    for name, data in large["classes"].items():
        ours_p95 = percentile(data["ours_ms"], 0.95)
        theirs_p95 = percentile(data["baseline_ms"], 0.95)
        ratio = theirs_p95 / ours_p95
        print(
            f"{name:<30} {len(data['queries']):>3} {statistics.median(data['matches']):>16,.0f}"
            f" {percentile(data['ours_ms'], 0.5):>8.1f}ms {ours_p95:>7.1f}ms"
            f" {percentile(data['baseline_ms'], 0.5):>8.1f}ms {theirs_p95:>8.1f}ms {ratio:>9.1f}x"
        )
        verdicts.append((name, ours_p95 <= 50, ratio >= 20))
    small_p50 = statistics.median(small["list_page_ms"])
    large_p50 = statistics.median(large["list_page_ms"])
    print()
    print(
        f"Decisions list page (GET /decisions/, no query), median of 30: "
        f"{small_p50:.1f} ms at {small['decisions']:,} decisions, {large_p50:.1f} ms at "
        f"{large['decisions']:,}: ratio {large_p50 / small_p50:.2f}"
    )
    print()
    for name, fast, faster in verdicts:
        print(
            f"{name:<30} p95 <= 50 ms: {'met' if fast else 'NOT met'};"
            f" >= 20x ILIKE at p95: {'met' if faster else 'NOT met'}"
        )
    print(
        f"{'list page':<30} within 1.5x of 1,000: "
        f"{'met' if large_p50 / small_p50 <= 1.5 else 'NOT met'}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", nargs="?", default="report", choices=["report", "measure"])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--decisions", type=int, default=100_000)
    parser.add_argument("--statements", type=int, default=20_000)
    parser.add_argument("--list-only", action="store_true")
    args = parser.parse_args()
    measure(args) if args.mode == "measure" else report(args)


if __name__ == "__main__":
    main()
