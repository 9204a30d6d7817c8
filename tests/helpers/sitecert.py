"""Site certificates made as an administrator makes them: `turnero admin site-cert`."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from server.tls import SiteFiles
from turnero import build_parser


@dataclass(frozen=True)
class Site:
    """A data folder with a site certificate, and what site-cert printed about it."""

    data_dir: Path
    printed: str

    @property
    def files(self) -> SiteFiles:
        return SiteFiles.of(self.data_dir)

    @property
    def tls(self) -> tuple[Path, Path]:
        """What `turnero server --tls-cert --tls-key` takes."""
        return self.files.server_cert, self.files.server_key

    @property
    def ca_pem(self) -> str:
        return self.files.ca_cert.read_text()

    @property
    def fingerprint(self) -> str:
        """The authority's SHA-256, worked out apart from the code under test."""
        ca = x509.load_pem_x509_certificate(self.files.ca_cert.read_bytes())
        return ca.fingerprint(hashes.SHA256()).hex()

    @property
    def printed_short(self) -> str:
        """The short form site-cert told the administrator desks would show."""
        line = next(x for x in self.printed.splitlines() if "Desks and kiosks show it as" in x)
        return line.split(":", 1)[1].strip()


def site_cert(data_dir: Path, *args: str) -> Site:
    """`turnero admin site-cert --data-dir DATA_DIR ARGS...` (default: for 127.0.0.1)."""
    argv = ["admin", "site-cert", "--data-dir", str(data_dir), *(args or ("--ip", "127.0.0.1"))]
    parsed = build_parser().parse_args(argv)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = parsed.func(parsed)
    assert code == 0, out.getvalue()
    return Site(data_dir, out.getvalue())
