"""The composer's attachments: thumbnails, pixel sizes, alt text, add, remove and fit.

Fitting: when a chosen network would refuse or crop an image, its row offers "Fit for
<network>…", which writes a cropped/resized copy (``make_fitted_copy``) into a private
temporary folder and puts the copy in the original's place, alt text kept. The original
file is never touched; the copy is imported into the media library on save like any file,
and the folder deleted when the composer closes (``composer_fitted``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from PIL import Image
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

from cmplanner.domain.enums import MediaKind, Network
from cmplanner.domain.errors import KnownError
from cmplanner.domain.models import MediaRef
from cmplanner.networks.base import FitSuggestion, MediaInfo
from cmplanner.networks.media_fit import make_fitted_copy
from cmplanner.services.media import probe
from cmplanner.services.posts import MediaInput
from cmplanner.ui.composer_fitted import new_fitted_folder, remove_folder

log = logging.getLogger(__name__)

THUMB = 64
VISIBLE_ROWS = 3
PREVIEW_SIDE = 480
FILE_FILTER = "*.jpg *.jpeg *.png *.gif *.webp *.mp4 *.mov *.webm"
_SUFFIX = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}

#: A network whose rules suggest a fit for an image, and that suggestion.
FitOption = tuple[Network, FitSuggestion]


def ratio_text(width: int, height: int) -> str:
    """A shape as people say it: "4:5", "1:1", else "1.91:1"."""
    if width <= 0 or height <= 0:
        return ""
    frac = Fraction(width, height).limit_denominator(5)
    if abs(float(frac) - width / height) < 0.005:
        return f"{frac.numerator}:{frac.denominator}"
    return f"{width / height:.2f}:1"


def fitted_name(source: Path, network: Network, fit: FitSuggestion) -> str:
    """``photo-instagram-1080x1350.jpg`` for a copy of ``photo.png`` fitted to Instagram."""
    suffix = _SUFFIX.get(fit.mime, ".jpg")
    return f"{source.stem}-{network.value}-{fit.size[0]}x{fit.size[1]}{suffix}"


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
    """One attached file: thumbnail, name, pixel size, alt text, fit buttons and remove.

    Signals:
        alt_text_changed(str): the user edited the alt text.
        remove_requested(): the user wants this attachment gone.
        fit_requested(str): the user wants a copy fitted to this network (its value).
    """

    alt_text_changed = Signal(str)
    remove_requested = Signal()
    fit_requested = Signal(str)

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

        self.fit_buttons: dict[Network, QToolButton] = {}
        self._fit_bar = QHBoxLayout()
        self._fit_bar.setSpacing(2)

        head = QHBoxLayout()
        head.addWidget(self.name_label, 1)
        head.addWidget(self.size_label)
        head.addLayout(self._fit_bar)
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

    def show_fits(self, options: Sequence[FitOption]) -> None:
        """One "Fit for <network>…" button per network that wants a different image."""
        wanted = {net: fit for net, fit in options}
        for net in [n for n in self.fit_buttons if n not in wanted]:
            gone = self.fit_buttons.pop(net)
            self._fit_bar.removeWidget(gone)
            gone.deleteLater()
        for net, fit in wanted.items():
            button = self.fit_buttons.get(net)
            if button is None:
                button = QToolButton()
                button.setText(self.tr("Fit for {network}…").format(network=net.label))
                button.setProperty("network", net.value)
                button.clicked.connect(self._on_fit_button_clicked)
                self._fit_bar.addWidget(button)
                button.show()  # a row already on screen would show it a turn later
                self.fit_buttons[net] = button
            width, height = fit.size
            lines = [
                self.tr("{network} would refuse, crop or shrink this image as it is.").format(
                    network=net.label
                ),
                self.tr("Make a {width} × {height} copy to use instead:").format(
                    width=width, height=height
                ),
                *(f"• {reason}" for reason in fit.reasons),
                self.tr("The original file stays as it is."),
            ]
            button.setToolTip("\n".join(lines))

    @Slot(str)
    def _on_alt_edit_text_changed(self, text: str) -> None:
        self.alt_text_changed.emit(text)

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        self.remove_requested.emit()

    @Slot()
    def _on_fit_button_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, QToolButton):
            self.fit_requested.emit(str(button.property("network")))


class MediaPanel(QWidget):
    """The list of attachments plus an "Add media…" button.

    Signals:
        changed(): an attachment was added, removed or replaced, or an alt text changed.
        attach_failed(str, str): files could not be attached, or a fitted copy could not
            be made (message, hint).
        notice(str, str): something was done that the user should know (message, hint).
    """

    changed = Signal()
    attach_failed = Signal(str, str)
    notice = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AttachmentRow] = []
        self._previews: dict[Path, QImage] = {}
        self._fits: dict[Path, list[FitOption]] = {}
        #: Where fitted copies go; a private temporary folder made on first use if None.
        self.fit_dir: Path | None = None
        self._made_fit_dir = False

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
        row = self._insert_row(len(self._rows), att, alt_text)
        self._fit()
        self.changed.emit()
        return row

    def _insert_row(self, index: int, att: Attachment, alt_text: str) -> AttachmentRow:
        row = AttachmentRow(att, alt_text)
        row.alt_text_changed.connect(self._on_row_alt_text_changed)
        row.remove_requested.connect(self._on_row_remove_requested)
        row.fit_requested.connect(self._on_row_fit_requested)
        row.show_fits(self._fits.get(att.path, []))
        self._rows.insert(index, row)
        self._list_layout.insertWidget(index, row)
        return row

    def row_for(self, path: Path) -> AttachmentRow | None:
        return next((r for r in self._rows if r.attachment.path == path), None)

    # ---- fitting ---------------------------------------------------------------------

    def show_fits(self, fits: Mapping[Path, Sequence[FitOption]]) -> None:
        """What each attached file would need for each chosen network (keyed by path)."""
        self._fits = {path: list(options) for path, options in fits.items()}
        for row in self._rows:
            row.show_fits(self._fits.get(row.attachment.path, []))
        self._fit()

    def fit_options(self, path: Path) -> list[FitOption]:
        return list(self._fits.get(path, []))

    def _fit_folder(self) -> Path:
        if self.fit_dir is None:
            self.fit_dir = new_fitted_folder()
            self._made_fit_dir = True
        self.fit_dir.mkdir(parents=True, exist_ok=True)
        return self.fit_dir

    def remove_fitted(self) -> None:
        """Delete the folder of fitted copies this panel made: the post was saved (its
        media copied into the workspace) or the edit dropped."""
        if self._made_fit_dir and self.fit_dir is not None:
            remove_folder(self.fit_dir)
            self.fit_dir, self._made_fit_dir = None, False

    def _fit_dest(self, source: Path, network: Network, fit: FitSuggestion) -> Path:
        folder = self._fit_folder()
        dest = folder / fitted_name(source, network, fit)
        n = 2
        while dest.exists() or dest.resolve() == source.resolve():
            dest = dest.with_name(
                f"{Path(fitted_name(source, network, fit)).stem}-{n}{dest.suffix}"
            )
            n += 1
        return dest

    def fit(self, path: Path, network: Network) -> AttachmentRow | None:
        """Replace the attachment at ``path`` by a copy fitted to ``network``, alt text
        kept; the original file stays as it was. Says what happened in ``notice`` (or
        ``attach_failed``); returns the new row, or None when nothing changed."""
        row = self.row_for(path)
        fit = dict(self._fits.get(path, [])).get(network)
        if row is None or fit is None:
            return None
        try:
            copy = make_fitted_copy(path, fit, self._fit_dest(path, network, fit))
            att = Attachment.from_file(copy)
        except KnownError as exc:
            log.info("fitted copy of %s unusable: %s", path, exc)
            self.attach_failed.emit(
                self.tr("Could not make a copy of {name} for {network}.").format(
                    name=row.attachment.name, network=network.label
                ),
                exc.message,
            )
            return None
        except (OSError, ValueError, Image.DecompressionBombError) as exc:
            log.info("cannot fit %s for %s: %s", path, network.value, exc)
            self.attach_failed.emit(
                self.tr("Could not make a copy of {name} for {network}.").format(
                    name=row.attachment.name, network=network.label
                ),
                self.tr(
                    "The file could not be read ({error}). The attachment is unchanged."
                ).format(error=exc),
            )
            return None
        index = self._rows.index(row)
        alt_text = row.alt_text
        self._rows.remove(row)
        self._list_layout.removeWidget(row)
        row.deleteLater()
        new_row = self._insert_row(index, att, alt_text)
        self._fit()
        self.changed.emit()
        self.notice.emit(self._fit_message(att, network, fit), "")
        return new_row

    def _fit_message(self, att: Attachment, network: Network, fit: FitSuggestion) -> str:
        width, height = att.width or fit.size[0], att.height or fit.size[1]
        if fit.crop is not None:
            how = self.tr(" (cropped to {ratio})").format(ratio=ratio_text(width, height))
        else:
            how = ""
        return self.tr(
            "Made a {width}×{height} copy for {network}{how}; the original is unchanged."
        ).format(width=width, height=height, network=network.label, how=how)

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

    @Slot(str)
    def _on_row_fit_requested(self, network: str) -> None:
        row = self.sender()
        if isinstance(row, AttachmentRow) and row in self._rows:
            self.fit(row.attachment.path, Network(network))


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
