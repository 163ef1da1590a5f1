"""What readers get while PostgreSQL is stopped or hung, and how soon: `make faults`.

Starts a throwaway PostgreSQL server (scripts/postgres_cluster.py) with the demo record, and
gunicorn in the production configuration (gunicorn.conf.py, `make serve`'s environment) against
it, on loopback. Then asks for /, /decisions/ and /healthz, printing the status and time of each
answer, while PostgreSQL runs, after `pg_ctl stop -m fast` and `-m immediate`, after each start,
while it is frozen (SIGSTOP to the postmaster and its backends; several requests at once, more
than there are workers) and after SIGCONT, all without restarting gunicorn. It removes all it
made. docs/operations.md, "Database faults", records a run.

Environment: FAULTS_PORT and FAULTS_POSTGRES_PORT (default free ones), WEB_CONCURRENCY (gunicorn's
workers, default 3), and the site's own timeouts (DATABASE_CONNECT_TIMEOUT,
DATABASE_STATEMENT_TIMEOUT, READER_REQUEST_TIMEOUT, REQUEST_TIMEOUT).
"""

import os
import re
import runpy
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))

from ensure_database import ensure_database  # noqa: E402
from postgres_cluster import Cluster, free_port  # noqa: E402

PYTHON = str(PROJECT / ".venv" / "bin" / "python")
GUNICORN = str(PROJECT / ".venv" / "bin" / "gunicorn")
ADDRESSES = ["/", "/decisions/", "/healthz"]
WORKERS = int(os.environ.get("WEB_CONCURRENCY", "3"))
# While PostgreSQL is frozen, this many requests for each address at once.
AT_ONCE = 3


def ask(url):
    """(status, seconds, body) of a GET, as a reader's browser sees it."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=120) as answer:
            status, body = answer.status, answer.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    except OSError as error:  # no answer at all
        status, body = type(error).__name__, b""
    return status, time.monotonic() - started, body


def line(address, status, seconds, body):
    """One answer: its status, its time, and what it says (the page's heading, /healthz's body)."""
    if address == "/healthz":
        said = body.decode()
    else:
        heading = re.search(rb"<h1[^>]*>(.*?)</h1>", body, re.S)
        said = re.sub(r"<[^>]+>|\s+", " ", heading.group(1).decode()).strip() if heading else ""
    return f"    {address:13} {status!s:>4} {seconds:6.2f} s  {said[:64]}"


class Server:
    """gunicorn with gunicorn.conf.py and `make serve`'s environment, logging to `log`."""

    def __init__(self, environment, log, access_log):
        self.port = int(os.environ.get("FAULTS_PORT") or free_port())
        self.log, self.access_log = log, access_log
        with open(log, "w") as output:
            self.process = subprocess.Popen(
                # The production configuration, with an access log of how long each request
                # held its worker.
                [
                    GUNICORN,
                    "-c",
                    "gunicorn.conf.py",
                    "--access-logfile",
                    access_log,
                    "--access-logformat",
                    "%(r)s %(s)s %(L)s",
                ],  # fmt: skip
                cwd=PROJECT,
                env={**environment, "PORT": str(self.port), "WEB_CONCURRENCY": str(WORKERS)},
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        for _ in range(300):
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped; is port {self.port} taken? See {log}.")
            if ask(self.url("/robots.txt"))[0] == 200:
                return
            time.sleep(0.1)
        raise SystemExit("gunicorn did not answer within 30 s")

    def url(self, address):
        return f"http://127.0.0.1:{self.port}{address}"

    def processes(self):
        """gunicorn's master and its workers: the same ones throughout unless one was killed."""
        workers = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout.split()
        return f"master {self.process.pid}, workers {', '.join(sorted(workers))}"

    def longest_held(self):
        """The longest any request held a worker, in seconds, by gunicorn's access log."""
        return max(float(entry.split()[-1]) for entry in open(self.access_log))

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=60)


def one_by_one(server, title):
    print(title)
    for address in ADDRESSES:
        print(line(address, *ask(server.url(address))))


def all_at_once(server, title):
    """AT_ONCE requests for each address together; returns the longest wait."""
    print(title)
    addresses = [address for address in ADDRESSES for _ in range(AT_ONCE)]
    with ThreadPoolExecutor(len(addresses)) as pool:
        answers = list(pool.map(ask, map(server.url, addresses)))
    for address, answer in zip(addresses, answers, strict=True):
        print(line(address, *answer))
    return max(seconds for _status, seconds, _body in answers)


def settings_of(environment):
    """The timeouts the site runs with, as its settings and gunicorn.conf.py read them."""
    names = [
        "DATABASE_CONNECT_TIMEOUT",
        "DATABASE_STATEMENT_TIMEOUT",
        "READER_REQUEST_TIMEOUT",
        "REQUEST_TIMEOUT",
    ]
    script = f"from django.conf import settings; print(*(getattr(settings, n) for n in {names}))"
    found = subprocess.run(
        [PYTHON, "-c", script],
        cwd=PROJECT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "kp_tracker.settings"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-len(names) :]
    gunicorn = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))["timeout"]
    return dict(zip(names, found, strict=True)) | {"gunicorn timeout": gunicorn}


def set_up(environment):
    """The demo record in the throwaway server, as `make serve` loads it."""
    ensure_database(environment["DATABASE_URL"])
    for command in (
        ["collectstatic", "--no-input", "--verbosity", "0"],
        ["migrate", "--no-input", "--verbosity", "0"],
        ["createcachetable"],
        ["load_demo_data"],
    ):
        subprocess.run(
            [PYTHON, "manage.py", *command],
            cwd=PROJECT,
            env=environment,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def demonstrate(cluster, server, timeouts):
    print(f"gunicorn ({WORKERS} sync workers, gunicorn.conf.py) on 127.0.0.1:{server.port}, ")
    print(f"PostgreSQL {cluster.bin.parent.name} on 127.0.0.1:{cluster.port}, the demo record.")
    print("Timeouts (s): " + ", ".join(f"{name} {value}" for name, value in timeouts.items()))
    print(f"gunicorn: {server.processes()}")
    print()
    one_by_one(server, "1. PostgreSQL running")
    for step, mode in ((2, "fast"), (4, "immediate")):
        cluster.stop(mode)
        one_by_one(server, f"{step}. PostgreSQL stopped (pg_ctl stop -m {mode})")
        cluster.start()
        one_by_one(server, f"{step + 1}. PostgreSQL started again; gunicorn not restarted")
    print("   (a request on every worker first, so that each holds a connection when it hangs)")
    for _ in range(3 * WORKERS):
        ask(server.url("/decisions/"))
    cluster.freeze()
    longest = all_at_once(
        server,
        f"6. PostgreSQL hung (SIGSTOP to its {len(cluster.processes())} processes): "
        f"{AT_ONCE * len(ADDRESSES)} requests at once, {WORKERS} workers",
    )
    print(
        f"   the last answer came after {longest:.1f} s; no request held a worker longer than "
        f"{server.longest_held():.1f} s (gunicorn's access log)"
    )
    one_by_one(server, "7. Still hung, one at a time: connections made afresh")
    cluster.resume()
    one_by_one(server, "8. PostgreSQL resumed (SIGCONT); gunicorn not restarted")
    print()
    print(f"gunicorn: {server.processes()}")


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up as after Ctrl-C
    postgres_port = int(os.environ.get("FAULTS_POSTGRES_PORT") or free_port())
    with (
        Cluster(postgres_port) as cluster,
        tempfile.TemporaryDirectory(prefix="kp-faults-") as scratch,
    ):
        environment = {
            **os.environ,
            # `make serve`'s: production settings over plain HTTP.
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "SECURE_HSTS_SECONDS": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": cluster.url("kp_faults"),
        }
        set_up(environment)
        server = Server(environment, Path(scratch) / "gunicorn.log", Path(scratch) / "access.log")
        try:
            demonstrate(cluster, server, settings_of(environment))
        finally:
            server.stop()
        killed = Path(server.log).read_text().count("WORKER TIMEOUT")
        print(f"Workers gunicorn killed for running past its timeout: {killed}")


if __name__ == "__main__":
    main()
