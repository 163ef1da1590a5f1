"""Real gunicorn servers for the tests that need one: started with gunicorn.conf.py and production
settings (tests/page_cache_server_settings.py), on a database the test names, and stopped after."""

import os
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from tests.database_faults import free_port

GUNICORN = Path(sys.executable).parent / "gunicorn"


@contextmanager
def gunicorn(database_url, cwd=settings.BASE_DIR, **environment):
    """A gunicorn server of one worker on a free port, over plain HTTP: (process, address).
    `environment` adds to or overrides the settings' environment."""
    port = free_port()
    address = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.page_cache_server_settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "WEB_CONCURRENCY": "1",
        "PORT": str(port),
        **environment,
    }
    process = subprocess.Popen(
        [GUNICORN, "-c", "gunicorn.conf.py"],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(process, address)
        yield process, address
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for(process, address):
    """Until the server answers /healthz, which no redirect to HTTPS or refused host stops."""
    for _ in range(600):
        try:
            urllib.request.urlopen(f"{address}/healthz", timeout=1)
            return
        except urllib.error.HTTPError:
            return  # answered: 503, the database unavailable
        except OSError:
            assert process.poll() is None, "the server stopped"
            time.sleep(0.05)
    raise AssertionError(f"{address} did not answer within 30 s")
