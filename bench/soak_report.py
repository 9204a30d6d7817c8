"""What `make soak` judges a run by: the server's resident memory (read from /proc, the
whole process tree), latency percentiles, and whether every replica converged."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

PROC = Path("/proc")

# A client's view: (entity, id) -> the row's JSON text as the server sent it.
Rows = Mapping[tuple[str, str], str]


def process_tree(root: int, proc: Path = PROC) -> list[int]:
    """`root` and every process descended from it (a server's worker processes)."""
    children: dict[int, list[int]] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # The name, in parentheses, may hold spaces: the fields follow its last ')'.
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += children.get(pid, [])
    return tree


def rss_mb(pid: int, proc: Path = PROC) -> float:
    """A process's resident memory (VmRSS) in MB; 0 if it is gone."""
    try:
        for line in (proc / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass  # it ended between listing and reading: it holds no memory
    return 0.0


def tree_rss_mb(root: int, proc: Path = PROC) -> float:
    """The resident memory of `root` and its descendants, summed, in MB."""
    return round(sum(rss_mb(pid, proc) for pid in process_tree(root, proc)), 1)


def percentiles(samples: Iterable[float]) -> dict[str, float]:
    ordered = sorted(samples)
    if not ordered:
        return {"n": 0}

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(len(ordered) * q))], 1)

    return {"n": len(ordered), "p50_ms": at(0.5), "p95_ms": at(0.95), "p99_ms": at(0.99)}


def digest(rows: Rows) -> str:
    """One hash of a view, the same for the same rows in any order."""
    h = hashlib.sha256()
    for (entity, key), data in sorted(rows.items()):
        h.update(f"{entity}\t{key}\t{data}\n".encode())
    return h.hexdigest()


def diverged(clients: Mapping[str, Rows], server: Rows) -> dict[str, str]:
    """The clients whose view differs from the server's, each with how: rows missing,
    rows the server no longer has, and rows whose content differs."""
    want = digest(server)
    out = {}
    for name, rows in clients.items():
        if digest(rows) == want:
            continue
        missing = server.keys() - rows.keys()
        extra = rows.keys() - server.keys()
        stale = [k for k in rows.keys() & server.keys() if rows[k] != server[k]]
        out[name] = f"{len(missing)} missing, {len(extra)} extra, {len(stale)} differing"
    return out
