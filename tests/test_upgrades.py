"""An upgrade, as README.md's "Deploying" section does it: new code on the server, then `HUP` to
gunicorn, whose new workers serve it without a restart. gunicorn runs from a copy of the code,
so that the test can change it, on a scratch copy of the migrated test database."""

import shutil
import signal
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings

from tests.servers import gunicorn

pytestmark = pytest.mark.django_db

# What a server runs, the servers' test settings (tests/page_cache_server_settings.py) included.
CODE = (
    "manage.py", "gunicorn.conf.py", "kp_tracker", "plenaries", "templates", "static", "locale",
    "tests/__init__.py", "tests/page_cache_server_settings.py",
)  # fmt: skip

# What the new release adds: an address the old code does not know, in a URLconf its settings
# name. Settings are read when the application loads, before any request, which a preloading
# master would do once for every worker it ever forks.
NEW_ADDRESS = "/new-in-this-release/"
NEW_URLS = f"""
from django.http import HttpResponse
from django.urls import path

from kp_tracker import urls
from kp_tracker.urls import *  # noqa: F403 (its error pages)

new = path("{NEW_ADDRESS[1:]}", lambda request: HttpResponse("the new release"))
urlpatterns = [new, *urls.urlpatterns]
"""


def answer(address):
    try:
        with urllib.request.urlopen(address, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_hup_makes_the_workers_serve_the_new_code(tmp_path, database):
    release = tmp_path / "release"
    for name in CODE:
        source = settings.BASE_DIR / name
        if source.is_dir():
            shutil.copytree(source, release / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (release / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, release / name)
    with gunicorn(database, cwd=release) as (server, address):
        assert answer(address + NEW_ADDRESS)[0] != 200

        (release / "release_urls.py").write_text(NEW_URLS)
        with open(release / "tests" / "page_cache_server_settings.py", "a") as server_settings:
            server_settings.write('\nROOT_URLCONF = "release_urls"\n')
        server.send_signal(signal.SIGHUP)

        deadline = time.monotonic() + 30
        while answer(address + NEW_ADDRESS)[0] != 200 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert answer(address + NEW_ADDRESS) == (200, "the new release")
        assert server.poll() is None, "the server kept running"
