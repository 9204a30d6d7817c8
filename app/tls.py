"""How desks and kiosks check the server they talk to over HTTPS.

A site server has its own certificate authority (`turnero admin site-cert`), which no
computer knows beforehand. Desks and kiosks trust it on first use: at the first sign-in
or enrollment they show its fingerprint to staff, who check it with the administrator,
and then pin it: the authority's certificate is kept in the settings with the server's
address, and from then on a server whose certificate does not chain to it is refused.
A server with a publicly trusted certificate needs no pin: the system's authorities
vouch for it. Every HTTP client of the desk and the kiosk (sign-in, enrollment, the
sync API and its event stream) takes its `ssl.SSLContext` from `context()`.

A pin is the authority's certificate in PEM; its fingerprint is the SHA-256 of the
certificate (DER), the same `openssl x509 -fingerprint -sha256` prints.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import certifi

# OpenSSL's verify codes that mean "no trusted authority signs this chain": the one
# case a new authority can be offered to staff to pin. Any other failure (an expired
# certificate, one made for another address) is not fixed by trusting anything.
UNTRUSTED_CHAIN = frozenset(
    {
        2,  # X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT
        18,  # X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
        19,  # X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
        20,  # X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
        21,  # X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE
    }
)
WRONG_NAME = frozenset({62, 64})  # X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH


def fingerprint(der: bytes) -> str:
    """SHA-256 of a certificate, as 64 lowercase hex digits."""
    return hashlib.sha256(der).hexdigest()


def short_fingerprint(full: str) -> str:
    """What staff read aloud and compare: the first 32 hex digits (128 bits, beyond
    any forgery) in groups of four, e.g. `3F2A 9C01 77B0 E4D1 0A9F 5C3E 2B71 D806`."""
    digits = full.replace(":", "").upper()[:32]
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


@dataclass(frozen=True)
class ServerCertificate:
    """A certificate authority a server presents: what staff confirm, and then pin."""

    pem: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(ssl.PEM_cert_to_DER_cert(self.pem))

    @property
    def short(self) -> str:
        return short_fingerprint(self.fingerprint)

    @classmethod
    def from_der(cls, der: bytes) -> ServerCertificate:
        return cls(ssl.DER_cert_to_PEM_cert(der))


def pin_key(server: str) -> str:
    """The address a pin belongs to: scheme, host and port, whatever else was typed."""
    parts = urlsplit(server.strip())
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:  # not a port: no server to pin anything for (sign-in says so)
        return server.strip()
    host = (parts.hostname or "").lower()
    return f"{parts.scheme.lower()}://{f'[{host}]' if ':' in host else host}:{port}"


def pinned(pins: Mapping[str, str], server: str) -> str:
    """The authority pinned for `server` (PEM), or "" when none is."""
    return pins.get(pin_key(server), "")


@functools.lru_cache(maxsize=8)
def context(ca_pem: str = "") -> ssl.SSLContext:
    """The one way a desk or kiosk checks a server: against the pinned authority
    alone when there is one, else against the system's authorities (and Mozilla's, as
    httpx ships them, for systems whose own store the bundle cannot find)."""
    if not ca_pem:
        ctx = ssl.create_default_context()
        ctx.load_verify_locations(cafile=certifi.where())
        return ctx
    ctx = ssl.create_default_context(cadata=ca_pem)
    # The pinned certificate is the anchor whatever it is: a site's own authority, or
    # the top of the chain a server sends when that is not a self-signed root.
    ctx.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    return ctx


class UntrustedServerError(Exception):
    """The server's certificate is not one this desk or kiosk accepts; nothing was
    sent to it. `reason`:

    - "unknown": no authority is pinned for this address and the system's do not
      vouch for it (the first contact with a site server): `offered` is the authority
      it presents, for staff to check and pin;
    - "changed": it does not chain to the pinned authority: ask the administrator;
      `offered` is what it presents now, to pin again deliberately;
    - "name": the certificate is not made for this address;
    - "invalid": anything else (e.g. expired): `detail` says what, in OpenSSL's words.
    """

    def __init__(
        self, server: str, reason: str, detail: str = "", offered: ServerCertificate | None = None
    ) -> None:
        super().__init__(f"{server}: certificate {reason}: {detail}")
        self.server, self.reason, self.detail, self.offered = server, reason, detail, offered

    @property
    def host(self) -> str:
        """The name or address the server was asked for by."""
        return urlsplit(self.server).hostname or self.server


def verification_error(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    """The certificate check behind a failed request (httpx wraps it), if that is why."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLCertVerificationError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


async def diagnose(
    server: str, ca_pem: str, error: ssl.SSLCertVerificationError
) -> UntrustedServerError:
    """Why the server's certificate was refused, and which authority it offers."""
    code = getattr(error, "verify_code", 0)
    detail = str(getattr(error, "verify_message", "") or error)
    if code in WRONG_NAME:
        return UntrustedServerError(server, "name", detail)
    if code not in UNTRUSTED_CHAIN:
        return UntrustedServerError(server, "invalid", detail)
    offered = await presented_authority(server)
    if offered is None:
        return UntrustedServerError(server, "invalid", detail)
    if ca_pem and ServerCertificate(ca_pem).fingerprint == offered.fingerprint:
        # Signed by the pinned authority, yet refused: pinning again would not help.
        return UntrustedServerError(server, "invalid", detail)
    return UntrustedServerError(server, "changed" if ca_pem else "unknown", detail, offered)


async def check_server(
    server: str, ca_pem: str, timeout: float = 10.0
) -> UntrustedServerError | None:
    """Whether the server's certificate is accepted now (against `ca_pem`, or the
    system's authorities): None if it is, else why not, with the authority it offers.
    Raises OSError when the server cannot be reached."""
    parts = urlsplit(server)
    if parts.scheme != "https":
        return None
    host, port = parts.hostname or "", port_of(server)
    try:
        _, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, ssl=context(ca_pem), server_hostname=host),
            timeout,
        )
    except ssl.SSLCertVerificationError as exc:
        return await diagnose(server, ca_pem, exc)
    except TimeoutError as exc:
        raise OSError(f"{server}: no answer") from exc
    writer.close()
    with contextlib.suppress(OSError, ssl.SSLError):
        await writer.wait_closed()
    return None


async def presented_authority(server: str, timeout: float = 10.0) -> ServerCertificate | None:
    """The top certificate of the chain the server sends (its authority, when it sends
    the whole chain as `site-cert`'s certificate does), read without trusting it: it is
    only shown to staff and used once they confirm it. None if it cannot be read."""
    host, port = urlsplit(server).hostname or "", port_of(server)
    probe = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    probe.check_hostname = False
    probe.verify_mode = ssl.CERT_NONE  # read only: what it sends is checked by a person
    try:
        _, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, ssl=probe, server_hostname=host), timeout
        )
    except (OSError, TimeoutError):
        return None
    try:
        chain = unverified_chain(writer.get_extra_info("ssl_object"))
    finally:
        writer.close()
        with contextlib.suppress(OSError, ssl.SSLError):
            await writer.wait_closed()
    return ServerCertificate.from_der(chain[-1]) if chain else None


def port_of(server: str) -> int:
    try:
        return urlsplit(server).port or 443
    except ValueError:
        return 443  # a port that is not one: the connection fails and says so


def unverified_chain(tls: object) -> list[bytes]:
    """The certificates a server sent, leaf first, as DER. Python 3.13 has this as
    `get_unverified_chain()`; 3.11 and 3.12 have the same method, undocumented, on the
    object under the SSL object."""
    public = getattr(tls, "get_unverified_chain", None)
    if public is not None:
        return [bytes(der) for der in public()]
    inner = getattr(tls, "_sslobj", None)
    read = getattr(inner, "get_unverified_chain", None)
    if read is None:
        peer = getattr(tls, "getpeercert", None)
        leaf = peer(binary_form=True) if peer is not None else None
        return [leaf] if leaf else []
    der = 2  # _ssl.ENCODING_DER
    return [bytes(cert.public_bytes(der)) for cert in read() or []]
