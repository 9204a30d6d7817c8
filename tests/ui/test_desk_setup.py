"""File > Setup: the administrator sets the business up from the desk, against a real
server on loopback with the demo clinic. Reception may look; offline, nothing changes.

Tests that need the setup API's new items (issue 17: previews, PATCH of providers and
services, location-wide time off, holidays, last sign-in) say so in their docstring."""

from __future__ import annotations

import base64
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from app import setup_client as sc
from app.schedule import business
from app.signin import sign_in
from server.demo import ADMIN_EMAIL, PROVIDER_EMAIL, RECEPTION_EMAIL
from tests.helpers.deskui import wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from ui.desk.setup.common import ImpactDialog
from ui.desk.setup.dialog import SetupDialog
from ui.desk.setup.staff import PasswordDialog, StaffDialog
from ui.desk.window import DeskWindow

# A 1x1 PNG: the smallest logo the server takes.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def open_setup(run: Run[Any], window: DeskWindow) -> SetupDialog:
    dialog = window.menus.show_setup()

    async def loaded() -> None:
        await wait_until(lambda: dialog.ctx.tenant is not None, what="the business")
        await settle_dialog(dialog)

    run(loaded())
    return dialog


async def settle_dialog(dialog: SetupDialog) -> None:
    await dialog.ctx.tasks.drain()


def future_bookings(window: DeskWindow, now: datetime) -> dict[str, list[dict[str, Any]]]:
    """provider -> their bookings to come (as the desk's replica has them)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for row in window.desk.replica.all("booking"):
        if (
            row["status"] in ("requested", "confirmed")
            and datetime.fromisoformat(row["start_at"]) > now
        ):
            found.setdefault(row["provider_id"], []).append(row)
    return found


@pytest.mark.parametrize(
    ("email", "enabled"), [(ADMIN_EMAIL, True), (RECEPTION_EMAIL, True), (PROVIDER_EMAIL, False)]
)
def test_setup_is_offered_to_admins_and_reception_and_not_to_providers(
    desks: Desks, demo_server: LiveServer, email: str, enabled: bool
) -> None:
    _app, window = desks.open(demo_server, email=email)
    assert window.menus.setup_action.isEnabled() is enabled


def test_reception_sees_providers_and_services_but_changes_nothing(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    _app, window = desks.open(demo_server, email=RECEPTION_EMAIL)
    dialog = open_setup(run, window)
    titles = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
    assert "Staff" not in titles  # the server lists staff to admins only
    assert "Kiosks" in titles
    names = {p.display_name for p in dialog.providers.model.rows}
    assert "Laura Gómez" in names or len(names) >= 2
    assert len(dialog.services.model.rows) >= 2
    assert dialog.providers.banner.isVisibleTo(dialog.providers)
    assert dialog.providers.banner.text() == "Only an administrator can change this."
    assert not dialog.providers.save_button.isEnabled()
    assert not dialog.services.new_button.isEnabled()
    assert not dialog.business.save_button.isEnabled()
    dialog.close()


def test_the_admin_adds_someone_changes_the_role_deactivates_and_resets_the_password(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    _app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    dialog = open_setup(run, window)
    tab = dialog.staff
    run(wait_until(lambda: tab.model.rows, what="the staff"))
    assert ADMIN_EMAIL in {s.email for s in tab.model.rows}
    add = tab.ask_new()
    assert isinstance(add, StaffDialog)
    add.name.setText("Marta Ruiz")
    add.email.setText("marta@demo.turnero.ar")
    add.role.setCurrentIndex(add.role.findData("reception"))
    add.password.setText("short")
    add._submit()
    assert add.error.text() == "The password needs at least 8 characters."
    add.password.setText("marta-secret-1")
    add._submit()
    run(settle_dialog(dialog))
    marta = next(s for s in tab.model.rows if s.email == "marta@demo.turnero.ar")
    assert (marta.role, marta.active) == ("reception", True)
    assert tab.table.selectionModel().selectedRows()[0].row() == tab.model.rows.index(marta)

    tab.role.setCurrentIndex(tab.role.findData("admin"))
    tab.role_button.click()
    run(settle_dialog(dialog))
    marta = next(s for s in tab.model.rows if s.email == "marta@demo.turnero.ar")
    assert marta.role == "admin"
    assert tab.model.data(tab.model.index(tab.model.rows.index(marta), 2), 0) == "Administrator"

    reset = tab.ask_password()
    assert isinstance(reset, PasswordDialog)
    reset.password.setText("marta-secret-2")
    reset.again.setText("marta-secret-3")
    reset._submit()
    assert reset.error.text() == "The two passwords differ."
    reset.again.setText("marta-secret-2")
    reset._submit()
    run(settle_dialog(dialog))
    assert not reset.isVisible()
    run(sign_in(demo_server.base_url, "marta@demo.turnero.ar", "marta-secret-2"))

    assert tab.active_button.text() == "&Deactivate"
    tab.active_button.click()
    run(settle_dialog(dialog))
    marta = next(s for s in tab.model.rows if s.email == "marta@demo.turnero.ar")
    assert marta.active is False
    assert tab.active_button.text() == "Reac&tivate"
    with pytest.raises(Exception):  # noqa: B017, PT011 - a deactivated person cannot sign in
        run(sign_in(demo_server.base_url, "marta@demo.turnero.ar", "marta-secret-2"))
    dialog.close()


def test_the_staff_list_shows_each_persons_last_sign_in(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    """Needs the new `last_sign_in_at` of StaffOut (issue 17, item 1)."""
    _app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    dialog = open_setup(run, window)
    tab = dialog.staff
    run(wait_until(lambda: tab.model.rows, what="the staff"))
    admin = next(s for s in tab.model.rows if s.email == ADMIN_EMAIL)
    assert admin.last_sign_in_at is not None  # the desk signed in just now
    row = tab.model.rows.index(admin)
    shown = tab.model.data(tab.model.index(row, 5), 0)
    assert shown == dialog.ctx.local(admin.last_sign_in_at)
    never = [s for s in tab.model.rows if s.last_sign_in_at is None]
    assert never, "the demo has staff who never signed in"
    assert tab.model.data(tab.model.index(tab.model.rows.index(never[0]), 5), 0) == "never"
    dialog.close()


def test_the_admin_adds_a_provider_with_the_services_they_give(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    _app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    dialog = open_setup(run, window)
    tab = dialog.providers
    tab.table.clearSelection()
    tab.name.setText("Nuevo Prestador")
    tab.colour.set_colour("#aa3366")
    first = dialog.ctx.services[0]
    tab.services.item(0).setCheckState(tab.services.item(0).checkState().Checked)
    tab.new_button.click()
    run(settle_dialog(dialog))
    assert tab.error.text() == "Saved."
    made = next(p for p in dialog.ctx.providers if p.display_name == "Nuevo Prestador")
    assert made.colour == "#aa3366"
    assert made.service_ids == (first.service_id,)
    # The other tabs offer the new provider at once.
    assert dialog.hours.provider.findData(made.provider_id) >= 0
    assert dialog.time_off.scope.findData(f"provider:{made.provider_id}") >= 0
    dialog.close()


def test_deactivating_a_provider_with_bookings_to_come_lists_them(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_instant: datetime
) -> None:
    """Needs PATCH /setup/providers/{id} and its refusal's `bookings` (items 2 and 5)."""
    _app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    dialog = open_setup(run, window)
    tab = dialog.providers
    busy, rows = max(future_bookings(window, demo_instant).items(), key=lambda kv: len(kv[1]))
    tab.table.selectRow(next(i for i, p in enumerate(tab.model.rows) if p.provider_id == busy))
    tab.active.setChecked(False)
    tab.save_button.click()
    run(settle_dialog(dialog))
    assert tab.error.text().startswith("This provider still has")
    assert tab.bookings.isVisibleTo(tab)
    listed = {b.booking_id for b in tab.bookings.model.rows}
    # Those the desk holds, and any further ahead than a desk's replica reaches.
    assert listed >= {r["booking_id"] for r in rows}
    assert {(b.provider_id, b.reason) for b in tab.bookings.model.rows} == {
        (busy, "provider_inactive")
    }
    # Renaming works: the same PATCH, without deactivating.
    tab.active.setChecked(True)
    tab.name.setText("Laura G. (renamed)")
    tab.save_button.click()
    run(settle_dialog(dialog))
    assert tab.error.text() == "Saved."
    assert busy in {
        p.provider_id for p in dialog.ctx.providers if p.display_name.endswith("(renamed)")
    }
    dialog.close()


def test_a_longer_service_shows_the_bookings_it_would_overlap_before_saving(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    """Needs POST /setup/services/{id}/preview and PATCH /setup/services/{id}
    (items 3 and 5)."""
    _app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    dialog = open_setup(run, window)
    tab = dialog.services
    tab.table.selectRow(0)
    service = tab.model.rows[0]
    tab.duration.setValue(service.duration_minutes + 8 * 60)  # overlaps whatever follows
    tab.save_button.click()
    run(settle_dialog(dialog))
    impact = tab.impact
    assert isinstance(impact, ImpactDialog), tab.error.text()
    assert impact.model.rows
    # 8 hours longer: each booking runs past the day's end or into the next one.
    assert {b.reason for b in impact.model.rows} <= {"overlaps_after_change", "outside_hours"}
    impact.reject()  # going back saves nothing
    run(settle_dialog(dialog))
    assert dialog.ctx.services[0].duration_minutes == service.duration_minutes
    # A rename and a new price are saved at once.
    tab.duration.setValue(service.duration_minutes)
    tab.name.setText("Consulta renombrada")
    tab.price.setText("12,345.50")  # the desk speaks English here
    tab.save_button.click()
    run(settle_dialog(dialog))
    saved = next(s for s in dialog.ctx.services if s.service_id == service.service_id)
    assert (saved.name, saved.price_minor) == ("Consulta renombrada", 1234550)
    dialog.close()


def test_the_admin_adds_a_service_in_the_business_currency(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    """Needs ServiceIn's new `colour` (item 3)."""
    _app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    dialog = open_setup(run, window)
    tab = dialog.services
    assert tab.price.placeholderText() == "Price in ARS"
    tab.table.selectRow(0)
    tab.blank_button.click()  # from an empty form, not over the selected service
    assert tab.name.text() == ""
    assert not tab.save_button.isEnabled()  # nothing selected to change
    tab.name.setText("Control")
    tab.duration.setValue(20)
    tab.before.setValue(5)
    tab.after.setValue(10)
    tab.price.setText("8,000")
    tab.colour.set_colour("#336699")
    tab.new_button.click()
    run(settle_dialog(dialog))
    made = next(s for s in dialog.ctx.services if s.name == "Control")
    assert (made.duration_minutes, made.buffer_before_minutes, made.buffer_after_minutes) == (
        20,
        5,
        10,
    )
    assert (made.price_minor, made.colour) == (800000, "#336699")
    dialog.close()


def test_hours_typed_wrong_name_the_day_and_nothing_is_sent(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    _app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    dialog = open_setup(run, window)
    tab = dialog.hours
    run(wait_until(lambda: tab.shown is not None, what="the hours"))
    shown = tab.shown
    assert shown is not None
    assert shown.hours
    assert tab.days[0].text() == sc.intervals_text(i for i in shown.hours if i.weekday == 0)
    tab.days[2].setText("9 to 13")
    tab.save()
    assert tab.error.text() == "Wednesday working hours: write spans like 09:00-13:00, 14:00-18:00."
    run(settle_dialog(dialog))
    assert tab.impact is None
    dialog.close()


def test_new_hours_list_the_bookings_left_outside_and_save_once_confirmed(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_instant: datetime
) -> None:
    """Needs POST /setup/providers/{id}/hours/preview (item 5)."""
    _app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    dialog = open_setup(run, window)
    tab = dialog.hours
    busy, rows = max(future_bookings(window, demo_instant).items(), key=lambda kv: len(kv[1]))
    tab.provider.setCurrentIndex(tab.provider.findData(busy))
    run(wait_until(lambda: tab.shown is not None, what="the hours"))
    run(settle_dialog(dialog))
    for weekday in range(7):
        tab.days[weekday].setText("")
        tab.breaks[weekday].setText("")
    tab.days[6].setText("10:00-11:00")  # Sundays only: every booking to come is outside
    tab.save_button.click()
    run(settle_dialog(dialog))
    impact = tab.impact
    assert isinstance(impact, ImpactDialog), tab.error.text()
    assert {b.booking_id for b in impact.model.rows} >= {
        r["booking_id"] for r in rows if datetime.fromisoformat(r["start_at"]).weekday() != 6
    }
    assert {b.reason for b in impact.model.rows} == {"outside_hours"}
    assert not impact.save_button.isDefault()  # Enter goes back; saving anyway is a click
    impact.accept()
    run(settle_dialog(dialog))
    assert tab.shown == sc.Hours(tuple(sc.parse_intervals("10:00-11:00", 6, "x")), ())
    dialog.close()


def test_hours_from_a_date_are_saved_beside_the_current_week_and_shown(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_instant: datetime
) -> None:
    """From a date on, a provider works Sundays 10-11 only: the preview names only the
    bookings from that day on, the week is saved beside the current one, and both are
    listed to choose from."""
    _app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    dialog = open_setup(run, window)
    tab = dialog.hours
    busy, rows = max(future_bookings(window, demo_instant).items(), key=lambda kv: len(kv[1]))
    tab.provider.setCurrentIndex(tab.provider.findData(busy))
    run(wait_until(lambda: tab.shown is not None, what="the hours"))
    run(settle_dialog(dialog))
    current = tab.shown
    assert current is not None
    assert current.valid_from is None
    assert [tab.week.itemText(i) for i in range(tab.week.count())] == ["Since always"]
    # From the day after the earliest booking to come: that one stays under the old week.
    starts = sorted(datetime.fromisoformat(r["start_at"]) for r in rows)
    tz = business(window.desk.replica).time_zone
    start = starts[0].astimezone(tz).date() + timedelta(days=1)
    tab.valid_from.setText(f"{start:%d/%m/%Y}")
    for weekday in range(7):
        tab.days[weekday].setText("")
        tab.breaks[weekday].setText("")
    tab.days[6].setText("10:00-11:00")
    tab.save_button.click()
    run(settle_dialog(dialog))
    impact = tab.impact
    assert isinstance(impact, ImpactDialog), tab.error.text()
    listed = {b.booking_id for b in impact.model.rows}
    assert listed, "bookings from the date on fall outside Sundays 10-11"
    earliest = min(rows, key=lambda r: r["start_at"])["booking_id"]
    assert earliest not in listed
    assert all(b.start_at.astimezone(tz).date() >= start for b in impact.model.rows)
    impact.accept()
    run(settle_dialog(dialog))
    assert tab.shown == sc.Hours(tuple(sc.parse_intervals("10:00-11:00", 6, "x")), (), start)
    assert [tab.week.itemText(i) for i in range(tab.week.count())] == [
        "Since always",
        f"From {start:%d/%m/%Y}",
    ]
    assert tab.chosen_week() == start
    # The week in force until then is still there, as it was.
    tab.week.setCurrentIndex(0)
    tab.week.activated.emit(0)
    assert tab.shown == current
    assert tab.valid_from.text() == ""
    # A date the desk cannot read is said, and nothing is sent.
    tab.valid_from.setText("31/02/2027")
    tab.save_button.click()
    assert "From" in tab.error.text()
    assert tab.impact is impact
    dialog.close()


def test_time_off_for_a_provider_is_previewed_added_and_deleted(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_instant: datetime
) -> None:
    """Needs POST /setup/providers/{id}/time-off/preview (item 5)."""
    _app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    dialog = open_setup(run, window)
    tab = dialog.time_off
    busy, rows = max(future_bookings(window, demo_instant).items(), key=lambda kv: len(kv[1]))
    tab.scope.setCurrentIndex(tab.scope.findData(f"provider:{busy}"))
    run(settle_dialog(dialog))
    before = len(tab.model.rows)
    first = min(datetime.fromisoformat(r["start_at"]) for r in rows).astimezone(dialog.ctx.tz)
    tab.set_range(first.date(), time(0), first.date() + timedelta(days=1), time(0))
    tab.reason.setText("Congreso")
    tab.add_button.click()
    run(settle_dialog(dialog))
    impact = tab.impact
    assert isinstance(impact, ImpactDialog), tab.error.text()
    assert {b.reason for b in impact.model.rows} == {"in_time_off"}
    impact.accept()
    run(settle_dialog(dialog))
    assert len(tab.model.rows) == before + 1
    added = next(e for e in tab.model.rows if e.reason == "Congreso")
    assert added.who == "Only this provider"
    tab.table.selectRow(tab.model.rows.index(added))
    tab.delete_button.click()
    run(settle_dialog(dialog))
    assert "Congreso" not in {e.reason for e in tab.model.rows}
    dialog.close()


def test_a_national_holiday_is_added_for_the_whole_location_in_one_click(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    """Needs GET /setup/holidays, the location-wide time off and its preview
    (items 4, 5 and 6)."""
    _app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    dialog = open_setup(run, window)
    tab = dialog.time_off
    tab.year.setValue(2027)
    run(wait_until(lambda: tab.holiday_model.rows, what="the holidays"))
    run(settle_dialog(dialog))
    names = {h.day: h.name for h in tab.holiday_model.rows}
    assert date(2027, 7, 9) in names  # Independence Day
    assert tab.scope.currentData().startswith("location:")
    row = list(names).index(date(2027, 7, 9))
    tab.holidays.selectRow(row)
    tab.holiday_button.click()  # nothing booked that far ahead: added at once
    run(settle_dialog(dialog))
    assert tab.impact is None, "no booking is affected"
    added = next(e for e in tab.model.rows if e.reason == names[date(2027, 7, 9)])
    assert added.group
    tab.holiday_button.click()  # twice: once is enough
    run(settle_dialog(dialog))
    assert tab.error.text() == f"{names[date(2027, 7, 9)]} is already in the list."
    assert len([e for e in tab.model.rows if e.reason == added.reason]) == 1
    active = sum(1 for p in dialog.ctx.providers if p.active)
    assert added.who == f"{active} provider(s)" or added.who.startswith(str(active))
    assert added.start_at.astimezone(dialog.ctx.tz).date() == date(2027, 7, 9)
    tab.table.selectRow(tab.model.rows.index(added))
    tab.delete_button.click()  # the whole group goes
    run(settle_dialog(dialog))
    assert names[date(2027, 7, 9)] not in {e.reason for e in tab.model.rows}
    dialog.close()


def test_the_admin_renames_the_business_and_changes_its_slot_colour_and_logo(
    run: Run[Any], desks: Desks, demo_server: LiveServer, tmp_path: Path
) -> None:
    _app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    dialog = open_setup(run, window)
    tab = dialog.business
    assert tab.name.text() == dialog.ctx.tenant.name  # type: ignore[union-attr]
    assert tab.change().body() == {}  # nothing changed: nothing to send
    tab.name.setText("Clínica Renombrada")
    tab.slot.setValue(20)
    tab.colour.set_colour("#204060")
    bad = tmp_path / "logo.txt"
    bad.write_text("not a logo")
    assert not tab.set_logo_file(bad)
    assert tab.error.text().startswith("logo.txt cannot be the logo:")
    good = tmp_path / "logo.png"
    good.write_bytes(PNG)
    assert tab.set_logo_file(good)
    assert tab.change().body() == {
        "name": "Clínica Renombrada",
        "slot_minutes": 20,
        "branding": {"primary_colour": "#204060", "logo_base64": base64.b64encode(PNG).decode()},
    }
    tab.save_button.click()
    run(settle_dialog(dialog))
    assert tab.error.text() == "Saved."
    tenant = run(sc.tenant(window.desk.api))
    assert (tenant.name, tenant.slot_minutes, tenant.primary_colour, tenant.has_logo) == (
        "Clínica Renombrada",
        20,
        "#204060",
        True,
    )
    dialog.close()


def test_the_business_country_is_saved(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    """Needs the tenant's new `country` (item 6)."""
    _app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    dialog = open_setup(run, window)
    tab = dialog.business
    assert tab.country.currentData() == "AR"
    tab.country.setCurrentIndex(tab.country.findData("UY"))
    assert tab.change().body() == {"country": "UY"}
    tab.save_button.click()
    run(settle_dialog(dialog))
    assert run(sc.tenant(window.desk.api)).country == "UY"
    dialog.close()


def test_the_admin_adds_a_location(run: Run[Any], desks: Desks, demo_server: LiveServer) -> None:
    _app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    dialog = open_setup(run, window)
    tab = dialog.locations
    before = len(tab.model.rows)
    assert before >= 1
    tab.add_button.click()
    assert tab.error.text() == "Write the location's name."
    tab.name.setText("Sede Norte")
    tab.address.setText("Av. Cabildo 2000")
    tab.time_zone.setCurrentText("America/Argentina/Cordoba")
    tab.add_button.click()
    run(settle_dialog(dialog))
    assert len(tab.model.rows) == before + 1
    assert tab.error.text() == "Saved."  # nothing else on screen says so
    made = next(loc for loc in tab.model.rows if loc.name == "Sede Norte")
    assert (made.address, made.time_zone) == ("Av. Cabildo 2000", "America/Argentina/Cordoba")
    # Offered at once for whole-location time off.
    assert dialog.time_off.scope.findData(f"location:{made.location_id}") >= 0
    dialog.close()


def test_offline_the_setup_says_so_and_changes_nothing(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    demo_server.stop()
    assert app.desk is not None
    run(wait_until(lambda: app.desk.status().state == "offline", 20, "offline"))  # type: ignore[union-attr]
    dialog = window.menus.show_setup()
    run(settle_dialog(dialog))
    for tab in dialog.setup_tabs():
        assert tab.banner.text().startswith("The server cannot be reached"), tab
    assert dialog.services.banner.isVisibleTo(dialog.services)
    assert not dialog.services.new_button.isEnabled()
    assert not dialog.staff.add_button.isEnabled()
    assert not dialog.hours.save_button.isEnabled()
    assert not dialog.business.save_button.isEnabled()
    assert dialog.providers.error.text() == (
        "The server cannot be reached now. Try again when the desk is online."
    )
    dialog.close()


def test_a_call_that_finds_the_server_gone_turns_the_setup_read_only(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    _app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    dialog = open_setup(run, window)
    assert dialog.locations.add_button.isEnabled()
    demo_server.stop()
    dialog.locations.name.setText("Sede Sur")
    dialog.locations.add_button.click()
    run(settle_dialog(dialog))
    assert dialog.ctx.offline
    assert not dialog.locations.add_button.isEnabled()
    assert dialog.locations.banner.isVisibleTo(dialog.locations)
    dialog.close()


def test_the_kiosks_are_a_tab_of_the_setup(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    _app, window = desks.open(demo_server, email=ADMIN_EMAIL)
    dialog = open_setup(run, window)
    dialog.show_tab(dialog.kiosks)
    dialog.kiosks.create_kiosk("Entrada")
    run(wait_until(lambda: len(dialog.kiosks.code.text()) == 9, what="the code"))
    run(wait_until(lambda: dialog.kiosks.table.rowCount() == 1, what="listed"))
    dialog.close()
