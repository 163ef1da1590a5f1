"""A throwaway PostgreSQL server for demonstrations that stop, freeze or copy one: the newest
installed server's programs, a temporary directory, a free port on 127.0.0.1, trust
authentication, removed afterwards. The same steps as scripts/test-services, from Python.

    with Cluster() as cluster:
        print(cluster.url("kp_faults"))  # postgres://postgres@127.0.0.1:<port>/kp_faults

    with Cluster(configuration=REPLICATION) as primary, Cluster(replica_of=primary) as replica:
        ...  # a streaming replica, made with pg_basebackup -R
"""

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
from pathlib import Path


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# What a primary needs for a streaming replica: its postgresql.conf lines, its pg_hba.conf line.
REPLICATION = ("wal_level = replica", "max_wal_senders = 4", "hot_standby = on")
REPLICATION_ACCESS = ("host replication all 127.0.0.1/32 trust",)


class Cluster:
    def __init__(self, port=None, configuration=(), access=(), replica_of=None):
        """`configuration` and `access` are lines added to a new cluster's postgresql.conf and
        pg_hba.conf; `replica_of`, a running Cluster, makes this one its streaming replica."""
        self.configuration = configuration
        self.access = access
        self.replica_of = replica_of
        initdbs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
        if not initdbs:
            raise SystemExit("No PostgreSQL server is installed: apt-get install postgresql")
        self.bin = Path(initdbs[-1]).parent
        self.port = port or free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="kp-postgres-"))
        self.data = self.directory / "data"
        # initdb refuses to run as root: the server then runs as the postgres user.
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(self.directory, "postgres")

    def __enter__(self):
        if self.replica_of:
            self.run("pg_basebackup", "-h", "127.0.0.1", "-p", self.replica_of.port,
                     "-U", "postgres", "-D", self.data, "-R", "-X", "stream",
                     "--checkpoint=fast", "--no-sync")  # fmt: skip
        else:
            self.run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                     "--locale=C.UTF-8", "--no-sync")  # fmt: skip
            for name, lines in (
                ("postgresql.conf", self.configuration),
                ("pg_hba.conf", self.access),
            ):
                with open(self.data / name, "a") as file:
                    file.writelines(f"{line}\n" for line in lines)
        self.start()
        return self

    def __exit__(self, *exc):
        try:
            self.resume()  # a frozen server cannot stop
            self.stop("immediate")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)

    def run(self, program, *args):
        subprocess.run(
            [*self.as_owner, self.bin / program, *map(str, args)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def start(self):
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.directory} -c fsync=off"
        log = self.directory / "server.log"
        self.run("pg_ctl", "-D", self.data, "-l", log, "-o", options, "-w", "-s", "start")

    def stop(self, mode="fast"):
        """pg_ctl stop: "fast" ends the sessions cleanly, "immediate" as a crash would."""
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", self.data, "-m", mode, "-w", "-s", "stop")

    def processes(self):
        """The postmaster and every process it started (its backends and helpers)."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(
            ["pgrep", "-P", str(postmaster)], capture_output=True, text=True
        ).stdout.split()
        return [postmaster, *map(int, children)]

    def freeze(self):
        """SIGSTOP to all of it: the kernel still accepts connections and acknowledges what is
        sent to them, but nothing answers, as with a hung server."""
        for pid in self.processes():
            os.kill(pid, signal.SIGSTOP)

    def resume(self):
        if (self.data / "postmaster.pid").exists():
            for pid in self.processes():
                os.kill(pid, signal.SIGCONT)


def version(path):
    """/usr/lib/postgresql/15/bin/initdb -> 15, so that 16 sorts after 9.6."""
    return [int(part) for part in Path(path).parent.parent.name.split(".")]
