"""The queue as undoable planning commands: "add to queue" and "fill with evergreen posts".

Plain Python like ``planning.py``'s commands; the UI wraps them in ``QUndoCommand``s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cmplanner.services.planning import MovePosts, PlanningService
from cmplanner.services.slots import SlotService

__all__ = ["AddToQueue", "add_to_queue"]


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
