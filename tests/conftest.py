import pytest
from django.db import transaction

from plenaries.loading import load_record


@pytest.fixture(autouse=True)
def test_settings(settings):
    """Production settings, less what a test client over plain HTTP cannot do."""
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_record_for_module(django_db_setup, django_db_blocker):
    """The demo record, loaded once per test module inside a transaction that is rolled back
    when the module ends. Each test runs in a savepoint within it, so changes never leak."""
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        counts = load_record()
    yield counts
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)


@pytest.fixture
def demo_record(demo_record_for_module, db):
    """The sourced demo record, loaded as `make run` loads it. A module that asks for it once
    has it in every later test, so modules either all use it or none do."""
    return demo_record_for_module
