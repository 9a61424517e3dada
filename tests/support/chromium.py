"""A real headless Chromium driven over the Chrome DevTools Protocol, for the tests.

No websocket and no port: Chromium is started with ``--remote-debugging-pipe`` and
speaks CDP on file descriptors 3 (commands in) and 4 (replies and events out), one JSON
message per NUL-terminated chunk (what Puppeteer and Playwright use too). The page is
driven like a user drives it: real mouse clicks at the elements' places
(``Input.dispatchMouseEvent``) and typed text (``Input.insertText``); downloads land in a
folder (``Browser.setDownloadBehavior``).

Debian's package is ``chromium`` (scripts/install_system_deps.sh). Without it the tests
skip, except under ``CI``, where they fail: CI installs it, so a skip would hide a gap.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest

#: Longest wait for one reply or event (Chromium starts in about a second here).
WAIT_S = 30.0


def chromium_path() -> str:
    """The Chromium binary; skip (or, under CI, fail) when there is none."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    message = "Debian's chromium package is not installed (scripts/install_system_deps.sh)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class CdpError(RuntimeError):
    pass


class Chromium:
    """One headless browser with one page attached (flattened session)."""

    def __init__(self, profile: Path, downloads: Path) -> None:
        self.downloads = downloads
        cmd_r, cmd_w = os.pipe()  # we write commands, Chromium reads them on fd 3
        out_r, out_w = os.pipe()  # Chromium writes on fd 4, we read
        binary = chromium_path()
        # copies numbered 10 and up, so that moving them to 3 and 4 overwrites neither
        child_in = fcntl.fcntl(cmd_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_out = fcntl.fcntl(out_w, fcntl.F_DUPFD_CLOEXEC, 10)

        def child_fds() -> None:  # runs in the child, before exec: dup2 makes them inheritable
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.proc = subprocess.Popen(
            [
                binary,
                "--headless",
                "--remote-debugging-pipe",
                "--no-sandbox",  # CI runs as root
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # only inheritable descriptors pass exec: 3 and 4 (Python opens the rest
            # close-on-exec); close_fds would close 3 and 4 after preexec_fn
            close_fds=False,
            preexec_fn=child_fds,
        )
        for fd in (cmd_r, out_w, child_in, child_out):
            os.close(fd)
        self._w, self._r = cmd_w, out_r
        self._buf = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        self.session = ""

    # ---- the protocol ---------------------------------------------------------------------

    def send(self, method: str, params: dict[str, Any] | None = None, *, page: bool = True) -> Any:
        """Send a command and return its result (raises CdpError on a protocol error)."""
        self._next += 1
        msg: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if page and self.session:
            msg["sessionId"] = self.session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise CdpError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method: str, predicate: Any = None) -> dict[str, Any]:
        """The first event ``method`` (already received or coming) that ``predicate`` accepts."""
        deadline = time.monotonic() + WAIT_S
        while True:
            for i, ev in enumerate(self.events):
                if ev.get("method") == method and (predicate is None or predicate(ev["params"])):
                    return self.events.pop(i)
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {method} event within {WAIT_S} s")
            self.events.append(self._read(deadline))

    def _read(self, deadline: float | None = None) -> dict[str, Any]:
        deadline = deadline or time.monotonic() + WAIT_S
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._r], [], [], max(0.0, left))
            if not ready:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._r, 1 << 16)
            if not chunk:
                raise CdpError("Chromium closed the pipe (it exited)")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return dict(json.loads(raw))

    # ---- a page -------------------------------------------------------------------------------

    def open_page(self, url: str) -> None:
        self.send(
            "Browser.setDownloadBehavior",
            {"behavior": "allow", "downloadPath": str(self.downloads), "eventsEnabled": True},
            page=False,
        )
        target = self.send("Target.createTarget", {"url": "about:blank"}, page=False)
        attached = self.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, page=False
        )
        self.session = attached["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Emulation.setDeviceMetricsOverride", {
            "width": 1200, "height": 900, "deviceScaleFactor": 1, "mobile": False,
        })  # fmt: skip
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def eval(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise CdpError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """A real left click at the middle of the element (scrolled into view first)."""
        box = self.eval(
            f"(function(){{var el=document.querySelector({json.dumps(selector)});"
            "el.scrollIntoView({block:'center'});var r=el.getBoundingClientRect();"
            "return [r.left+r.width/2, r.top+r.height/2];})()"
        )
        x, y = box
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            params: dict[str, Any] = {"type": kind, "x": x, "y": y}
            if kind != "mouseMoved":
                params |= {"button": "left", "clickCount": 1}
            self.send("Input.dispatchMouseEvent", params)

    def type_into(self, selector: str, text: str) -> None:
        """Click the field, then type ``text`` as a keyboard (IME) would insert it."""
        self.click(selector)
        self.send("Input.insertText", {"text": text})

    def download(self, selector: str) -> Path:
        """Click a download link and return the file once it is complete."""
        self.click(selector)
        begin = self.wait_event("Browser.downloadWillBegin")
        guid = begin["params"]["guid"]
        self.wait_event(
            "Browser.downloadProgress",
            lambda p: p.get("guid") == guid and p.get("state") == "completed",
        )
        return self.downloads / begin["params"]["suggestedFilename"]

    def screenshot(self, path: Path) -> None:
        import base64

        shot = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        with suppress(CdpError, TimeoutError, OSError):
            self.send("Browser.close", page=False)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._w, self._r):
            with suppress(OSError):
                os.close(fd)


@contextmanager
def chromium(tmp: Path) -> Iterator[Chromium]:
    downloads = tmp / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    browser = Chromium(tmp / "chromium-profile", downloads)
    try:
        yield browser
    finally:
        browser.close()
