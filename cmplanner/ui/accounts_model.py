"""The accounts of every brand as a tree (brand → accounts), with avatars and health.

Avatars are fetched off the GUI thread (``TaskRunner``), decoded there into a ``QImage``,
and cached per URL for the life of the cache; until one arrives (or when there is none) the
row shows a placeholder with the account's initial in its network's colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QImage, QPainter, QPainterPath, QPixmap

from cmplanner.domain.enums import Network
from cmplanner.domain.models import Account, Brand
from cmplanner.ui.calendar.chips import NETWORK_BADGES
from cmplanner.ui.task_runner import TaskRunner

_Index = QModelIndex | QPersistentModelIndex

#: Health level → colour of its dot and text.
LEVEL_COLORS = {
    "ok": "#2e7d32",
    "warning": "#b26a00",
    "error": "#b3261e",
    "off": "#7a7a7a",
}
AVATAR_MAX_BYTES = 2 * 1024 * 1024
AVATAR_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class AccountItem:
    """One account row: the account and its health as the service derived it."""

    account: Account
    level: str
    label: str
    can_reconnect: bool


def fetch_image(url: str) -> QImage:
    """Download and decode a small picture (runs on a pool thread). Raises ValueError."""
    from urllib.parse import urlsplit

    import requests

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not a picture address: {parts.scheme}://{parts.hostname}")
    with requests.get(url, timeout=AVATAR_TIMEOUT_S, stream=True) as response:
        response.raise_for_status()
        data = bytearray()
        for chunk in response.iter_content(64 * 1024):
            data += chunk
            if len(data) > AVATAR_MAX_BYTES:
                raise ValueError("the picture is too large for an avatar")
    image = QImage()
    if not image.loadFromData(bytes(data)):
        raise ValueError("the picture cannot be read")
    return image


class AvatarCache(QObject):
    """Avatars by URL, fetched once each.

    Signals:
        avatar_ready(str): the picture of this URL is now cached.
    """

    avatar_ready = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._images: dict[str, QImage] = {}
        self._pending: set[str] = set()
        self._failed: set[str] = set()
        self._icons: dict[tuple[str, int], QPixmap] = {}

    def image(self, url: str) -> QImage | None:
        """The cached picture, or None (a fetch starts if none was tried yet)."""
        if not url:
            return None
        cached = self._images.get(url)
        if cached is None and url not in self._failed and url not in self._pending:
            self._pending.add(url)
            task = self._runner.run(
                lambda: fetch_image(url), self._on_fetch_succeeded, self._on_fetch_failed
            )
            # Read back by the handlers (the outcome is queued: it cannot arrive before this).
            task.setProperty("avatar_url", url)
        return cached

    def is_fetching(self) -> bool:
        return bool(self._pending)

    def round_pixmap(self, url: str, size: int) -> QPixmap | None:
        """The picture cropped to a circle of ``size`` pixels, or None while there is none."""
        image = self.image(url)
        if image is None:
            return None
        key = (url, size)
        if key not in self._icons:
            self._icons[key] = _round(image, size)
        return self._icons[key]

    def _url_of_sender(self) -> str:
        sender = self.sender()
        url = str(sender.property("avatar_url") or "") if sender is not None else ""
        self._pending.discard(url)
        return url

    @Slot(object)
    def _on_fetch_succeeded(self, image: QImage) -> None:
        url = self._url_of_sender()
        if url:
            self._images[url] = image
            self.avatar_ready.emit(url)

    @Slot(object)
    def _on_fetch_failed(self, _exc: BaseException) -> None:
        url = self._url_of_sender()
        if url:
            self._failed.add(url)  # the placeholder stays; no retry storm on every paint


def _round(image: QImage, size: int) -> QPixmap:
    scaled = image.scaled(
        size,
        size,
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    out = QPixmap(size, size)
    out.fill(Qt.GlobalColor.transparent)
    p = QPainter(out)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addEllipse(QRectF(0, 0, size, size))
    p.setClipPath(path)
    x = (scaled.width() - size) // 2
    y = (scaled.height() - size) // 2
    p.drawImage(0, 0, scaled, x, y, size, size)
    p.end()
    return out


def placeholder_pixmap(account: Account, size: int) -> QPixmap:
    """A circle in the network's colour with the account's initial."""
    _label, color = NETWORK_BADGES[account.network]
    name = (account.display_name or account.handle).lstrip("@") or "?"
    out = QPixmap(size, size)
    out.fill(Qt.GlobalColor.transparent)
    p = QPainter(out)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    base = QColor(color)
    tint = QColor(
        int(base.red() * 0.35 + 255 * 0.65),
        int(base.green() * 0.35 + 255 * 0.65),
        int(base.blue() * 0.35 + 255 * 0.65),
    )
    p.setBrush(tint)
    p.drawEllipse(QRectF(0, 0, size, size))
    font = QFont(p.font())
    font.setBold(True)
    font.setPixelSize(max(8, int(size * 0.45)))
    p.setFont(font)
    p.setPen(base.darker(130))
    p.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, name[0].upper())
    p.end()
    return out


def with_badge(avatar: QPixmap, network: Network) -> QPixmap:
    """The avatar with the network's badge in its lower right corner."""
    size = avatar.width()
    label, color = NETWORK_BADGES[network]
    out = QPixmap(avatar)
    p = QPainter(out)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    h = max(10.0, size * 0.48)
    font = QFont(p.font())
    font.setBold(True)
    font.setPixelSize(max(6, int(h * 0.62)))
    p.setFont(font)
    w = max(h, p.fontMetrics().horizontalAdvance(label) + 4)
    rect = QRectF(size - w, size - h, w, h)
    p.setPen(QColor("white"))
    p.setBrush(QColor(color))
    p.drawRoundedRect(rect, h / 2.5, h / 2.5)
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
    p.end()
    return out


def level_dot(level: str, size: int = 12) -> QPixmap:
    out = QPixmap(size, size)
    out.fill(Qt.GlobalColor.transparent)
    p = QPainter(out)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(LEVEL_COLORS.get(level, LEVEL_COLORS["off"])))
    p.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    p.end()
    return out


class AccountTreeModel(QAbstractItemModel):
    """Brands at the top level, their accounts below. Columns: account, health."""

    AccountIdRole = Qt.ItemDataRole.UserRole + 1
    BrandIdRole = Qt.ItemDataRole.UserRole + 2
    LevelRole = Qt.ItemDataRole.UserRole + 3
    ICON_SIZE = 28

    def __init__(self, avatars: AvatarCache, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._avatars = avatars
        self._brands: list[Brand] = []
        self._items: list[list[AccountItem]] = []
        self._icons: dict[tuple[int, str, bool], QIcon] = {}
        self._dots: dict[str, QIcon] = {}
        avatars.avatar_ready.connect(self._on_avatars_avatar_ready)

    # -- content -----------------------------------------------------------------------

    def set_content(self, brands: Sequence[Brand], items: Sequence[AccountItem]) -> None:
        """Show ``brands`` (in order) with their accounts; brands of no account are kept."""
        self.beginResetModel()
        known = {b.id for b in brands}
        self._brands = list(brands)
        by_brand: dict[int, list[AccountItem]] = {b.id: [] for b in brands}
        for item in items:
            if item.account.brand_id in known:
                by_brand[item.account.brand_id].append(item)
        self._items = [by_brand[b.id] for b in self._brands]
        self._icons.clear()
        self.endResetModel()

    def item(self, index: _Index) -> AccountItem | None:
        """The account row at ``index`` (any column), or None for a brand row."""
        if not index.isValid() or index.internalId() == 0:
            return None
        brand_row = index.internalId() - 1
        return self._items[brand_row][index.row()]

    def brand(self, index: _Index) -> Brand | None:
        """The brand of ``index`` (a brand row or one of its accounts)."""
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._brands[row]

    def index_of_account(self, account_id: int) -> QModelIndex:
        for b, items in enumerate(self._items):
            for r, item in enumerate(items):
                if item.account.id == account_id:
                    return self.index(r, 0, self.index(b, 0))
        return QModelIndex()

    def index_of_brand(self, brand_id: int) -> QModelIndex:
        for b, brand in enumerate(self._brands):
            if brand.id == brand_id:
                return self.index(b, 0)
        return QModelIndex()

    def account_count(self) -> int:
        return sum(len(items) for items in self._items)

    # -- QAbstractItemModel ------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= 2 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self._brands):
                return QModelIndex()
            return self.createIndex(row, column, 0)
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        brand_row = parent.row()
        if brand_row >= len(self._items) or row >= len(self._items[brand_row]):
            return QModelIndex()
        return self.createIndex(row, column, brand_row + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._brands)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._items[parent.row()])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Account"), self.tr("Health"))[section] if section in (0, 1) else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item(index)
        if item is None:
            return self._brand_data(index, role)
        account = item.account
        col = index.column()
        if role == self.AccountIdRole:
            return account.id
        if role == self.BrandIdRole:
            return account.brand_id
        if role == self.LevelRole:
            return item.level
        if col == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                handle = account.handle if account.handle.startswith("@") else "@" + account.handle
                if not account.display_name or account.display_name == account.handle:
                    return handle
                return f"{account.display_name}  {handle}"
            if role == Qt.ItemDataRole.SizeHintRole:
                return QSize(-1, self.ICON_SIZE + 6)
            if role == Qt.ItemDataRole.DecorationRole:
                return self._avatar_icon(account)
            if role == Qt.ItemDataRole.ToolTipRole:
                server = f" — {account.server}" if account.server else ""
                return f"{account.network.label}{server}"
            if role == Qt.ItemDataRole.AccessibleDescriptionRole:
                return account.network.label
        if col == 1:
            if role == Qt.ItemDataRole.DisplayRole:
                return item.label
            if role == Qt.ItemDataRole.DecorationRole:
                return self._dot(item.level)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(LEVEL_COLORS.get(item.level, LEVEL_COLORS["off"])))
        return None

    def _brand_data(self, index: _Index, role: int) -> Any:
        brand = self._brands[index.row()]
        if role == self.BrandIdRole:
            return brand.id
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return brand.name
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.DecorationRole:
                from cmplanner.ui.color_swatch import swatch_icon

                return swatch_icon(brand.color, 14)
        if index.column() == 1 and role == Qt.ItemDataRole.DisplayRole:
            n = len(self._items[index.row()])
            if n == 0:
                return self.tr("No account yet")
            if n == 1:
                return self.tr("1 account")
            return self.tr("{n} accounts").format(n=n)
        if index.column() == 1 and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(LEVEL_COLORS["off"]))
        return None

    def _avatar_icon(self, account: Account) -> QIcon:
        size = self.ICON_SIZE
        picture = self._avatars.round_pixmap(account.avatar_url, size)
        key = (account.id, account.avatar_url, picture is not None)
        if key not in self._icons:
            base = picture if picture is not None else placeholder_pixmap(account, size)
            self._icons[key] = QIcon(with_badge(base, account.network))
        return self._icons[key]

    def _dot(self, level: str) -> QIcon:
        if level not in self._dots:
            self._dots[level] = QIcon(level_dot(level))
        return self._dots[level]

    @Slot(str)
    def _on_avatars_avatar_ready(self, url: str) -> None:
        for b, items in enumerate(self._items):
            for r, item in enumerate(items):
                if item.account.avatar_url == url:
                    index = self.index(r, 0, self.index(b, 0))
                    self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
