"""Tone and urgency, offline and explainable: tables of real-world-like messages in English,
Spanish and Punjabi, brand keywords, negation, and saved-reply variables."""

from __future__ import annotations

import pytest

from cmplanner.domain.inbox import BrandKeyword, Tone
from cmplanner.services.community import fill_variables
from cmplanner.services.tone import analyze, matched_terms, urgency_label

N, Z, P = Tone.NEGATIVE, Tone.NEUTRAL, Tone.POSITIVE

MESSAGES = [
    # English
    ("My order never arrived and nobody answers. I want a refund NOW!!!", N, "high"),
    ("This is a scam, I was charged twice", N, "high"),
    ("Absolutely love the new flavour, thank you!", P, ""),
    ("Is the shop open on Sunday?", Z, "low"),
    ("Not happy with the delivery time", N, "low"),
    ("The app keeps crashing, doesn't work at all", N, "medium"),
    ("Not bad at all, quite nice actually", P, ""),
    ("Just ordered a flat white", Z, ""),
    # Spanish
    ("Pésimo servicio, la cafetera no funciona y nadie responde", N, "medium"),
    ("Quiero mi dinero ya, esto es una estafa", N, "high"),
    ("¡Me encanta! Muchas gracias por todo 😍", P, ""),
    ("¿A qué hora abrís mañana?", Z, "low"),
    ("No está mal, bastante bueno", P, ""),
    ("Sigo esperando mi pedido desde el lunes, qué vergüenza", N, "medium"),
    # Punjabi (Gurmukhi)
    ("ਬਹੁਤ ਵਧੀਆ ਸੇਵਾ, ਧੰਨਵਾਦ", P, ""),
    ("ਸੇਵਾ ਬਹੁਤ ਮਾੜਾ ਸੀ, ਮੇਰੇ ਪੈਸੇ ਵਾਪਸ ਕਰੋ", N, "high"),
    ("ਇਹ ਧੋਖਾ ਹੈ", N, "high"),
    ("ਦੁਕਾਨ ਕਦੋਂ ਖੁੱਲ੍ਹਦੀ ਹੈ?", Z, "low"),
]


@pytest.mark.parametrize(("text", "tone", "urgency"), MESSAGES)
def test_tone_and_urgency_of_real_world_like_messages(text: str, tone: Tone, urgency: str) -> None:
    result = analyze(text)
    assert result.tone is tone, result.reasons
    assert urgency_label(result.urgency) == urgency, result
    if tone is not Z:
        assert matched_terms(result.reasons), "a verdict always says which words made it"


def test_the_table_is_mostly_right_overall() -> None:
    right = sum(analyze(t).tone is tone for t, tone, _ in MESSAGES)
    assert right == len(MESSAGES)


def test_brand_keywords_outweigh_and_silence_the_lexicon() -> None:
    skate = [BrandKeyword(1, 1, "sick", Tone.POSITIVE), BrandKeyword(2, 1, "late", Tone.NEUTRAL)]
    assert analyze("That board is sick").tone is Tone.NEGATIVE
    assert analyze("That board is sick", skate).tone is Tone.POSITIVE
    assert "brand word" in " ".join(analyze("That board is sick", skate).reasons)
    recall = [BrandKeyword(3, 1, "batch 42", Tone.NEGATIVE, urgent=True)]
    result = analyze("Is batch 42 the one in the news?", recall)
    assert result.tone is Tone.NEGATIVE
    assert urgency_label(result.urgency) == "high"
    assert "“batch 42” (urgent)" in result.reasons


def test_accents_and_case_do_not_matter_but_reasons_show_the_words_as_written() -> None:
    result = analyze("PESIMO servicio")
    assert result.tone is Tone.NEGATIVE
    assert result.reasons[0].startswith("“PESIMO”")


def test_saved_reply_variables() -> None:
    body = "Hola {name}, {handle}: lo miramos. {order}"
    assert fill_variables(body, name="Ana", handle="ana@example.social") == (
        "Hola Ana, @ana@example.social: lo miramos. {order}"
    )
    assert fill_variables("Hi {name}", name=" ", handle="@bob.test") == "Hi bob.test"
