"""Creates the PostgreSQL database a URL names, unless it exists: `make serve` and the load and
scale demos start from nothing on a fresh machine.

    python scripts/ensure_database.py postgres://postgres@127.0.0.1:5432/kp_tracker_serve
"""

import sys
import urllib.parse

import psycopg
from psycopg import sql


def ensure_database(url):
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    server = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created the database {name}.")


if __name__ == "__main__":
    ensure_database(sys.argv[1])
