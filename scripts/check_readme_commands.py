"""Runs every shell command README.md shows, as a newcomer would, and says which ones work.

    python3 scripts/check_readme_commands.py              # in a fresh clone of this repository
    python3 scripts/check_readme_commands.py --here       # here, uncommitted work included
    python3 scripts/check_readme_commands.py --skip-slow  # not the `make test...` and bench targets

The commands are the lines of the README's ```sh blocks and the inline `code` spans that are
commands, each run once, in the order the README shows them, in a shell with none of the project's
variables set. Servers (`make run`) are started in the background, checked by fetching a page and
stopped; `changepassword` is answered through a pseudo-terminal; `make clean` runs last. One line
per command: ok, FAILED or not run, and the time taken; the exit status is 1 if any failed.

Standard library only: it runs before anything is installed. tests/test_readme.py imports
`extract_commands` and `kind_of` to check that every command the README shows is one this script
knows how to run.
"""

import argparse
import os
import pty
import re
import secrets
import select
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
COMMAND_WORDS = {
    # What a command may start with (after NAME=value assignments); other code spans are names,
    # paths, addresses or examples of search syntax.
    *("make", "python", "python3", "pip", "pytest", "ruff", "manage.py", "django-admin"),
    *("createdb", "dropdb", "psql", "pg_ctl", "export", "cd", "git", "curl", "bash", "sh"),
    *("sudo", "apt-get", "apt", "npm", "npx", "docker", "gunicorn", "uwsgi"),
}
COMMAND_PATHS = (".venv/", "./")  # a bare `scripts/name` names a file
# How to run each command the README may show, by kind: plain (must exit 0), server (started, a
# page fetched, stopped), password (typed on a terminal), slow (--skip-slow leaves it out),
# rewrite and clean (change the tree: not with --here; clean runs last), gettext (needs msgfmt),
# createdb, export, self. A command not found here is one this script does not know how to run
# (and tests/test_readme.py fails until it does).
MAKE_TARGETS = {
    "run": "server",
    "serve": "server",
    "test": "slow",
    "test-browser": "slow",
    "bench-search": "slow",
    "bench-api": "slow",
    "bench-load": "slow",
    "bench-profile": "slow",
    "faults": "slow",
    "scale-demo": "slow",
    "check": "plain",
    "lint": "plain",
    "format": "rewrite",
    "clean": "clean",
    "readme-check": "self",
}
MANAGE_COMMANDS = {
    "changepassword": "password",
    "compilemessages": "gettext",
    **dict.fromkeys(("migrate", "collectstatic", "check", "axes_reset"), "plain"),
    **dict.fromkeys(("load_demo_data", "create_local_editor", "refresh_search_words"), "plain"),
    **dict.fromkeys(("build_downloads", "createcachetable"), "plain"),
}
# Programs the README's "Deploying" section runs: installing, backing up and restoring, and
# gunicorn, served like `make run` and checked for every security header (deploy).
PROGRAMS = {
    **dict.fromkeys(("python3.11", ".venv/bin/pip", "pg_dump", "pg_restore"), "plain"),
    ".venv/bin/gunicorn": "deploy",
}
# What a deployed site must answer with, behind its TLS proxy.
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)
DEFAULT_PORT = "8000"  # the Makefile's
# Variables that a newcomer's shell does not set, besides those of the README's settings table.
OTHER_VARIABLES = {
    *("PORT", "TEST_DATABASE_URL", "BENCH_DATABASE_URL", "PYTEST_ARGS", "README_CHECK_ARGS"),
    *("DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"),
    "KP_IN_MAKE_TEST",
}
SERVER_START_TIMEOUT = 20 * 60  # `make run` in a fresh clone installs everything first
COMMAND_TIMEOUT = 60 * 60


@dataclass(frozen=True)
class Command:
    """One command as the README shows it, and the ```sh block it is in (None: inline)."""

    text: str
    block: int | None


def strip_comment(line):
    quote = None
    for index, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1].isspace()):
            return line[:index].rstrip()
    return line.rstrip()


def split_assignments(text):
    """(NAME=value assignments in front, the command's words), or None if it cannot be split."""
    try:
        words = shlex.split(text)
    except ValueError:
        return None
    count = 0
    while count < len(words) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[count]):
        count += 1
    return words[:count], words[count:]


def is_command(text):
    split = split_assignments(text)
    if not split or not split[1]:
        return False
    program = split[1][0]
    return program in COMMAND_WORDS or program.startswith(COMMAND_PATHS)


def extract_commands(markdown):
    """Every command the README shows, once each, in order: ```sh lines and inline commands."""
    commands, seen = [], set()
    block, fence, continued, prose = 0, None, "", []

    def add(text, block):
        text = " ".join(text.split())
        if text and text not in seen:
            seen.add(text)
            commands.append(Command(text, block))

    def add_inline_commands():  # from the prose so far, whose code spans may span lines
        for span in re.findall(r"`([^`]+)`", " ".join(prose)):
            if is_command(span):
                add(span, None)
        prose.clear()

    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            if fence is None:
                add_inline_commands()
                fence = line.strip()[3:].strip() or "text"
                block += 1
            else:
                fence = None
        elif fence in {"sh", "bash", "shell", "console"}:
            line = continued + strip_comment(line)
            if line.endswith("\\"):
                continued = line[:-1] + " "
                continue
            continued = ""
            add(line, block)
        elif fence is None:
            prose.append(line)
    add_inline_commands()
    return commands


def kind_of(text):
    """How this script runs a command (a `Checker.run_<kind>`), or None if it does not know."""
    split = split_assignments(text)
    if not split or not split[1]:
        return None
    _, (program, *args) = split
    if program == "make" and len(args) == 1:
        return MAKE_TARGETS.get(args[0])
    if program == ".venv/bin/python" and args[:1] == ["manage.py"] and len(args) > 1:
        return MANAGE_COMMANDS.get(args[1])
    if program == "manage.py" and args:
        return MANAGE_COMMANDS.get(args[0])
    if program == "export" and args and all("=" in arg for arg in args):
        return "export"
    if program == "createdb" and args and not args[-1].startswith("-"):
        return "createdb"
    return PROGRAMS.get(program)


def has_placeholder(text):
    """A command with `...`, `<name>` or `user@host` cannot run as written."""
    return "..." in text or "…" in text or bool(re.search(r"<[\w -]+>|\buser@host\b", text))


def readme_variables(markdown):
    """The variable names in the first column of the README's settings table."""
    names = set()
    for row in re.findall(r"^\|([^|\n]*)\|", markdown, re.MULTILINE):
        names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", row))
    return names


# Running ---------------------------------------------------------------------------------------


@dataclass
class Outcome:
    status: str  # "ok", "FAILED" or "not run"
    note: str = ""
    output: str = ""
    env: dict | None = None  # what an `export` leaves for the rest of its block


class Checker:
    def __init__(self, tree, *, here, skip_slow):
        self.tree = tree
        self.here = here
        self.skip_slow = skip_slow
        self.inside_make_test = bool(os.environ.get("KP_IN_MAKE_TEST"))
        markdown = (tree / "README.md").read_text()
        self.commands = extract_commands(markdown)
        unset = readme_variables(markdown) | OTHER_VARIABLES
        self.base_env = {k: v for k, v in os.environ.items() if k not in unset}
        self.created_databases = []  # (createdb options, name), dropped at the end

    def run_all(self):
        """Runs the commands (`make clean` last: it removes .venv); returns the outcomes."""
        last = [c for c in self.commands if kind_of(c.text) == "clean"]
        ordered = [c for c in self.commands if c not in last] + last
        outcomes = []
        block, env = None, self.base_env
        try:
            for command in ordered:
                if command.block != block:  # what a block exports lasts until its end
                    block, env = command.block, self.base_env
                started = time.monotonic()
                outcome = self.run(command, env)
                env = outcome.env or env
                seconds = time.monotonic() - started
                timing = "" if outcome.status == "not run" else f"{seconds:6.1f}s"
                note = f"  ({outcome.note})" if outcome.note else ""
                print(f"{outcome.status:<8}{timing:>8}  {command.text}{note}", flush=True)
                if outcome.status == "FAILED":
                    tail = outcome.output.strip().splitlines()[-25:]
                    print("".join(f"        | {line}\n" for line in tail), end="", flush=True)
                outcomes.append(outcome)
        finally:
            self.drop_created_databases()
        return outcomes

    def run(self, command, env):
        kind = kind_of(command.text)
        if kind is None:
            return Outcome("FAILED", "this script does not know how to run it")
        if has_placeholder(command.text):
            return Outcome("FAILED", "it has a placeholder: the README must show it runnable")
        if kind == "self":
            return Outcome("not run", "this check itself")
        if kind == "slow" and self.inside_make_test and "make test" in command.text:
            return Outcome("not run", "inside make test")
        if kind == "slow" and self.skip_slow:
            return Outcome("not run", "--skip-slow")
        if kind in {"clean", "rewrite"} and self.here:
            return Outcome("not run", "--here: it would change the shared working tree")
        text = command.text
        if text.startswith("manage.py "):  # as the README's Quick start runs manage.py
            text = ".venv/bin/python " + text
        outcome = getattr(self, f"run_{kind}")(text, env)
        if text != command.text:
            outcome.note = "; ".join(filter(None, [f"as {text}", outcome.note]))
        return outcome

    def shell(self, text, env, timeout=COMMAND_TIMEOUT):
        try:
            result = subprocess.run(
                ["bash", "-c", text],
                cwd=self.tree,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as error:
            return Outcome("FAILED", f"still running after {timeout} s", str(error.output or ""))
        if result.returncode:
            return Outcome("FAILED", f"exit status {result.returncode}", result.stdout)
        return Outcome("ok", output=result.stdout)

    run_plain = run_slow = run_clean = run_rewrite = shell

    def run_gettext(self, text, env):
        if not shutil.which("msgfmt"):
            if os.geteuid() != 0 or not shutil.which("apt-get"):
                return Outcome("FAILED", "needs GNU gettext: sudo apt-get install gettext")
            install = "apt-get update -qq && apt-get install -y -qq gettext"
            print(f"        installing GNU gettext: {install}", flush=True)
            installed = self.shell(f"export DEBIAN_FRONTEND=noninteractive; {install}", os.environ)
            if installed.status != "ok":
                return Outcome("FAILED", f"needs GNU gettext: {install}", installed.output)
        return self.shell(text, env)

    def run_export(self, text, env):
        outcome = self.shell(f"{text} && env -0", env)
        if outcome.status == "ok":
            pairs = (item.split("=", 1) for item in outcome.output.split("\0") if "=" in item)
            return Outcome("ok", "for the rest of its block", env=dict(pairs))
        return outcome

    def run_createdb(self, text, env):
        *options, name = shlex.split(text)[1:]
        exists = f"SELECT 1 FROM pg_database WHERE datname = {quote_literal(name)}"
        before = self.shell(shlex.join(["psql", *options, "-d", "postgres", "-Atc", exists]), env)
        if before.status != "ok":
            return before
        outcome = self.shell(text, env)
        if before.output.strip() == "1":
            if outcome.status == "FAILED" and "already exists" in outcome.output:
                return Outcome("ok", f"{name} existed already; kept as it is")
            return outcome
        if outcome.status == "ok":
            self.created_databases.append((options, name))
            outcome.note = f"dropped at the end: {name} did not exist before"
        return outcome

    def drop_created_databases(self):
        for options, name in self.created_databases:
            drop = shlex.join(["dropdb", *options, "--force", "--if-exists", name])
            outcome = self.shell(drop, self.base_env)
            print(f"{outcome.status:<8}{'':>8}  {drop}  (this check created it)", flush=True)

    def run_password(self, text, env):
        password = secrets.token_urlsafe(12)
        answers = [(b"Password: ", password), (b"Password (again): ", password)]
        status, output = run_in_terminal(text, self.tree, env, answers, timeout=120)
        if status != 0 or "changed successfully" not in output:
            return Outcome("FAILED", f"exit status {status}", output)
        note = "answered through a terminal"
        if self.here:  # the tree's own database: say what its editor's password now is
            note += f"; the password is now {password}"
        return Outcome("ok", note)

    def run_server(self, text, env, check=None):
        """Starts a server, fetches /decisions/ as the TLS proxy would, stops it; `check` looks
        further at the answer."""
        assignments, _ = split_assignments(text)
        port = dict(a.split("=", 1) for a in assignments).get("PORT", DEFAULT_PORT)
        if port_in_use(port):
            return Outcome("FAILED", f"port {port} is in use: the page fetched would be another's")
        url = f"http://127.0.0.1:{port}/decisions/"
        with tempfile.TemporaryFile("w+") as log:
            server = subprocess.Popen(
                ["bash", "-c", text],
                cwd=self.tree,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, stopped as a whole
            )
            try:
                problem, response = wait_for_page(url, server, SERVER_START_TIMEOUT)
                if not problem and check:
                    problem = check(url, response)
            finally:
                stop_process_group(server)
            log.seek(0)
            output = log.read()
        if problem:
            return Outcome("FAILED", problem, output)
        return Outcome("ok", f"served {url}, then stopped")

    def run_deploy(self, text, env):
        outcome = self.run_server(text, env, check=deployed_well)
        if outcome.status == "ok":
            outcome.note += "; every security header present, static files kept ten years"
        return outcome


def deployed_well(url, response):
    """None if the page carries every security header and its stylesheet is served compressed,
    hashed and kept ten years (immutable); otherwise what is missing."""
    headers, body = response
    missing = [name for name in SECURITY_HEADERS if name not in headers]
    if missing:
        return f"{url} answered without {', '.join(missing)}"
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', body)
    if not stylesheet:
        return f"{url} links no stylesheet"
    static_url = urllib.parse.urljoin(url, stylesheet.group(1))
    request = urllib.request.Request(
        static_url, headers={**PROXY_HEADERS, "Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        cache_control = answer.headers.get("Cache-Control", "")
        encoding = answer.headers.get("Content-Encoding")
    if "max-age=315360000" not in cache_control or "immutable" not in cache_control or not encoding:
        return (
            f"{static_url} answered Cache-Control {cache_control!r}, Content-Encoding {encoding!r}"
        )
    return None


def quote_literal(value):
    return "'" + value.replace("'", "''") + "'"


def port_in_use(port):
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", int(port))) == 0


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect (to HTTPS, say) is an answer to report, not to follow


# As the TLS-terminating proxy in front of a deployed site sends them; `make run` ignores them.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def wait_for_page(url, server, timeout):
    """(None, (headers, body)) once `url` answers 200 with the word "decisions"; otherwise (what
    went wrong, None)."""
    opener = urllib.request.build_opener(NoRedirects)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return f"stopped with exit status {server.returncode} before serving {url}", None
        try:
            with opener.open(
                urllib.request.Request(url, headers=PROXY_HEADERS), timeout=10
            ) as answer:
                body = answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return f"{url} answered {error.code}", None
        except OSError:  # not listening yet
            time.sleep(1)
            continue
        if "decisions" not in body.lower():
            return f"{url} answered a page without the word 'decisions'", None
        return None, (answer.headers, body)
    return f"{url} did not answer within {timeout} s", None


def stop_process_group(process):
    """Stops the server's whole process group, waiting until every process in it has gone: a
    gunicorn may outlive the make that started it while its workers finish."""
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            process.poll()  # reaps the shell, so that its group can empty
            try:
                os.killpg(process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)


def run_in_terminal(text, cwd, env, answers, timeout):
    """Runs `text` on a pseudo-terminal, typing each reply when its prompt appears."""
    pid, terminal = pty.fork()
    if pid == 0:  # the child: the terminal is its controlling terminal, as getpass wants
        try:
            os.chdir(cwd)
            os.execve("/bin/bash", ["bash", "-c", text], env)
        finally:
            os._exit(127)
    output, searched_to = b"", 0
    deadline = time.monotonic() + timeout
    while True:
        ready, _, _ = select.select([terminal], [], [], max(0, deadline - time.monotonic()))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            output += f"\n(no end after {timeout} s)".encode()
            break
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # the child closed the terminal
            chunk = b""
        if not chunk:
            break
        output += chunk
        if answers and answers[0][0] in output[searched_to:]:
            prompt, reply = answers.pop(0)
            searched_to = output.index(prompt, searched_to) + len(prompt)
            os.write(terminal, reply.encode() + b"\n")
    os.close(terminal)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "repository", nargs="?", default=str(REPOSITORY), help="what to clone (default: this one)"
    )
    parser.add_argument(
        "--here",
        action="store_true",
        help="run in this working tree instead of a fresh clone (sees uncommitted work)",
    )
    parser.add_argument(
        "--skip-slow",
        action="store_true",
        help="leave out `make test`, `make test-browser` and `make bench-search`",
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kp-readme-check-") as scratch:
        if arguments.here:
            tree = REPOSITORY
        else:
            tree = Path(scratch) / "kp"
            subprocess.run(["git", "clone", "--quiet", arguments.repository, tree], check=True)
        print(f"Running the commands README.md shows, in {tree}", flush=True)
        checker = Checker(tree, here=arguments.here, skip_slow=arguments.skip_slow)
        statuses = [outcome.status for outcome in checker.run_all()]
    counts = {status: statuses.count(status) for status in ("ok", "FAILED", "not run")}
    print(", ".join(f"{count} {status}" for status, count in counts.items()))
    return 1 if counts["FAILED"] else 0


if __name__ == "__main__":
    sys.exit(main())
