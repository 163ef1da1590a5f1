"""Settings come from the environment; each case starts a fresh interpreter with its own."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    # A clean start: none of the variables the test run itself sets.
    unset = {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {key: value for key, value in os.environ.items() if key not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_debug_a_missing_secret_key_stops_start_up_with_a_clear_message():
    result = manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_debug_runs_without_a_secret_key():
    assert manage("check", DEBUG="true").returncode == 0


def test_a_mistyped_boolean_is_refused():
    result = manage("check", DEBUG="maybe")
    assert "DEBUG must be true or false" in result.stderr


def test_the_deployment_check_is_clean_under_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-production-secret-" + "x" * 50,
        ALLOWED_HOSTS="kp-tracker.example",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("database_url", "engine"),
    [("", "sqlite3"), ("postgres://postgres@127.0.0.1:5432/kp_tracker", "postgresql")],
)
def test_database_url_picks_the_database(database_url, engine):
    result = manage(
        "shell",
        "-c",
        "from django.db import connection; print(connection.settings_dict['ENGINE'])",
        DEBUG="true",
        DATABASE_URL=database_url,
    )
    assert result.returncode == 0, result.stderr
    assert engine in result.stdout
