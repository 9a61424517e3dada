"""Where secrets go when no OS password store is usable: said in the window, chosen by the user.

Follows ``cmplanner.services.credentials`` (its module docstring is the contract): the banner
shows ``backend_status()``; with no usable store it offers "check again" and "keep secrets in
an encrypted file". The passphrase is asked in our own dialog (twice for a new file), never
stored; the choice and the file's path are remembered in QSettings, and the next start asks
for the passphrase again. Nothing ever falls back silently.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.errors import KnownError
from cmplanner.services.credentials import (
    BackendState,
    BackendStatus,
    CredentialStore,
)
from cmplanner.ui.task_runner import TaskRunner

#: QSettings keys: the choice and the path, never the passphrase.
CHOICE_KEY = "credentials/store"
PATH_KEY = "credentials/encrypted_file"
ENCRYPTED_FILE = "encrypted_file"


class KeyringChoice:
    """The remembered choice (QSettings): an encrypted file at a path, or the OS keyring."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def encrypted_file(self) -> Path | None:
        """The encrypted file the user chose earlier, or None."""
        if self._settings.value(CHOICE_KEY, "") != ENCRYPTED_FILE:
            return None
        path = str(self._settings.value(PATH_KEY, "") or "")
        return Path(path) if path else None

    def remember_encrypted_file(self, path: Path) -> None:
        self._settings.setValue(CHOICE_KEY, ENCRYPTED_FILE)
        self._settings.setValue(PATH_KEY, str(path))
        self._settings.sync()

    def forget(self) -> None:
        self._settings.remove(CHOICE_KEY)
        self._settings.remove(PATH_KEY)
        self._settings.sync()


class PassphraseDialog(QDialog):
    """Open (or create) the encrypted credentials file with a passphrase.

    Asks the passphrase twice when the file does not exist yet. Opening runs off the GUI
    thread (the key derivation is slow on purpose); a wrong passphrase is said in the dialog
    and the path stays as typed.

    Signals:
        store_opened(object): the store now uses the file (its new ``BackendStatus``).
    """

    store_opened = Signal(object)

    def __init__(
        self,
        credentials: CredentialStore,
        choice: KeyringChoice,
        default_path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._credentials = credentials
        self._choice = choice
        self._runner = TaskRunner(self)
        self._pending_path = default_path
        self.setWindowTitle(self.tr("Encrypted file for secrets"))
        self.setMinimumWidth(520)

        intro = QLabel(
            self.tr(
                "cmplanner keeps the passwords and tokens of your accounts in this file, "
                "encrypted with a passphrase. The passphrase is never saved: you type it "
                "again after cmplanner restarts. If you lose it, you will have to reconnect the "
                "accounts."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.path_edit = QLineEdit(str(default_path), self)
        self.path_edit.setObjectName("encrypted_file_path")
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.setAutoDefault(False)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit(self)
        self.confirm_edit.setObjectName("passphrase_again")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._confirm_label = QLabel(self.tr("Passphrase &again:"), self)
        self._confirm_label.setBuddy(self.confirm_edit)

        form = QFormLayout()
        file_label = QLabel(self.tr("&File:"), self)
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, path_row)
        form.addRow(self.tr("&Passphrase:"), self.passphrase_edit)
        form.addRow(self._confirm_label, self.confirm_edit)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("passphrase_message")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setStyleSheet("color: #b3261e;")
        self.message_label.hide()
        self._busy = QProgressBar(self)
        self._busy.setRange(0, 0)
        self._busy.setTextVisible(False)
        self._busy.setMaximumHeight(6)
        self._busy.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self._busy)
        layout.addWidget(self.buttons)

        browse.clicked.connect(self._on_browse_clicked)
        self.path_edit.textChanged.connect(self._on_path_edit_text_changed)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._on_path_edit_text_changed(self.path_edit.text())

    def is_new_file(self) -> bool:
        text = self.path_edit.text().strip()
        return not text or not Path(text).expanduser().exists()

    def message(self) -> str:
        return self.message_label.text() if self.message_label.isVisibleTo(self) else ""

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.show()

    def _set_busy(self, busy: bool) -> None:
        self._busy.setVisible(busy)
        for widget in (self.path_edit, self.passphrase_edit, self.confirm_edit):
            widget.setEnabled(not busy)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not busy)

    @Slot(str)
    def _on_path_edit_text_changed(self, _text: str) -> None:
        new = self.is_new_file()
        self.confirm_edit.setVisible(new)
        self._confirm_label.setVisible(new)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create") if new else self.tr("Unlock"))

    @Slot()
    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Encrypted file for secrets"),
            self.path_edit.text(),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.path_edit.setText(path)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        text = self.path_edit.text().strip()
        passphrase = self.passphrase_edit.text()
        if not text:
            self._show_message(self.tr("Choose where to keep the file."))
            return
        if not passphrase:
            self._show_message(self.tr("Type the passphrase that protects the file."))
            return
        if self.is_new_file() and passphrase != self.confirm_edit.text():
            self._show_message(
                self.tr("The two passphrases differ. Type the same passphrase twice.")
            )
            self.confirm_edit.clear()
            self.confirm_edit.setFocus()
            return
        path = Path(text).expanduser()
        credentials = self._credentials
        self._set_busy(True)
        self.message_label.hide()
        self._pending_path = path
        self._runner.run(
            lambda: credentials.use_encrypted_file(path, passphrase),
            self._on_open_succeeded,
            self._on_open_failed,
        )

    @Slot(object)
    def _on_open_succeeded(self, status: BackendStatus) -> None:
        self._set_busy(False)
        self.passphrase_edit.clear()
        self.confirm_edit.clear()
        self._choice.remember_encrypted_file(self._pending_path)
        self.store_opened.emit(status)
        self.accept()

    @Slot(object)
    def _on_open_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(exc, KnownError):
            self._runner.report(exc)
            return
        self._show_message(str(exc))
        self.passphrase_edit.selectAll()
        self.passphrase_edit.setFocus()


class KeyringBanner(QFrame):
    """A band at the top of the accounts view, shown while secrets cannot be saved.

    Signals:
        status_changed(object): the store's ``BackendStatus`` after a check or a choice.
    """

    status_changed = Signal(object)

    def __init__(
        self,
        credentials: CredentialStore,
        settings: QSettings,
        default_path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keyring_banner")
        self.setStyleSheet(
            "#keyring_banner { background: #fff4e5; border: 1px solid #e0a040;"
            " border-radius: 6px; } #keyring_banner QLabel { color: #4a3000; }"
        )
        self._credentials = credentials
        self._choice = KeyringChoice(settings)
        self._default_path = default_path
        self._status: BackendStatus | None = None
        self._dialog: PassphraseDialog | None = None

        self.text_label = QLabel(self)
        self.text_label.setObjectName("keyring_banner_text")
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_button = QPushButton(self.tr("Check &again"), self)
        self.check_button.setObjectName("keyring_check_again")
        self.file_button = QPushButton(self.tr("Keep secrets in an &encrypted file…"), self)
        self.file_button.setObjectName("keyring_encrypted_file")
        for button in (self.check_button, self.file_button):
            button.setAutoDefault(False)
        buttons = QVBoxLayout()
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 10, 12, 10)
        row.setSpacing(12)
        row.addWidget(self.text_label, 1)
        row.addLayout(buttons)

        self.check_button.clicked.connect(self._on_check_button_clicked)
        self.file_button.clicked.connect(self._on_file_button_clicked)
        self.hide()

    # -- public ------------------------------------------------------------------------

    def status(self) -> BackendStatus | None:
        return self._status

    def refresh(self) -> BackendStatus:
        """Ask the store (never prompts) and show or hide the banner accordingly."""
        status = self._credentials.backend_status()
        self._show_status(status)
        return status

    def passphrase_dialog(self) -> PassphraseDialog | None:
        """The open passphrase dialog, if any (for tests and for the window)."""
        return self._dialog

    # -- internals ---------------------------------------------------------------------

    def _show_status(self, status: BackendStatus) -> None:
        self._status = status
        remembered = self._choice.encrypted_file()
        if status.usable:
            self.hide()
        elif status.state is BackendState.LOCKED:
            self.text_label.setText(
                self.tr(
                    "<b>Your password store is locked.</b> When cmplanner needs a secret, "
                    "your desktop asks you to unlock it ({name})."
                ).format(name=_escape(status.name))
            )
            self.file_button.hide()
            self.show()
        else:
            if remembered is not None:
                text = self.tr(
                    "<b>Your accounts' secrets are in an encrypted file.</b> Type its "
                    "passphrase to use them: {path}"
                ).format(path=_escape(str(remembered)))
                self.file_button.setText(self.tr("&Unlock the encrypted file…"))
            else:
                text = self.tr(
                    "<b>cmplanner cannot save passwords or tokens on this computer.</b> "
                    "No password store is usable ({reason}). Nothing is saved anywhere else "
                    "unless you choose it: set up GNOME Keyring or KWallet, then check again, "
                    "or keep secrets in a file encrypted with a passphrase."
                ).format(reason=_escape(status.reason or status.name))
                self.file_button.setText(self.tr("Keep secrets in an &encrypted file…"))
            self.text_label.setText(text)
            self.file_button.show()
            self.show()
        self.status_changed.emit(status)

    @Slot()
    def _on_check_button_clicked(self) -> None:
        # keyring chooses again, so a password store set up since the start is found now.
        status = self._credentials.recheck()
        if status.usable:
            self.refresh()
        else:
            self._show_status(status)

    @Slot()
    def _on_file_button_clicked(self) -> None:
        path = self._choice.encrypted_file() or self._default_path
        dialog = PassphraseDialog(self._credentials, self._choice, path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.store_opened.connect(self._on_dialog_store_opened)
        dialog.finished.connect(self._on_dialog_finished)
        self._dialog = dialog
        dialog.open()

    @Slot(object)
    def _on_dialog_store_opened(self, status: BackendStatus) -> None:
        self._show_status(status)

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        self._dialog = None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ask_passphrase_at_start(
    credentials: CredentialStore, parent: QWidget, settings: QSettings | None = None
) -> PassphraseDialog | None:
    """At start, when the user chose an encrypted file earlier: ask its passphrase again (it
    is never saved). Nothing when the OS keyring is in use; the dialog is window-modal
    (``open()``), so the window stays drawn behind it."""
    choice = KeyringChoice(settings if settings is not None else QSettings())
    path = choice.encrypted_file()
    if path is None:
        return None
    dialog = PassphraseDialog(credentials, choice, path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
