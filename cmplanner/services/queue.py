"""The queue as undoable planning commands: "add to queue" and "fill with evergreen posts".

Plain Python like ``planning.py``'s commands; the UI wraps them in ``QUndoCommand``s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from cmplanner.services.evergreen import EvergreenService
from cmplanner.services.planning import MovePosts, PlanningService
from cmplanner.services.slots import SlotService

__all__ = ["AddToQueue", "FillQueue", "add_to_queue"]


@dataclass
class AddToQueue(MovePosts):
    """Ready posts placed in their brand's next free slots (undo sends them back)."""

    text: str = "Add to queue"


def add_to_queue(
    slots: SlotService, planning: PlanningService, post_ids: Sequence[int]
) -> AddToQueue:
    """Plan and do "add to queue"; refuses (KnownError) before changing anything."""
    cmd = AddToQueue(planning, slots.plan_queue(post_ids))
    cmd.do()
    return cmd


@dataclass
class FillQueue:
    """Free slots filled with copies of evergreen posts; undo removes the copies."""

    evergreen: EvergreenService
    planning: PlanningService
    brand_id: int
    weeks: int = 4
    text: str = "Fill the queue with evergreen posts"
    created: list[int] = field(default_factory=list)

    def do(self) -> None:
        self.created = self.evergreen.fill(self.brand_id, self.weeks)

    def undo(self) -> None:
        self.planning.delete_copies(self.created)
        self.created = []
