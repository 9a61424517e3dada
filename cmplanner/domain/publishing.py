"""What the publisher hands out: per-target results, attempts, and one run's summary.

Frozen dataclasses only: they cross from the publisher's thread to the window by signal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# The two enums live with the others (a service that only needs one of them need not
# build these dataclasses); they are still found here.
from cmplanner.domain.enums import AttemptResult, MissedSlotPolicy, Network, TargetState

__all__ = [
    "Attempt",
    "AttemptResult",
    "MissedPost",
    "MissedSlotPolicy",
    "RunSummary",
    "TargetResult",
]


@dataclass(frozen=True)
class TargetResult:
    """One post on one account, as the publisher last left it."""

    target_id: int
    post_id: int
    account_id: int
    network: Network
    handle: str
    state: TargetState
    remote_id: str = ""
    remote_url: str = ""
    last_error: str = ""
    retry_at_utc: datetime | None = None
    attempts: int = 0
    #: Due, but the machine is offline: "will publish when online".
    waiting_offline: bool = False


@dataclass(frozen=True)
class Attempt:
    """One try at publishing one target (the publish log)."""

    id: int
    target_id: int
    post_id: int
    account_id: int
    network: Network
    started_utc: datetime
    finished_utc: datetime | None
    result: str
    remote_id: str = ""
    remote_url: str = ""
    error_class: str = ""
    error_message: str = ""
    #: A reply from the inbox (its item id; ``target_id`` and ``post_id`` are then 0).
    item_id: int = 0


@dataclass(frozen=True)
class MissedPost:
    """A post whose slot passed unattended, waiting for the user's decision."""

    post_id: int
    brand_id: int
    scheduled_utc: datetime
    late_by_minutes: int


@dataclass(frozen=True)
class RunSummary:
    """What one ``publish_due`` run did."""

    published: int = 0
    failed: int = 0
    retrying: int = 0
    rate_limited: int = 0
    needs_reconnect: int = 0
    unknown: int = 0
    skipped: int = 0
    handed_off: int = 0
    #: Due targets left waiting because the machine is offline.
    waiting_offline: int = 0
    #: Due targets left waiting for the user's missed-slot decision.
    waiting_decision: int = 0
    offline: bool = False
    #: The posts that are due but wait for the connection to return.
    waiting_offline_post_ids: tuple[int, ...] = ()
    #: Posts whose state changed in this run.
    changed_post_ids: tuple[int, ...] = ()
    #: A local problem that stopped the run (the password store is locked, say), or "".
    problem: str = ""

    @property
    def ok(self) -> bool:
        """Nothing failed, needs the user, or stopped the run."""
        return not (self.failed or self.needs_reconnect or self.unknown or self.problem)
