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
import itertools
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


SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vi", "zo", "pe", "sa", "do", "ri", "mu", "ge",
             "fa", "bo", "li", "no", "ke", "tu", "ya", "xe", "hi", "wa"]  # fmt: skip
REAL_WORDS = ["diamond", "export", "vigilance", "monitoring", "certificate", "artisanal",
              "alluvial", "review", "mission", "secretariat", "plenary", "communique",
              "consensus", "suspension", "kimberley", "statistics", "conflict"]  # fmt: skip


def vocabulary(size=6000, seed=7):
    """Pseudo-words, the first ones the most frequent once drawn with a skewed distribution."""
    rng = random.Random(seed)
    words = list(REAL_WORDS)
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


GENERATE = """
SET CONSTRAINTS ALL IMMEDIATE;
ALTER TABLE plenaries_decision_topics DISABLE TRIGGER plenaries_search_related;
ALTER TABLE plenaries_decision_participants_concerned DISABLE TRIGGER plenaries_search_related;
ALTER TABLE plenaries_decision DISABLE TRIGGER plenaries_decision_search_vector;
ALTER TABLE plenaries_statement DISABLE TRIGGER plenaries_statement_search_vector;

INSERT INTO plenaries_participant (created_at, updated_at, version, publication_status, name,
  short_name, slug, role, kind, country, admitted_on, admitted_on_precision, note)
SELECT now(), now(), 1, 'published', 'Participant ' || g, '', 'participant-' || g,
  'participant', '', '', NULL, 'day', '' FROM generate_series(1, 100) g;

INSERT INTO plenaries_topic (created_at, updated_at, version, name, slug, description)
SELECT now(), now(), 1, 'Topic ' || g, 'topic-' || g, '' FROM generate_series(1, 30) g;

INSERT INTO plenaries_meeting (created_at, updated_at, version, publication_status, kind, year,
  ordinal, city, country, host_id, starts_on, ends_on, format, communique_issued, summary, slug)
SELECT now(), now(), 1, 'published', 'plenary', 2000 + g %% 27, NULL, 'City ' || g, '', NULL,
  make_date(2000 + g %% 27, 1 + g %% 12, 1), make_date(2000 + g %% 27, 1 + g %% 12, 4), '', NULL,
  '', 'meeting-' || g FROM generate_series(1, %(meetings)s) g;

"""

GENERATE_RELATED = """
SET CONSTRAINTS ALL IMMEDIATE;
INSERT INTO plenaries_decision_topics (decision_id, topic_id)
SELECT d.id, t.id FROM plenaries_decision d
JOIN plenaries_topic t ON t.id = (SELECT min(id) FROM plenaries_topic) + d.id %% 30;

INSERT INTO plenaries_decision_participants_concerned (decision_id, participant_id)
SELECT d.id, p.id FROM plenaries_decision d
JOIN plenaries_participant p ON p.id = (SELECT min(id) FROM plenaries_participant) + d.id %% 100
WHERE d.id %% 3 = 0;

INSERT INTO plenaries_position (created_at, updated_at, version, decision_id, participant_id,
  stance, note, statement_id, source_id)
SELECT now(), now(), 1, d.id, (SELECT min(id) FROM plenaries_participant) + (d.id * 7) %% 100,
  (ARRAY['proposed','supported','objected'])[1 + d.id %% 3], '', NULL,
  (SELECT min(id) FROM plenaries_source)
FROM plenaries_decision d WHERE d.id %% 2 = 0;

ALTER TABLE plenaries_decision_topics ENABLE TRIGGER plenaries_search_related;
ALTER TABLE plenaries_decision_participants_concerned ENABLE TRIGGER plenaries_search_related;
ALTER TABLE plenaries_decision ENABLE TRIGGER plenaries_decision_search_vector;
ALTER TABLE plenaries_statement ENABLE TRIGGER plenaries_statement_search_vector;

-- One pass computes every vector, related names and topics included, as the triggers would.
UPDATE plenaries_decision SET search_vector = NULL;
UPDATE plenaries_statement SET search_vector = NULL;
"""


def copy_texts(cursor, decisions, statements, words):
    """Decisions and statements with skewed random text, sent with COPY: fast at 100,000."""
    rng = random.Random(3)
    weights = list(itertools.accumulate(1 / (rank + 1) ** 1.1 for rank in range(len(words))))

    def sentence(count):
        return " ".join(rng.choices(words, cum_weights=weights, k=count))

    cursor.execute("SELECT min(id), count(*) FROM plenaries_meeting")
    first_meeting, meetings = cursor.fetchone()
    cursor.execute("SELECT min(id) FROM plenaries_participant")
    first_participant = cursor.fetchone()[0]
    outcomes = ["adopted", "adopted", "adopted", "blocked", "deferred", "noted", "rejected"]
    columns = (
        "created_at, updated_at, version, publication_status, meeting_id, written_procedure, "
        "decided_on_precision, title, slug, identifier, summary, text, outcome, conditions, "
        "effective_on_precision, review_on_precision"
    )
    with cursor.copy(f"COPY plenaries_decision ({columns}) FROM STDIN") as copy:
        for n in range(1, decisions + 1):
            copy.write_row(
                ["now", "now", 1, "published", first_meeting + n % meetings, False, "day",
                 sentence(8), f"decision-{n}", "", sentence(40), sentence(80),
                 outcomes[n % 7], sentence(12) if n % 5 == 0 else "", "day", "day"]
            )  # fmt: skip
    columns = (
        "created_at, updated_at, version, publication_status, issuer_id, speaker, "
        "speaker_office, kind, issued_on_precision, title, slug, body, press_contact"
    )
    with cursor.copy(f"COPY plenaries_statement ({columns}) FROM STDIN") as copy:
        for n in range(1, statements + 1):
            copy.write_row(
                ["now", "now", 1, "published", first_participant + n % 100, "", "", "speech",
                 "day", sentence(8), f"statement-{n}", sentence(100), ""]
            )  # fmt: skip


def build_record(decisions, statements):
    from django.core.management import call_command
    from django.db import connection

    from plenaries.models import Decision, Source, Statement
    from plenaries.search import refresh_search_words

    call_command("migrate", verbosity=0)
    if Decision.objects.count() == decisions and Statement.objects.count() == statements:
        return False
    words = vocabulary()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE plenaries_decision, plenaries_statement, plenaries_meeting, "
            "plenaries_participant, plenaries_topic, plenaries_source CASCADE"
        )
    Source.objects.create(title="Synthetic source")
    with connection.cursor() as cursor:
        cursor.execute(GENERATE, {"meetings": max(decisions // 200, 5)})
        copy_texts(cursor.cursor, decisions, statements, words)
        cursor.execute(GENERATE_RELATED, {})
        cursor.execute("ANALYZE")
    refresh_search_words()
    return True


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
    middling = [word for word, ndoc in stats if 0.002 * total < ndoc < 0.02 * total]
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
    """What the decisions page does for a query: facets (and so the total), top 20, snippets."""
    from django.http import QueryDict

    from plenaries.filters import DecisionFilter
    from plenaries.models import Decision
    from plenaries.search import snippets
    from plenaries.views.decisions import SEARCH_PAGE_SIZE, facet_counts, ordered

    data = QueryDict(mutable=True)
    data.update(params)
    filterset = DecisionFilter(
        data, queryset=Decision.objects.published().select_related("meeting")
    )
    results = filterset.qs
    facets = facet_counts(results)
    total = sum(facets["outcome"].values())
    page = list(ordered(results, filterset.order)[:SEARCH_PAGE_SIZE])
    snippets(page, filterset.text)
    return total


def baseline_search(params):
    """The same work with ILIKE '%term%' over the same fields: every term, newest first."""
    from django.db.models import CharField, Lookup, Q, TextField
    from django.http import QueryDict

    from plenaries.filters import DecisionFilter
    from plenaries.models import Decision
    from plenaries.views.decisions import SEARCH_PAGE_SIZE, facet_counts

    class ILike(Lookup):
        lookup_name = "ilike"

        def as_sql(self, compiler, connection):
            lhs, lhs_params = self.process_lhs(compiler, connection)
            rhs, rhs_params = self.process_rhs(compiler, connection)
            return f"{lhs} ILIKE {rhs}", lhs_params + rhs_params

    CharField.register_lookup(ILike)
    TextField.register_lookup(ILike)
    from plenaries.search import FALLBACK_FIELDS

    fields = FALLBACK_FIELDS[Decision]
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
    facets = facet_counts(decisions)
    total = sum(facets["outcome"].values())
    page = list(decisions.newest_first().select_related("meeting")[:SEARCH_PAGE_SIZE])
    for decision in page:  # snippets: the text around the first term, escaped
        body = f"{decision.summary} {decision.conditions} {decision.text}"
        at = body.lower().find(terms[0].lower())
        body[max(at - 80, 0) : at + 80]
    return total


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
                totals.append(project_search(params))
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
