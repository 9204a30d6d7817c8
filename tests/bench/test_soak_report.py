"""How `make soak` judges a run: the server's memory over its whole process tree, and
whether each client's view is the server's; and the verdict."""

from __future__ import annotations

import os
import subprocess
import sys

from bench.soak import verdict
from bench.soak_report import digest, diverged, process_tree, rss_mb, tree_rss_mb

# A child that holds 64 MB resident until its stdin closes.
HOLDER = "import sys; b = bytearray(b'x' * (64 << 20)); print(1, flush=True); sys.stdin.read()"


def test_a_process_trees_memory_counts_its_children() -> None:
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline()  # its memory is held
        me = os.getpid()
        assert child.pid in process_tree(me)
        own = rss_mb(me)
        assert tree_rss_mb(me) >= own + rss_mb(child.pid) - 1  # rounding
        assert rss_mb(child.pid) >= 64
        assert child.stdin is not None
        child.stdin.close()
        child.wait()
    assert child.pid not in process_tree(os.getpid())
    assert rss_mb(child.pid) == 0.0  # gone: nothing to count


def test_a_view_converges_only_when_every_row_matches_the_servers() -> None:
    server = {("booking", "b1"): '{"status":"checked_in"}', ("customer", "c1"): "{}"}
    clients = {
        "same rows, other order": dict(reversed(list(server.items()))),
        "missed a change": {**server, ("booking", "b1"): '{"status":"confirmed"}'},
        "kept a deleted row": {**server, ("payment", "p1"): "{}"},
        "missed a row": {("customer", "c1"): "{}"},
    }
    assert digest(clients["same rows, other order"]) == digest(server)
    assert diverged(clients, server) == {
        "missed a change": "0 missing, 0 extra, 1 differing",
        "kept a deleted row": "0 missing, 1 extra, 0 differing",
        "missed a row": "1 missing, 0 extra, 0 differing",
    }


def test_a_soak_fails_saying_why_on_errors_divergence_or_memory_growth() -> None:
    clean = {
        "errors_total": 0,
        "errors": {},
        "converged": True,
        "diverged": {},
        "server_rss": {"growth_pct": 9.9},
    }
    assert verdict(clean) == []
    assert verdict(
        {
            "errors_total": 2,
            "errors": {"stream: dropped": 2},
            "converged": False,
            "diverged": {"desk 0.1": "1 missing, 0 extra, 0 differing"},
            "server_rss": {"growth_pct": 10.0},
        }
    ) == [
        "2 errors: {'stream: dropped': 2}",
        "1 views differ from the server's",
        "server memory grew 10.0% (limit 10%)",
    ]
