"""A post checked against every account it targets, the network's way.

The composer calls this on every keystroke (through the pure rules, no I/O but the
media probe done once per attachment); saving stores the worst level on the post so
the calendar can mark a chip without re-checking.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from cmplanner.domain.enums import Network
from cmplanner.domain.models import Account, MediaRef
from cmplanner.networks.base import (
    LengthReport,
    MediaInfo,
    NetworkRules,
    Problem,
    ProblemLevel,
)


class CheckLevel(StrEnum):
    OK = ""
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class TargetCheck:
    """One account's view of the post: the text it gets, its count and its problems."""

    account: Account
    text: str
    is_variant: bool
    report: LengthReport
    problems: tuple[Problem, ...]

    @property
    def level(self) -> CheckLevel:
        return worst(self.problems)


def worst(problems: Sequence[Problem]) -> CheckLevel:
    if any(p.level == ProblemLevel.ERROR for p in problems):
        return CheckLevel.ERROR
    if problems:
        return CheckLevel.WARNING
    return CheckLevel.OK


def rules_for_account(account: Account) -> NetworkRules:
    """The network's rules with the account's own server limits where it has them."""
    return _rules(account.network, account.char_limit, account.url_cost)


@lru_cache(maxsize=64)
def _rules(network: Network, char_limit: int | None, url_cost: int | None) -> NetworkRules:
    """Rules are immutable: one object per network and limits serves every check (and
    its per-rules caches, such as the last thread split, see the same rules)."""
    # Imported here: the rules load twitter-text's tables (~0.4 s), which the window's
    # start-up does not need until a post is saved or the composer opens.
    from cmplanner.networks.registry import rules_for

    return rules_for(network).with_instance(char_limit, url_cost)


def media_infos(media: Sequence[MediaRef]) -> list[MediaInfo]:
    return [
        MediaInfo(
            path=Path(m.path),
            mime=m.mime,
            bytes=m.bytes,
            width=m.width or 0,
            height=m.height or 0,
            alt_text=m.alt_text,
            animated=m.kind.value == "gif",
        )
        for m in media
    ]


def check_targets(
    text: str,
    accounts: Sequence[Account],
    *,
    variants: Mapping[int, str] | None = None,
    media: Sequence[MediaInfo] = (),
    content_warning: str = "",
) -> list[TargetCheck]:
    """Check the base text (or each account's variant) for every target account."""
    out = []
    for account in accounts:
        variant = (variants or {}).get(account.id)
        body = variant if variant is not None else text
        rules = rules_for_account(account)
        out.append(
            TargetCheck(
                account=account,
                text=body,
                is_variant=variant is not None,
                report=rules.count(body, content_warning),
                problems=as_thread(rules, rules.check(body, media, content_warning)),
            )
        )
    return out


#: Problems that splitting into a thread cures (the publisher sends such a text as the
#: thread the composer previews).
LENGTH_CODES = frozenset({"too_long", "too_many_bytes"})


def as_thread(rules: NetworkRules, problems: Sequence[Problem]) -> tuple[Problem, ...]:
    """On a network with threads, "too long" is not an error: the post goes out as the
    thread the preview shows. It stays a warning, so the user sees it will be a thread."""
    if not rules.supports_threads:
        return tuple(problems)
    # Made directly: ``dataclasses.replace`` costs several times more, on every keystroke.
    return tuple(
        Problem(
            ProblemLevel.WARNING,
            p.code,
            f"{p.message} It will be posted as a thread (see the preview).",
            p.start,
            p.end,
            p.media_index,
        )
        if p.level == ProblemLevel.ERROR and p.code in LENGTH_CODES
        else p
        for p in problems
    )


def overall(checks: Sequence[TargetCheck]) -> CheckLevel:
    return worst([p for c in checks for p in c.problems])


def blocking_summary(checks: Sequence[TargetCheck]) -> str:
    """A sentence naming the accounts with errors and their first problem."""
    parts = []
    for c in checks:
        errors = [p for p in c.problems if p.level == ProblemLevel.ERROR]
        if errors:
            parts.append(f"{c.account.network.label} ({c.account.handle}): {errors[0].message}")
    return "; ".join(parts)
