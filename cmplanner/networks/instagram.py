"""Instagram: caption of 2200 grapheme clusters, ≤30 hashtags, ≤20 @-tags [I-3p];
images from a public URL, JPEG, 4:5 to 1.91:1 [I-cp][I-ads]."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cmplanner.domain.enums import Network
from cmplanner.networks import limits as lim
from cmplanner.networks.base import MediaInfo, Problem, ProblemLevel
from cmplanner.networks.graphemes import cluster_bounds, grapheme_starts
from cmplanner.networks.linewise import GRAPHEMES, by_lines
from cmplanner.networks.ruleset import RuleSet, Segment, first_over_uniform


@dataclass(frozen=True)
class InstagramRules(RuleSet):
    network: Network = Network.INSTAGRAM
    limits: lim.NetworkLimits = lim.INSTAGRAM
    unit: str = "characters"

    def segments(self, text: str, content_warning: str = "") -> tuple[int, list[Segment]]:
        return 0, [Segment(s, 1) for s in grapheme_starts(text)[:-1]]

    def measure(self, text: str, content_warning: str = "") -> tuple[int, int | None]:
        if by_lines(text):
            found = GRAPHEMES.measure(text, 0, self.limits.text.max_length)
            if found is not None:
                return found
        bounds = cluster_bounds(text)
        units = len(bounds) - 1
        return units, first_over_uniform(bounds, units, 0, self.limits.text.max_length)

    def extra_problems(
        self, text: str, media: Sequence[MediaInfo], content_warning: str
    ) -> list[Problem]:
        if media:
            return []
        return [
            Problem(
                ProblemLevel.ERROR,
                "media_required",
                "Instagram posts need at least one image or video.",
            )
        ]
