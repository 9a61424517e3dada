"""Writing an approval pack: one self-contained HTML page (style, script and pictures
inline; nothing is fetched), and a plainer HTML of the same pack for printing to PDF.

Each post's cards draw the ``Preview`` that ``networks.preview.render_preview`` computed
(spans, fold, tiles, content warning, thread parts), the way the composer's preview
widget draws it. The network colours repeat the UI's (``ui/preview_widget.py`` and
``ui/counter_badge.py``; the services may not import the UI): a test keeps them equal.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Iterable
from datetime import date, datetime
from itertools import groupby
from pathlib import Path

from cmplanner.domain.enums import MediaKind, Network, PostState
from cmplanner.domain.timezones import zone
from cmplanner.networks.preview import PartPreview, Preview, Tile
from cmplanner.services.approvals import Approval, ApprovalPack, PackMedia, PackPost, PackTarget
from cmplanner.services.approvals_assets import CSS, JS

#: Link / mention / hashtag colour each network uses (light theme): as ui.preview_widget.
ACCENT: dict[Network, str] = {
    Network.MASTODON: "#563acc",
    Network.BLUESKY: "#1083fe",
    Network.X: "#1d9bf0",
    Network.LINKEDIN: "#0a66c2",
    Network.FACEBOOK: "#0064d1",
    Network.INSTAGRAM: "#00376b",
    Network.THREADS: "#0095f6",
}
#: Span kinds each network highlights (Instagram captions do not link URLs).
HIGHLIGHTED: dict[Network, frozenset[str]] = {
    n: frozenset({"link", "mention", "tag"}) for n in Network
} | {Network.INSTAGRAM: frozenset({"mention", "tag"})}
MEDIA_FIRST = frozenset({Network.INSTAGRAM})
AT_HANDLES = frozenset(
    {Network.MASTODON, Network.BLUESKY, Network.X, Network.INSTAGRAM, Network.THREADS}
)
#: The network's round badge: as ui.counter_badge.
NETWORK_COLORS: dict[Network, str] = {
    Network.MASTODON: "#6364ff",
    Network.BLUESKY: "#1185fe",
    Network.X: "#0f1419",
    Network.LINKEDIN: "#0a66c2",
    Network.FACEBOOK: "#0866ff",
    Network.INSTAGRAM: "#d62976",
    Network.THREADS: "#101010",
}
NETWORK_LETTERS: dict[Network, str] = {
    Network.MASTODON: "M",
    Network.BLUESKY: "B",
    Network.X: "X",
    Network.LINKEDIN: "in",
    Network.FACEBOOK: "f",
    Network.INSTAGRAM: "IG",
    Network.THREADS: "@",
}
#: The media box never grows taller than this (as the preview widget).
MAX_MEDIA_HEIGHT = 340
CARD_WIDTH = 340 - 2 * 12 - 2  # the card's inner width in the pack's CSS

STATE_WORDS = {
    PostState.IDEA: "idea",
    PostState.DRAFT: "draft",
    PostState.READY: "ready",
    PostState.SCHEDULED: "scheduled",
}

_e = html.escape


def text_color(hex_color: str) -> str:
    """Dark or white ink, whichever reads on ``hex_color``."""
    try:
        r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return "#ffffff"
    return "#1f2328" if 0.299 * r + 0.587 * g + 0.114 * b > 160 else "#ffffff"


def file_stem(pack: ApprovalPack) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in pack.brand.name)
    return f"{safe.strip('-') or 'brand'}-{pack.first:%Y-%m-%d}-to-{pack.last:%Y-%m-%d}"


def period_text(first: date, last: date) -> str:
    if first == last:
        return _day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%B %Y}"
    return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"


def _day(d: date) -> str:
    return f"{d:%A} {d.day} {d:%B %Y}"


def zone_text(wall: datetime, tz: str) -> str:
    """ "CET, UTC+01:00": the zone's abbreviation (when it has a real one) and offset."""
    aware = wall.replace(tzinfo=zone(tz))
    offset = aware.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hh, mm = divmod(abs(minutes), 60)
    off = f"UTC{sign}{hh:02d}:{mm:02d}"
    name = aware.tzname() or ""
    return f"{name}, {off}" if name and name[0].isalpha() else off


def shown_handle(network: Network, handle: str) -> str:
    if network in AT_HANDLES and handle and not handle.startswith("@"):
        return "@" + handle
    return handle


def _json_script(element_id: str, data: object) -> str:
    raw = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c") if data is not None else ""
    return f'<script type="application/json" id="{element_id}">{raw}</script>'


# ---- the page ----------------------------------------------------------------------------


def pack_html(pack: ApprovalPack) -> str:
    """The pack as one HTML page a client opens in any browser, offline."""
    brand = pack.brand
    meta = {
        "pack_id": pack.pack_id,
        "brand_id": brand.id,
        "brand": brand.name,
        "first": pack.first.isoformat(),
        "last": pack.last.isoformat(),
        "timezone": brand.timezone,
        "generated_utc": pack.generated_utc.isoformat(),
        "file_stem": file_stem(pack),
        "posts": [{"id": p.id, "version": p.version, "digest": p.digest} for p in pack.posts],
    }
    period = period_text(pack.first, pack.last)
    pictures = {m.key: m for p in pack.posts for m in p.media if m.data_uri}
    picture_css = "".join(
        f".{k}{{background-image:url({m.data_uri})}}\n" for k, m in sorted(pictures.items())
    )
    days = []
    for day, group in groupby(pack.posts, key=lambda p: p.local_at.date()):
        days.append(f'<h2 class="day">{_e(_day(day))}</h2>')
        days.extend(_post_html(p, brand.color, brand.name) for p in group)
    if not pack.posts:
        days.append('<p class="notarget">There is no post to review in this period.</p>')
    ink = text_color(brand.color)
    return "".join(
        [
            "<!DOCTYPE html>\n",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="cmplanner">',
            f"<title>{_e(brand.name)} — posts for approval, {_e(period)}</title>",
            f"<style>{CSS}\n:root{{--brand:{_e(brand.color)};--brand-ink:{ink}}}\n",
            picture_css,
            "</style></head><body>",
            '<header class="pack">',
            f"<h1>{_e(brand.name)}: posts for your approval</h1>",
            f"<p>{_e(period)} · {len(pack.posts)} post(s)</p></header><main>",
            '<div class="intro">',
            "<p>Each post below is shown as it will appear on each network. For every post, "
            "choose <b>Approve</b> or <b>Request changes</b>, and add a comment if you wish. "
            "No account and no internet connection are needed.</p>",
            "<p>When you are done, press <b>Save my decisions</b> at the bottom of the page "
            "and send the file it saves back to your community manager.</p>",
            f'<p class="zone">All dates and times are in <b>{_e(brand.timezone)}</b>, '
            f"the time zone of {_e(brand.name)}.</p>",
            '<p><label for="cmp-reviewer">Your name</label>'
            '<input type="text" id="cmp-reviewer" autocomplete="name"></p>',
            "</div>",
            *days,
            "</main>",
            '<footer class="save"><button type="button" id="cmp-save">Save my decisions</button>',
            '<span class="count-done" id="cmp-done"></span>',
            '<span class="links" id="cmp-links" hidden>Saved. ',
            '<a id="cmp-json-link">Decisions file (JSON)</a>',
            '<a id="cmp-html-link">This page with your decisions (HTML)</a></span>',
            "</footer>",
            _json_script("cmp-pack", meta),
            _json_script("cmp-decisions", None),
            f"<script>{JS}</script>",
            "</body></html>\n",
        ]
    )


def _post_html(post: PackPost, brand_color: str, brand_name: str) -> str:
    wall = post.local_at
    cards = "".join(_card_html(t, post, brand_color, brand_name) for t in post.targets)
    if not post.targets:
        cards = (
            '<div class="card"><div class="text" dir="auto">'
            + _e(post.text)
            + '</div><div class="notarget">No network chosen yet.</div></div>'
        )
    pid = post.id
    state = STATE_WORDS.get(post.state, post.state.value)
    earlier = ""
    if post.approval == Approval.APPROVED:
        earlier = '<span class="state">approved earlier</span>'
    return (
        f'<section class="post" id="post-{pid}" data-post-id="{pid}" '
        f'data-version="{post.version}" data-digest="{_e(post.digest)}">'
        f'<div class="when"><span class="time">{wall:%H:%M}</span>'
        f'<span class="tz">{_e(zone_text(wall, post.timezone))}</span>'
        f'<span class="state">{_e(state)}</span>{earlier}</div>'
        f'<div class="cards">{cards}</div>'
        f'<fieldset class="decide"><legend>Your decision</legend><div class="choices">'
        f'<label class="approve"><input type="radio" name="d-{pid}" value="approved"> '
        "Approve</label>"
        f'<label class="changes"><input type="radio" name="d-{pid}" value="changes_requested"> '
        "Request changes</label></div>"
        f'<textarea name="c-{pid}" aria-label="Comment on this post" '
        'placeholder="Comment (optional): what should change, or anything to say"></textarea>'
        "</fieldset></section>"
    )


def _card_html(target: PackTarget, post: PackPost, brand_color: str, brand_name: str) -> str:
    pv = target.preview
    net = pv.network
    initial = (brand_name.strip()[:1] or "?").upper()
    letters = NETWORK_LETTERS[net]
    head = (
        '<div class="head">'
        f'<div class="avatar" style="background:{_e(brand_color)};color:{text_color(brand_color)}">'
        f"{_e(initial)}</div>"
        f'<div class="names"><b>{_e(pv.display_name)}</b>'
        f"<span>{_e(shown_handle(net, pv.handle))}</span>"
        f'<div class="netname">{_e(net.label)}</div></div>'
        f'<div class="net{" long" if len(letters) > 1 else ""}" title="{_e(net.label)}" '
        f'style="background:{NETWORK_COLORS[net]}">{_e(letters)}</div></div>'
    )
    parts = _parts_html(pv)
    tiles = _tiles_html(pv, post.media)
    body = tiles + parts if net in MEDIA_FIRST else parts + tiles
    body = f'<div class="body">{body}</div>'
    if pv.content_warning:
        body = (
            f'<details class="cw"><summary>CW: {_e(pv.content_warning)}</summary>{body}</details>'
        )
    hint = ""
    if len(pv.parts) > 1:
        hint = f'<div class="hint">Posted as a thread of {len(pv.parts)}</div>'
    return f'<div class="card" data-network="{net.value}">{head}{body}{hint}</div>'


def part_markup(part: PartPreview, network: Network, lead: str = "") -> str:
    """One thread part's text with the network's highlights, escaped (shared with print)."""
    accent = ACCENT[network]
    wanted = HIGHLIGHTED[network]
    out = [lead]
    for span in part.spans:
        text = _e(span.text)
        out.append(f'<span style="color:{accent}">{text}</span>' if span.kind in wanted else text)
    if part.folded:
        out.append(f'<span class="fold" style="color:gray"> {_e(part.fold_label)}</span>')
    return "".join(out)


def _parts_html(pv: Preview) -> str:
    thread = len(pv.parts) > 1
    lead = ""
    if pv.network == Network.INSTAGRAM:  # the caption starts with the username
        lead = f"<b>{_e(pv.handle.lstrip('@'))}</b> "
    rows = []
    for i, part in enumerate(pv.parts):
        gutter = ""
        if thread:
            connects = " connects" if i < len(pv.parts) - 1 else ""
            gutter = f'<div class="gutter{connects}"></div>'
        text = part_markup(part, pv.network, lead if i == 0 else "")
        rows.append(f'<div class="part">{gutter}<div class="text" dir="auto">{text}</div></div>')
    return "".join(rows)


def media_ratio(tiles: tuple[Tile, ...], media: tuple[PackMedia, ...]) -> float:
    """Height over width of the media box (as the preview widget's ``TilesView``)."""
    if len(tiles) == 1 and tiles[0].index < len(media):
        m = media[tiles[0].index]
        if m.width and m.height:
            return min(1.25, max(0.52, m.height / m.width))
        return 0.75
    return 9 / 16


def _tiles_html(pv: Preview, media: tuple[PackMedia, ...]) -> str:
    if not pv.tiles:
        return ""
    ratio = media_ratio(pv.tiles, media)
    width = min(CARD_WIDTH, MAX_MEDIA_HEIGHT / ratio)
    out = [f'<div class="tiles" style="width:{width:.0f}px;height:{width * ratio:.0f}px">']
    for tile in pv.tiles:
        m = media[tile.index] if tile.index < len(media) else None
        box = (
            f"left:{tile.x * 100:.2f}%;top:{tile.y * 100:.2f}%;"
            f"width:{tile.w * 100:.2f}%;height:{tile.h * 100:.2f}%"
        )
        if m is not None and m.kind == MediaKind.VIDEO:
            cls, inner = "tile video", "▶ video"
        else:
            cls, inner = f"tile {m.key if m and m.data_uri else ''}".strip(), ""
        alt = _e(m.alt_text) if m else ""
        role = f' role="img" aria-label="{alt}"' if alt else ""
        extra = []
        if tile.more and not pv.carousel:
            extra.append(f'<div class="more">+{tile.more}</div>')
        if tile.alt:
            extra.append(f'<span class="badge alt" title="{alt}">ALT</span>')
        if pv.carousel and tile.more:
            extra.append(f'<span class="badge count">1/{tile.more + 1}</span>')
            extra.append('<div class="dots">' + "<i></i>" * (tile.more + 1) + "</div>")
        out.append(f'<div class="{cls}" style="{box}"{role}>{inner}{"".join(extra)}</div>')
    out.append("</div>")
    return "".join(out)


# ---- the printable copy (PDF) ------------------------------------------------------------


def print_html(pack: ApprovalPack) -> tuple[str, dict[str, bytes]]:
    """The pack as simple HTML for Qt's rich-text engine (tables, no script, no flexbox),
    and the pictures it names (``cmp-img:<key>`` → image bytes)."""
    brand = pack.brand
    images: dict[str, bytes] = {}
    for p in pack.posts:
        for m in p.media:
            if m.data_uri and m.key not in images:
                images[m.key] = base64.b64decode(m.data_uri.split(",", 1)[1])
    ink = text_color(brand.color)
    rows = [
        f'<table width="100%" cellpadding="10" bgcolor="{_e(brand.color)}"><tr><td>'
        f'<span style="font-size:18pt;font-weight:bold;color:{ink}">{_e(brand.name)}</span><br>'
        f'<span style="color:{ink}">Posts for approval · '
        f"{_e(period_text(pack.first, pack.last))} · {len(pack.posts)} post(s)</span>"
        "</td></tr></table>",
        f"<p>All dates and times are in <b>{_e(brand.timezone)}</b>, the time zone of "
        f"{_e(brand.name)}. Mark each post and write your comments; or open the HTML "
        "copy of this pack in a browser to decide there.</p>",
    ]
    for day, group in groupby(pack.posts, key=lambda p: p.local_at.date()):
        rows.append(f'<h3 style="margin-top:14px">{_e(_day(day))}</h3>')
        rows.extend(_print_post(p) for p in group)
    if not pack.posts:
        rows.append("<p><i>There is no post to review in this period.</i></p>")
    body = "".join(rows)
    return f'<html><body style="font-size:10pt">{body}</body></html>', images


def _print_post(post: PackPost) -> str:
    head = (
        f'<p style="margin-top:8px"><b style="font-size:12pt">{post.local_at:%H:%M}</b> '
        f'<span style="color:#656d76">{_e(zone_text(post.local_at, post.timezone))} · '
        f"{_e(STATE_WORDS.get(post.state, post.state.value))} · post {post.id}</span></p>"
    )
    cells = []
    for t in post.targets or ():
        pv = t.preview
        parts = "".join(
            f'<p style="margin:2px 0">{_nl(part_markup(part, pv.network))}</p>'
            + ("<p style='margin:0;color:#656d76'>⋮</p>" if i < len(pv.parts) - 1 else "")
            for i, part in enumerate(pv.parts)
        )
        cw = f"<p><i>CW: {_e(pv.content_warning)}</i></p>" if pv.content_warning else ""
        thread = (
            f'<p style="color:#656d76">Posted as a thread of {len(pv.parts)}</p>'
            if len(pv.parts) > 1
            else ""
        )
        cells.append(
            f'<td width="50%" valign="top"><b>{_e(pv.network.label)}</b> '
            f'<span style="color:#656d76">{_e(shown_handle(pv.network, pv.handle))}</span>'
            f"{cw}{parts}{_print_media(post.media)}{thread}</td>"
        )
    if not cells:
        cells.append(f"<td>{_nl(_e(post.text))}<p><i>No network chosen yet.</i></p></td>")
    table_rows = "".join(
        "<tr>" + "".join(cells[i : i + 2]) + "</tr>" for i in range(0, len(cells), 2)
    )
    decide = (
        '<p style="margin-top:6px">☐ Approve &nbsp;&nbsp; ☐ Request changes &nbsp;&nbsp; '
        "Comment: ____________________________________________</p>"
    )
    return (
        head
        + '<table width="100%" border="1" cellspacing="0" cellpadding="6" '
        + f'style="border-color:#d0d7de;border-style:solid">{table_rows}</table>'
        + decide
    )


def _print_media(media: Iterable[PackMedia]) -> str:
    out = []
    for m in media:
        if m.data_uri:
            w = 110 if m.width >= m.height else max(40, round(110 * m.width / max(1, m.height)))
            out.append(f'<img src="cmp-img:{m.key}" width="{w}"> ')
        elif m.kind == MediaKind.VIDEO:
            out.append("[video] ")
        if m.alt_text:
            out.append(f'<span style="color:#656d76;font-size:8pt">ALT: {_e(m.alt_text)}</span> ')
    return f"<p>{''.join(out)}</p>" if out else ""


def _nl(markup: str) -> str:
    return markup.replace("\n", "<br>")


def write_pack(pack: ApprovalPack, path: Path) -> int:
    """Write the pack's HTML to ``path`` (whole or not at all); returns its size in bytes."""
    from cmplanner.domain.errors import InvalidInput

    path = Path(path).expanduser()
    data = pack_html(pack).encode("utf-8")
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InvalidInput(
            f"The approval pack cannot be written to {path} ({exc.strerror or exc}).",
            "Pick a folder you can write to, for example your Documents folder.",
        ) from None
    return len(data)
