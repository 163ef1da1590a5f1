"""Real faults of the database behind the site's connection, for tests/test_faults.py: a
PostgreSQL stopped, ended or hung through a TCP relay, and a SQLite file taken away or locked."""

import socket
import sqlite3
import threading


def free_port():
    """A port nothing listens on, for now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def shut(sock):
    """Closes a socket, waking any thread blocked on it."""
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


class Relay:
    """A TCP relay to PostgreSQL that can hang as a frozen server does: it still accepts
    connections and keeps the open ones, but passes nothing on until it resumes."""

    def __init__(self, host, port):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.flowing = threading.Event()
        self.flowing.set()
        self.sockets = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:  # closed
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self.pump, args=(source, sink), daemon=True).start()

    def pump(self, source, sink):
        try:
            while data := source.recv(65536):
                self.flowing.wait()
                sink.sendall(data)
        except OSError:
            pass
        shut(source)
        shut(sink)

    def close(self):
        self.flowing.set()
        for sock in [self.listener, *self.sockets]:
            shut(sock)


class PostgreSQLFaults:
    """Stops and hangs the PostgreSQL behind the site's connection."""

    def __init__(self, tests_connection, database, relay):
        self.tests_connection, self.database, self.relay = tests_connection, database, relay
        database.settings_dict.update(HOST="127.0.0.1", PORT=relay.port)

    def stop(self):
        self.drop()
        self.database.settings_dict["PORT"] = free_port()

    def drop(self):
        """Ends the server's side of the site's connection, as a restart or a proxy would."""
        if self.database.connection is not None:
            with self.tests_connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(%s)", [self.database.connection.info.backend_pid]
                )

    def hang(self):
        self.relay.flowing.clear()

    def mend(self):
        self.database.settings_dict["PORT"] = self.relay.port
        self.relay.flowing.set()


class SQLiteFaults:
    """Takes away and locks the SQLite file behind the site's connection."""

    def __init__(self, tests_connection, database, tmp_path, hang_bound):
        self.database, self.file = database, str(tmp_path / "db.sqlite3")
        with sqlite3.connect(self.file) as copy_of_tests_database:
            tests_connection.connection.backup(copy_of_tests_database)
        database.settings_dict["NAME"] = self.file
        database.settings_dict["OPTIONS"]["timeout"] = hang_bound  # how long a lock is waited
        self.locker = None

    def stop(self):
        self.database.settings_dict["NAME"] = self.file.replace("db.sqlite3", "gone/db.sqlite3")
        self.database.close()  # a file, unlike a server, cannot drop an open connection

    def hang(self):
        self.locker = sqlite3.connect(self.file, isolation_level=None)
        self.locker.execute("BEGIN EXCLUSIVE")

    def mend(self):
        self.database.settings_dict["NAME"] = self.file
        if self.locker:
            self.locker.close()
