"""Render the main views offscreen into docs/screenshots/ (run: make screenshots).

Uses a fresh sample workspace in a temporary folder and a fixed "now", so the
pictures are the same from run to run.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from keyring.backend import KeyringBackend  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from cmplanner.domain.clock import FixedClock  # noqa: E402
from cmplanner.domain.periods import ViewKind  # noqa: E402
from cmplanner.paths import Paths  # noqa: E402
from cmplanner.services.credentials import CredentialStore  # noqa: E402
from cmplanner.services.demo import fill_demo  # noqa: E402
from cmplanner.services.workspace import Workspace, open_workspace  # noqa: E402

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


class _NoSecrets(KeyringBackend):
    priority = 0  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        pass

    def delete_password(self, service: str, username: str) -> None:
        pass


def main() -> int:
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setFont(QFont("Noto Sans", 10))
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        # A keyring that keeps nothing but counts as usable: the same picture on any machine.
        ws = open_workspace(
            Paths(home=home, logs=home / "logs"),
            clock=FixedClock(NOW),
            credentials=CredentialStore(backend=_NoSecrets()),
        )
        fill_demo(ws.brands, ws.accounts, ws.posts)
        from cmplanner.ui.main_window import MainWindow

        window = MainWindow(ws)
        window.calendar.local_zone = "Europe/Madrid"
        window.resize(1400, 860)
        window.show()
        app.processEvents()
        shots = {
            "month.png": ViewKind.MONTH,
            "week.png": ViewKind.WEEK,
            "agenda.png": ViewKind.AGENDA,
        }
        for name, kind in shots.items():
            window.calendar.set_view(kind)
            app.processEvents()
            window.grab().save(str(out / name))
            print(out / name)
        window.calendar.set_view(ViewKind.MONTH)
        from cmplanner.ui.composer import ComposerDialog

        # a post with an image and the most target accounts: tabs, tiles and counters show
        post = max(ws.posts.find(), key=lambda p: (bool(p.media), len(p.targets), p.id))
        composer = ComposerDialog(ws, post_id=post.id, parent=window)
        composer.show()
        composer.live.flush()
        app.processEvents()
        composer.grab().save(str(out / "composer.png"))
        print(out / "composer.png")
        composer.close()
        from cmplanner.ui.brands_dialog import BrandsDialog

        brands = BrandsDialog(ws, window)
        brands.show()
        app.processEvents()
        brands.grab().save(str(out / "brands.png"))
        print(out / "brands.png")
        brands.close()
        _accounts_shot(ws, window, out, Path(tmp))
        window.close()
        ws.close()
    return 0


def _accounts_shot(ws: Workspace, window: QWidget, out: Path, tmp: Path) -> None:
    """The accounts window with one account in each health state (as the publisher sets them)."""
    from datetime import timedelta

    from PySide6.QtCore import QSettings
    from sqlalchemy import update

    from cmplanner.storage.tables import AccountRow
    from cmplanner.ui.accounts_view import AccountsDialog

    facts = [
        {"status": "connected", "display_name": "Panadería Sol"},
        {"status": "connected", "token_expires_utc": NOW + timedelta(days=5)},
        {"status": "needs_reconnect"},
        {"status": "connected", "rate_limited_until_utc": NOW + timedelta(minutes=35)},
    ]
    for account, values in zip(ws.accounts.all(), facts, strict=False):
        values = {
            k: v.replace(tzinfo=None) if isinstance(v, datetime) else v for k, v in values.items()
        }
        with ws.sessions.begin() as s:
            s.execute(update(AccountRow).where(AccountRow.id == account.id).values(**values))
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    dialog = AccountsDialog(ws, window, settings=settings)
    dialog.resize(1000, 620)
    dialog.show()
    dialog.select_account(ws.accounts.all()[2].id)
    QApplication.processEvents()
    dialog.grab().save(str(out / "accounts.png"))
    print(out / "accounts.png")
    dialog.close()


if __name__ == "__main__":
    sys.exit(main())
