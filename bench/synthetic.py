"""The synthetic record the search benchmark runs on: skewed random text in PostgreSQL."""

import itertools
import random

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
  short_name, name_fr, slug, role, kind, country, admitted_on, admitted_on_precision, note)
SELECT now(), now(), 1, 'published', 'Participant ' || g, '', '', 'participant-' || g,
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
  others, attribution, stance, note)
SELECT now(), now(), 1, d.id, (SELECT min(id) FROM plenaries_participant) + (d.id * 7) %% 100,
  '', 'named', (ARRAY['proposed','supported','objected'])[1 + d.id %% 3], ''
FROM plenaries_decision d WHERE d.id %% 2 = 0;

INSERT INTO plenaries_position_sources (position_id, source_id)
SELECT p.id, (SELECT min(id) FROM plenaries_source) FROM plenaries_position p;

ALTER TABLE plenaries_decision_topics ENABLE TRIGGER plenaries_search_related;
ALTER TABLE plenaries_decision_participants_concerned ENABLE TRIGGER plenaries_search_related;
ALTER TABLE plenaries_decision ENABLE TRIGGER plenaries_decision_search_vector;
ALTER TABLE plenaries_statement ENABLE TRIGGER plenaries_statement_search_vector;

-- What Decision.save() keeps: the date lists sort by.
UPDATE plenaries_decision d SET sort_date = m.starts_on
FROM plenaries_meeting m WHERE m.id = d.meeting_id;

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
        "speaker_office, kind, issued_on, issued_on_precision, title, slug, body, press_contact"
    )
    with cursor.copy(f"COPY plenaries_statement ({columns}) FROM STDIN") as copy:
        for n in range(1, statements + 1):
            copy.write_row(
                ["now", "now", 1, "published", first_participant + n % 100, "", "", "speech",
                 f"{2000 + n % 27}-{1 + n % 12:02}-{1 + n % 28:02}", "day", sentence(8),
                 f"statement-{n}", sentence(100), ""]
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
        # The steady state autovacuum keeps: no dead rows left by the updates above, fresh
        # statistics for the planner.
        cursor.execute("VACUUM ANALYZE")
    refresh_search_words()
    return True
