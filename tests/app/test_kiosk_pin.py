"""The kiosk's staff PIN: kept with Argon2id, and locked after a few wrong tries so
that a customer cannot walk through 10,000 four-digit PINs at the screen."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher

from app.kiosk import ExitPin, KioskSettings, check_pin, hash_pin

START = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


class Kiosk:
    """A kiosk's settings file and its exit PIN, at an instant the test moves."""

    def __init__(self, path: Path, settings: KioskSettings | None = None) -> None:
        self.path, self.at = path, START
        self.settings = settings or KioskSettings.load(path)
        self.pin = ExitPin(self.settings, lambda: self.settings.save(path), lambda: self.at)

    def restart(self) -> Kiosk:
        again = Kiosk(self.path)
        again.at = self.at
        return again


def legacy_hash(pin: str) -> str:
    """The PBKDF2 form kiosks enrolled before this version have in their settings."""
    salt = bytes(range(16))
    return f"{salt.hex()}${hashlib.pbkdf2_hmac('sha256', pin.encode(), salt, 200_000).hex()}"


def test_the_pin_is_kept_with_argon2id() -> None:
    stored = hash_pin("2468")
    assert stored.startswith("$argon2id$")
    assert check_pin("2468", PasswordHasher().hash("2468"))  # the cost kiosks really use
    assert "2468" not in stored
    assert check_pin("2468", stored)
    assert not check_pin("2469", stored)
    assert not check_pin("2468", "")


def test_an_older_kiosks_pin_still_leaves_and_moves_to_argon2(tmp_path: Path) -> None:
    kiosk = Kiosk(tmp_path / "kiosk.json", KioskSettings(pin_hash=legacy_hash("2468")))
    assert not kiosk.pin.check("1357").ok
    assert kiosk.settings.pin_hash == legacy_hash("2468")  # a wrong PIN changes nothing
    assert kiosk.pin.check("2468").ok
    saved = KioskSettings.load(tmp_path / "kiosk.json")
    assert saved.pin_hash.startswith("$argon2id$")
    assert saved.pin_failures == 0
    assert kiosk.restart().pin.check("2468").ok


def test_five_wrong_pins_lock_the_exit_for_minutes_even_across_a_restart(tmp_path: Path) -> None:
    kiosk = Kiosk(tmp_path / "kiosk.json", KioskSettings())
    kiosk.pin.set("2468")
    kiosk.settings.save(kiosk.path)
    tries = [kiosk.pin.check(f"000{n}") for n in range(5)]
    assert [t.tries_left for t in tries] == [4, 3, 2, 1, 0]
    assert [t.locked_for for t in tries] == [0, 0, 0, 0, 300]
    kiosk = kiosk.restart()  # pulling the plug does not lift it
    assert not kiosk.pin.check("2468").ok  # the right PIN too: not even checked
    kiosk.at += timedelta(minutes=4)
    assert kiosk.pin.locked_for() == 60
    kiosk.at += timedelta(minutes=1)
    assert kiosk.pin.locked_for() == 0
    again = kiosk.pin.check("1111")  # one more wrong: twice as long
    assert (again.ok, again.locked_for) == (False, 600)
    kiosk.at += timedelta(minutes=10)
    assert kiosk.pin.check("2468").ok
    assert kiosk.restart().settings.pin_failures == 0  # a right PIN starts afresh
    assert kiosk.pin.check("1111").tries_left == 4


def test_the_lock_grows_to_an_hour_at_most(tmp_path: Path) -> None:
    kiosk = Kiosk(tmp_path / "kiosk.json", KioskSettings())
    kiosk.pin.set("2468")
    locks = []
    for _ in range(12):
        kiosk.at += timedelta(seconds=kiosk.pin.locked_for())
        locks.append(kiosk.pin.check("0000").locked_for // 60)
    assert locks == [0, 0, 0, 0, 5, 10, 20, 40, 60, 60, 60, 60]
