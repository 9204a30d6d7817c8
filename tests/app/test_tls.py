"""Pins as desks and kiosks keep them: per server address, in their settings files."""

from __future__ import annotations

from pathlib import Path

from app import tls
from app.credentials import Preferences
from app.kiosk import KioskSettings


def test_a_pin_belongs_to_one_server_address_whatever_was_typed() -> None:
    assert tls.pin_key("https://Recepcion:8765/") == "https://recepcion:8765"
    assert tls.pin_key(" https://10.0.0.5 ") == "https://10.0.0.5:443"
    assert tls.pin_key("https://[::1]:8765") == "https://[::1]:8765"
    pins = {"https://recepcion:8765": "PEM"}
    assert tls.pinned(pins, "https://RECEPCION:8765") == "PEM"
    assert tls.pinned(pins, "https://recepcion:9000") == ""  # another server
    assert tls.pinned(pins, "http://recepcion:8765") == ""  # not even TLS
    assert tls.pinned(pins, "https://recepcion:80a") == ""  # not an address at all


def test_the_short_fingerprint_is_eight_groups_of_the_first_hex_digits() -> None:
    full = "2fede04e9e2e0e6a18c2d70c80d55e66025ee7837bb53f36b28231e282e86eee"
    assert tls.short_fingerprint(full) == "2FED E04E 9E2E 0E6A 18C2 D70C 80D5 5E66"
    colons = ":".join(full[i : i + 2] for i in range(0, 64, 2))
    assert tls.short_fingerprint(colons) == tls.short_fingerprint(full)


def test_pins_survive_in_the_desk_and_kiosk_settings(tmp_path: Path) -> None:
    prefs = Preferences(server="https://recepcion:8765")
    prefs.pins[tls.pin_key(prefs.server)] = "PEM A"
    prefs.save(tmp_path / "desk.json")
    assert Preferences.load(tmp_path / "desk.json").pins == {"https://recepcion:8765": "PEM A"}
    kiosk = KioskSettings(pins={"https://recepcion:8765": "PEM B"})
    kiosk.save(tmp_path / "kiosk.json")
    assert KioskSettings.load(tmp_path / "kiosk.json").pins == {"https://recepcion:8765": "PEM B"}
    # Files from before pins load with none.
    (tmp_path / "old.json").write_text('{"server": "http://127.0.0.1:8765"}')
    assert Preferences.load(tmp_path / "old.json").pins == {}
