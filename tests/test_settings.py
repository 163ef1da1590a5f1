"""Settings come from the environment; each case starts a fresh interpreter with its own.

Each runs manage.py in a copy of the project made for it, so that the developer's own .env (which
`make run` writes) stays out of the way and a test can lay a .env of its own."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SETTINGS = "from django.conf import settings as s; print(s.DEBUG, s.SECRET_KEY, s.ALLOWED_HOSTS)"


def settings_seen(result):
    """DEBUG, SECRET_KEY and ALLOWED_HOSTS as a `manage.py shell -c SETTINGS` printed them."""
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1]


@pytest.fixture
def project(tmp_path):
    """What manage.py needs. It and the settings are copies: their paths, which give BASE_DIR
    (where .env is read) and the import path, would otherwise resolve to this project."""
    shutil.copy(PROJECT / "manage.py", tmp_path)
    shutil.copytree(
        PROJECT / "kp_tracker",
        tmp_path / "kp_tracker",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    for name in ("plenaries", "templates", "static", "locale"):
        (tmp_path / name).symlink_to(PROJECT / name)
    return tmp_path


def manage(project, *args, **env):
    # A clean start: none of the variables the test run itself sets.
    unset = {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {key: value for key, value in os.environ.items() if key not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=project,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_debug_a_missing_secret_key_stops_start_up_with_a_clear_message(project):
    result = manage(project, "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_debug_runs_without_a_secret_key(project):
    assert manage(project, "check", DEBUG="true").returncode == 0


def test_a_mistyped_boolean_is_refused(project):
    result = manage(project, "check", DEBUG="maybe")
    assert "DEBUG must be true or false" in result.stderr


def test_the_deployment_check_is_clean_under_production_settings(project):
    result = manage(
        project,
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
def test_database_url_picks_the_database(project, database_url, engine):
    result = manage(
        project,
        "shell",
        "-c",
        "from django.db import connection; print(connection.settings_dict['ENGINE'])",
        DEBUG="true",
        DATABASE_URL=database_url,
    )
    assert result.returncode == 0, result.stderr
    assert engine in result.stdout


def test_without_secret_key_in_the_environment_the_dotenv_file_is_read(project):
    (project / ".env").write_text("DEBUG=true\nSECRET_KEY=from-the-dotenv-file\n")
    result = manage(project, "shell", "-c", SETTINGS)
    assert settings_seen(result).startswith("True from-the-dotenv-file ")


def test_a_secret_key_in_the_environment_leaves_the_dotenv_file_unread(project):
    # A production-like run with a .env lying around keeps DEBUG off.
    (project / ".env").write_text("DEBUG=true\nALLOWED_HOSTS=from-the-dotenv-file\n")
    result = manage(project, "shell", "-c", SETTINGS, SECRET_KEY="from-the-environment")
    assert settings_seen(result) == "False from-the-environment ['localhost', '127.0.0.1']"


def test_an_environment_variable_wins_over_its_dotenv_value(project):
    (project / ".env").write_text(
        "DEBUG=true\nSECRET_KEY=from-the-dotenv-file\nALLOWED_HOSTS=from-the-dotenv-file\n"
    )
    result = manage(project, "shell", "-c", SETTINGS, ALLOWED_HOSTS="from-the-environment")
    assert settings_seen(result) == "True from-the-dotenv-file ['from-the-environment']"


def test_make_writes_a_dotenv_file_with_debug_and_a_new_key_and_never_overwrites_it(tmp_path):
    def make_dotenv():
        subprocess.run(
            ["make", "--no-print-directory", "-f", PROJECT / "Makefile", ".env"],
            cwd=tmp_path,
            check=True,
            capture_output=True,
            timeout=60,
        )
        return (tmp_path / ".env").read_text()

    written = make_dotenv()
    assert "DEBUG=true\n" in written
    key = written.split("SECRET_KEY=")[1].strip()
    assert len(key) >= 50
    assert (tmp_path / ".env").stat().st_mode & 0o077 == 0, "only its owner may read the key"

    (tmp_path / ".env").write_text("DEBUG=false\n")
    assert make_dotenv() == "DEBUG=false\n"


@pytest.mark.parametrize(
    ("redis_url", "backend"),
    [("", "db.DatabaseCache"), ("redis://127.0.0.1:6379/5", "redis.RedisCache")],
)
def test_redis_url_picks_the_shared_cache_and_sessions_stay_in_the_database(
    project, redis_url, backend
):
    shown = "from django.conf import settings as s; "
    shown += "print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)"
    result = manage(project, "shell", "-c", shown, DEBUG="true", REDIS_URL=redis_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == [
        f"django.core.cache.backends.{backend}",
        "django.contrib.sessions.backends.db",
    ]
