"""PostgreSQL only: the search vectors hold only published participants' names, and the trigger
that refreshes them when a participant or one of its other names changes works.

Until now a participant's update failed in the trigger (it read `participant_id` on the
participant's own row), and a draft participant's names made published decisions findable by
them. SQLite has no such search (plenaries.search): this migration does nothing there."""

from django.db import migrations

SEARCH = """
-- Why triggers: a decision's search vector reads related rows (the names of the participants it
-- concerns, its topics) and a statement's reads its issuer's names, its topics and quotations.
-- A GeneratedField can only read its own row, and signals miss bulk operations (update(),
-- bulk_create(), raw SQL, another program writing to the database). A trigger sees every write.
--
-- How to change them: never edit this text or an earlier migration's (a database that already
-- ran a migration never runs it again). Write a new migration that runs CREATE OR REPLACE
-- FUNCTION for what changes, creates or drops triggers, and ends with the two UPDATEs at the
-- bottom so that every stored vector is recomputed; give it a reverse that restores this state.

-- The names a participant goes by (name, short name, every other name), once it is published:
-- a draft's names must not make published records findable.
CREATE OR REPLACE FUNCTION plenaries_participant_names(participant_id bigint) RETURNS text AS $$
  SELECT concat_ws(' ', p.name, p.short_name,
         (SELECT string_agg(n.name, ' ') FROM plenaries_participantname n
           WHERE n.participant_id = p.id))
    FROM plenaries_participant p WHERE p.id = $1 AND p.publication_status = 'published'
$$ LANGUAGE sql STABLE;

-- Setting search_vector to NULL makes the row's own trigger recompute it.
CREATE OR REPLACE FUNCTION plenaries_refresh_search_of_participant(participant_id bigint)
RETURNS void AS $$
  UPDATE plenaries_decision SET search_vector = NULL WHERE id IN
    (SELECT decision_id FROM plenaries_decision_participants_concerned
      WHERE participant_id = $1);
  UPDATE plenaries_statement SET search_vector = NULL WHERE issuer_id = $1;
$$ LANGUAGE sql;

-- A participant renamed, published or unpublished.
CREATE OR REPLACE FUNCTION plenaries_participant_changed() RETURNS trigger AS $$
BEGIN
  PERFORM plenaries_refresh_search_of_participant(NEW.id);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- Another name added, changed, moved to another participant or removed.
CREATE OR REPLACE FUNCTION plenaries_participant_name_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM plenaries_refresh_search_of_participant(OLD.participant_id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM plenaries_refresh_search_of_participant(NEW.participant_id);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_participant;
CREATE TRIGGER plenaries_search_related
  AFTER UPDATE OF name, short_name, publication_status ON plenaries_participant
  FOR EACH ROW EXECUTE FUNCTION plenaries_participant_changed();
DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_participantname;
CREATE TRIGGER plenaries_search_related AFTER INSERT OR UPDATE OR DELETE
  ON plenaries_participantname
  FOR EACH ROW EXECUTE FUNCTION plenaries_participant_name_changed();

-- The shared function keeps only the branches of the tables that still use it.
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
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

UPDATE plenaries_decision SET search_vector = NULL;
UPDATE plenaries_statement SET search_vector = NULL;
"""

# What 0006 applied for the participant tables, for migrating backwards.
REVERSE = """
DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_participant;
CREATE TRIGGER plenaries_search_related AFTER UPDATE OF name, short_name ON plenaries_participant
  FOR EACH ROW EXECUTE FUNCTION plenaries_refresh_search_of_related();
DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_participantname;
CREATE TRIGGER plenaries_search_related AFTER INSERT OR UPDATE OR DELETE
  ON plenaries_participantname
  FOR EACH ROW EXECUTE FUNCTION plenaries_refresh_search_of_related();
DROP FUNCTION IF EXISTS plenaries_participant_name_changed();
DROP FUNCTION IF EXISTS plenaries_participant_changed();
DROP FUNCTION IF EXISTS plenaries_refresh_search_of_participant(bigint);

CREATE OR REPLACE FUNCTION plenaries_participant_names(participant_id bigint) RETURNS text AS $$
  SELECT concat_ws(' ', p.name, p.short_name,
         (SELECT string_agg(n.name, ' ') FROM plenaries_participantname n
           WHERE n.participant_id = p.id))
    FROM plenaries_participant p WHERE p.id = $1
$$ LANGUAGE sql STABLE;

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

UPDATE plenaries_decision SET search_vector = NULL;
UPDATE plenaries_statement SET search_vector = NULL;
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("plenaries", "0010_other_names_timestamps")]

    operations = [migrations.RunPython(on_postgresql(SEARCH), on_postgresql(REVERSE))]
