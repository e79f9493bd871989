"""A throwaway PostgreSQL server for tests and trials: its own cluster in a temporary folder, on loopback.

    with TemporaryPostgres() as server:
        url = server.create_database("trial")     # postgresql://postgres@127.0.0.1:PORT/trial

Uses the installed server binaries (``pg_ctl`` on PATH or under /usr/lib/postgresql/*/bin);
``scripts/services.sh`` installs them. PostgreSQL refuses to run as root, so when run by root
the cluster belongs to the ``postgres`` user (or ``nobody``).
"""

from __future__ import annotations

import atexit
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """The PostgreSQL server binaries or the Python driver are not installed."""


def server_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, newest major version first, or None."""
    found = shutil.which("pg_ctl")
    candidates = [Path(found).resolve().parent] if found else []
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: _major(p.parent.name), reverse=True)
    for folder in [*candidates, *versions]:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _major(name: str) -> int:
    return int(name) if name.isdigit() else 0


def _server_user() -> str | None:
    """Who runs the server: None (ourselves) unless we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise PostgresUnavailable("running as root and neither a 'postgres' nor a 'nobody' user exists")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TemporaryPostgres:
    """A PostgreSQL cluster made with initdb in a temporary folder, started with pg_ctl, deleted on stop."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.port: int | None = None
        self._bin = server_binaries()
        self._user = _server_user()

    @property
    def url(self) -> str:
        return self.database_url("postgres")

    def database_url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def start(self) -> TemporaryPostgres:
        if self._bin is None:
            raise PostgresUnavailable("PostgreSQL server binaries (initdb, pg_ctl) not found; run scripts/services.sh")
        self.folder = Path(tempfile.mkdtemp(prefix="newsgraph-pg-"))
        if self._user:
            shutil.chown(self.folder, self._user)
        data = self.folder / "data"
        self._run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale")
        self.port = _free_port()
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off -c full_page_writes=off"
        self._run(
            "pg_ctl", "-D", str(data), "-l", str(self.folder / "server.log"), "-w", "-t", "60", "-o", options, "start"
        )
        return self

    def create_database(self, name: str) -> str:
        """Create an empty database and return its URL."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.database_url(name)

    def stop(self) -> None:
        if self.folder is None:
            return
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def _run(self, program: str, *args: str) -> None:
        assert self._bin is not None and self.folder is not None
        command = [str(self._bin / program), *args]
        done = subprocess.run(command, cwd=self.folder, user=self._user, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr.strip()}\n{tail}")

    def __enter__(self) -> TemporaryPostgres:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


_shared: TemporaryPostgres | None = None


def shared_postgres() -> TemporaryPostgres:
    """One server for the whole process (started on first use, stopped at exit); raises PostgresUnavailable."""
    global _shared
    if _shared is None:
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:
            raise PostgresUnavailable("the psycopg package is not installed") from exc
        server = TemporaryPostgres()
        server.start()
        atexit.register(server.stop)
        _shared = server
    return _shared
