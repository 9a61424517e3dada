"""Facebook Page: 63,206 characters (UNVERIFIED, see limits.py), in UTF-16 units."""

from __future__ import annotations

from dataclasses import dataclass

from cmplanner.domain.enums import Network
from cmplanner.networks import limits as lim
from cmplanner.networks.linkedin import utf16_measure, utf16_segments
from cmplanner.networks.ruleset import RuleSet, Segment


@dataclass(frozen=True)
class FacebookRules(RuleSet):
    network: Network = Network.FACEBOOK
    limits: lim.NetworkLimits = lim.FACEBOOK
    unit: str = "characters"

    def segments(self, text: str, content_warning: str = "") -> tuple[int, list[Segment]]:
        return 0, utf16_segments(text)

    def measure(self, text: str, content_warning: str = "") -> tuple[int, int | None]:
        return utf16_measure(text, self.limits.text.max_length)
