"""The calendar's Core clauses match the ORM tables, and the ORM tables load on first use."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest

from cmplanner.paths import Paths
from cmplanner.services.workspace import Workspace, open_workspace
from cmplanner.storage import core_tables
from cmplanner.storage.lazy_tables import _LazyTables
from cmplanner.storage.tables import Base, BrandRow, PostRecord


@pytest.mark.parametrize("name", sorted(core_tables.SPECS))
def test_each_clause_has_the_tables_columns_with_the_same_types(name: str) -> None:
    clause = getattr(core_tables, name)
    orm = Base.metadata.tables[name]
    assert [c.name for c in clause.columns] == [c.name for c in orm.columns]
    for col in orm.columns:
        assert type(clause.c[col.name].type) is type(col.type), col.name


def test_a_clause_reads_what_the_orm_wrote(ws: Workspace) -> None:
    brand = ws.brands.create("Sol", "Europe/Madrid", color="#112233")
    from sqlalchemy import select

    with ws.engine.connect() as conn:
        row = conn.execute(
            select(core_tables.brand).where(core_tables.brand.c.id == brand.id)
        ).one()
    assert (row.name, row.timezone, row.color, row.archived) == (
        "Sol",
        "Europe/Madrid",
        "#112233",
        False,
    )


def test_the_lazy_module_gives_the_real_classes_and_says_what_is_missing() -> None:
    lazy = _LazyTables()
    assert lazy.PostRecord is PostRecord and lazy.BrandRow is BrandRow
    with pytest.raises(AttributeError, match="NoSuchRow"):
        _ = lazy.NoSuchRow


OPEN_AND_READ = """
import sys
from pathlib import Path
from cmplanner.paths import Paths
from cmplanner.services.workspace import open_workspace
from datetime import date
from cmplanner.domain.models import PostFilter
home = Path(sys.argv[1])
ws = open_workspace(Paths(home=home, logs=home / "logs"))
print([b.name for b in ws.brands.all()])
days = ws.posts.day_rows(PostFilter(), date(2027, 1, 1), date(2027, 2, 1), None, 6)
print(days.total)
print("cmplanner.storage.tables" in sys.modules)
ws.close()
"""


def test_listing_brands_and_the_calendar_rows_do_not_import_the_orm_tables(
    paths: Paths,
) -> None:

    ws = open_workspace(paths)
    brand = ws.brands.create("Sol", "Europe/Madrid")
    ws.posts.create(brand.id, "Pan", local_at=datetime(2027, 1, 20, 9, 0))
    ws.close()
    proc = subprocess.run(
        [sys.executable, "-c", OPEN_AND_READ, str(paths.home)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    brands, count, orm_loaded = proc.stdout.split("\n")[:3]
    assert (brands, count, orm_loaded) == ("['Sol']", "1", "False")
