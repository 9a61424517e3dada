"""Where cmplanner keeps its files: one home folder, created 0700.

Default from platformdirs; ``--home DIR`` or ``CMPLANNER_HOME`` override it.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

ENV_HOME = "CMPLANNER_HOME"


@dataclass(frozen=True)
class Paths:
    home: Path
    logs: Path

    @property
    def database(self) -> Path:
        return self.home / "cmplanner.db"

    @property
    def media(self) -> Path:
        return self.home / "media"

    @property
    def backups(self) -> Path:
        return self.home / "backups"

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.database}"

    def ensure(self) -> None:
        for d in (self.home, self.media, self.backups, self.logs):
            d.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):  # a folder the user does not own: not worth failing
                d.chmod(0o700)


def resolve_paths(home: str | None = None) -> Paths:
    """Paths from --home, else CMPLANNER_HOME, else the platform's data folder."""
    chosen = home or os.environ.get(ENV_HOME)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return Paths(home=root, logs=root / "logs")
    import platformdirs

    data = Path(platformdirs.user_data_dir("cmplanner", appauthor=False))
    logs = Path(platformdirs.user_log_dir("cmplanner", appauthor=False))
    return Paths(home=data, logs=logs)
