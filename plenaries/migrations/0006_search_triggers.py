"""PostgreSQL only: the triggers that keep the search vectors, and the search indexes.

SQLite has no full-text search of this kind: there the search falls back to matching every term
(plenaries.search) and this migration does nothing. The SQL is written out here, as it was first
applied, so that a new database gets what every existing one got; later changes are later
migrations (see 0011 for how to change the triggers, and why they are triggers at all)."""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations

SEARCH = """
-- Full-text search on PostgreSQL, as this migration first applied it: the stored, weighted
-- search vectors of decisions and statements, kept by triggers because they read related rows
-- (participants and their other names, topics, quotations), and the indexes search uses.
-- Later migrations change it (0011); this text stays as it was applied.

-- English stemming that ignores accents, so that "communique" finds "communiqué"; and the same
-- without stemming for the word list of suggestions.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'kp_english') THEN
    CREATE TEXT SEARCH CONFIGURATION kp_english (COPY = english);
    ALTER TEXT SEARCH CONFIGURATION kp_english
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'kp_simple') THEN
    CREATE TEXT SEARCH CONFIGURATION kp_simple (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION kp_simple
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
  END IF;
END
$$;

-- The names a participant goes by: name, short name and every other name.
CREATE OR REPLACE FUNCTION plenaries_participant_names(participant_id bigint) RETURNS text AS $$
  SELECT concat_ws(' ', p.name, p.short_name,
         (SELECT string_agg(n.name, ' ') FROM plenaries_participantname n
           WHERE n.participant_id = p.id))
    FROM plenaries_participant p WHERE p.id = $1
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION plenaries_decision_related_text(decision_id bigint) RETURNS text AS $$
  SELECT concat_ws(' ',
    (SELECT string_agg(plenaries_participant_names(dp.participant_id), ' ')
       FROM plenaries_decision_participants_concerned dp WHERE dp.decision_id = $1),
    (SELECT string_agg(t.name, ' ') FROM plenaries_decision_topics dt
       JOIN plenaries_topic t ON t.id = dt.topic_id WHERE dt.decision_id = $1))
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION plenaries_statement_related_text(statement_id bigint) RETURNS text AS $$
  SELECT concat_ws(' ',
    (SELECT string_agg(t.name, ' ') FROM plenaries_statement_topics st
       JOIN plenaries_topic t ON t.id = st.topic_id WHERE st.statement_id = $1))
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION plenaries_statement_quotations(statement_id bigint) RETURNS text AS $$
  SELECT coalesce(string_agg(q.text, ' '), '') FROM plenaries_quotation q WHERE q.statement_id = $1
$$ LANGUAGE sql STABLE;

-- Title > summary, names and topics > full text, conditions and quotations.
CREATE OR REPLACE FUNCTION plenaries_decision_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('kp_english', concat_ws(' ', NEW.title, NEW.identifier)), 'A') ||
    setweight(to_tsvector('kp_english', concat_ws(' ', NEW.summary,
                                               plenaries_decision_related_text(NEW.id))), 'B') ||
    setweight(to_tsvector('kp_english', concat_ws(' ', NEW.text, NEW.conditions)), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION plenaries_statement_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('kp_english', NEW.title), 'A') ||
    setweight(to_tsvector('kp_english', concat_ws(' ', NEW.speaker, NEW.speaker_office,
                                               plenaries_participant_names(NEW.issuer_id),
                                               plenaries_statement_related_text(NEW.id))), 'B') ||
    setweight(to_tsvector('kp_english', concat_ws(' ', NEW.body,
                                               plenaries_statement_quotations(NEW.id))), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS plenaries_decision_search_vector ON plenaries_decision;
CREATE TRIGGER plenaries_decision_search_vector
  BEFORE INSERT OR UPDATE OF title, identifier, summary, text, conditions, search_vector
  ON plenaries_decision FOR EACH ROW EXECUTE FUNCTION plenaries_decision_search_vector();

DROP TRIGGER IF EXISTS plenaries_statement_search_vector ON plenaries_statement;
CREATE TRIGGER plenaries_statement_search_vector
  BEFORE INSERT OR UPDATE OF title, speaker, speaker_office, body, issuer_id, search_vector
  ON plenaries_statement FOR EACH ROW EXECUTE FUNCTION plenaries_statement_search_vector();

-- Related rows changed: setting search_vector to NULL makes the row's own trigger recompute it.
CREATE OR REPLACE FUNCTION plenaries_refresh_search_of_related() RETURNS trigger AS $$
DECLARE
  changed record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  IF TG_TABLE_NAME IN ('plenaries_decision_participants_concerned', 'plenaries_decision_topics') THEN
    UPDATE plenaries_decision SET search_vector = NULL WHERE id = changed.decision_id;
  ELSIF TG_TABLE_NAME IN ('plenaries_statement_topics', 'plenaries_quotation') THEN
    UPDATE plenaries_statement SET search_vector = NULL WHERE id = changed.statement_id;
  ELSIF TG_TABLE_NAME = 'plenaries_topic' THEN
    UPDATE plenaries_decision SET search_vector = NULL WHERE id IN
      (SELECT decision_id FROM plenaries_decision_topics WHERE topic_id = changed.id);
    UPDATE plenaries_statement SET search_vector = NULL WHERE id IN
      (SELECT statement_id FROM plenaries_statement_topics WHERE topic_id = changed.id);
  ELSE  -- a participant, or one of its other names
    UPDATE plenaries_decision SET search_vector = NULL WHERE id IN
      (SELECT decision_id FROM plenaries_decision_participants_concerned
        WHERE participant_id = CASE WHEN TG_TABLE_NAME = 'plenaries_participant'
                                    THEN changed.id ELSE changed.participant_id END);
    UPDATE plenaries_statement SET search_vector = NULL WHERE issuer_id =
      CASE WHEN TG_TABLE_NAME = 'plenaries_participant' THEN changed.id
           ELSE changed.participant_id END;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_decision_participants_concerned;
CREATE TRIGGER plenaries_search_related AFTER INSERT OR DELETE
  ON plenaries_decision_participants_concerned
  FOR EACH ROW EXECUTE FUNCTION plenaries_refresh_search_of_related();
DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_decision_topics;
CREATE TRIGGER plenaries_search_related AFTER INSERT OR DELETE ON plenaries_decision_topics
  FOR EACH ROW EXECUTE FUNCTION plenaries_refresh_search_of_related();
DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_statement_topics;
CREATE TRIGGER plenaries_search_related AFTER INSERT OR DELETE ON plenaries_statement_topics
  FOR EACH ROW EXECUTE FUNCTION plenaries_refresh_search_of_related();
DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_quotation;
CREATE TRIGGER plenaries_search_related AFTER INSERT OR UPDATE OR DELETE ON plenaries_quotation
  FOR EACH ROW EXECUTE FUNCTION plenaries_refresh_search_of_related();
DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_topic;
CREATE TRIGGER plenaries_search_related AFTER UPDATE OF name ON plenaries_topic
  FOR EACH ROW EXECUTE FUNCTION plenaries_refresh_search_of_related();
DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_participant;
CREATE TRIGGER plenaries_search_related AFTER UPDATE OF name, short_name ON plenaries_participant
  FOR EACH ROW EXECUTE FUNCTION plenaries_refresh_search_of_related();
DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_participantname;
CREATE TRIGGER plenaries_search_related AFTER INSERT OR UPDATE OR DELETE
  ON plenaries_participantname
  FOR EACH ROW EXECUTE FUNCTION plenaries_refresh_search_of_related();

CREATE INDEX IF NOT EXISTS plenaries_decision_search_gin
  ON plenaries_decision USING gin (search_vector);
CREATE INDEX IF NOT EXISTS plenaries_statement_search_gin
  ON plenaries_statement USING gin (search_vector);
CREATE INDEX IF NOT EXISTS plenaries_searchword_trigram
  ON plenaries_searchword USING gin (word gin_trgm_ops);

-- Fill the vectors of rows that exist already.
UPDATE plenaries_decision SET search_vector = NULL;
UPDATE plenaries_statement SET search_vector = NULL;
"""

DROP = """
DROP INDEX IF EXISTS plenaries_searchword_trigram;
DROP INDEX IF EXISTS plenaries_statement_search_gin;
DROP INDEX IF EXISTS plenaries_decision_search_gin;
DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_participantname;
DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_participant;
DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_topic;
DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_quotation;
DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_statement_topics;
DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_decision_topics;
DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_decision_participants_concerned;
DROP TRIGGER IF EXISTS plenaries_statement_search_vector ON plenaries_statement;
DROP TRIGGER IF EXISTS plenaries_decision_search_vector ON plenaries_decision;
DROP FUNCTION IF EXISTS plenaries_refresh_search_of_related();
DROP FUNCTION IF EXISTS plenaries_statement_search_vector();
DROP FUNCTION IF EXISTS plenaries_decision_search_vector();
DROP FUNCTION IF EXISTS plenaries_statement_quotations(bigint);
DROP FUNCTION IF EXISTS plenaries_statement_related_text(bigint);
DROP FUNCTION IF EXISTS plenaries_decision_related_text(bigint);
DROP FUNCTION IF EXISTS plenaries_participant_names(bigint);
DROP TEXT SEARCH CONFIGURATION IF EXISTS kp_simple;
DROP TEXT SEARCH CONFIGURATION IF EXISTS kp_english;
"""


class Extension(CreateExtension):
    """Django's CreateExtension, reversible on SQLite too: its reversal, unlike its application,
    asks PostgreSQL's catalogue whatever the database."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("plenaries", "0005_search_vectors")]

    operations = [
        Extension("pg_trgm"),
        Extension("unaccent"),
        migrations.RunPython(on_postgresql(SEARCH), on_postgresql(DROP)),
    ]
