import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation

from plenaries.downloads import build as build_downloads
from plenaries.loading import load_record

# A test database is thrown away: on PostgreSQL its commits need not wait for the disk (a setting
# of the test run's own connections; the server's stays as it is).
if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    options = settings.DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()

# A replica for tests/test_routers.py, as Django tests a primary and its replicas: a test mirror
# of the default database. The router reads from it only where a test names it in
# DATABASE_REPLICAS, and only a test that names it in its `databases` connects to it.
settings.DATABASES.setdefault(
    "replica", {**settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}
)


@pytest.fixture(scope="session", autouse=True)
def test_settings():
    """Production settings, less what plain-HTTP test clients and the live server cannot do.

    Session-wide, so that the live server's middleware, built once, sees them too."""
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        LANGUAGE_COOKIE_SECURE=False,
        SECURE_HSTS_SECONDS=0,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # WhiteNoise looks a static file up when it is asked for, rather than listing them all
        # each time a test client starts (a tenth of a second each, once collectstatic has run),
        # and finds it where it lies, as a fresh clone has not collected them.
        WHITENOISE_AUTOREFRESH=True,
        WHITENOISE_USE_FINDERS=True,
        # Tests ask the API far more often than any reader may; the throttle's own test
        # lowers it again.
        API_RATE="100000/minute",
        # Pages rendered at every request, so that a test sees what it changes behind the
        # record's history (a queryset's update) and reads each response's context; the page
        # cache's own tests switch it on (tests/test_page_cache.py).
        PAGE_CACHE=False,
    ):
        yield


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """Each test starts in the default language. A request for a French page leaves French
    active in the thread (LocaleMiddleware activates it and nothing switches it back), and the
    next test's reverse() would then give French addresses."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def no_pages_in_memory():
    """Each test starts with no page kept in memory (plenaries.page_cache), so that none kept by
    an earlier test, under other settings, is served to it."""
    caches["pages"].clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, dropped at the end without waiting on the live server's connections.

    The browser tests' server answers each request in a thread of its own, which closes its
    connection as it ends; PostgreSQL may not have let the session go when the database is
    dropped a moment later, and then refuses to drop it. The drop runs without the pages'
    statement timeout, as a command would: on a busy machine it may take longer."""
    yield
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            options = connection.settings_dict["OPTIONS"]
            options["options"] = options.get("options", "").replace(
                f"-c statement_timeout={settings.DATABASE_STATEMENT_TIMEOUT}s", ""
            )


def module_data(django_db_blocker, build):
    """Build data once per test module inside a transaction rolled back when the module ends.

    Each test then runs in a savepoint within it, so its changes never leak. A module that uses
    such data has it in every later test, so modules either all use it or none do."""
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        data = build()
    yield data
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_record_for_module(django_db_setup, django_db_blocker):
    yield from module_data(django_db_blocker, load_record)


@pytest.fixture
def demo_record(demo_record_for_module, db):
    """The sourced demo record, loaded as `make run` loads it, once per module."""
    return demo_record_for_module


@pytest.fixture
def downloads():
    """The open-data download of the database as it stands, built as `build_downloads` builds it
    (its files in the database): its Download."""
    return build_downloads()
