"""Tables public pages read that have no history, whose changes 0021's triggers therefore never
counted, so that a page kept in memory outlived them: the links between decisions (amends,
supersedes, lifts, continues), which a script or a shell may change without saving either
decision; the open-data versions (Download, listed on /data/, written by `build_downloads`); and
the words "did you mean" draws on (SearchWord, rewritten by `refresh_search_words`). Each change
to any of them now counts the record's version too."""

from django.db import migrations

TABLES = (
    "plenaries_decision_amends",
    "plenaries_decision_supersedes",
    "plenaries_decision_lifts",
    "plenaries_decision_continues",
    "plenaries_download",
    "plenaries_searchword",
)
EVENTS = ("INSERT", "UPDATE", "DELETE")
# As 0021's: an upsert, so that a database emptied by `flush` counts again from its next change.
COUNT = (
    "INSERT INTO plenaries_recordversion (id, number) VALUES (1, 1) "
    "ON CONFLICT (id) DO UPDATE SET number = plenaries_recordversion.number + 1"
)


def trigger_name(table, event=None):
    return f"{table}_version" if event is None else f"{table}_version_{event.lower()}"


def add_triggers(apps, schema_editor):
    run = schema_editor.execute
    for table in TABLES:
        if schema_editor.connection.vendor == "postgresql":  # 0021's function, once a statement
            run(
                f"CREATE TRIGGER {trigger_name(table)} AFTER {' OR '.join(EVENTS)} OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION plenaries_count_change()"
            )
        else:  # SQLite: one trigger an event, each row
            for event in EVENTS:
                run(
                    f"CREATE TRIGGER {trigger_name(table, event)} AFTER {event} ON {table} "
                    f"BEGIN {COUNT}; END"
                )


def remove_triggers(apps, schema_editor):
    run = schema_editor.execute
    for table in TABLES:
        if schema_editor.connection.vendor == "postgresql":
            run(f"DROP TRIGGER IF EXISTS {trigger_name(table)} ON {table}")
        else:
            for event in EVENTS:
                run(f"DROP TRIGGER IF EXISTS {trigger_name(table, event)}")


class Migration(migrations.Migration):
    dependencies = [("plenaries", "0021_record_version")]

    operations = [migrations.RunPython(add_triggers, remove_triggers)]
