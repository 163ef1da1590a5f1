"""`make scale-demo`: KP Tracker scaled out on this machine, step by step, then removed.

A throwaway primary PostgreSQL and one streaming replica of it (pg_basebackup -R), two gunicorn
instances in the production configuration reading anonymous pages from the replica
(DATABASE_REPLICA_URLS) and everything else from the primary; an editor changes a decision's
title in the admin of instance A, and a reader sees it at once on instance B, whose pages the
replica serves. Then the replica stops replaying, and instance B's readers read from the primary
once it has lacked the next change for REPLICA_MAX_LAG_SECONDS. Everything it makes (servers,
clusters, the temporary directory) is removed at the end, also when a step fails. Run as root
(the clusters run as the postgres user) or as that user; ports SCALE_PORTS (8250,8251) and
SCALE_PG_PORTS (5470,5471).
"""

import contextlib
import html.parser
import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import redis
from postgres_cluster import REPLICATION, REPLICATION_ACCESS, Cluster

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WEB_PORTS = [int(port) for port in os.environ.get("SCALE_PORTS", "8250,8251").split(",")]
PRIMARY_PORT, REPLICA_PORT = (
    int(port) for port in os.environ.get("SCALE_PG_PORTS", "5470,5471").split(",")
)
DATABASE = "kp_h5_scale"
# The shared cache, as production has it, when a Redis answers here; else the primary's table.
REDIS_URL = os.environ.get("SCALE_REDIS_URL", "redis://127.0.0.1:6379/9")
EDITOR = "scale-editor"
NEW_TITLE = "Edited on instance A, read on instance B"
PAUSED_TITLE = "Edited while the replica stood still"

started = []  # gunicorn processes, stopped at the end
clusters = contextlib.ExitStack()  # the running clusters, stopped and removed at the end
server_logs = []  # theirs, shown if a step fails


def say(step, text=""):
    print(f"\n== {step}" if not text else f"   {text}", flush=True)


def url(port, application):
    return f"postgres://postgres@127.0.0.1:{port}/{DATABASE}?application_name={application}"


def query(port, sql, database="postgres"):
    """Rows of `sql`, from the cluster's `postgres` database unless told: the demo's own
    database counts only the site's reads."""
    with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname=database) as db:
        return db.execute(sql).fetchall()


def start(cluster):
    clusters.enter_context(cluster)
    server_logs.append(cluster.directory / "server.log")
    return cluster


def make_primary():
    primary = start(
        Cluster(
            PRIMARY_PORT,
            # No background vacuum, so that the counters of step 5 count the site's reads alone.
            configuration=(*REPLICATION, "autovacuum = off"),
            access=REPLICATION_ACCESS,
        )
    )
    with psycopg.connect(
        host="127.0.0.1", port=PRIMARY_PORT, user="postgres", dbname="postgres", autocommit=True
    ) as db:
        db.execute(f"CREATE DATABASE {DATABASE}")
    return primary


def environment(port, name):
    """The production environment, as `make serve` sets it, for instance `name`."""
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": url(PRIMARY_PORT, f"kp-tracker-{name}"),
        "DATABASE_REPLICA_URLS": url(REPLICA_PORT, f"kp-tracker-{name}"),
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        **({"REDIS_URL": REDIS_URL} if REDIS_URL else {}),
    }


def manage(*arguments, **env):
    subprocess.run(
        [PYTHON, "manage.py", *arguments], cwd=ROOT, check=True, env={**SETUP_ENV, **env}
    )


def start_instance(port, name, log):
    process = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=environment(port, name),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    started.append(process)
    for _ in range(100):
        try:
            if get(f"http://127.0.0.1:{port}/robots.txt")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"instance {name} did not answer on port {port}")


def get(address, opener=None):
    with (opener or urllib.request.build_opener()).open(address, timeout=10) as response:
        return response.status, response.read().decode(errors="replace")


class FormFields(html.parser.HTMLParser):
    """The fields a browser would send from the page's form with id `form_id`, as pairs."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select, self.textarea = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id or self.inside
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                default = "on" if attrs.get("type") in ("checkbox", "radio") else ""
                self.fields.append((attrs["name"], attrs.get("value", default)))
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None
        elif tag == "form":
            self.inside = False


def post(opener, address, fields):
    request = urllib.request.Request(address, urllib.parse.urlencode(fields).encode())
    with opener.open(request, timeout=30) as response:
        return response.status, response.geturl(), response.read().decode(errors="replace")


def replica_reads():
    """(transactions, rows returned) of the demo's database on the replica, and on the primary."""
    sql = f"SELECT xact_commit, tup_returned FROM pg_stat_database WHERE datname = '{DATABASE}'"
    return query(REPLICA_PORT, sql)[0], query(PRIMARY_PORT, sql)[0]


def redis_answers():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError:
        return False


def demo(tmp):
    global SETUP_ENV, REDIS_URL
    if REDIS_URL and not redis_answers():
        REDIS_URL = ""
    say(f"1. A primary PostgreSQL on port {PRIMARY_PORT} (wal_level=replica, replication allowed)")
    primary = make_primary()
    say("", f"cluster in {primary.data}, database {DATABASE}")

    say("2. Migrate, create the cache table, load the demo record and build its download")
    SETUP_ENV = environment(WEB_PORTS[0], "setup")
    SETUP_ENV.pop("DATABASE_REPLICA_URLS")
    SETUP_ENV.pop("REDIS_URL", None)
    for command in (
        ["collectstatic", "--no-input", "--verbosity", "0"],
        ["migrate", "--no-input", "--verbosity", "0"],
        ["createcachetable"],
        ["load_demo_data"],
        ["build_downloads"],
    ):
        manage(*command)
    files, size, zip_size = query(
        PRIMARY_PORT,
        "SELECT count(*), sum(size), sum(size) FILTER (WHERE name LIKE '%.zip') "
        "FROM plenaries_downloadfile",
        DATABASE,
    )[0]
    say(
        "",
        f"the download's {files} files are in the database: {size:,} bytes, the zip {zip_size:,}",
    )
    password = secrets.token_urlsafe(16)
    manage(
        "createsuperuser", "--no-input", "--username", EDITOR, "--email", "editor@example.org",
        DJANGO_SUPERUSER_PASSWORD=password,
    )  # fmt: skip
    say("", f"editor account {EDITOR} created")

    say(f"3. A streaming replica on port {REPLICA_PORT}: pg_basebackup -R, then started")
    start(Cluster(REPLICA_PORT, replica_of=primary))
    for _ in range(50):
        rows = query(
            PRIMARY_PORT,
            "SELECT application_name, client_addr, state, sync_state FROM pg_stat_replication",
        )
        if rows and rows[0][2] == "streaming":
            break
        time.sleep(0.2)
    say("", f"primary's pg_stat_replication: {rows}")
    say("", f"replica in recovery: {query(REPLICA_PORT, 'SELECT pg_is_in_recovery()')[0][0]}")

    say(f"4. Two gunicorn instances, A on {WEB_PORTS[0]} and B on {WEB_PORTS[1]}")
    logs = [open(tmp / f"gunicorn-{name}.log", "w") for name in "AB"]
    for port, name, log in zip(WEB_PORTS, "AB", logs, strict=True):
        start_instance(port, name, log)
        say(
            "",
            f"instance {name}: http://127.0.0.1:{port}/, DATABASE_URL=primary, "
            f"DATABASE_REPLICA_URLS=replica, cache: {REDIS_URL or 'the primary table kp_cache'}",
        )
    a, b = (f"http://127.0.0.1:{port}" for port in WEB_PORTS)

    say("5. Readers' pages come from the replica")
    before = replica_reads()
    pages = ["/", "/decisions/", "/meetings/", "/participants/", "/statements/", "/topics/"]
    for base in (a, b):
        for page in pages:
            assert get(base + page)[0] == 200, page
    # An idle session publishes its counters within 10 s (PostgreSQL's PGSTAT_IDLE_INTERVAL),
    # and no sooner than a second after it last did: read them until they have not moved for
    # longer than that. Settled over 6 s, a run counted 3 of some 90 transactions.
    after, settled = before, 0
    while settled < 6:
        time.sleep(2)
        now = replica_reads()
        settled = settled + 1 if now == after and now != before else 0
        after = now
    for name, old, new in zip(("replica", "primary"), before, after, strict=True):
        say("", f"{name}: +{new[0] - old[0]} transactions, +{new[1] - old[1]} rows returned")
    connected = query(
        REPLICA_PORT,
        f"SELECT application_name, count(*) FROM pg_stat_activity WHERE datname = '{DATABASE}' "
        "AND application_name LIKE 'kp-tracker-%' GROUP BY 1 ORDER BY 1",
    )
    say("", f"connections to the replica, by instance: {connected}")

    say("6. An editor signs in to instance A's admin and changes a published decision's title")
    decision_id, slug, title = query(
        PRIMARY_PORT,
        "SELECT id, slug, title FROM plenaries_decision "
        "WHERE publication_status = 'published' ORDER BY id LIMIT 1",
        DATABASE,
    )[0]
    editor = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    login = FormFields("login-form")
    login.feed(get(f"{a}/admin/login/", editor)[1])
    fields = dict(login.fields) | {"username": EDITOR, "password": password, "next": "/admin/"}
    status, landed, _page = post(editor, f"{a}/admin/login/", fields)
    assert landed.endswith("/admin/"), f"sign-in failed: {landed}"
    change = f"{a}/admin/plenaries/decision/{decision_id}/change/"
    saved_at = edit_title(editor, change, NEW_TITLE)
    say("", f"decision {decision_id}: {title!r} -> {NEW_TITLE!r} (POST with the CSRF token, 302)")

    say("7. A reader on instance B sees it")
    address = f"{b}/decisions/{slug}/"
    status, attempts = wait_for_title(address, NEW_TITLE)
    seen = (time.monotonic() - saved_at) * 1000
    say("", f"{address}: {status}, new title shown {seen:.0f} ms after the save ({attempts} GET)")
    lag = query(
        PRIMARY_PORT,
        "SELECT replay_lag, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) "
        "FROM pg_stat_replication",
    )[0]
    say("", f"replication lag now (pg_stat_replication): replay_lag={lag[0]}, {lag[1]} bytes")

    say(
        "8. The replica stops replaying (pg_wal_replay_pause()), as one whose replication broke, "
        "and the editor changes the title again"
    )
    query(REPLICA_PORT, "SELECT pg_wal_replay_pause()")
    saved_at = edit_title(editor, change, PAUSED_TITLE)
    status, attempts = wait_for_title(address, PAUSED_TITLE, seconds=30)
    seen = time.monotonic() - saved_at
    say(
        "",
        f"{address}: {status}, new title shown {seen:.1f} s after the save ({attempts} GETs), "
        "read from the primary once the replica had lacked it for REPLICA_MAX_LAG_SECONDS (5 s)",
    )
    # Each worker measures for itself, from when it first saw the change: ask until one says so.
    deadline = time.monotonic() + 5
    while '"behind"' not in (health := answer_of(f"{b}/healthz")) and time.monotonic() < deadline:
        time.sleep(0.1)
    say("", f"{b}/healthz, {time.monotonic() - saved_at:.1f} s after the save: {health}")
    query(REPLICA_PORT, "SELECT pg_wal_replay_resume()")
    for log in logs:
        log.close()


def edit_title(editor, change, new_title):
    """Changes the decision's title through its admin form; the time of the save."""
    form = FormFields("decision_form")
    form.feed(get(change, editor)[1])
    fields = [(name, new_title if name == "title" else value) for name, value in form.fields]
    _status, landed, page = post(editor, change, [*fields, ("_save", "Save")])
    saved_at = time.monotonic()
    changelist = urllib.parse.urlsplit(landed).path == "/admin/plenaries/decision/"
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
    assert changelist, f"the admin refused the edit: {landed} {errors}"
    return saved_at


def wait_for_title(address, title, seconds=2):
    """(status, GETs made) once an anonymous reader's page at `address` shows `title`."""
    deadline = time.monotonic() + seconds
    attempts = 0
    while True:
        status, page = get(address)
        attempts += 1
        if title in page:
            return status, attempts
        if time.monotonic() > deadline:
            raise RuntimeError(f"{address} still shows the old title after {seconds} s")
        time.sleep(0.01)


def answer_of(address):
    """What `address` answers, whatever its status."""
    try:
        return get(address)[1]
    except urllib.error.HTTPError as error:
        return f"{error.code} {error.read().decode()}"


def stop_everything(tmp):
    for process in started:
        os.killpg(process.pid, signal.SIGTERM)
    for process in started:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    clusters.close()
    shutil.rmtree(tmp, ignore_errors=True)
    if REDIS_URL:
        redis.Redis.from_url(REDIS_URL).flushdb()  # the demo's own database number
    say("9. Removed: both gunicorn instances, both clusters and the temporary directory")


def main():
    signal.signal(signal.SIGTERM, lambda *args: sys.exit(143))
    tmp = Path(tempfile.mkdtemp(prefix="kp-scale-demo-"))
    try:
        demo(tmp)
    except Exception:
        for log in [*server_logs, *sorted(tmp.glob("*.log"))]:
            print(f"--- {log.name}\n{log.read_text()[-3000:]}", file=sys.stderr)
        raise
    finally:
        stop_everything(tmp)


SECRET_KEY = secrets.token_urlsafe(50)
SETUP_ENV = {}

if __name__ == "__main__":
    main()
