"""Staff: who may sign in, with which role; add someone, change a role, deactivate,
reset a password, lift a sign-in lock. Admins only (the server lists staff to no one
else)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import setup_client as sc
from app.domain.staff import MIN_PASSWORD_LENGTH, STAFF_ROLES
from ui.common.tasks import describe
from ui.desk.customers import plain_label
from ui.desk.setup.common import (
    ERROR_STYLE,
    Column,
    RowsModel,
    SetupContext,
    SetupTab,
    button_row,
    select_where,
    selected,
    table_view,
    yes_no,
)


def role_name(role: str) -> str:
    return {
        "admin": QCoreApplication.translate("setup", "Administrator"),
        "reception": QCoreApplication.translate("setup", "Reception"),
        "provider": QCoreApplication.translate("setup", "Provider"),
    }.get(role, role)


def role_box() -> QComboBox:
    box = QComboBox()
    for role in STAFF_ROLES:
        box.addItem(role_name(role.value), role.value)
    return box


class StaffDialog(QDialog):
    """A new person: name, email, role (and which provider they are), first password.

    Signals:
        submitted(): the form is filled in and checked; the tab sends it.
    """

    submitted = Signal()

    def __init__(self, ctx: SetupContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add staff"))
        self.name = QLineEdit()
        self.email = QLineEdit()
        self.role = role_box()
        self.provider = QComboBox()
        self.provider.addItem(self.tr("(none)"), None)
        for p in ctx.providers:
            self.provider.addItem(p.display_name, p.provider_id)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = plain_label()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Email"), self.email)
        form.addRow(self.tr("&Role"), self.role)
        form.addRow(self.tr("&Is provider"), self.provider)
        form.addRow(self.tr("First &password"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _submit(self) -> None:
        if not self.name.text().strip() or not self.email.text().strip():
            self.error.setText(self.tr("Write the person's name and email."))
            return
        if len(self.password.text()) < MIN_PASSWORD_LENGTH:
            self.error.setText(
                self.tr("The password needs at least %1 characters.").replace(
                    "%1", str(MIN_PASSWORD_LENGTH)
                )
            )
            return
        self.submitted.emit()


class PasswordDialog(QDialog):
    """A new password for someone, typed twice.

    Signals:
        submitted(str): the new password.
    """

    submitted = Signal(str)

    def __init__(self, person: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reset password"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = plain_label()
        self.error.setStyleSheet(ERROR_STYLE)
        note = plain_label(
            self.tr(
                "%1 will be signed out everywhere and must sign in with this password."
            ).replace("%1", person)
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("New &password"), self.password)
        form.addRow(self.tr("&Again"), self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _submit(self) -> None:
        if len(self.password.text()) < MIN_PASSWORD_LENGTH:
            self.error.setText(
                self.tr("The password needs at least %1 characters.").replace(
                    "%1", str(MIN_PASSWORD_LENGTH)
                )
            )
        elif self.password.text() != self.again.text():
            self.error.setText(self.tr("The two passwords differ."))
        else:
            self.submitted.emit(self.password.text())


class StaffTab(SetupTab):
    def __init__(self, ctx: SetupContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model: RowsModel[sc.Staff] = RowsModel(
            [
                Column(self.tr("Name"), lambda s: s.display_name),
                Column(self.tr("Email"), lambda s: s.email),
                Column(self.tr("Role"), lambda s: role_name(s.role)),
                Column(self.tr("Provider"), lambda s: ctx.provider_name(s.provider_id)),
                Column(self.tr("Active"), lambda s: yes_no(s.active)),
                Column(self.tr("Last sign-in"), self._last_sign_in),
            ],
            self,
        )
        self.table = table_view(self.model, self.tr("Staff"))
        self.add_button = QPushButton(self.tr("&Add…"))
        self.role = role_box()
        self.role.setAccessibleName(self.tr("New role"))
        self.role_button = QPushButton(self.tr("Change &role"))
        self.active_button = QPushButton(self.tr("&Deactivate"))
        self.password_button = QPushButton(self.tr("Reset &password…"))
        self.unlock_button = QPushButton(self.tr("&Unlock sign-in"))
        self.body.addWidget(self.table, 1)
        self.body.addLayout(
            button_row(
                self.add_button,
                self.role,
                self.role_button,
                self.active_button,
                self.password_button,
                self.unlock_button,
            )
        )
        self.add_button.clicked.connect(self.ask_new)
        self.role_button.clicked.connect(
            lambda: self.change(sc.StaffChange(role=self.role.currentData()))
        )
        self.active_button.clicked.connect(self.toggle_active)
        self.password_button.clicked.connect(self.ask_password)
        self.unlock_button.clicked.connect(self.unlock)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection())
        self.dialog: QDialog | None = None
        # Provider names come with the catalogue, maybe after the staff.
        ctx.catalogue_changed.connect(lambda: self.show_staff(self.model.rows))
        self.refresh_writable()

    def _last_sign_in(self, s: sc.Staff) -> str:
        if s.last_sign_in_at is None:
            return self.tr("never")
        return self.ctx.local(s.last_sign_in_at)

    def set_writable(self, writable: bool) -> None:
        self.add_button.setEnabled(writable)
        self._selection()

    def _selection(self) -> None:
        person = selected(self.table, self.model)
        can = self.ctx.writable and person is not None
        for w in (self.role, self.role_button, self.active_button, self.password_button):
            w.setEnabled(can)
        if person is not None:
            self.role.setCurrentIndex(max(0, self.role.findData(person.role)))
            self.active_button.setText(
                self.tr("&Deactivate") if person.active else self.tr("Reac&tivate")
            )
        locked = person is not None and person.locked_until is not None
        self.unlock_button.setEnabled(can and locked)

    def reload(self) -> None:
        if not self.ctx.admin:
            return  # the server lists staff to admins only
        self.run(sc.staff(self.ctx.api), self.show_staff)

    def show_staff(self, people: list[sc.Staff], keep: str | None = None) -> None:
        current = selected(self.table, self.model)
        keep = keep or (current.user_id if current else None)
        self.model.set_rows(sorted(people, key=lambda s: (not s.active, s.display_name.lower())))
        if keep:
            select_where(self.table, self.model, lambda s: s.user_id == keep)
        self._selection()

    def _replace(self, person: sc.Staff) -> None:
        rows = [person if s.user_id == person.user_id else s for s in self.model.rows]
        if person.user_id not in {s.user_id for s in self.model.rows}:
            rows.append(person)
        self.show_staff(rows, keep=person.user_id)

    def ask_new(self) -> StaffDialog:
        dialog = StaffDialog(self.ctx, self)
        dialog.submitted.connect(lambda: self._add(dialog))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _add(self, dialog: StaffDialog) -> None:
        def done(person: sc.Staff) -> None:
            dialog.accept()
            self._replace(person)

        dialog.error.clear()
        work = sc.add_staff(
            self.ctx.api,
            dialog.email.text().strip(),
            dialog.name.text().strip(),
            dialog.role.currentData(),
            dialog.password.text(),
            dialog.provider.currentData(),
        )
        self.ctx.run(work, done, lambda exc: dialog.error.setText(describe(exc)))

    def change(self, change: sc.StaffChange) -> None:
        person = selected(self.table, self.model)
        if person is not None:
            self.run(
                sc.update_staff(self.ctx.api, person.user_id, change), self._replace, saves=True
            )

    def toggle_active(self) -> None:
        person = selected(self.table, self.model)
        if person is not None:
            self.change(sc.StaffChange(active=not person.active))

    def ask_password(self) -> PasswordDialog | None:
        person = selected(self.table, self.model)
        if person is None:
            return None
        dialog = PasswordDialog(person.display_name, self)

        def send(password: str) -> None:
            def done(p: sc.Staff) -> None:
                dialog.accept()
                self._replace(p)

            work = sc.update_staff(self.ctx.api, person.user_id, sc.StaffChange(password=password))
            self.ctx.run(work, done, lambda exc: dialog.error.setText(describe(exc)))

        dialog.submitted.connect(send)
        dialog.open()
        self.dialog = dialog
        return dialog

    def unlock(self) -> None:
        person = selected(self.table, self.model)
        if person is not None:
            self.run(sc.unlock_staff(self.ctx.api, person.user_id), self._replace, saves=True)
