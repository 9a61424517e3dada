"""The workspace builds the services the first paint does not need on their first use."""

from __future__ import annotations

import subprocess
import sys
import threading

from cmplanner.paths import Paths
from cmplanner.services.credentials import CredentialStore
from cmplanner.services.workspace import Workspace, open_workspace

OPEN_AND_LIST = """
import sys
from pathlib import Path
from cmplanner.paths import Paths
from cmplanner.services.workspace import open_workspace
home = Path(sys.argv[1])
ws = open_workspace(Paths(home=home, logs=home / "logs"))
names = ("accounts", "planning", "library", "metrics", "credentials")
print(" ".join(n for n in names if "cmplanner.services." + n in sys.modules))
ws.accounts.all()  # a first use imports and builds it
print(" ".join(n for n in names if "cmplanner.services." + n in sys.modules))
ws.close()
"""


def test_opening_a_workspace_imports_none_of_the_lazy_services(paths: Paths) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", OPEN_AND_LIST, str(paths.home)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    at_open, after_use = proc.stdout.splitlines()
    assert at_open == ""
    assert after_use.split() == ["accounts", "credentials"]


def test_each_service_is_built_once_and_works(ws: Workspace) -> None:
    assert ws.accounts is ws.accounts
    assert ws.planning is ws.planning and ws.library is ws.library
    assert ws.metrics is ws.metrics and ws.credentials is ws.credentials
    brand = ws.brands.create("Sol", "Europe/Madrid")
    group = ws.library.save_hashtag_group(brand.id, "bread", "#pan #sol")
    assert [g.id for g in ws.library.hashtag_groups(brand.id)] == [group.id]
    assert ws.accounts.all(brand.id) == []


def test_a_given_credential_store_is_the_one_the_accounts_use(paths: Paths) -> None:
    store = CredentialStore()
    ws = open_workspace(paths, credentials=store)
    try:
        assert ws.credentials is store
        assert ws.accounts._credentials is store
    finally:
        ws.close()


def test_threads_asking_at_once_get_one_service(ws: Workspace) -> None:
    start = threading.Barrier(8)
    seen: list[object] = []

    def ask() -> None:
        start.wait()
        seen.append(ws.metrics)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 8 and all(s is seen[0] for s in seen)
