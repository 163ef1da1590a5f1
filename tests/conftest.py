import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation

from kp_tracker import routers
from plenaries.downloads import build as build_downloads
from plenaries.loading import load_record
from plenaries.models import RecordVersion

# `database`: a scratch copy of the test database, for tests that commit, migrate or start servers.
pytest_plugins = ["tests.scratch_databases"]

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
def replicas_measured_afresh():
    """Each test starts with no replica left out or measured: kp_tracker.routers keeps both in
    the worker's memory."""
    yield
    routers.resting_until.clear()
    routers.lag_due.clear()
    routers.primary_versions.clear()


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


# The demo record's rows, as load_record() wrote them: {model: (attribute names, rows)}, and
# what load_record() returned. Taken once per test run.
DEMO_ROWS = {}
DEMO_COUNTS = {}


def load_demo_record():
    """The sourced demo record, as `make run` loads it: load_record() the first time in a test
    run, its rows written back model by model after that (a thirteenth of the time: most of the
    loader's is spent in the ORM's saves and their history). Returns what load_record() does."""
    if not DEMO_ROWS:
        take_demo_rows()
    with transaction.atomic():  # the links between tables are checked when it commits
        for model, (names, rows) in DEMO_ROWS.items():
            model._base_manager.bulk_create(
                model(**dict(zip(names, row, strict=True))) for row in rows
            )
        with connection.cursor() as cursor:  # PostgreSQL: the next new row's key after them
            for statement in connection.ops.sequence_reset_sql(no_style(), list(DEMO_ROWS)):
                cursor.execute(statement)
    return dict(DEMO_COUNTS)


def take_demo_rows():
    """Load the record in a transaction rolled back, keeping the rows it added to each table but
    the version's (its triggers count the rows written back)."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model is not RecordVersion and model._meta.managed and not model._meta.proxy
    ]
    with transaction.atomic():
        before = {model: set(model._base_manager.values_list("pk", flat=True)) for model in models}
        DEMO_COUNTS.update(load_record())
        for model in models:
            names = [field.attname for field in model._meta.concrete_fields]
            added = model._base_manager.exclude(pk__in=before[model]).order_by("pk")
            rows = list(added.values_list(*names))
            if rows:
                DEMO_ROWS[model] = (names, rows)
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo_record_for_module(django_db_setup, django_db_blocker):
    yield from module_data(django_db_blocker, load_demo_record)


@pytest.fixture
def demo_record(demo_record_for_module, db):
    """The sourced demo record, loaded as `make run` loads it, once per module."""
    return demo_record_for_module


@pytest.fixture
def downloads():
    """The open-data download of the database as it stands, built as `build_downloads` builds it
    (its files in the database): its Download."""
    return build_downloads()
