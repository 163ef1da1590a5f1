"""Data safety: every migration of ours can be reversed, and a backup restored into a new database
holds every row and its history.

Both work on a scratch copy of the migrated test database (tests/scratch_databases.py), never on
the test database the other tests use, and run the real commands: `migrate` to zero and back,
and the backup and restore commands README.md gives for each database (BACKUP below). Migrating
the record back to zero and forwards again takes about twenty seconds of CPU on each database,
part of `make test`; `-m data_safety` runs them alone."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.db.models.fields import AutoFieldMixin

from plenaries.models import Decision, Topic
from tests.scratch_databases import SCRATCH, create_database, drop_database

# django_db: the scratch databases are copies of the test database, which must then be made.
pytestmark = [pytest.mark.data_safety, pytest.mark.django_db]

RESTORED = "restored"
# The apps whose migrations are ours, not an installed package's.
OUR_APPS = [
    app.label
    for app in apps.get_app_configs()
    if Path(app.path).is_relative_to(settings.BASE_DIR)
    and "site-packages" not in app.path
    and (Path(app.path) / "migrations").is_dir()
]
# Every model, the history's and the many-to-many links' included.
EVERY_MODEL = apps.get_models(include_auto_created=True)


def schema(alias):
    """Everything the migrations make: each table's columns and constraints (indexes, keys,
    checks), and on PostgreSQL the extensions, functions and triggers (the search's)."""
    database = connections[alias]
    with database.cursor() as cursor:
        introspection = database.introspection
        found = {
            table: (
                [tuple(column) for column in introspection.get_table_description(cursor, table)],
                introspection.get_constraints(cursor, table),
            )
            for table in introspection.table_names(cursor)
        }
        if database.vendor == "postgresql":
            for name, query in {
                "extensions": "SELECT extname FROM pg_extension ORDER BY 1",
                "functions": "SELECT proname, pg_get_functiondef(oid) FROM pg_proc "
                "WHERE pronamespace = 'public'::regnamespace AND prokind = 'f' ORDER BY 1, 2",
                "triggers": "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger "
                "WHERE NOT tgisinternal ORDER BY 1, 2",
            }.items():
                cursor.execute(query)
                found[name] = cursor.fetchall()
        else:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY 1")
            found["triggers"] = cursor.fetchall()
    return found


# Migrations ------------------------------------------------------------------------------------


def test_the_migrations_of_ours_are_those_of_plenaries():
    assert OUR_APPS == ["plenaries"]  # the list below covers them; a new app's joins by itself


@pytest.mark.parametrize("app", OUR_APPS)
def test_every_migration_reverses_to_the_same_schema(database, app):
    before = schema(SCRATCH)
    tables = {model._meta.db_table for model in apps.get_app_config(app).get_models()}
    assert tables <= set(before)

    call_command("migrate", app, "zero", database=SCRATCH, verbosity=0)
    assert not tables & set(schema(SCRATCH))  # every one of its migrations undone
    call_command("migrate", app, database=SCRATCH, verbosity=0)

    after = schema(SCRATCH)
    assert after.keys() == before.keys()
    for name in before:
        assert after[name] == before[name], name


# Backup and restore ----------------------------------------------------------------------------


def run(*command, **env):
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, **env})


def backup_postgresql(url, restored_url, backup):
    """README.md's commands: pg_dump's custom format, restored into a new, empty database."""
    run("pg_dump", "--format=custom", f"--file={backup}", url)
    run("pg_restore", "--no-owner", f"--dbname={restored_url}", str(backup))


def backup_sqlite(url, restored_url, backup):
    """README.md's commands: sqlite3's online backup, which a running site may be writing to,
    and its restore into a new file."""
    sqlite3 = shutil.which("sqlite3")
    run(sqlite3, url.removeprefix("sqlite:///"), f".backup '{backup}'")
    run(sqlite3, restored_url.removeprefix("sqlite:///"), f".restore '{backup}'")


BACKUP = {"postgresql": backup_postgresql, "sqlite": backup_sqlite}


def rows(alias, model):
    return list(model._base_manager.using(alias).order_by("pk").values_list())


# A few edits, each saved as an editor saves it, so that the history holds more than the record's
# creation: a title changed, a statement unpublished, a topic deleted.
EDITS = """
from plenaries.models import Decision, PublicationStatus, Statement, Topic
decision = Decision.objects.order_by("pk").first()
decision.title += " (amended)"
decision.save()
statement = Statement.objects.order_by("pk").last()
statement.publication_status = PublicationStatus.DRAFT
statement.save()
Topic.objects.order_by("pk").first().delete()
"""


def test_a_backup_restored_into_a_new_database_holds_every_row_and_its_history(database, tmp_path):
    # The demo record, loaded as `make run` loads it, and edited, by processes of their own.
    run(sys.executable, "manage.py", "load_demo_data", DATABASE_URL=database)
    run(sys.executable, "manage.py", "shell", "--command", EDITS, DATABASE_URL=database)

    restored_url = create_database(RESTORED, tmp_path)
    try:
        BACKUP[connection.vendor](database, restored_url, tmp_path / "backup")
        empty, problems = [], []
        for model in EVERY_MODEL:
            kept = rows(SCRATCH, model)
            if not kept:
                empty.append(model._meta.label)
            if rows(RESTORED, model) != kept:
                problems.append(model._meta.label)
        assert not problems
        # Something to compare: the record, its links and its history, edits included.
        assert Decision.history.using(RESTORED).filter(title__endswith="(amended)").exists()
        assert Topic.history.using(RESTORED).filter(history_type="-").exists()
        assert len(empty) < len(EVERY_MODEL) / 2, empty

        # Numbering goes on where it was: a new record takes no one's number.
        for model in EVERY_MODEL:
            if isinstance(model._meta.pk, AutoFieldMixin):
                assert next_id(RESTORED, model) == next_id(SCRATCH, model), model._meta.label
        # bulk_create: saved alone, without the history a save writes to the default database.
        [topic] = Topic.objects.using(RESTORED).bulk_create([Topic(name="New", slug="new")])
        assert topic.pk > Topic.objects.using(SCRATCH).order_by("-pk")[0].pk
    finally:
        drop_database(RESTORED)


def next_id(alias, model):
    """The id the database would give the model's next row, without taking it."""
    database = connections[alias]
    table, column = model._meta.db_table, model._meta.pk.column
    with database.cursor() as cursor:
        if database.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
            (sequence,) = cursor.fetchone()
            cursor.execute(
                f"SELECT last_value + CASE WHEN is_called THEN 1 ELSE 0 END FROM {sequence}"
            )
        else:
            cursor.execute("SELECT seq + 1 FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
    return row[0] if row else 1  # SQLite: no row until the table's first
