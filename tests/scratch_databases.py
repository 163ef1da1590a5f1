"""Scratch databases beside the test database, for tests that commit, migrate or start servers:
created and dropped here (a file on SQLite), so that the test database's rows are never
committed to."""

import sqlite3
import subprocess

import psycopg
import pytest
from django.db import connection, connections
from psycopg import sql

SCRATCH = "scratch"


def server_url(settings_dict, name):
    """A postgres:// URL of the database `name` on the test database's server."""
    user = settings_dict["USER"] or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "localhost"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def create_database(alias, tmp_path):
    """A new, empty database under `alias`, beside the test database; returns its URL."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        name = f"{settings_dict['NAME']}_{alias}"
        with psycopg.connect(server_url(settings_dict, "postgres"), autocommit=True) as server:
            server.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        url = server_url(settings_dict, name)
    else:
        name = str(tmp_path / f"{alias}.sqlite3")
        url = f"sqlite:///{name}"
    connections.settings[alias] = {**settings_dict, "NAME": name}
    return url


def drop_database(alias):
    name = connections[alias].settings_dict["NAME"]
    connections[alias].close()
    del connections[alias]
    del connections.settings[alias]
    if connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        with psycopg.connect(server_url(settings_dict, "postgres"), autocommit=True) as server:
            server.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture
def database(django_db_setup, django_db_blocker, tmp_path):
    """A copy of the migrated, empty test database, under the alias SCRATCH, for a test to commit
    to, migrate, or share with servers it starts: its DATABASE_URL. Dropped at the end. Copied,
    not migrated afresh: a migration of every app takes seconds."""
    settings_dict = dict(connection.settings_dict)
    with django_db_blocker.unblock():
        url = create_database(SCRATCH, tmp_path)
        if connection.vendor == "postgresql":
            dump = subprocess.run(
                ["pg_dump", server_url(settings_dict, settings_dict["NAME"])],
                check=True,
                capture_output=True,
            ).stdout
            subprocess.run(["psql", "--quiet", url], input=dump, check=True, capture_output=True)
        else:
            connection.ensure_connection()
            with sqlite3.connect(connections.settings[SCRATCH]["NAME"]) as copy:
                connection.connection.backup(copy)
        try:
            yield url
        finally:
            drop_database(SCRATCH)
