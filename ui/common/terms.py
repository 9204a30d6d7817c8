"""The business's own words for the people in it ("paciente" at a clinic, "cliente" at
a barbershop; "profesional", "barbero"), from its vertical (resources/verticals), in
the language the screen shows. Sentences stay translatable with a %1 for the word."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.verticals import vertical
from ui.common import i18n


@dataclass(frozen=True)
class Terms:
    customer: str  # "paciente"
    customers: str
    provider: str  # "profesional"
    providers: str

    @property
    def Customer(self) -> str:  # noqa: N802  (the capitalised word, for a label)
        return capitalised(self.customer)

    @property
    def Customers(self) -> str:  # noqa: N802
        return capitalised(self.customers)

    @property
    def Provider(self) -> str:  # noqa: N802
        return capitalised(self.provider)


def terms(vertical_key: str, language: str | None = None) -> Terms:
    v = vertical(vertical_key)
    lang = language or i18n.current()
    return Terms(*(v.term(k, lang) for k in ("customer", "customers", "provider", "providers")))


def capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def with_mnemonic(word: str, others: Iterable[str]) -> str:
    """`word` as a label with an Alt letter that none of the `others` labels (with
    their own `&`) uses: a term that starts like a neighbour ("Paciente" beside
    "&Profesional") takes its next letter."""
    used = {t[t.index("&") + 1].lower() for t in others if "&" in t[:-1]}
    for i, ch in enumerate(word):
        if ch.isalpha() and ch.lower() not in used:
            return f"{word[:i]}&{word[i:]}"
    return word
