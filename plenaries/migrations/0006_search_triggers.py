"""PostgreSQL only: the triggers that keep the search vectors, and the search indexes.

SQLite has no full-text search of this kind: there the search falls back to matching every term
(plenaries.search) and this migration does nothing."""

from pathlib import Path

from django.db import migrations

SQL = Path(__file__).resolve().parent.parent / "sql"


def run_sql(name):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute((SQL / name).read_text())

    return run


class Migration(migrations.Migration):
    dependencies = [("plenaries", "0005_search_vectors")]

    operations = [migrations.RunPython(run_sql("search.sql"), run_sql("search_drop.sql"))]
