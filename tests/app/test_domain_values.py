import ast
import uuid
from pathlib import Path

import pytest

from app.domain.customers import (
    normalise_national_id,
    normalise_phone,
    search_key,
    search_needles,
)
from app.domain.errors import ConflictError, InvalidValueError
from app.domain.payments import (
    PaymentStatus,
    check_payment_amount,
    check_payment_transition,
    format_amount,
    format_money,
)
from app.domain.schedules import WeeklyInterval, check_weekly
from app.domain.services import ServiceSpec
from app.domain.staff import check_email
from app.domain.tenants import Branding, Tenant, country_of
from app.domain.verticals import vertical, verticals
from app.domain.walkins import WalkinStatus, check_walkin_transition, sequence_day, ticket_label

ROOT = Path(__file__).resolve().parents[2]


def test_phone_and_dni_are_normalised() -> None:
    assert normalise_phone("+54 9 11 4567-8910", "AR") == "+5491145678910"
    assert normalise_national_id("12.345.678") == "12345678"
    with pytest.raises(InvalidValueError) as err:
        normalise_national_id("12#45")
    assert err.value.field == "national_id"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1145678901", "+541145678901"),
        ("11 4567-8901", "+541145678901"),
        ("(011) 4567-8901", "+541145678901"),
        ("011 15 4567-8901", "+5491145678901"),  # a mobile, as dialled in Argentina
        ("+54 9 11 4567-8901", "+5491145678901"),
        ("0351 15 512-3456", "+5493515123456"),
        ("+598 94 123 456", "+59894123456"),  # a Uruguayan mobile, with its prefix
    ],
)
def test_phones_are_stored_in_e164_as_the_business_country_dials_them(
    typed: str, stored: str
) -> None:
    assert normalise_phone(typed, "AR") == stored


def test_a_phone_of_another_country_reads_as_that_country_dials() -> None:
    assert normalise_phone("094 123 456", "UY") == "+59894123456"


@pytest.mark.parametrize("typed", ["4567-8901", "123456", "+54 9 11 4567", "call me maybe"])
def test_a_phone_that_is_no_phone_number_is_refused_on_its_field(typed: str) -> None:
    with pytest.raises(InvalidValueError) as err:
        normalise_phone(typed, "AR")
    assert (err.value.field, err.value.code) == ("phone", "invalid_phone")
    assert "area code" in err.value.message


def test_the_business_country_comes_from_its_time_zone_else_its_locale() -> None:
    assert country_of("America/Argentina/Buenos_Aires", "en") == "AR"
    assert country_of("America/Montevideo", "es-AR") == "UY"
    assert country_of("UTC", "es-AR") == "AR"
    assert country_of("UTC", "en") == "AR"  # the default market


@pytest.mark.parametrize(
    "typed", ["11 4567-8901", "1145678901", "+5491145678901", "+54 11 4567-8901"]
)
def test_a_phone_searched_in_any_form_looks_for_its_national_number(typed: str) -> None:
    """Found whether it was stored with Argentina's mobile 9 or without."""
    [needle] = search_needles(typed, "AR")
    assert needle in search_key("+5491145678901")
    assert needle in search_key("+541145678901")


def test_other_searches_look_for_each_word() -> None:
    assert search_needles("María  Núñez", "AR") == ["maria", "nunez"]
    assert search_needles("12.345.678", "AR") == ["12345678"]  # a DNI
    assert search_needles("11 4567", "AR") == ["11", "4567"]  # a phone half typed


def test_search_ignores_accents_and_case() -> None:
    assert search_key("Núñez") == search_key("NUNEZ") == "nunez"


def test_service_rejects_negative_price_and_bad_durations() -> None:
    with pytest.raises(InvalidValueError) as err:
        ServiceSpec(duration_minutes=30, price_minor=-1)
    assert err.value.field == "price_minor"
    with pytest.raises(InvalidValueError) as err:
        ServiceSpec(duration_minutes=0)
    assert err.value.field == "duration_minutes"


def test_payments_amount_currency_and_transitions() -> None:
    with pytest.raises(InvalidValueError) as err:
        check_payment_amount(-500, "ARS", "ARS")
    assert (err.value.field, err.value.code) == ("amount_minor", "not_positive")
    with pytest.raises(InvalidValueError) as err:
        check_payment_amount(500, "USD", "ARS")
    assert err.value.field == "currency"
    check_payment_transition(PaymentStatus.COMPLETED, PaymentStatus.REFUNDED)
    with pytest.raises(ConflictError):
        check_payment_transition(PaymentStatus.REFUNDED, PaymentStatus.COMPLETED)


def test_money_is_written_as_each_language_writes_it() -> None:
    # Spanish (Argentina): the peso is "$" at home, "." groups and "," parts the cents.
    assert format_money(1234567, "ARS", 2, "es-AR") == "$12.345,67"
    assert format_money(-1234567, "ARS", 2, "es-AR") == "-$12.345,67"
    assert format_money(15000, "CLP", 0, "es-AR") == "CLP\u00a015.000"
    assert format_money(150, "USD", 2, "es-AR") == "US$1,50"
    # English: the code, kept apart from the digits, and English separators.
    assert format_money(1234567, "ARS", 2, "en") == "ARS\u00a012,345.67"
    assert format_money(15000, "CLP", 0, "en") == "CLP\u00a015,000"
    assert format_money(150, "USD", 2, "en") == "$1.50"
    # The number alone, as the payment field shows it to be edited.
    assert format_amount(150000, 2, "es-AR") == "1.500,00"
    assert format_amount(150000, 2, "en") == "1,500.00"
    assert format_amount(15000, 0, "en") == "15,000"


def test_tenant_validates_zone_locale_currency_and_colours() -> None:
    brand = Branding("Clínica")
    with pytest.raises(InvalidValueError) as err:
        Tenant(uuid.uuid4(), "X", "clinic", brand, time_zone="Nowhere/Land")
    assert err.value.field == "time_zone"
    with pytest.raises(InvalidValueError) as err:
        Tenant(uuid.uuid4(), "X", "clinic", brand, currency="XYZ")
    assert err.value.field == "currency"
    with pytest.raises(InvalidValueError) as err:
        Branding("X", primary_colour="red")
    assert err.value.field == "branding.primary_colour"


def test_weekly_intervals_must_not_overlap() -> None:
    from datetime import time

    with pytest.raises(InvalidValueError) as err:
        check_weekly(
            [WeeklyInterval(0, time(9), time(13)), WeeklyInterval(0, time(12), time(18))], "hours"
        )
    assert err.value.field == "hours[1].start"
    with pytest.raises(InvalidValueError) as err:
        check_weekly([WeeklyInterval(2, time(13), time(9))], "hours")
    assert err.value.field == "hours[0].end"


def test_walkin_sequence_day_is_local() -> None:
    from datetime import UTC, date, datetime
    from zoneinfo import ZoneInfo

    late_evening = datetime(2026, 11, 28, 1, 30, tzinfo=UTC)  # 22:30 on the 27th in BA
    assert sequence_day(late_evening, ZoneInfo("America/Argentina/Buenos_Aires")) == date(
        2026, 11, 27
    )
    assert ticket_label(7, "B") == "B007"
    with pytest.raises(ConflictError):
        check_walkin_transition(WalkinStatus.SERVED, WalkinStatus.WAITING)


def test_the_four_verticals_exist_with_their_words() -> None:
    assert {"clinic", "barbershop", "salon", "therapy"} <= set(verticals())
    clinic = vertical("clinic")
    assert clinic.term("customer", "es-AR") == "paciente"
    assert vertical("barbershop").term("customer", "en") == "client"
    assert len(clinic.services) >= 12
    assert vertical("therapy").slot_minutes == 30
    with pytest.raises(InvalidValueError) as err:
        vertical("bakery")
    assert err.value.field == "vertical"


def test_core_imports_no_gui_no_web_framework_and_no_outer_package() -> None:
    forbidden = ("PySide6", "fastapi", "starlette", "uvicorn", "ui", "server", "qasync")
    offenders = []
    for path in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [
                f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in forbidden
            ]
    assert offenders == []


def test_emails_are_checked_by_email_validator_and_kept_in_lower_case() -> None:
    assert check_email("  Ana.Paz@Clinica.COM.ar ") == "ana.paz@clinica.com.ar"
    assert check_email("ana@ñandú.com.ar") == "ana@ñandú.com.ar"  # international domains
    for bad in ("ana", "ana@clinica", "ana..paz@clinica.com", "ana@clinica.local", "a b@c.com"):
        with pytest.raises(InvalidValueError) as err:
            check_email(bad, "admin_email")
        assert (err.value.field, err.value.code) == ("admin_email", "invalid_email"), bad
