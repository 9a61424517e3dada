"""The analytics exports cmplanner reads, column by column.

Header names as the networks' own export tools write them (English interface). Sources:

- **Meta Business Suite**, Insights ▸ Content ▸ Export, one CSV per platform. Facebook Page
  files: ``Post ID, Page ID, Page name, Title, Description, Duration (sec), Publish time,
  Permalink, Post type, …, Views, Reach, Reactions, Comments, Shares, …``; Instagram files:
  ``Post ID, Account ID, Account username, Account name, Description, Duration (sec),
  Publish time, Permalink, Post type, Data comment, Date, Views, Reach, Likes, Shares,
  Follows, Comments, Saves``. Publish time is ``MM/DD/YYYY HH:MM``, counts may carry
  thousands separators (``"12,400"``) and ``Date`` holds ``Lifetime``. Seen in several
  open-source importers' test fixtures and parsers (found by code search), which tell the
  two platforms apart by ``Page ID`` vs ``Account username`` as done here.
- **LinkedIn page analytics**, Content ▸ Export (an .xls whose "All posts" sheet users save
  as CSV): ``Post title, Post link, Post type, Campaign name, Posted by, Created date, …,
  Impressions, Views (excluding off-site video views), Off-site views, Clicks, Click
  through rate (CTR), Likes, Comments, Reposts, Follows, Engagement rate, Content Type``;
  a title line may come before the header. Seen in open-source LinkedIn export loaders
  (column lists ``content_posts``), which spell some names differently ("Post Title",
  "Published by", "Date", "Shares"): both spellings are accepted.
- **X analytics**, the classic "Tweet activity" export: ``Tweet id, Tweet permalink, Tweet
  text, time, impressions, engagements, engagement rate, retweets, replies, likes, user
  profile clicks, url clicks, …`` with ``time`` as ``2026-08-15 13:12 +0000``. Seen in
  several open-source importers' fixtures.

UNVERIFIED (guesses, kept in this one place): the newer X "account analytics content"
export's names (``Post id, Date, Post text, Post Link, Impressions, Likes, Bookmarks,
Reposts, Replies, Shares``); LinkedIn's ``Update title``/``Update link`` (older exports);
that times without an offset are in the brand's zone; and the foreign-language header
words in ``FOREIGN_HINTS``, used only to explain a refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cmplanner.domain.enums import Network


class ExportFormat(StrEnum):
    META_FACEBOOK = "meta-facebook"
    META_INSTAGRAM = "meta-instagram"
    LINKEDIN = "linkedin"
    X = "x"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ExportFormat.META_FACEBOOK: "Meta Business Suite (Facebook Page)",
    ExportFormat.META_INSTAGRAM: "Meta Business Suite (Instagram)",
    ExportFormat.LINKEDIN: "LinkedIn page analytics",
    ExportFormat.X: "X analytics",
}


@dataclass(frozen=True)
class FormatSpec:
    """Which columns hold what. Names are compared case-insensitively, spaces collapsed."""

    format: ExportFormat
    network: Network
    #: Every group must have one column present for a header row to be this format.
    signature: tuple[tuple[str, ...], ...]
    ids: tuple[str, ...]
    urls: tuple[str, ...]
    times: tuple[str, ...]
    texts: tuple[str, ...]
    #: cmplanner count field -> columns that hold it (first present wins).
    counts: tuple[tuple[str, tuple[str, ...]], ...]


#: Tried in this order: X before LinkedIn (the newer X export also has "Post Link").
SPECS: tuple[FormatSpec, ...] = (
    FormatSpec(
        ExportFormat.META_FACEBOOK,
        Network.FACEBOOK,
        signature=(("post id",), ("page id", "page name"), ("publish time",)),
        ids=("post id",),
        urls=("permalink",),
        times=("publish time",),
        texts=("title", "description"),
        counts=(
            ("likes", ("reactions",)),
            ("replies", ("comments",)),
            ("reposts", ("shares",)),
            ("views", ("views", "impressions")),
            ("reach", ("reach",)),
        ),
    ),
    FormatSpec(
        ExportFormat.META_INSTAGRAM,
        Network.INSTAGRAM,
        signature=(("post id",), ("account username", "account id"), ("publish time",)),
        ids=("post id",),
        urls=("permalink",),
        times=("publish time",),
        texts=("description", "title"),
        counts=(
            ("likes", ("likes",)),
            ("replies", ("comments",)),
            ("reposts", ("shares",)),
            ("bookmarks", ("saves",)),
            ("views", ("views", "impressions")),
            ("reach", ("reach",)),
        ),
    ),
    FormatSpec(
        ExportFormat.X,
        Network.X,
        signature=(("tweet id", "post id"), ("tweet permalink", "post link"), ("time", "date")),
        ids=("tweet id", "post id"),
        urls=("tweet permalink", "post link"),
        times=("time", "date"),
        texts=("tweet text", "post text"),
        counts=(
            ("likes", ("likes",)),
            ("reposts", ("retweets", "reposts")),
            ("replies", ("replies",)),
            ("bookmarks", ("bookmarks",)),
            ("views", ("impressions",)),
        ),
    ),
    FormatSpec(
        ExportFormat.LINKEDIN,
        Network.LINKEDIN,
        signature=(("post link", "update link"), ("impressions",), ("created date", "date")),
        ids=(),
        urls=("post link", "update link"),
        times=("created date", "date", "posted on"),
        texts=("post title", "update title"),
        counts=(
            ("likes", ("likes", "reactions")),
            ("replies", ("comments",)),
            ("reposts", ("reposts", "shares")),
            ("views", ("impressions",)),
        ),
    ),
)
SPEC_BY_FORMAT = {s.format: s for s in SPECS}

#: Header words of exports made in another interface language (UNVERIFIED), to say so.
FOREIGN_HINTS = {
    "identificador de la publicación": "Spanish",
    "hora de publicación": "Spanish",
    "enlace permanente": "Spanish",
    "identifiant de la publication": "French",
    "heure de publication": "French",
    "lien permanent": "French",
    "beitrags-id": "German",
    "veröffentlichungszeitpunkt": "German",
    "id da publicação": "Portuguese",
    "horário de publicação": "Portuguese",
    "id post": "Italian",
    "ora di pubblicazione": "Italian",
    "impresiones": "Spanish",
    "me gusta": "Spanish",
    "j'aime": "French",
    "impressionen": "German",
}


def norm(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").strip().strip('"').split()).casefold()


def detect(header: list[str]) -> FormatSpec | None:
    """The format whose signature this header row carries (most specific first)."""
    names = {norm(h) for h in header}
    for spec in SPECS:
        if all(any(c in names for c in group) for group in spec.signature):
            return spec
    return None


def foreign_language(header: list[str]) -> str | None:
    for h in header:
        lang = FOREIGN_HINTS.get(norm(h))
        if lang:
            return lang
    return None
