"""Per-brand hashtag groups and post templates, insertable from the composer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.errors import InvalidInput, NotFound
from cmplanner.services.notifier import ChangeNotifier, Topic
from cmplanner.storage.tables import BrandRow, HashtagGroupRow, TemplateRow

_VARIABLE = re.compile(r"\{([a-z_]+)\}")
#: The variables a template may use; unknown ones are left as written and reported.
VARIABLES = ("brand", "link", "date", "hashtags")


@dataclass(frozen=True)
class HashtagGroup:
    id: int
    brand_id: int
    name: str
    hashtags: tuple[str, ...]

    def as_text(self) -> str:
        return " ".join(self.hashtags)


@dataclass(frozen=True)
class Template:
    id: int
    brand_id: int
    name: str
    body: str


def normalise_hashtags(raw: str) -> tuple[str, ...]:
    out: list[str] = []
    for word in raw.replace(",", " ").split():
        tag = "#" + word.lstrip("#")
        if len(tag) > 1 and tag.lower() not in (t.lower() for t in out):
            out.append(tag)
    return tuple(out)


def render_template(body: str, values: dict[str, str]) -> tuple[str, list[str]]:
    """Fill ``{variable}``s; returns the text and the variables that had no value."""
    missing: list[str] = []

    def fill(m: re.Match[str]) -> str:
        name = m.group(1)
        if values.get(name):
            return values[name]
        missing.append(name)
        return m.group(0)

    return _VARIABLE.sub(fill, body), missing


def template_values(
    brand_name: str, default_hashtags: str, day: date | None, link: str = ""
) -> dict[str, str]:
    return {
        "brand": brand_name,
        "hashtags": default_hashtags,
        "date": day.strftime("%d %b %Y") if day else "",
        "link": link,
    }


class LibraryService:
    def __init__(self, sessions: sessionmaker[Session], notifier: ChangeNotifier) -> None:
        self._sessions = sessions
        self._notifier = notifier

    # ---- hashtag groups ---------------------------------------------------------------

    def hashtag_groups(self, brand_id: int) -> list[HashtagGroup]:
        with self._sessions() as s:
            q = select(HashtagGroupRow).where(HashtagGroupRow.brand_id == brand_id)
            return [
                HashtagGroup(r.id, r.brand_id, r.name, normalise_hashtags(r.hashtags))
                for r in s.scalars(q.order_by(HashtagGroupRow.name))
            ]

    def save_hashtag_group(
        self, brand_id: int, name: str, hashtags: str, group_id: int | None = None
    ) -> HashtagGroup:
        name = _name(name, "hashtag group")
        tags = normalise_hashtags(hashtags)
        if not tags:
            raise InvalidInput(
                "A hashtag group needs at least one hashtag.", "e.g. #coffee #madrid"
            )
        with self._sessions.begin() as s:
            _brand(s, brand_id)
            row = s.get(HashtagGroupRow, group_id) if group_id else None
            if row is None:
                row = HashtagGroupRow(brand_id=brand_id, name=name, hashtags="")
                s.add(row)
            row.name, row.hashtags = name, " ".join(tags)
            s.flush()
            group = HashtagGroup(row.id, brand_id, name, tags)
        self._notifier.changed(Topic.BRANDS, (brand_id,))
        return group

    def delete_hashtag_group(self, group_id: int) -> None:
        with self._sessions.begin() as s:
            row = s.get(HashtagGroupRow, group_id)
            if row is not None:
                s.delete(row)

    # ---- templates --------------------------------------------------------------------

    def templates(self, brand_id: int) -> list[Template]:
        with self._sessions() as s:
            q = select(TemplateRow).where(TemplateRow.brand_id == brand_id)
            return [
                Template(r.id, r.brand_id, r.name, r.body)
                for r in s.scalars(q.order_by(TemplateRow.name))
            ]

    def save_template(
        self, brand_id: int, name: str, body: str, template_id: int | None = None
    ) -> Template:
        name = _name(name, "template")
        if not body.strip():
            raise InvalidInput(
                "A template needs some text.",
                "Write the text, with {brand} or {link} where they go.",
            )
        with self._sessions.begin() as s:
            _brand(s, brand_id)
            row = s.get(TemplateRow, template_id) if template_id else None
            if row is None:
                row = TemplateRow(brand_id=brand_id, name=name, body="")
                s.add(row)
            row.name, row.body = name, body
            s.flush()
            template = Template(row.id, brand_id, name, body)
        self._notifier.changed(Topic.BRANDS, (brand_id,))
        return template

    def delete_template(self, template_id: int) -> None:
        with self._sessions.begin() as s:
            row = s.get(TemplateRow, template_id)
            if row is not None:
                s.delete(row)


def _name(name: str, what: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise InvalidInput(f"A {what} needs a name.", "Type a short name you will recognise.")
    return clean


def _brand(s: Session, brand_id: int) -> BrandRow:
    row = s.get(BrandRow, brand_id)
    if row is None:
        raise NotFound(f"Brand {brand_id} does not exist.", "Pick an existing brand.")
    return row
