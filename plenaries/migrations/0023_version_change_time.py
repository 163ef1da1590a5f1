"""The time of the record's last change, kept beside its version by the same triggers (0021,
0022), so that the API's Last-Modified moves with every change its ETag sees, links between
decisions included, and is read by primary key rather than from every history table."""

from django.db import migrations, models
from django.db.models import Max

TABLE = "plenaries_recordversion"
# 0021's and 0022's count, as their triggers run it.
COUNT = (
    f"INSERT INTO {TABLE} (id, number) VALUES (1, 1) "
    f"ON CONFLICT (id) DO UPDATE SET number = {TABLE}.number + 1"
)
# PostgreSQL: the time of the statement, never earlier than the last change's (the row's lock
# orders the changes; GREATEST guards against a clock set back).
POSTGRESQL_COUNT = (
    f"INSERT INTO {TABLE} (id, number, changed_at) VALUES (1, 1, clock_timestamp()) "
    f"ON CONFLICT (id) DO UPDATE SET number = {TABLE}.number + 1, "
    f"changed_at = GREATEST({TABLE}.changed_at, clock_timestamp())"
)
# SQLite (one writer at a time): the time, in UTC as Django stores it there.
NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
SQLITE_COUNT = (
    f"INSERT INTO {TABLE} (id, number, changed_at) VALUES (1, 1, {NOW}) "
    f"ON CONFLICT (id) DO UPDATE SET number = {TABLE}.number + 1, changed_at = {NOW}"
)
POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION plenaries_count_change() RETURNS trigger AS $$
BEGIN
  {count};
  RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""


def counting(old, new):
    """Make every trigger that counts the version run `new` in place of `old`."""

    def replace(apps, schema_editor):
        run = schema_editor.execute
        if schema_editor.connection.vendor == "postgresql":  # one function serves every trigger
            run(POSTGRESQL_FUNCTION.format(count=new[0]))
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE %s",
                [f"%{old[1]}%"],
            )
            triggers = cursor.fetchall()
        for name, sql in triggers:
            run(f"DROP TRIGGER {name}")
            run(sql.replace(old[1], new[1]))

    return replace


def last_history_date(apps, schema_editor):
    """The version's time as it stands: the latest date any history table holds."""
    database = schema_editor.connection.alias
    dates = [
        model.objects.using(database).aggregate(latest=Max("history_date"))["latest"]
        for model in apps.get_app_config("plenaries").get_models()
        if model.__name__.startswith("Historical")
        and any(field.name == "history_date" for field in model._meta.fields)
    ]
    dates = [date for date in dates if date is not None]
    versions = apps.get_model("plenaries", "RecordVersion").objects.using(database)
    if dates:
        versions.filter(id=1).update(changed_at=max(dates))


OLD = (COUNT, COUNT)
NEW = (POSTGRESQL_COUNT, SQLITE_COUNT)


class Migration(migrations.Migration):
    dependencies = [("plenaries", "0022_version_counts_tables_without_history")]

    operations = [
        migrations.AddField(
            model_name="recordversion",
            name="changed_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunPython(last_history_date, migrations.RunPython.noop),
        migrations.RunPython(counting(OLD, NEW), counting(NEW, OLD)),
    ]
