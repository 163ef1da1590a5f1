"""Participants carry their French name, so that a French query finds what its English
equivalent finds where the words are names ("République centrafricaine").

States get theirs from django-countries, here for the rows that exist and on every save after
(Participant.save()). On PostgreSQL the French name joins the names a participant goes by in the
search vectors of decisions and statements, and renaming it refreshes them (see 0011 for how the
triggers are changed, and why they are triggers). SQLite's fallback reads the field itself."""

from django.db import migrations, models
from django.utils import translation
from django_countries import countries

SEARCH = """
-- The names a participant goes by, now with its French name, once it is published.
CREATE OR REPLACE FUNCTION plenaries_participant_names(participant_id bigint) RETURNS text AS $$
  SELECT concat_ws(' ', p.name, p.short_name, p.name_fr,
         (SELECT string_agg(n.name, ' ') FROM plenaries_participantname n
           WHERE n.participant_id = p.id))
    FROM plenaries_participant p WHERE p.id = $1 AND p.publication_status = 'published'
$$ LANGUAGE sql STABLE;

DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_participant;
CREATE TRIGGER plenaries_search_related
  AFTER UPDATE OF name, short_name, name_fr, publication_status ON plenaries_participant
  FOR EACH ROW EXECUTE FUNCTION plenaries_participant_changed();

UPDATE plenaries_decision SET search_vector = NULL;
UPDATE plenaries_statement SET search_vector = NULL;
"""

# What 0011 applied, for migrating backwards.
REVERSE = """
CREATE OR REPLACE FUNCTION plenaries_participant_names(participant_id bigint) RETURNS text AS $$
  SELECT concat_ws(' ', p.name, p.short_name,
         (SELECT string_agg(n.name, ' ') FROM plenaries_participantname n
           WHERE n.participant_id = p.id))
    FROM plenaries_participant p WHERE p.id = $1 AND p.publication_status = 'published'
$$ LANGUAGE sql STABLE;

DROP TRIGGER IF EXISTS plenaries_search_related ON plenaries_participant;
CREATE TRIGGER plenaries_search_related
  AFTER UPDATE OF name, short_name, publication_status ON plenaries_participant
  FOR EACH ROW EXECUTE FUNCTION plenaries_participant_changed();

UPDATE plenaries_decision SET search_vector = NULL;
UPDATE plenaries_statement SET search_vector = NULL;
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def fill_french_names(apps, schema_editor):
    """The French name of each state that has none, from its country code."""
    Participant = apps.get_model("plenaries", "Participant")
    with translation.override("fr"):
        participants = Participant.objects.using(schema_editor.connection.alias)
        for participant in participants.filter(name_fr="").exclude(country=""):
            participant.name_fr = str(countries.name(str(participant.country)))
            participant.save(update_fields=["name_fr"])


class Migration(migrations.Migration):
    dependencies = [
        ("plenaries", "0017_source_kind_and_archived_copy"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalparticipant",
            name="name_fr",
            field=models.CharField(
                blank=True,
                help_text="Filled from the country code for a state when left empty.",
                max_length=200,
                verbose_name="French name",
            ),
        ),
        migrations.AddField(
            model_name="participant",
            name="name_fr",
            field=models.CharField(
                blank=True,
                help_text="Filled from the country code for a state when left empty.",
                max_length=200,
                verbose_name="French name",
            ),
        ),
        migrations.RunPython(fill_french_names, migrations.RunPython.noop),
        migrations.RunPython(on_postgresql(SEARCH), on_postgresql(REVERSE)),
    ]
