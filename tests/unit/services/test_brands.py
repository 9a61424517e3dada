"""Client brands: create, rename, colour, archive; the unit everything filters by."""

from __future__ import annotations

import pytest

from cmplanner.domain.errors import InvalidInput, NotFound
from cmplanner.paths import Paths
from cmplanner.services.brands import PALETTE, split_tags
from cmplanner.services.notifier import Topic
from cmplanner.services.workspace import Workspace, open_workspace


def test_create_records_everything_and_normalises(ws: Workspace) -> None:
    brand = ws.brands.create(
        "  Panadería   Sol ",
        "Europe/Madrid",
        color="#D9822B",
        brief="Warm and local.",
        default_hashtags="#panaderiasol",
        tags=["#bread", "Bread", " events "],
    )

    assert brand.name == "Panadería Sol"
    assert brand.timezone == "Europe/Madrid"
    assert brand.color == "#d9822b"
    assert brand.tags == ("bread", "events")
    assert not brand.archived
    assert ws.brands.get(brand.id) == brand


def test_brands_without_a_colour_get_distinct_palette_colours(ws: Workspace) -> None:
    a = ws.brands.create("A", "UTC")
    b = ws.brands.create("B", "UTC")

    assert a.color in PALETTE and b.color in PALETTE
    assert a.color != b.color


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "   ", "timezone": "UTC"}, "A brand needs a name."),
        ({"name": "x" * 121, "timezone": "UTC"}, "That brand name is too long."),
        ({"name": "A", "timezone": "Mars/Base"}, "Unknown time zone 'Mars/Base'."),
        ({"name": "A", "timezone": "UTC", "color": "red"}, "'red' is not a colour."),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(
    ws: Workspace, kwargs: dict[str, str], message: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        ws.brands.create(**kwargs)

    assert caught.value.message == message
    assert caught.value.hint
    assert ws.brands.all(include_archived=True) == []


def test_a_duplicate_name_is_refused_whatever_its_case(ws: Workspace) -> None:
    ws.brands.create("Northwind", "America/New_York")

    with pytest.raises(InvalidInput, match="already exists"):
        ws.brands.create("NORTHWIND", "UTC")
    assert len(ws.brands.all()) == 1


def test_rename_recolour_and_rezone(ws: Workspace) -> None:
    brand = ws.brands.create("Kiwi", "Pacific/Auckland")

    changed = ws.brands.update(
        brand.id, name="Kiwi Code School", color="#6a4fc2", timezone="Pacific/Chatham"
    )

    assert (changed.name, changed.color, changed.timezone) == (
        "Kiwi Code School",
        "#6a4fc2",
        "Pacific/Chatham",
    )
    assert changed.version > brand.version
    assert ws.brands.get(brand.id) == changed


def test_rename_onto_another_brand_is_refused(ws: Workspace) -> None:
    ws.brands.create("A", "UTC")
    b = ws.brands.create("B", "UTC")

    with pytest.raises(InvalidInput, match="already exists"):
        ws.brands.update(b.id, name="a")
    assert ws.brands.get(b.id).name == "B"


def test_archived_brands_are_hidden_unless_asked_for(ws: Workspace) -> None:
    keep = ws.brands.create("Zeta", "UTC")
    gone = ws.brands.create("alpha", "UTC")

    ws.brands.archive(gone.id)

    assert [b.id for b in ws.brands.all()] == [keep.id]
    assert [b.name for b in ws.brands.all(include_archived=True)] == ["alpha", "Zeta"]
    ws.brands.archive(gone.id, archived=False)
    assert len(ws.brands.all()) == 2


def test_by_name_is_case_insensitive_and_an_unknown_name_lists_the_known_ones(
    ws: Workspace,
) -> None:
    sol = ws.brands.create("Panadería Sol", "Europe/Madrid")

    assert ws.brands.by_name("panadería sol") == sol
    with pytest.raises(NotFound) as caught:
        ws.brands.by_name("Sol")
    assert caught.value.message == "No brand called 'Sol'."
    assert "Panadería Sol" in caught.value.hint


def test_get_an_unknown_brand(ws: Workspace) -> None:
    with pytest.raises(NotFound, match="Brand 42 does not exist"):
        ws.brands.get(42)


def test_changes_are_announced(ws: Workspace) -> None:
    seen: list[tuple[Topic, tuple[int, ...]]] = []
    ws.notifier.subscribe(lambda topic, ids: seen.append((topic, tuple(ids))))

    brand = ws.brands.create("A", "UTC")

    assert (Topic.BRANDS, (brand.id,)) in seen


def test_brands_survive_reopening(paths: Paths) -> None:
    first = open_workspace(paths)
    first.brands.create("Northwind", "America/New_York", color="#2f7d5b")
    first.close()

    again = open_workspace(paths)
    try:
        [brand] = again.brands.all()
        assert (brand.name, brand.timezone, brand.color) == (
            "Northwind",
            "America/New_York",
            "#2f7d5b",
        )
    finally:
        again.close()


def test_split_tags_from_text_or_list() -> None:
    assert split_tags("#launch, Launch\n  gear ,, ") == ("launch", "gear")
    assert split_tags(["#a", "b", "A"]) == ("a", "b")


def test_a_name_with_accented_capitals_is_found_and_kept_unique(ws: Workspace) -> None:
    emile = ws.brands.create("Émile Café", "Europe/Paris")

    assert ws.brands.by_name("Émile Café") == emile
    assert ws.brands.by_name("émile café") == emile
    assert ws.brands.by_name("ÉMILE  CAFÉ") == emile
    with pytest.raises(InvalidInput, match="already exists"):
        ws.brands.create("ÉMILE CAFÉ", "Europe/Paris")
    with pytest.raises(InvalidInput, match="already exists"):
        ws.brands.update(ws.brands.create("Ñandú", "America/Buenos_Aires").id, name="émile café")
    assert {b.name for b in ws.brands.all()} == {"Ñandú", "Émile Café"}
