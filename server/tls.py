"""A site's own certificate authority and the server certificate it signs
(`turnero admin site-cert`), and the TLS files `turnero server` serves with.

A site server answers desks and kiosks on its LAN by a local name or address that no
public authority will certify, so the site makes its own authority, kept in the data
folder (its key readable by the server's user only), and signs a certificate for the
names and addresses desks use. Desks and kiosks pin the authority at their first
sign-in or enrollment (app/tls.py), so the server certificate can be renewed, or made
for more names, without asking them to trust anything again.

Layout, under the data folder:  tls/ca.pem, tls/ca.key (the authority),
tls/server.pem (the server's certificate followed by the authority's: the chain it
sends, from which desks read the authority to pin) and tls/server.key.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from app.tls import fingerprint, short_fingerprint

FOLDER = "tls"
CA_CERT, CA_KEY = "ca.pem", "ca.key"
SERVER_CERT, SERVER_KEY = "server.pem", "server.key"
CA_YEARS = 20
# The server certificate is renewed by running site-cert again (same authority: no
# desk needs to trust anything new). 825 days is the longest that every TLS client
# accepts from any authority; the server warns in its log when the end is near.
SERVER_DAYS = 825
WARN_DAYS = 60

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class SiteFiles:
    folder: Path

    @classmethod
    def of(cls, data_dir: Path) -> SiteFiles:
        return cls(Path(data_dir).resolve() / FOLDER)

    @property
    def ca_cert(self) -> Path:
        return self.folder / CA_CERT

    @property
    def ca_key(self) -> Path:
        return self.folder / CA_KEY

    @property
    def server_cert(self) -> Path:
        return self.folder / SERVER_CERT

    @property
    def server_key(self) -> Path:
        return self.folder / SERVER_KEY

    def present(self) -> bool:
        return self.server_cert.is_file() and self.server_key.is_file()


@dataclass(frozen=True)
class SiteCertificate:
    files: SiteFiles
    new_authority: bool
    authority_fingerprint: str  # SHA-256, hex
    names: list[str]
    addresses: list[str]
    not_after: datetime


def default_names() -> tuple[list[str], list[IpAddress]]:
    """Without --host or --ip: this machine's name, and loopback."""
    names = [socket.gethostname().lower(), "localhost"]
    return list(dict.fromkeys(n for n in names if n)), [
        ipaddress.ip_address("127.0.0.1"),
        ipaddress.ip_address("::1"),
    ]


def make_site_certificate(
    data_dir: Path,
    names: Sequence[str],
    addresses: Sequence[IpAddress],
    *,
    now: datetime | None = None,
) -> SiteCertificate:
    """Make the site's authority (or keep the one already there) and a new server
    certificate signed by it for `names` and `addresses`."""
    now = now or datetime.now(UTC)
    files = SiteFiles.of(data_dir)
    files.folder.mkdir(parents=True, exist_ok=True)
    files.folder.chmod(0o700)
    owner = Path(data_dir).resolve().stat()
    authority = _existing_authority(files)
    new_authority = authority is None
    if authority is None:
        authority = _new_authority(now)
        ca_cert, ca_key = authority
        _write(files.ca_key, _key_pem(ca_key), 0o600, owner)
        _write(files.ca_cert, ca_cert.public_bytes(serialization.Encoding.PEM), 0o644, owner)
    ca_cert, ca_key = authority
    key = ec.generate_private_key(ec.SECP256R1())
    not_after = now + timedelta(days=SERVER_DAYS)
    alternatives: list[x509.GeneralName] = [x509.DNSName(n) for n in names]
    alternatives += [x509.IPAddress(a) for a in addresses]
    cert = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, (list(names) or ["turnero"])[0])])
        )
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(not_after)
        .add_extension(x509.SubjectAlternativeName(alternatives), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    _write(files.server_key, _key_pem(key), 0o600, owner)
    chain = cert.public_bytes(serialization.Encoding.PEM) + ca_cert.public_bytes(
        serialization.Encoding.PEM
    )
    _write(files.server_cert, chain, 0o644, owner)
    return SiteCertificate(
        files,
        new_authority,
        fingerprint(ca_cert.public_bytes(serialization.Encoding.DER)),
        list(names),
        [str(a) for a in addresses],
        not_after,
    )


def _existing_authority(
    files: SiteFiles,
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None:
    if not (files.ca_cert.is_file() and files.ca_key.is_file()):
        return None
    cert = x509.load_pem_x509_certificate(files.ca_cert.read_bytes())
    key = serialization.load_pem_private_key(files.ca_key.read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.public_key() != cert.public_key():
        raise ValueError(f"{files.ca_key} is not the key of {files.ca_cert}")
    return cert, key


def _new_authority(now: datetime) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Turnero site"),
            x509.NameAttribute(
                NameOID.COMMON_NAME, f"Turnero site authority {socket.gethostname()}"[:64]
            ),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return cert, key


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _write(path: Path, data: bytes, mode: int, owner: os.stat_result) -> None:
    """Atomically, with `mode` from the first byte (a key is never readable by others,
    even for a moment). Made by root for a service's folder (its StateDirectory), the
    file goes to the folder's owner, so the service can read its own key."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(tmp, mode)  # whatever the umask
    if hasattr(os, "geteuid") and os.geteuid() == 0 and owner.st_uid != 0:
        os.chown(tmp, owner.st_uid, owner.st_gid)
        os.chown(path.parent, owner.st_uid, owner.st_gid)
    os.replace(tmp, path)


@dataclass(frozen=True)
class ServedCertificate:
    """What `turnero server` serves: checked before it starts, described in its log."""

    cert: Path
    key: Path
    authority_fingerprint: str  # the top of the chain it sends: what desks pin
    not_after: datetime


def load_served(cert: Path, key: Path) -> ServedCertificate:
    """Check that the certificate and key load and belong together (ValueError saying
    what is wrong otherwise), and read what the log should say about them."""
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key)
        chain = x509.load_pem_x509_certificates(cert.read_bytes())
    except (OSError, ssl.SSLError, ValueError) as exc:
        raise ValueError(f"cannot serve {cert} with {key}: {exc}") from exc
    anchor = chain[-1].public_bytes(serialization.Encoding.DER)
    return ServedCertificate(cert, key, fingerprint(anchor), chain[0].not_valid_after_utc)


def describe(served: ServedCertificate, now: datetime) -> list[str]:
    """The log lines about TLS: which files, the authority desks pin, the end date."""
    lines = [
        f"TLS: {served.cert} (key {served.key})",
        f"TLS: certificate authority {short_fingerprint(served.authority_fingerprint)} "
        "(desks and kiosks show it at their first sign-in or enrollment)",
    ]
    left = served.not_after - now
    if left < timedelta(days=WARN_DAYS):
        lines.append(
            f"TLS: WARNING: the certificate ends on {served.not_after:%Y-%m-%d}; renew it with "
            "`turnero admin site-cert` (the same authority: desks need no new pin)"
        )
    return lines
