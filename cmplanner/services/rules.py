"""Checking one post for one network: the use case behind the composer and ``check``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cmplanner.domain.enums import Network
from cmplanner.networks.base import Facet, LengthReport, MediaInfo, Problem, ProblemLevel
from cmplanner.networks.media_checks import read_media
from cmplanner.networks.registry import rules_for


@dataclass(frozen=True)
class CheckReport:
    network: Network
    length: LengthReport
    limit: int
    ok: bool
    problems: tuple[Problem, ...]
    #: The thread split, when the text is over length on a network with threads.
    parts: tuple[str, ...]
    facets: tuple[Facet, ...]


def check_post(
    network: Network,
    text: str,
    media_paths: Sequence[Path] = (),
    instance_limit: int | None = None,
    content_warning: str = "",
    alt_texts: Sequence[str] = (),
) -> CheckReport:
    """Count, check, split (when over length) and find facets; never raises on bad text
    or unreadable media (those become problems)."""
    rules = rules_for(network)
    if instance_limit is not None:
        rules = rules.with_instance(max_characters=instance_limit)
    media: list[MediaInfo] = []
    unreadable: list[Problem] = []
    for i, path in enumerate(media_paths):
        alt = alt_texts[i] if i < len(alt_texts) else ""
        info = read_media(Path(path), alt, i)
        if isinstance(info, Problem):
            unreadable.append(info)
        else:
            media.append(info)
    problems = list(rules.check(text, media, content_warning))
    problems.extend(unreadable)
    length = rules.count(text, content_warning)
    parts: tuple[str, ...] = ()
    if not length.fits and rules.supports_threads:
        parts = tuple(rules.split(text, content_warning=content_warning))
    return CheckReport(
        network=network,
        length=length,
        limit=length.limit,
        ok=not any(p.level is ProblemLevel.ERROR for p in problems),
        problems=tuple(problems),
        parts=parts,
        facets=tuple(rules.facets(text)),
    )


def report_to_json(report: CheckReport) -> dict[str, Any]:
    """The JSON shape of ``cmplanner check`` (issue 3, command line)."""
    out: dict[str, Any] = {
        "network": report.network.value,
        "length": report.length.length,
        "limit": report.limit,
        "ok": report.ok,
        "problems": [
            {
                "level": p.level.value,
                "code": p.code,
                "message": p.message,
                "start": p.start,
                "end": p.end,
            }
            for p in report.problems
        ],
        "parts": list(report.parts),
    }
    if report.network is Network.BLUESKY:
        out["facets"] = [
            {"byteStart": f.byte_start, "byteEnd": f.byte_end, "type": f.type, "value": f.value}
            for f in report.facets
        ]
    return out
