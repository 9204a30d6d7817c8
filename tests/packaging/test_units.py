"""The service units shipped in packaging/ say what they must."""

from __future__ import annotations

import configparser
from pathlib import Path
from urllib.parse import urlsplit

from server.tls import FOLDER, SERVER_CERT, SERVER_KEY
from turnero import build_parser

UNITS = Path(__file__).resolve().parents[2] / "packaging" / "systemd"


class _CaseSensitive(configparser.ConfigParser):
    def optionxform(self, optionstr: str) -> str:
        return optionstr  # configparser lowercases keys unless told otherwise


def read_ini(path: Path) -> configparser.ConfigParser:
    """systemd units and .desktop entries: INI files whose keys are case-sensitive."""
    parser = _CaseSensitive(interpolation=None, strict=True)
    parser.read(path, encoding="utf-8")
    return parser


def unit(name: str) -> configparser.ConfigParser:
    return read_ini(UNITS / name)


def test_the_kiosk_restarts_after_a_crash_into_the_kiosk() -> None:
    kiosk = unit("turnero-kiosk.service")
    assert kiosk["Service"]["ExecStart"].split()[1:3] == ["kiosk", "--server"]
    assert kiosk["Service"]["Restart"] == "always"
    assert int(kiosk["Service"]["RestartSec"]) <= 5
    assert kiosk["Install"]["WantedBy"] == "graphical-session.target"


def test_the_server_unit_keeps_its_store_in_its_state_directory() -> None:
    server = unit("turnero-server.service")
    command = server["Service"]["ExecStart"].split()
    assert command[1] == "server"
    assert (
        command[command.index("--data-dir") + 1]
        == "/var/lib/" + server["Service"]["StateDirectory"]
    )
    assert server["Install"]["WantedBy"] == "multi-user.target"


def test_the_kiosk_talks_to_its_server_over_https() -> None:
    command = unit("turnero-kiosk.service")["Service"]["ExecStart"].split()
    args = build_parser().parse_args(command[1:])
    assert urlsplit(args.server).scheme == "https"


def test_the_server_unit_serves_https_with_the_site_certificate_of_its_data_folder() -> None:
    command = unit("turnero-server.service")["Service"]["ExecStart"].split()
    args = build_parser().parse_args(command[1:])
    site = Path(args.data_dir) / FOLDER  # where `turnero admin site-cert` writes
    assert Path(args.tls_cert) == site / SERVER_CERT
    assert Path(args.tls_key) == site / SERVER_KEY
    assert not args.no_tls
    assert args.host == "0.0.0.0"  # the LAN reaches it: all the more reason for TLS


def test_the_desk_has_a_menu_entry() -> None:
    entry = read_ini(UNITS.parent / "linux" / "turnero-desk.desktop")
    desk = entry["Desktop Entry"]
    assert desk["Exec"].split()[1:] == ["desk"]
    assert (UNITS.parent / "linux" / f"{desk['Icon']}.svg").exists()
