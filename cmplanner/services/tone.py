"""Tone and urgency of an inbox item, offline and explainable.

How it works (every step shows up in ``ToneResult.reasons``):

1. The text is normalised (NFC, case-folded, Latin accents dropped: "pésimo" = "pesimo")
   and cut into words (Gurmukhi vowel signs stay inside their word).
2. Words and phrases (up to four words, longest first) are looked up: first in the brand's
   own keywords (``brand_keyword``: its products, its complaint words, and the user's
   corrections), then in the built-in lexicon ``resources/lexicon/tone.json`` (English,
   Spanish, and a very small Punjabi list). A brand keyword wins over the lexicon; a
   "neutral" one silences a lexicon word for that brand ("sick" for a skate shop).
3. A negator ("not", "no", "nunca", "ਨਹੀਂ"...) up to three words before a word flips it.
4. The sum is the score: ≤ -2 negative, ≥ 2 positive, else neutral.
5. Urgency (0..1): urgent words (refund, scam, lawyer, reembolso, estafa...) and the brand's
   urgent keywords, a negative tone, shouting, a question waiting for an answer.

Corrections are remembered two ways: per item (``InboxService.set_tone``: that item keeps
the user's tone and is never scored again) and per brand and term (``teach``: a brand
keyword, which re-scores the brand's other items).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cmplanner.domain.inbox import BrandKeyword, Tone, ToneResult
from cmplanner.resources import resource_path

LEXICON_PATH = ("lexicon", "tone.json")
NEGATIVE_AT = -2
POSITIVE_AT = 2
MAX_PHRASE = 4
NEGATION_REACH = 3
BRAND_WEIGHT = 3

_WORD_RE = re.compile(r"[\w\u0A00-\u0A7F'’]+")
_LATIN_MARKS = re.compile(r"[\u0300-\u036f]")
_SHOUT_RE = re.compile(r"\b[A-ZÁÉÍÓÚÑ]{3,}\b")


def normalise(text: str) -> str:
    """NFC, case-folded, Latin accents dropped (other scripts' marks kept)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return unicodedata.normalize("NFC", _LATIN_MARKS.sub("", decomposed)).replace("’", "'")


def words(text: str) -> list[str]:
    return [normalise(w) for w in _WORD_RE.findall(unicodedata.normalize("NFC", text))]


def _shown_words(text: str) -> list[str]:
    """The words as written (for reasons the user reads), in step with ``words``."""
    return _WORD_RE.findall(unicodedata.normalize("NFC", text))


@dataclass(frozen=True)
class Lexicon:
    """Phrases (as word tuples) with weights, urgent phrases, negators, emoji."""

    weights: Mapping[tuple[str, ...], int]
    urgent: frozenset[tuple[str, ...]]
    negators: frozenset[str]
    emoji: Mapping[str, int]

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Lexicon:
        weights: dict[tuple[str, ...], int] = {}
        for table in _mapping(data.get("words")).values():
            for key, weight in _mapping(table).items():
                weights[tuple(words(str(key)))] = int(weight)  # type: ignore[call-overload]
        urgent = {
            tuple(words(str(term)))
            for terms in _mapping(data.get("urgent")).values()
            for term in _list(terms)
        }
        negators = {
            normalise(str(w)) for ws in _mapping(data.get("negators")).values() for w in _list(ws)
        }
        emoji = {str(k): int(v) for k, v in _mapping(data.get("emoji")).items()}  # type: ignore[call-overload]
        return cls(weights, frozenset(urgent), frozenset(negators), emoji)


def _mapping(value: object) -> Mapping[str, object]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


@lru_cache(maxsize=4)
def load_lexicon(path: Path | None = None) -> Lexicon:
    """The built-in lexicon (read once)."""
    source = path or resource_path(*LEXICON_PATH)
    return Lexicon.from_json(json.loads(source.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class _Hit:
    phrase: str
    weight: int
    urgent: bool
    brand: bool
    negated: bool


def _brand_table(
    keywords: Sequence[BrandKeyword],
) -> dict[tuple[str, ...], BrandKeyword]:
    return {tuple(words(k.term)): k for k in keywords if words(k.term)}


_BRAND_TONE_WEIGHT = {Tone.NEGATIVE: -BRAND_WEIGHT, Tone.POSITIVE: BRAND_WEIGHT, Tone.NEUTRAL: 0}


def _hits(
    tokens: list[str],
    shown: list[str],
    lexicon: Lexicon,
    brand: Mapping[tuple[str, ...], BrandKeyword],
) -> list[_Hit]:
    hits: list[_Hit] = []
    i = 0
    while i < len(tokens):
        for size in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
            key = tuple(tokens[i : i + size])
            own = brand.get(key)
            weight = lexicon.weights.get(key)
            urgent = key in lexicon.urgent
            if own is None and weight is None and not urgent:
                continue
            if own is not None:
                weight = _BRAND_TONE_WEIGHT[own.tone]
                urgent = own.urgent or (urgent and own.tone is not Tone.NEUTRAL)
            weight = weight or 0
            before = tokens[max(i - NEGATION_REACH, 0) : i]
            negated = weight != 0 and size == 1 and any(t in lexicon.negators for t in before)
            hits.append(
                _Hit(
                    " ".join(shown[i : i + size]),
                    -weight if negated else weight,
                    urgent,
                    own is not None,
                    negated,
                )
            )
            i += size
            break
        else:
            i += 1
    return hits


def analyze(
    text: str,
    keywords: Sequence[BrandKeyword] = (),
    *,
    lexicon: Lexicon | None = None,
    answerable: bool = True,
) -> ToneResult:
    """The tone, score, urgency and reasons for ``text`` (see the module docstring)."""
    lex = lexicon or load_lexicon()
    tokens = words(text)
    hits = _hits(tokens, _shown_words(text), lex, _brand_table(keywords))
    reasons: list[str] = []
    score = 0
    for hit in hits:
        score += hit.weight
        if hit.weight:
            tag = "brand word" if hit.brand else ("negated" if hit.negated else "")
            sign = f"{hit.weight:+d}"
            reasons.append(f"“{hit.phrase}” {sign}" + (f" ({tag})" if tag else ""))
    for symbol, weight in lex.emoji.items():
        count = text.count(symbol)
        if count:
            score += weight * count
            reasons.append(f"{symbol} {weight * count:+d}")
    tone = Tone.NEUTRAL
    if score <= NEGATIVE_AT:
        tone = Tone.NEGATIVE
    elif score >= POSITIVE_AT:
        tone = Tone.POSITIVE
    urgent_terms = [h.phrase for h in hits if h.urgent]
    urgency = 0.0
    if urgent_terms:
        urgency += 0.5 + 0.15 * (len(urgent_terms) - 1)
        reasons.extend(f"“{t}” (urgent)" for t in urgent_terms)
    if tone is Tone.NEGATIVE:
        urgency += 0.25 + (0.1 if score <= 2 * NEGATIVE_AT - 1 else 0.0)
        reasons.append(f"negative tone ({score:+d})")
    if len(_SHOUT_RE.findall(text)) >= 2 or "!!!" in text:
        urgency += 0.1
        reasons.append("shouting")
    if answerable and "?" in text and tone is not Tone.POSITIVE:
        urgency += 0.1
        reasons.append("a question waiting for an answer")
    return ToneResult(tone, score, round(min(urgency, 1.0), 2), tuple(reasons))


def urgency_label(urgency: float) -> str:
    """ "high", "medium", "low" or "" (for lists)."""
    if urgency >= 0.6:
        return "high"
    if urgency >= 0.3:
        return "medium"
    if urgency > 0:
        return "low"
    return ""


def matched_terms(reasons: Iterable[str]) -> list[str]:
    """The quoted words of ``reasons`` (what "why flagged" highlights)."""
    out = []
    for reason in reasons:
        m = re.match(r"“(.+?)”", reason)
        if m:
            out.append(m.group(1))
    return out
