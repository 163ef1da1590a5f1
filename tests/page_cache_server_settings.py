"""The settings of the application servers tests/test_page_cache_servers.py starts: production's,
with the test run's static files by name and password hashing (tests/conftest.py), since a test
collects no static files and signs in with an account the test run made."""

from kp_tracker.settings import *  # noqa: F403
from kp_tracker.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
