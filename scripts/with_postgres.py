"""Run a command with a reachable PostgreSQL named by TURNERO_TEST_DATABASE_URL.

Order of preference: the URL already set in the environment, a server on
127.0.0.1:5432, else a throwaway cluster started from the installed PostgreSQL
binaries (as user postgres when we are root, because PostgreSQL refuses to run as
root) and removed afterwards. Without any of them the command is not run and we
say how to get one: the PostgreSQL tests never skip.

Usage: python scripts/with_postgres.py -- COMMAND [ARGS...]
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator

import psycopg

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from tests.helpers.pg_role import ordinary_role_url

ENV = "TURNERO_TEST_DATABASE_URL"
LOCAL = "postgresql://postgres@127.0.0.1:5432/postgres"
HOW_TO_GET_ONE = f"""\
No PostgreSQL for the tests. Any one of these works:
  - set {ENV}=postgresql://USER@HOST:PORT/DB (a role that may CREATE DATABASE);
  - run a server on 127.0.0.1:5432 that trusts user postgres;
  - install the binaries so a throwaway cluster can be started:
      sudo apt-get install postgresql postgresql-contrib"""


def reachable(url: str) -> str | None:
    """Return None when we can connect, else the reason."""
    try:
        with psycopg.connect(url.replace("+psycopg", ""), connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return None


def find_bindir() -> str | None:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0,
    )
    if candidates:
        return os.path.dirname(candidates[-1])
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def try_install_binaries() -> None:
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("with_postgres: installing PostgreSQL binaries with apt-get", file=sys.stderr)
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "postgresql", "postgresql-contrib"],
            check=False,
            env=env,
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def throwaway_cluster(bindir: str) -> Iterator[str]:
    as_root = os.geteuid() == 0
    datadir = tempfile.mkdtemp(prefix="turnero-pg-")
    prefix: list[str] = []
    if as_root:
        pw = pwd.getpwnam("postgres")
        os.chown(datadir, pw.pw_uid, pw.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    pg_ctl = os.path.join(bindir, "pg_ctl")
    subprocess.run(
        [
            *prefix,
            os.path.join(bindir, "initdb"),
            "-D",
            datadir,
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    opts = f"-p {port} -k {datadir} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [*prefix, pg_ctl, "-D", datadir, "-l", f"{datadir}/server.log", "-o", opts, "-w", "start"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*prefix, pg_ctl, "-D", datadir, "-m", "fast", "-w", "stop"],
            check=False,
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(datadir, ignore_errors=True)


def main(argv: list[str]) -> int:
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    command = argv[argv.index("--") + 1 :]
    with contextlib.ExitStack() as stack:
        url = os.environ.get(ENV)
        if url:
            reason = reachable(url)
            if reason:
                print(
                    f"error: {ENV} is set but unreachable: {reason}\n\n{HOW_TO_GET_ONE}",
                    file=sys.stderr,
                )
                return 1
        elif reachable(LOCAL) is None:
            url = LOCAL
        else:
            bindir = find_bindir()
            if bindir is None:
                try_install_binaries()
                bindir = find_bindir()
            if bindir is None:
                print(f"error: {HOW_TO_GET_ONE}", file=sys.stderr)
                return 1
            url = stack.enter_context(throwaway_cluster(bindir))
            print(f"with_postgres: started a throwaway cluster at {url}", file=sys.stderr)
        # Tests run as an ordinary role: row-level security does not bind a superuser.
        url = ordinary_role_url(url)
        print(f"with_postgres: tests use {url}", file=sys.stderr)
        return subprocess.run(command, env=dict(os.environ, **{ENV: url}), check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
