import pytest

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


@pytest.fixture
def demo_record(db):
    """The sourced demo record, loaded as `make run` loads it."""
    return load_record()
