"""The kiosk's screens. Each reads input and says what the customer chose through
signals; the window does the rest. Large type, high contrast, plain text only.

Every page has `fit(metrics)`: the window calls it whenever its size class changes,
so margins, spacing, keys and buttons follow the screen (ui/kiosk/scale.py); type
sizes come from the window's stylesheet, built for the same metrics.

Signals are listed on each class.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.kiosk import PinCheck
from app.signin import SignInError
from app.tls import ServerCertificate, UntrustedServerError
from ui.common.labels import wait_minutes
from ui.kiosk.keypad import Keypad
from ui.kiosk.scale import BORDER, Metrics


def label(text: str = "", role: str = "") -> QLabel:
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(True)
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    if role:
        widget.setObjectName(role)
    return widget


def big_button(text: str, role: str = "primary") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(role)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    button.setAccessibleName(text.replace("\n", " "))
    return button


def action_button(text: str, role: str = "primary") -> QPushButton:
    """A page's main button (Continue, Back, OK): full width, as tall as `fit` says."""
    button = big_button(text, role)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


class WrapButton(QPushButton):
    """A touch button whose words wrap onto a second line when it is narrow: for text
    that comes from data (a service's name), whose length nobody knows."""

    def __init__(self, text: str, role: str = "choice", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(role)
        self.setAccessibleName(text)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.caption = label(text, "caption")
        self.caption.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.box = QVBoxLayout(self)
        self.box.addWidget(self.caption)

    def fit(self, m: Metrics) -> None:
        inset = m.padding + BORDER
        self.box.setContentsMargins(inset, inset, inset, inset)
        self.caption.ensurePolished()  # the type size the stylesheet gives it
        # Room for two lines, so that a long name wraps instead of widening the grid.
        self.setMinimumHeight(max(m.touch, 2 * self.caption.fontMetrics().height() + 2 * inset))

    def sizeHint(self) -> QSize:  # Qt's name: QPushButton's own hint knows no layout
        return self.box.sizeHint()

    def minimumSizeHint(self) -> QSize:  # Qt's name
        return self.box.minimumSize()


def centred(widget: QWidget) -> QHBoxLayout:
    """`widget` as wide as its maximum allows, centred in the room left."""
    row = QHBoxLayout()
    row.addStretch(0)
    row.addWidget(widget, 1)
    row.addStretch(0)
    return row


def set_margins(layout: QLayout, m: Metrics, wide: float = 1.0) -> None:
    side = round(m.margin * wide)
    layout.setContentsMargins(side, m.margin_v, side, m.margin_v)
    layout.setSpacing(m.spacing)


class WelcomePage(QWidget):
    """Signals: check_in(), walk_in(), language(str)."""

    check_in = Signal()
    walk_in = Signal()
    language = Signal(str)

    def __init__(self, business: str, logo: QPixmap | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.logo, self.image = logo, None
        if logo is not None and not logo.isNull():
            self.image = QLabel()
            self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.layout_.addWidget(self.image)
        self.layout_.addWidget(label(business, "title"))
        self.layout_.addWidget(label(self.tr("Welcome"), "subtitle"))
        self.buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.check_in_button = big_button(self.tr("I have an appointment\nCheck in"))
        self.walk_in_button = big_button(
            self.tr("I have no appointment\nTake a number"), "secondary"
        )
        self.buttons.addWidget(self.check_in_button)
        self.buttons.addWidget(self.walk_in_button)
        self.layout_.addLayout(self.buttons, 1)
        languages = QHBoxLayout()
        languages.addStretch(1)
        self.language_buttons: list[QPushButton] = []
        for code, name in (("es-AR", "Español"), ("en", "English")):
            b = QPushButton(name)
            b.setObjectName("language")
            b.setAccessibleName(name)
            b.clicked.connect(lambda _c=False, c=code: self.language.emit(c))
            languages.addWidget(b)
            self.language_buttons.append(b)
        languages.addStretch(1)
        self.languages = languages
        self.layout_.addLayout(languages)
        self.check_in_button.clicked.connect(self.check_in)
        self.walk_in_button.clicked.connect(self.walk_in)

    def fit(self, m: Metrics) -> None:
        set_margins(self.layout_, m, 1.2)
        self.layout_.setSpacing(m.px(24))
        # Side by side on a landscape screen, one above the other on a portrait one.
        self.buttons.setDirection(
            QBoxLayout.Direction.TopToBottom if m.portrait else QBoxLayout.Direction.LeftToRight
        )
        self.buttons.setSpacing(m.px(36))
        self.languages.setSpacing(m.px(16))
        if self.image is not None and self.logo is not None:
            self.image.setPixmap(
                self.logo.scaledToHeight(m.px(100), Qt.TransformationMode.SmoothTransformation)
            )


class CheckInPage(QWidget):
    """Booking code (typed, or scanned from the QR: a scanner types it and Enter), or
    phone/DNI with a second factor.

    Signals: by_code(str), by_person(str, str, str, str), back().
    """

    by_code = Signal(str)
    by_person = Signal(str, str, str, str)  # phone, national_id, time, date of birth
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(label(self.tr("Check in"), "title"))
        self.modes = QHBoxLayout()
        self.code_mode = QPushButton(self.tr("Booking code or QR"))
        self.person_mode = QPushButton(self.tr("Phone or DNI"))
        for b in (self.code_mode, self.person_mode):
            b.setObjectName("mode")
            b.setCheckable(True)
            self.modes.addWidget(b)
        self.layout_.addLayout(self.modes)
        self.stack = QStackedWidget()
        self.layout_.addWidget(self.stack, 1)

        code_page = QWidget()
        self.code_layout = QVBoxLayout(code_page)
        self.code_layout.setContentsMargins(0, 0, 0, 0)
        self.code_layout.addWidget(
            label(self.tr("Type the code on your booking, or show its QR to the reader"))
        )
        self.code = QLineEdit()
        self.code.setObjectName("entry")
        self.code.setAccessibleName(self.tr("Booking code"))
        self.code.setMaxLength(60)
        self.code.textEdited.connect(self._upper)
        self.code_layout.addWidget(self.code)
        self.code_keys = Keypad(letters=True)
        self.code_keys.attach(self.code)
        # As large as its keys may grow, then the room left below it.
        self.code_layout.addLayout(centred(self.code_keys), 1)
        self.code_layout.addStretch(0)
        self.stack.addWidget(code_page)

        # The form beside its keypad on a landscape screen, above it on a portrait one.
        person_page = QWidget()
        person_layout = QVBoxLayout(person_page)
        person_layout.setContentsMargins(0, 0, 0, 0)
        self.person_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.form_box = QWidget()
        self.form = QGridLayout(self.form_box)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.phone = QLineEdit()
        self.dni = QLineEdit()
        self.time = QLineEdit()
        self.birth = QLineEdit()
        fields = (
            (self.tr("Phone"), self.phone, "11 4567 8910"),
            (self.tr("or DNI"), self.dni, "30123456"),
            (self.tr("Appointment time"), self.time, "10:30"),
            (self.tr("or date of birth"), self.birth, "17/05/1980"),
        )
        for row, (text, field, hint) in enumerate(fields):
            field.setObjectName("entry")
            field.setPlaceholderText(hint)
            field.setAccessibleName(text)
            caption = label(text)
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.form.addWidget(caption, row, 0)
            self.form.addWidget(field, row, 1)
        self.form.setColumnStretch(0, 2)
        self.form.setColumnStretch(1, 3)
        self.form.setRowStretch(len(fields), 1)  # the fields together at the top
        self.person_row.addWidget(self.form_box, 3)
        self.person_keys = Keypad()
        self.person_keys.attach(self.phone)
        self.person_row.addLayout(centred(self.person_keys), 2)
        person_layout.addLayout(self.person_row, 1)
        person_layout.addStretch(0)
        self.stack.addWidget(person_page)

        self.message = label("", "message")
        self.layout_.addWidget(self.message)
        self.buttons = QHBoxLayout()
        self.back_button = action_button(self.tr("Back"), "secondary")
        self.go_button = action_button(self.tr("Continue"))
        for b in (self.back_button, self.go_button):
            self.buttons.addWidget(b)
        self.layout_.addLayout(self.buttons)
        for field in (self.phone, self.dni, self.time, self.birth):
            field.installEventFilter(self)
        self.code_mode.clicked.connect(lambda: self.show_mode(0))
        self.person_mode.clicked.connect(lambda: self.show_mode(1))
        self.code.returnPressed.connect(self.submit)
        self.go_button.clicked.connect(self.submit)
        self.back_button.clicked.connect(self.back)
        self.show_mode(0)

    def fit(self, m: Metrics) -> None:
        set_margins(self.layout_, m)
        self.modes.setSpacing(m.px(24))
        self.buttons.setSpacing(m.px(24))
        self.code_layout.setSpacing(m.spacing)
        self.person_row.setDirection(
            QBoxLayout.Direction.TopToBottom if m.portrait else QBoxLayout.Direction.LeftToRight
        )
        self.person_row.setSpacing(m.px(32))
        # Side by side: widths 3:2. One above the other: the form as tall as its
        # fields, the keypad as its keys may grow, and the rest of the room below.
        self.person_row.setStretch(0, 0 if m.portrait else 3)
        self.form_box.setSizePolicy(
            QSizePolicy.Policy.Preferred,
            QSizePolicy.Policy.Fixed if m.portrait else QSizePolicy.Policy.Preferred,
        )
        self.form.setHorizontalSpacing(m.px(16))
        self.form.setVerticalSpacing(m.spacing)
        self.code_keys.fit(m)
        self.person_keys.fit(m)
        for b in (self.back_button, self.go_button):
            b.setMinimumHeight(m.action)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The keypad types into whichever field of the form has the focus.
        if isinstance(watched, QLineEdit) and event.type() == QEvent.Type.FocusIn:
            self.person_keys.attach(watched)
        return False

    def _upper(self, text: str) -> None:
        if text != text.upper():
            position = self.code.cursorPosition()
            self.code.setText(text.upper())
            self.code.setCursorPosition(position)

    def show_mode(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.code_mode.setChecked(index == 0)
        self.person_mode.setChecked(index == 1)
        self.message.clear()
        (self.code if index == 0 else self.phone).setFocus()

    def submit(self) -> None:
        if self.stack.currentIndex() == 0:
            if self.code.text().strip():
                self.by_code.emit(self.code.text())
            return
        birth = self.birth.text().strip()
        if birth.count("/") == 2:  # 17/05/1980 -> 1980-05-17
            d, m, y = birth.split("/")
            birth = f"{y.zfill(4)}-{m.zfill(2)}-{d.zfill(2)}"
        time = self.time.text().strip()
        if time and ":" not in time and len(time) in (3, 4):
            time = f"{time[:-2].zfill(2)}:{time[-2:]}"
        if len(time) == 4 and ":" in time:
            time = time.zfill(5)
        self.by_person.emit(self.phone.text(), self.dni.text(), time, birth)

    def clear(self) -> None:
        for field in (self.code, self.phone, self.dni, self.time, self.birth):
            field.clear()
        self.message.clear()
        self.show_mode(0)


class ConfirmPage(QWidget):
    """Signals: confirmed(), not_me()."""

    confirmed = Signal()
    not_me = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.hello = label("", "title")
        self.details = label("", "subtitle")
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.hello)
        self.layout_.addWidget(self.details)
        self.layout_.addStretch(1)
        self.row = QHBoxLayout()
        self.no = action_button(self.tr("That is not me"), "secondary")
        self.yes = action_button(self.tr("Confirm my arrival"))
        for b in (self.no, self.yes):
            self.row.addWidget(b)
        self.layout_.addLayout(self.row)
        self.yes.clicked.connect(self.confirmed)
        self.no.clicked.connect(self.not_me)

    def fit(self, m: Metrics) -> None:
        set_margins(self.layout_, m)
        self.row.setSpacing(m.px(24))
        for b in (self.no, self.yes):
            b.setMinimumHeight(m.big_action)

    def show_match(self, name: str, when: str, provider: str, service: str) -> None:
        self.hello.setText(self.tr("Hello, %1").replace("%1", name))
        self.details.setText(f"{when}\n{provider}\n{service}".strip())


class MessagePage(QWidget):
    """A result or a problem, in words for the customer. Signals: done()."""

    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.title = label("", "title")
        self.body = label("", "subtitle")
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.body)
        self.layout_.addStretch(1)
        self.ok = action_button(self.tr("OK"))
        self.layout_.addWidget(self.ok)
        self.ok.clicked.connect(self.done)

    def fit(self, m: Metrics) -> None:
        set_margins(self.layout_, m)
        self.ok.setMinimumHeight(m.big_action)

    def show_message(self, title: str, body: str) -> None:
        self.title.setText(title)
        self.body.setText(body)


class WalkinPage(QWidget):
    """The services to choose from. Signals: chosen(object: service id or None), back()."""

    chosen = Signal(object)
    back = Signal()

    def __init__(self, services: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(label(self.tr("What do you come for?"), "title"))
        self.grid = QGridLayout()
        self.choices: list[WrapButton] = []
        for service_id, name in services:
            b = WrapButton(name)
            b.clicked.connect(lambda _c=False, s=service_id: self.chosen.emit(s))
            self.choices.append(b)
        other = WrapButton(self.tr("Something else"))
        other.clicked.connect(lambda: self.chosen.emit(None))
        self.choices.append(other)
        self.layout_.addLayout(self.grid, 1)
        self.back_button = action_button(self.tr("Back"), "secondary")
        self.back_button.clicked.connect(self.back)
        self.layout_.addWidget(self.back_button)
        self.columns = 0
        self._place(3)

    def _place(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for b in self.choices:
            self.grid.removeWidget(b)
        for i, b in enumerate(self.choices):
            self.grid.addWidget(b, i // columns, i % columns)
        for c in range(max(columns, self.grid.columnCount())):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)

    def fit(self, m: Metrics) -> None:
        set_margins(self.layout_, m)
        self.grid.setSpacing(m.px(14))
        self.back_button.setMinimumHeight(m.action)
        for b in self.choices:
            b.fit(m)
        # Three columns (two on a portrait screen), more when a long list of services
        # would need more rows than the screen has room for.
        rows = 10 if m.portrait else 5
        columns = max(2 if m.portrait else 3, math.ceil(len(self.choices) / rows))
        self._place(columns)


class TicketPage(QWidget):
    """The number taken. Signals: done()."""

    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.caption = label(self.tr("Your number"), "subtitle")
        self.number = label("", "number")
        self.wait = label("", "subtitle")
        self.printed = label("", "message")
        self.layout_.addStretch(1)
        for w in (self.caption, self.number, self.wait, self.printed):
            self.layout_.addWidget(w)
        self.layout_.addStretch(1)
        self.ok = action_button(self.tr("OK"))
        self.ok.clicked.connect(self.done)
        self.layout_.addWidget(self.ok)

    def fit(self, m: Metrics) -> None:
        set_margins(self.layout_, m)
        self.ok.setMinimumHeight(m.big_action)


class EnrollPage(QWidget):
    """First start (or after a revocation): staff type the server, the one-time code
    and a PIN that will be needed to leave the kiosk. A server whose certificate no
    pinned or system authority vouches for shows its authority's fingerprint, for staff
    to check with their administrator and confirm before enrolling (app/tls.py).
    Signals: enroll(str, str, str, str): server, code, PIN, and the authority (PEM)
    staff have just confirmed, or "" to go by what is pinned."""

    enroll = Signal(str, str, str, str)

    def __init__(self, server: str, revoked: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(label(self.tr("Set up this kiosk"), "title"))
        # What to do first; a certificate to check takes their place on the screen.
        self.intro: list[QLabel] = []
        if revoked:
            self.intro.append(
                label(
                    self.tr("This kiosk was revoked. It needs to be enrolled again by staff."),
                    "message",
                )
            )
        self.intro.append(
            label(self.tr("Staff: create an enrollment code at the front desk (Kiosks…)."))
        )
        for widget in self.intro:
            self.layout_.addWidget(widget)
        self.server = QLineEdit(server)
        self.code = QLineEdit()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        for text, field in (
            (self.tr("Server address"), self.server),
            (self.tr("Enrollment code"), self.code),
            (self.tr("Staff PIN to leave the kiosk (4 digits or more)"), self.pin),
        ):
            field.setObjectName("entry")
            field.setAccessibleName(text)
            self.layout_.addWidget(label(text))
            self.layout_.addWidget(field)
        self.offered: ServerCertificate | None = None
        self.trust_note = label()
        self.fingerprint = label("", "fingerprint")
        self.fingerprint.setAccessibleName(self.tr("Certificate fingerprint"))
        self.trust = big_button("", "mode")
        self.trust.setCheckable(True)
        self.trust.toggled.connect(self._mark_trust)
        self.trust.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for part in (self.trust_note, self.fingerprint, self.trust):
            part.hide()
            self.layout_.addWidget(part)
        self.server.textEdited.connect(self._forget_offer)
        self.message = label("", "message")
        self.layout_.addWidget(self.message)
        self.go = action_button(self.tr("Enroll"))
        self.go.clicked.connect(self.submit)
        self.layout_.addWidget(self.go)
        self.layout_.addStretch(1)

    def fit(self, m: Metrics) -> None:
        set_margins(self.layout_, m, 1.5)
        self.layout_.setSpacing(m.px(12))
        self.go.setMinimumHeight(m.action)
        self.trust.setMinimumHeight(m.action)

    def _mark_trust(self, checked: bool) -> None:
        """A box that shows it is ticked, as on paper: the button is a confirmation."""
        text = self.trust.text().removeprefix("☐ ").removeprefix("☑ ")
        self.trust.setText(("☑ " if checked else "☐ ") + text)

    def _forget_offer(self) -> None:
        """Another address: what the last one offered is nothing to trust here."""
        self.offered = None
        for widget in (self.trust_note, self.fingerprint, self.trust):
            widget.hide()
        for widget in self.intro:
            widget.show()

    def show_offer(self, exc: UntrustedServerError) -> None:
        assert exc.offered is not None
        self.offered = exc.offered
        if exc.reason == "changed":
            self.trust_note.setText(
                self.tr(
                    "The server's certificate changed: ask your administrator before going "
                    "on. If they renewed it, the fingerprint they give you must be:"
                )
            )
            self.trust.setText(self.tr("My administrator confirmed it: trust it"))
        else:
            self.trust_note.setText(
                self.tr(
                    "First connection to this server. Check with your administrator that "
                    "its certificate fingerprint is:"
                )
            )
            self.trust.setText(self.tr("It is the same: trust this server"))
        self.fingerprint.setText(two_lines(exc.offered.short))
        self.trust.setChecked(False)
        self._mark_trust(False)
        for widget in (self.trust_note, self.fingerprint, self.trust):
            widget.show()
        for widget in self.intro:
            widget.hide()
        self.message.setText("")

    def show_refusal(self, exc: BaseException) -> None:
        """Why enrolling failed, in the kiosk's language. (Here, under this page's own
        name: Linguist files these words under the class whose tr() says them.)"""
        if isinstance(exc, UntrustedServerError):
            if exc.reason in ("unknown", "changed") and exc.offered is not None:
                self.show_offer(exc)
                return
            self._forget_offer()
            text = certificate_problem(exc)
        elif isinstance(exc, SignInError) and exc.code == "too_many_attempts":
            text = self.tr("Too many wrong codes. Try again in %1 minute(s).").replace(
                "%1", wait_minutes(exc.retry_after)
            )
        elif isinstance(exc, SignInError) and exc.code == "invalid_enrollment_code":
            text = self.tr("This code is not valid or has expired. Ask for a new one.")
        elif isinstance(exc, SignInError) and exc.kind == "refused":
            text = self.tr("The server refused the code: %1").replace("%1", exc.detail)
        elif isinstance(exc, SignInError):
            text = self.tr("Cannot reach the server at %1.").replace("%1", exc.detail)
        else:
            text = str(exc)
        self.message.setText(text)

    def submit(self) -> None:
        if len(self.pin.text()) < 4 or not self.pin.text().isdigit():
            self.message.setText(self.tr("The PIN must be 4 digits or more."))
            return
        confirmed = self.offered if self.trust.isVisible() else None
        if confirmed is not None and not self.trust.isChecked():
            self.message.setText(
                self.tr("Check the fingerprint with your administrator, then confirm it above.")
            )
            return
        self.message.setText("")
        self.enroll.emit(
            self.server.text(),
            self.code.text(),
            self.pin.text(),
            confirmed.pem if confirmed else "",
        )


def two_lines(fingerprint: str) -> str:
    """Four groups a line: it fits an upright screen and reads in two breaths."""
    groups = fingerprint.split()
    return " ".join(groups[:4]) + "\n" + " ".join(groups[4:])


def certificate_problem(exc: UntrustedServerError) -> str:
    """A refused certificate that trusting a new authority would not fix (the words
    filed under EnrollPage, which says them too)."""
    if exc.reason == "name":
        return QCoreApplication.translate(
            "EnrollPage",
            "The server's certificate is not made for the address %1. Use the address "
            "your administrator gave you, or ask them to add this one.",
        ).replace("%1", exc.host)
    return QCoreApplication.translate(
        "EnrollPage", "The server's certificate is not valid (%1): ask your administrator."
    ).replace("%1", exc.detail)


class CertificatePage(QWidget):
    """The server's certificate changed while the kiosk was running: it stops and asks
    staff, not customers. Staff check the new fingerprint with their administrator and
    trust it with the staff PIN, or try again with the pinned one (e.g. once the
    administrator puts the right certificate back). The PIN is the one that leaves the
    kiosk, checked by the window's app the same way (app/kiosk.py ExitPin): wrong ones
    count towards the same lock, which `show_refusal` and `show_offer` say.
    Signals: trust(str): the PIN; retry()."""

    trust = Signal(str)
    retry = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(label(self.tr("The server's certificate changed"), "title"))
        self.layout_.addWidget(
            label(self.tr("Customers: please check in at the front desk."), "subtitle")
        )
        self.note = label(self.tr("Checking the server…"))
        self.fingerprint = label("", "fingerprint")
        self.fingerprint.setAccessibleName(self.tr("Certificate fingerprint"))
        self.pin_label = label(self.tr("Staff PIN"))
        self.pin = QLineEdit()
        self.pin.setObjectName("entry")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(self.tr("Staff PIN"))
        self.message = label("", "message")
        for widget in (self.note, self.fingerprint, self.pin_label, self.pin, self.message):
            self.layout_.addWidget(widget)
        self.row = QHBoxLayout()
        self.again = action_button(self.tr("Try again"), "secondary")
        self.accept = action_button(self.tr("Trust the new certificate"))
        for b in (self.again, self.accept):
            self.row.addWidget(b)
        self.layout_.addLayout(self.row)
        self.layout_.addStretch(1)
        self.again.clicked.connect(self.retry)
        self.accept.clicked.connect(self.submit)
        self.pin.returnPressed.connect(self.submit)
        self.show_offer(None)

    def fit(self, m: Metrics) -> None:
        set_margins(self.layout_, m, 1.5)
        self.layout_.setSpacing(m.px(12))
        self.row.setSpacing(m.px(24))
        for b in (self.again, self.accept):
            b.setMinimumHeight(m.action)

    def submit(self) -> None:
        pin = self.pin.text()
        if not pin:
            return
        self.set_busy(True)
        self.trust.emit(pin)

    def set_busy(self, busy: bool) -> None:
        """While the PIN is checked (Argon2 is slow on purpose)."""
        self.pin.setEnabled(not busy)
        self.accept.setEnabled(not busy)

    def show_offer(self, offered: ServerCertificate | None, locked_for: int = 0) -> None:
        """The authority the server presents now, which staff may pin instead; with
        `locked_for` seconds of the staff PIN's lock left, no PIN may be typed yet."""
        self.fingerprint.setVisible(offered is not None)
        for widget in (self.pin_label, self.pin, self.accept):
            widget.setVisible(offered is not None and not locked_for)
        self.set_busy(False)
        if offered is None:
            return
        if locked_for:
            self.show_locked(locked_for)
        self.note.setText(
            self.tr(
                "Staff: ask your administrator whether it was renewed. If so, check that "
                "its new fingerprint is the one they give you, then type the staff PIN and "
                "trust it. Until then this kiosk does not talk to the server."
            )
        )
        self.fingerprint.setText(two_lines(offered.short))

    def show_problem(self, text: str) -> None:
        """Why the certificate cannot be trusted as it is, or the server not reached."""
        self.show_offer(None)
        self.note.setText(text)

    def show_checking(self) -> None:
        self.message.setText("")
        self.show_problem(self.tr("Checking the server…"))

    def show_refusal(self, check: PinCheck) -> None:
        """The PIN was wrong: how many tries remain, or for how long it is locked."""
        self.pin.clear()
        if check.locked_for:
            self.show_locked(check.locked_for)
            return
        self.set_busy(False)
        self.pin.setFocus()
        self.message.setText(
            self.tr(
                "That PIN is not right. After %n more wrong one(s), the staff PIN locks for "
                "some minutes.",
                "",
                check.tries_left,
            )
        )

    def show_locked(self, seconds: int) -> None:
        """Nothing to type while the staff PIN is locked: "Try again" stays."""
        for widget in (self.pin_label, self.pin, self.accept):
            widget.hide()
        self.message.setText(
            self.tr(
                "Too many wrong PINs: the staff PIN is locked for %1 minute(s). "
                "Try again after that."
            ).replace("%1", wait_minutes(seconds))
        )

    def show_unreachable(self, server: str) -> None:
        self.show_problem(self.tr("Cannot reach the server at %1.").replace("%1", server))
