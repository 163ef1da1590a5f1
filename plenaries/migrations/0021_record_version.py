"""The record's version (RecordVersion): one row, and a trigger on each history table that
counts it up in the same transaction as every change an edit, a publication, an import, a
revert or a deletion records there, whatever the path (plenaries.page_cache)."""

from django.db import migrations, models

TABLE = "plenaries_recordversion"
# An upsert, so that a database emptied by `flush` counts again from its next change.
COUNT = (
    f"INSERT INTO {TABLE} (id, number) VALUES (1, 1) "
    f"ON CONFLICT (id) DO UPDATE SET number = {TABLE}.number + 1"
)
POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION plenaries_count_change() RETURNS trigger AS $$
BEGIN
  {COUNT};
  RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""


def history_tables(apps):
    return [
        model._meta.db_table
        for model in apps.get_app_config("plenaries").get_models()
        if model.__name__.startswith("Historical")
    ]


def trigger_name(table):
    return f"{table}_version"  # within PostgreSQL's 63 characters


def add_triggers(apps, schema_editor):
    run = schema_editor.execute
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        run(POSTGRESQL_FUNCTION)
    for table in history_tables(apps):
        if postgresql:  # once per statement: a bulk insert counts once
            run(
                f"CREATE TRIGGER {trigger_name(table)} AFTER INSERT ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION plenaries_count_change()"
            )
        else:
            run(f"CREATE TRIGGER {trigger_name(table)} AFTER INSERT ON {table} BEGIN {COUNT}; END")
    versions = apps.get_model("plenaries", "RecordVersion").objects
    versions.using(schema_editor.connection.alias).create(id=1, number=1)


def remove_triggers(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for table in history_tables(apps):
        on = f" ON {table}" if postgresql else ""
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table)}{on}")
    if postgresql:
        schema_editor.execute("DROP FUNCTION IF EXISTS plenaries_count_change()")


class Migration(migrations.Migration):
    dependencies = [("plenaries", "0020_download_files")]

    operations = [
        migrations.CreateModel(
            name="RecordVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(add_triggers, remove_triggers),
    ]
