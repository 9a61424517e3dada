"""LinkedIn: 3000 characters (UNVERIFIED, see limits.py), counted in UTF-16 units.

LinkedIn's own limit is not documented where we looked; UTF-16 units (what a web
client's ``length`` counts) are never fewer than grapheme clusters, so this errs on
the side of a post that goes through.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from cmplanner.domain.enums import Network
from cmplanner.networks import limits as lim
from cmplanner.networks.graphemes import utf16_len
from cmplanner.networks.ruleset import RuleSet, Segment

#: A code point UTF-16 writes as a surrogate pair (a lone surrogate is one unit).
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


def utf16_segments(text: str) -> list[Segment]:
    return [Segment(i, 2 if ord(ch) > 0xFFFF else 1) for i, ch in enumerate(text)]


def utf16_measure(text: str, limit: int) -> tuple[int, int | None]:
    """``utf16_segments`` summed, and the code point that takes the total over ``limit``."""
    units = utf16_len(text)
    if units <= limit:
        return units, None
    # The smallest i whose text[: i + 1] takes more than ``limit`` units: i + 1 units
    # plus one more for each code point beyond the BMP up to i (two units each).
    wide = [m.start() for m in _BEYOND_BMP.finditer(text)] if units > len(text) else []
    lo, hi = 0, len(text) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if mid + 1 + bisect_right(wide, mid) > limit:
            hi = mid
        else:
            lo = mid + 1
    return units, lo


@dataclass(frozen=True)
class LinkedInRules(RuleSet):
    network: Network = Network.LINKEDIN
    limits: lim.NetworkLimits = lim.LINKEDIN
    unit: str = "characters"

    def segments(self, text: str, content_warning: str = "") -> tuple[int, list[Segment]]:
        return 0, utf16_segments(text)

    def measure(self, text: str, content_warning: str = "") -> tuple[int, int | None]:
        return utf16_measure(text, self.limits.text.max_length)
