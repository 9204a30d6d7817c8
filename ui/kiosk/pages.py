"""The kiosk's screens. Each reads input and says what the customer chose through
signals; the window does the rest. Large type, high contrast, plain text only.

Signals are listed on each class.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.kiosk.keypad import Keypad


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


class WelcomePage(QWidget):
    """Signals: check_in(), walk_in(), language(str)."""

    check_in = Signal()
    walk_in = Signal()
    language = Signal(str)

    def __init__(self, business: str, logo: QPixmap | None, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.setSpacing(30)
        if logo is not None and not logo.isNull():
            image = QLabel()
            image.setPixmap(logo.scaledToHeight(110, Qt.TransformationMode.SmoothTransformation))
            image.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(image)
        layout.addWidget(label(business, "title"))
        layout.addWidget(label(self.tr("Welcome"), "subtitle"))
        buttons = QHBoxLayout()
        buttons.setSpacing(40)
        self.check_in_button = big_button(self.tr("I have an appointment\nCheck in"))
        self.walk_in_button = big_button(
            self.tr("I have no appointment\nTake a number"), "secondary"
        )
        buttons.addWidget(self.check_in_button)
        buttons.addWidget(self.walk_in_button)
        layout.addLayout(buttons, 1)
        languages = QHBoxLayout()
        languages.addStretch(1)
        for code, name in (("es-AR", "Español"), ("en", "English")):
            b = QPushButton(name)
            b.setObjectName("language")
            b.setAccessibleName(name)
            b.clicked.connect(lambda _c=False, c=code: self.language.emit(c))
            languages.addWidget(b)
        languages.addStretch(1)
        layout.addLayout(languages)
        self.check_in_button.clicked.connect(self.check_in)
        self.walk_in_button.clicked.connect(self.walk_in)


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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.setSpacing(20)
        layout.addWidget(label(self.tr("Check in"), "title"))
        modes = QHBoxLayout()
        self.code_mode = QPushButton(self.tr("Booking code or QR"))
        self.person_mode = QPushButton(self.tr("Phone or DNI"))
        for b in (self.code_mode, self.person_mode):
            b.setObjectName("mode")
            b.setCheckable(True)
            modes.addWidget(b)
        layout.addLayout(modes)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)

        code_page = QWidget()
        code_layout = QVBoxLayout(code_page)
        code_layout.addWidget(
            label(self.tr("Type the code on your booking, or show its QR to the reader"))
        )
        self.code = QLineEdit()
        self.code.setObjectName("entry")
        self.code.setAccessibleName(self.tr("Booking code"))
        self.code.setMaxLength(60)
        self.code.textEdited.connect(self._upper)
        code_layout.addWidget(self.code)
        self.code_keys = Keypad(letters=True)
        self.code_keys.attach(self.code)
        code_layout.addWidget(self.code_keys, 1)
        self.stack.addWidget(code_page)

        person_page = QWidget()
        grid = QGridLayout(person_page)
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
            grid.addWidget(label(text), row, 0)
            grid.addWidget(field, row, 1)
        self.person_keys = Keypad()
        self.person_keys.attach(self.phone)
        grid.addWidget(self.person_keys, 0, 2, 4, 1)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        self.stack.addWidget(person_page)

        self.message = label("", "message")
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.back_button = big_button(self.tr("Back"), "secondary")
        self.go_button = big_button(self.tr("Continue"))
        for b in (self.back_button, self.go_button):
            b.setMinimumHeight(90)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            buttons.addWidget(b)
        layout.addLayout(buttons)
        for field in (self.phone, self.dni, self.time, self.birth):
            field.installEventFilter(self)
        self.code_mode.clicked.connect(lambda: self.show_mode(0))
        self.person_mode.clicked.connect(lambda: self.show_mode(1))
        self.code.returnPressed.connect(self.submit)
        self.go_button.clicked.connect(self.submit)
        self.back_button.clicked.connect(self.back)
        self.show_mode(0)

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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 60, 60, 40)
        layout.setSpacing(24)
        self.hello = label("", "title")
        self.details = label("", "subtitle")
        layout.addStretch(1)
        layout.addWidget(self.hello)
        layout.addWidget(self.details)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.no = big_button(self.tr("That is not me"), "secondary")
        self.yes = big_button(self.tr("Confirm my arrival"))
        for b in (self.no, self.yes):
            b.setMinimumHeight(120)
            row.addWidget(b)
        layout.addLayout(row)
        self.yes.clicked.connect(self.confirmed)
        self.no.clicked.connect(self.not_me)

    def show_match(self, name: str, when: str, provider: str, service: str) -> None:
        self.hello.setText(self.tr("Hello, %1").replace("%1", name))
        self.details.setText(f"{when}\n{provider}\n{service}".strip())


class MessagePage(QWidget):
    """A result or a problem, in words for the customer. Signals: done()."""

    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 60, 60, 40)
        self.title = label("", "title")
        self.body = label("", "subtitle")
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.ok = big_button(self.tr("OK"))
        self.ok.setMinimumHeight(110)
        self.ok.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.ok)
        self.ok.clicked.connect(self.done)

    def show_message(self, title: str, body: str) -> None:
        self.title.setText(title)
        self.body.setText(body)


class WalkinPage(QWidget):
    """The services to choose from. Signals: chosen(object: service id or None), back()."""

    chosen = Signal(object)
    back = Signal()

    def __init__(self, services: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.setSpacing(20)
        layout.addWidget(label(self.tr("What do you come for?"), "title"))
        grid = QGridLayout()
        grid.setSpacing(16)
        for i, (service_id, name) in enumerate(services):
            b = big_button(name, "choice")
            b.setMinimumHeight(90)
            b.clicked.connect(lambda _c=False, s=service_id: self.chosen.emit(s))
            grid.addWidget(b, i // 3, i % 3)
        other = big_button(self.tr("Something else"), "choice")
        other.setMinimumHeight(90)
        other.clicked.connect(lambda: self.chosen.emit(None))
        grid.addWidget(other, len(services) // 3, len(services) % 3)
        layout.addLayout(grid, 1)
        back = big_button(self.tr("Back"), "secondary")
        back.setMinimumHeight(90)
        back.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        back.clicked.connect(self.back)
        layout.addWidget(back)


class TicketPage(QWidget):
    """The number taken. Signals: done()."""

    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        self.caption = label(self.tr("Your number"), "subtitle")
        self.number = label("", "number")
        self.wait = label("", "subtitle")
        self.printed = label("", "message")
        for w in (self.caption, self.number, self.wait, self.printed):
            layout.addWidget(w)
        ok = big_button(self.tr("OK"))
        ok.setMinimumHeight(110)
        ok.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        ok.clicked.connect(self.done)
        layout.addWidget(ok)


class EnrollPage(QWidget):
    """First start (or after a revocation): staff type the server, the one-time code
    and a PIN that will be needed to leave the kiosk. Signals: enroll(str, str, str)."""

    enroll = Signal(str, str, str)

    def __init__(self, server: str, revoked: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        layout.setSpacing(16)
        layout.addWidget(label(self.tr("Set up this kiosk"), "title"))
        if revoked:
            layout.addWidget(
                label(
                    self.tr("This kiosk was revoked. It needs to be enrolled again by staff."),
                    "message",
                )
            )
        layout.addWidget(
            label(self.tr("Staff: create an enrollment code at the front desk (Kiosks…)."))
        )
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
            layout.addWidget(label(text))
            layout.addWidget(field)
        self.message = label("", "message")
        layout.addWidget(self.message)
        go = big_button(self.tr("Enroll"))
        go.setMinimumHeight(90)
        go.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        go.clicked.connect(self.submit)
        layout.addWidget(go)
        layout.addStretch(1)

    def submit(self) -> None:
        if len(self.pin.text()) < 4 or not self.pin.text().isdigit():
            self.message.setText(self.tr("The PIN must be 4 digits or more."))
            return
        self.enroll.emit(self.server.text(), self.code.text(), self.pin.text())
