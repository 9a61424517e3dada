"""The composer's attachments: thumbnails, pixel sizes, alt text, add and remove."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale, QMimeData, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.enums import MediaKind
from cmplanner.domain.errors import KnownError
from cmplanner.domain.models import MediaRef
from cmplanner.networks.base import MediaInfo
from cmplanner.services.media import probe
from cmplanner.services.posts import MediaInput

log = logging.getLogger(__name__)

THUMB = 64
VISIBLE_ROWS = 3
PREVIEW_SIDE = 480
FILE_FILTER = "*.jpg *.jpeg *.png *.gif *.webp *.mp4 *.mov *.webm"


@dataclass(frozen=True)
class Attachment:
    """A file the user attached, as probed when it was attached."""

    path: Path
    mime: str
    kind: MediaKind
    width: int | None
    height: int | None
    bytes: int
    name: str

    @classmethod
    def from_file(cls, path: Path) -> Attachment:
        """Probe ``path``; raises KnownError for a vanished, unreadable or unsupported file."""
        mime, kind, width, height = probe(path)
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        return cls(path, mime, kind, width, height, size, path.name)

    @classmethod
    def from_ref(cls, ref: MediaRef) -> Attachment:
        """An attachment already in the media library."""
        name = ref.original_name or Path(ref.path).name
        return cls(Path(ref.path), ref.mime, ref.kind, ref.width, ref.height, ref.bytes, name)


def local_files(mime: QMimeData) -> list[Path]:
    """The local files in a drop or paste (``text/uri-list``), in order."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def load_preview_image(path: Path, side: int = PREVIEW_SIDE) -> QImage:
    """The image scaled down while reading (cheap for big photos); null if unreadable."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > side:
        reader.setScaledSize(size.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


def _thumbnail(att: Attachment, style: QStyle) -> QPixmap:
    if att.kind != MediaKind.VIDEO:
        reader = QImageReader(str(att.path))
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid():
            reader.setScaledSize(size.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if not image.isNull():
            return QPixmap.fromImage(image)
    icon = (
        QStyle.StandardPixmap.SP_MediaPlay
        if att.kind == MediaKind.VIDEO
        else (QStyle.StandardPixmap.SP_FileIcon)
    )
    return style.standardIcon(icon).pixmap(THUMB // 2, THUMB // 2)


class AttachmentRow(QFrame):
    """One attached file: thumbnail, name, pixel size, alt text and a remove button.

    Signals:
        alt_text_changed(str): the user edited the alt text.
        remove_requested(): the user wants this attachment gone.
    """

    alt_text_changed = Signal(str)
    remove_requested = Signal()

    def __init__(self, att: Attachment, alt_text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.attachment = att
        self.setFrameShape(QFrame.Shape.StyledPanel)

        self.thumb = QLabel()
        self.thumb.setFixedSize(THUMB, THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setPixmap(_thumbnail(att, self.style()))

        self.name_label = QLabel(att.name)
        font = self.name_label.font()
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setToolTip(str(att.path))
        self.size_label = QLabel(self._describe(att))
        self.size_label.setEnabled(False)  # greyed: secondary information

        self.alt_edit = QLineEdit(alt_text)
        self.alt_edit.setPlaceholderText(
            self.tr("Alt text: describe it for people who cannot see it")
        )
        self.alt_edit.setAccessibleName(self.tr("Alt text for {name}").format(name=att.name))
        self.alt_edit.textChanged.connect(self._on_alt_edit_text_changed)

        self.remove_button = QToolButton()
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove {name} from this post").format(name=att.name))
        self.remove_button.clicked.connect(self._on_remove_button_clicked)

        head = QHBoxLayout()
        head.addWidget(self.name_label, 1)
        head.addWidget(self.size_label)
        info = QVBoxLayout()
        info.setSpacing(4)
        info.addLayout(head)
        info.addWidget(self.alt_edit)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 6, 6, 6)
        row.setSpacing(10)
        row.addWidget(self.thumb)
        row.addLayout(info, 1)
        row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)

    def _describe(self, att: Attachment) -> str:
        kind = att.mime.split("/")[-1].upper()
        size = QLocale().formattedDataSize(att.bytes, 0) if att.bytes else ""
        if att.width and att.height:
            pixels = self.tr("{width} × {height} px").format(width=att.width, height=att.height)
            return " · ".join(p for p in (pixels, kind, size) if p)
        return " · ".join(p for p in (kind, size) if p)

    @property
    def alt_text(self) -> str:
        return self.alt_edit.text()

    @Slot(str)
    def _on_alt_edit_text_changed(self, text: str) -> None:
        self.alt_text_changed.emit(text)

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        self.remove_requested.emit()


class MediaPanel(QWidget):
    """The list of attachments plus an "Add media…" button.

    Signals:
        changed(): an attachment was added or removed, or an alt text changed.
        attach_failed(str, str): files could not be attached (message, hint).
    """

    changed = Signal()
    attach_failed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AttachmentRow] = []
        self._previews: dict[Path, QImage] = {}

        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.setSpacing(4)
        self._list_layout.addStretch(1)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(self._list)
        self._scroll.setVisible(False)

        self.add_button = QPushButton(self.tr("Add media…"))
        self.add_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        drop_hint = QLabel(self.tr("or drop image and video files anywhere on this window"))
        drop_hint.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(drop_hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self._scroll)
        layout.addLayout(buttons)

    # ---- state -----------------------------------------------------------------------

    @property
    def rows(self) -> list[AttachmentRow]:
        return list(self._rows)

    def inputs(self) -> list[MediaInput]:
        """What to hand to PostService: each file with its alt text, in order."""
        return [MediaInput(r.attachment.path, r.alt_text) for r in self._rows]

    def infos(self) -> list[MediaInfo]:
        """What the network rules need to know about each attachment, in order."""
        return [
            MediaInfo(
                path=r.attachment.path,
                mime=r.attachment.mime,
                bytes=r.attachment.bytes,
                width=r.attachment.width or 0,
                height=r.attachment.height or 0,
                alt_text=r.alt_text,
                animated=r.attachment.kind == MediaKind.GIF,
            )
            for r in self._rows
        ]

    def preview_images(self) -> list[QImage]:
        """A preview-sized image of each attachment (read once per file; null for video)."""
        out = []
        for r in self._rows:
            path = r.attachment.path
            if path not in self._previews:
                video = r.attachment.kind == MediaKind.VIDEO
                self._previews[path] = QImage() if video else load_preview_image(path)
            out.append(self._previews[path])
        return out

    def add(self, att: Attachment, alt_text: str = "") -> AttachmentRow | None:
        """Append an already-probed attachment (a file already attached is skipped)."""
        if any(r.attachment.path == att.path for r in self._rows):
            return None
        row = AttachmentRow(att, alt_text)
        row.alt_text_changed.connect(self._on_row_alt_text_changed)
        row.remove_requested.connect(self._on_row_remove_requested)
        self._rows.append(row)
        self._list_layout.insertWidget(len(self._rows) - 1, row)
        self._fit()
        self.changed.emit()
        return row

    def attach(self, paths: Iterable[Path], alt_texts: Iterable[str] = ()) -> int:
        """Probe and attach files; report the ones that cannot be attached. Returns how many
        were attached."""
        alts = list(alt_texts)
        problems: list[KnownError] = []
        added = 0
        for i, path in enumerate(paths):
            try:
                att = Attachment.from_file(Path(path))
            except KnownError as exc:
                log.info("cannot attach %s: %s", path, exc)
                problems.append(exc)
                continue
            if self.add(att, alts[i] if i < len(alts) else "") is not None:
                added += 1
        if problems:
            message = "\n".join(p.message for p in problems)
            hint = " ".join(dict.fromkeys(p.hint for p in problems if p.hint))
            self.attach_failed.emit(message, hint)
        return added

    def remove(self, row: AttachmentRow) -> None:
        self._rows.remove(row)
        self._list_layout.removeWidget(row)
        row.deleteLater()
        self._fit()
        self.changed.emit()

    def _fit(self) -> None:
        self._scroll.setVisible(bool(self._rows))
        if self._rows:
            row_h = self._rows[0].sizeHint().height()
            shown = min(len(self._rows), VISIBLE_ROWS)
            self._scroll.setFixedHeight(shown * row_h + (shown - 1) * 4 + 2)

    # ---- slots -----------------------------------------------------------------------

    @Slot()
    def _on_add_button_clicked(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add media"),
            "",
            self.tr("Images and videos ({patterns});;All files (*)").format(patterns=FILE_FILTER),
        )
        self.attach(Path(n) for n in names)

    @Slot(str)
    def _on_row_alt_text_changed(self, _text: str) -> None:
        self.changed.emit()

    @Slot()
    def _on_row_remove_requested(self) -> None:
        row = self.sender()
        if isinstance(row, AttachmentRow) and row in self._rows:
            self.remove(row)


class FileDropDialog(QDialog):
    """A dialog that takes image and video files dropped anywhere on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)

    def files_dropped(self, files: list[Path]) -> None:
        """Files were dropped on the dialog (override)."""

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files_dropped(files)
