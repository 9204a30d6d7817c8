"""`turnero admin site-cert`: the site's certificate authority and the server's
certificate, as an administrator makes and renews them."""

from __future__ import annotations

import ipaddress
import socket
import stat
from datetime import timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import ExtendedKeyUsageOID

from server.tls import SERVER_DAYS, describe, load_served
from tests.helpers.sitecert import site_cert
from turnero import build_parser


def chain(path: Path) -> list[x509.Certificate]:
    return x509.load_pem_x509_certificates(path.read_bytes())


def test_site_cert_makes_an_authority_and_a_server_certificate_for_the_given_names(
    tmp_path: Path,
) -> None:
    site = site_cert(tmp_path, "--host", "Recepcion", "--ip", "192.168.0.10", "--ip", "127.0.0.1")
    files = site.files
    # The keys are the server's user's alone, from the first byte.
    assert stat.S_IMODE(files.ca_key.stat().st_mode) == 0o600
    assert stat.S_IMODE(files.server_key.stat().st_mode) == 0o600
    assert stat.S_IMODE(files.folder.stat().st_mode) == 0o700
    assert not list(files.folder.glob(".*.tmp"))
    [ca] = chain(files.ca_cert)
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    leaf, sent_ca = chain(files.server_cert)  # the chain the server sends: desks pin its top
    assert sent_ca == ca
    leaf.verify_directly_issued_by(ca)
    names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["recepcion"]
    assert names.get_values_for_type(x509.IPAddress) == [
        ipaddress.ip_address("192.168.0.10"),
        ipaddress.ip_address("127.0.0.1"),
    ]
    usage = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(usage) == [ExtendedKeyUsageOID.SERVER_AUTH]
    assert not leaf.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    # It prints the authority's fingerprint (as `openssl x509 -fingerprint -sha256`
    # does), the short form desks show, and what to pass to the server.
    colons = ":".join(f"{b:02X}" for b in ca.fingerprint(hashes.SHA256()))
    assert colons in site.printed
    assert site.printed_short.replace(" ", "") == colons.replace(":", "")[:32]
    assert f"--tls-cert {files.server_cert} --tls-key {files.server_key}" in site.printed
    assert "recepcion, 192.168.0.10, 127.0.0.1" in site.printed


def test_running_it_again_renews_the_server_certificate_under_the_same_authority(
    tmp_path: Path,
) -> None:
    first = site_cert(tmp_path, "--ip", "127.0.0.1")
    leaf_before = chain(first.files.server_cert)[0]
    again = site_cert(tmp_path, "--ip", "127.0.0.1", "--host", "caja")
    assert again.fingerprint == first.fingerprint  # desks that pinned it need nothing new
    assert again.printed_short == first.printed_short
    assert "kept" in again.printed
    leaf_after = chain(again.files.server_cert)[0]
    assert leaf_after.serial_number != leaf_before.serial_number
    leaf_after.verify_directly_issued_by(chain(again.files.ca_cert)[0])


def test_without_names_it_covers_this_machine_and_loopback(tmp_path: Path) -> None:
    args = build_parser().parse_args(["admin", "site-cert", "--data-dir", str(tmp_path)])
    assert args.func(args) == 0
    leaf = chain(tmp_path / "tls" / "server.pem")[0]
    names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert socket.gethostname().lower() in names.get_values_for_type(x509.DNSName)
    assert "localhost" in names.get_values_for_type(x509.DNSName)
    assert ipaddress.ip_address("127.0.0.1") in names.get_values_for_type(x509.IPAddress)


def test_each_site_has_its_own_authority(tmp_path: Path) -> None:
    assert site_cert(tmp_path / "a").fingerprint != site_cert(tmp_path / "b").fingerprint


def test_the_servers_log_names_the_authority_and_warns_before_the_certificate_ends(
    tmp_path: Path,
) -> None:
    site = site_cert(tmp_path)
    served = load_served(*site.tls)
    assert served.authority_fingerprint == site.fingerprint
    # The day it was issued, read off the certificate itself rather than the clock.
    issued = served.not_after - timedelta(days=SERVER_DAYS)
    lines = describe(served, issued)
    assert any(site.printed_short in line for line in lines)
    assert not any("WARNING" in line for line in lines)
    late = describe(served, served.not_after - timedelta(days=10))
    assert any("WARNING" in line and "site-cert" in line for line in late)
