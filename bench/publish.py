"""Publishing 200 text posts to the local AT Protocol server: the publisher vs raw requests.

    python bench/publish.py [--posts 200] [--rounds 6]

Starts the test PDS (tests/atproto, `make atproto-server` installs it), then, in the same
run and alternating, times:

- **raw**: one ``requests.Session``, one ``createSession``, then ``createRecord`` per post
  (a plain ``app.bsky.feed.post`` with text and ``createdAt``, a TID rkey) in one loop;
- **publisher**: ``Publisher.publish_due()`` over a workspace with the same number of due
  posts: one login, and per post the claim, the checks, the record key stored, the
  ``sending`` attempt, the same ``createRecord``, the outcome recorded.

Prints the time per post of each and the ratio of the medians (target <= 1.2x), and beside
it the median of each round's own ratio (its publisher run against the raw run next to it,
which other work on the machine slows alike); ``--json`` prints it all as JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SERVER = ROOT / "tests" / "atproto" / "server.mjs"
TARGET_RATIO = 1.2


@dataclass
class PublishFigures:
    posts: int
    raw_ms_per_post: float
    publisher_ms_per_post: float
    ratio: float
    #: The median of the rounds' ratios (publisher run / the same round's raw run).
    paired_ratio: float
    raw_runs_ms: list[float]
    publisher_runs_ms: list[float]
    #: The 1-minute load average before and after (other work on the machine inflates
    #: both sides; the ratio, measured in one run, is what compares).
    load_before: float = 0.0
    load_after: float = 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(root: Path) -> tuple[subprocess.Popen[bytes], dict[str, Any]]:
    if not (SERVER.parent / "node_modules" / "@atproto" / "dev-env").is_dir():
        raise SystemExit("the AT Protocol test server is not installed: run `make atproto-server`")
    tmp = root / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    state = root / "state.json"
    log = (root / "server.log").open("wb")
    env = dict(
        os.environ,
        TMPDIR=str(tmp),
        ATPROTO_PLC_PORT=str(_free_port()),
        ATPROTO_PDS_PORT=str(_free_port()),
    )
    proc = subprocess.Popen(
        ["node", str(SERVER), str(state), "--exit-with-stdin"],
        cwd=SERVER.parent,
        env=env,
        stdin=subprocess.PIPE,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while b"READY" not in (root / "server.log").read_bytes():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("the AT Protocol test server did not start (see server.log)")
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=0.05)
    return proc, json.loads(state.read_text())


def raw_run(pds: str, handle: str, password: str, n: int, tag: str) -> float:
    """Seconds for one login and ``n`` createRecord calls with plain requests."""
    import requests

    from cmplanner.networks.bluesky_client import new_tid

    http = requests.Session()
    t0 = time.perf_counter()
    session = http.post(
        f"{pds}/xrpc/com.atproto.server.createSession",
        json={"identifier": handle, "password": password},
        timeout=30,
    ).json()
    auth = {"Authorization": f"Bearer {session['accessJwt']}"}
    for i in range(n):
        record = {
            "$type": "app.bsky.feed.post",
            "text": f"Raw bench post {tag} {i}",
            "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        }
        r = http.post(
            f"{pds}/xrpc/com.atproto.repo.createRecord",
            json={
                "repo": session["did"],
                "collection": "app.bsky.feed.post",
                "rkey": new_tid(),
                "record": record,
            },
            headers=auth,
            timeout=30,
        )
        r.raise_for_status()
    elapsed = time.perf_counter() - t0
    http.close()
    return elapsed


def publisher_run(work: Path, pds: str, handle: str, app_password: str, n: int, tag: str) -> float:
    """Seconds for ``publish_due`` over ``n`` due text posts (one login included)."""
    from sqlalchemy import update

    from cmplanner.domain.enums import AccountStatus, Network
    from cmplanner.paths import Paths
    from cmplanner.services.credentials import CredentialStore
    from cmplanner.services.publisher import publisher_for
    from cmplanner.services.workspace import open_workspace
    from cmplanner.storage.tables import AccountRow

    home = work / f"ws-{tag}"
    store = CredentialStore()
    store.use_encrypted_file(work / f"credentials-{tag}.bin", "bench passphrase")
    ws = open_workspace(Paths(home=home, logs=home / "logs"), credentials=store)
    try:
        brand = ws.brands.create("Bench", "UTC")
        acc = ws.accounts.add_profile(brand.id, Network.BLUESKY, handle, server=pds)
        with ws.sessions.begin() as s:
            s.execute(
                update(AccountRow)
                .where(AccountRow.id == acc.id)
                .values(status=AccountStatus.CONNECTED.value)
            )
        store.set(acc.id, {"app_password": app_password})
        due = (datetime.now(UTC) - timedelta(minutes=1)).replace(tzinfo=None, second=0)
        for i in range(n):
            ws.posts.create(
                brand.id,
                f"Publisher bench post {tag} {i}",
                local_at=due,
                account_ids=[acc.id],
                allow_past=True,
            )
        publisher = publisher_for(ws)
        t0 = time.perf_counter()
        summary = publisher.publish_due()
        elapsed = time.perf_counter() - t0
        if summary.published != n:
            raise SystemExit(f"the publisher published {summary.published} of {n}: {summary}")
        return elapsed
    finally:
        ws.close()


def measure(posts: int = 200, rounds: int = 6, work: Path | None = None) -> PublishFigures:
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="cmplanner-bench-publish-") as tmp:
        root = work or Path(tmp)
        proc, state = start_server(root / "server")
        try:
            pds = state["pds_url"]
            acct = state["accounts"][0]
            # warm up both paths (imports, connections, the PDS's own caches)
            raw_run(pds, acct["handle"], acct["app_password"], 5, "warm")
            publisher_run(root, pds, acct["handle"], acct["app_password"], 5, "warm")
            raw_s: list[float] = []
            pub_s: list[float] = []
            for r in range(rounds):
                # alternate which goes first: the repository grows with every record, and
                # the PDS gets a little slower as it does
                order = ("raw", "pub") if r % 2 == 0 else ("pub", "raw")
                for which in order:
                    if which == "raw":
                        n = raw_run(pds, acct["handle"], acct["app_password"], posts, f"r{r}")
                        raw_s.append(n)
                    else:
                        handle, password = acct["handle"], acct["app_password"]
                        pub_s.append(publisher_run(root, pds, handle, password, posts, f"p{r}"))
        finally:
            if proc.stdin is not None:
                proc.stdin.close()
            proc.terminate()
            proc.wait(timeout=15)
    raw_ms = statistics.median(raw_s) * 1000 / posts
    pub_ms = statistics.median(pub_s) * 1000 / posts
    return PublishFigures(
        posts=posts,
        raw_ms_per_post=round(raw_ms, 2),
        publisher_ms_per_post=round(pub_ms, 2),
        ratio=round(pub_ms / raw_ms, 3),
        paired_ratio=round(statistics.median(p / r for p, r in zip(pub_s, raw_s, strict=True)), 3),
        raw_runs_ms=[round(s * 1000, 1) for s in raw_s],
        publisher_runs_ms=[round(s * 1000, 1) for s in pub_s],
        load_before=round(load_before, 2),
        load_after=round(os.getloadavg()[0], 2),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figs = measure(args.posts, args.rounds)
    if args.json:
        print(json.dumps(asdict(figs)))
    else:
        verdict = "PASS" if figs.ratio <= TARGET_RATIO else "MISS"
        print(
            f"publish {figs.posts} text posts: raw {figs.raw_ms_per_post:.2f} ms/post, "
            f"publisher {figs.publisher_ms_per_post:.2f} ms/post, "
            f"ratio {figs.ratio:.2f}x (target <= {TARGET_RATIO}x) {verdict} "
            f"(median of the rounds' own ratios {figs.paired_ratio:.2f}x) "
            f"[load {figs.load_before:.2f} -> {figs.load_after:.2f}]"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
