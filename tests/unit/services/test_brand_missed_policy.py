"""A brand's missed-slot policy: saved, read back, checked."""

from __future__ import annotations

import pytest

from cmplanner.domain.errors import InvalidInput
from cmplanner.domain.publishing import MissedSlotPolicy
from cmplanner.services.workspace import Workspace


def test_the_policy_is_saved_with_the_brand_and_read_back(ws: Workspace) -> None:
    brand = ws.brands.create("Panadería Sol", "Europe/Madrid")
    assert brand.missed_slot_policy is MissedSlotPolicy.ASK  # the schema's default

    late = ws.brands.update(
        brand.id, missed_slot_policy=MissedSlotPolicy.LATE, missed_slot_minutes=45
    )
    assert (late.missed_slot_policy, late.missed_slot_minutes) == (MissedSlotPolicy.LATE, 45)
    again = ws.brands.get(brand.id)
    assert (again.missed_slot_policy, again.missed_slot_minutes) == (MissedSlotPolicy.LATE, 45)

    other = ws.brands.create("Café Luna", "UTC", missed_slot_policy=MissedSlotPolicy.SKIP)
    assert ws.brands.get(other.id).missed_slot_policy is MissedSlotPolicy.SKIP


def test_a_lateness_out_of_range_is_refused_with_what_to_give(ws: Workspace) -> None:
    brand = ws.brands.create("Panadería Sol", "UTC")
    with pytest.raises(InvalidInput) as err:
        ws.brands.update(brand.id, missed_slot_minutes=0)
    assert "between 1 and 1440" in err.value.hint
    assert ws.brands.get(brand.id).missed_slot_minutes == 60  # nothing saved
