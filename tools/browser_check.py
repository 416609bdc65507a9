"""Open every page of the built book in headless Chromium and report what a reader would hit.

The book is served from a local folder on 127.0.0.1; Chromium is driven through the plain
Chrome DevTools Protocol (websocket-client, no browser downloads). For each page it records
console errors and uncaught exceptions, images that did not load, requests that failed or left
localhost, and internal links or anchors that do not resolve, and keeps a screenshot. Chromium
is also told that no host but localhost exists, so a page that needs the network shows as broken.

Usage: python tools/browser_check.py [HTML_DIR] [--screenshots DIR]
       (defaults: _build/html and _build/screenshots; exit status 1 if any page has a problem)
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from base64 import b64decode
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--no-default-browser-check", "--disable-extensions", "--disable-default-apps",
    "--mute-audio", "--hide-scrollbars", "--window-size=1280,900",
    "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider",
    # Every host but localhost is unknown: the book must read offline.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
]
PAGE_TIMEOUT = 30.0
QUIET_SECONDS = 0.3


def find_chromium() -> str | None:
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class PageReport:
    page: str
    console_errors: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    broken_links: list[str] = field(default_factory=list)
    requests: int = 0
    links_checked: int = 0
    images: int = 0

    @property
    def problems(self) -> list[str]:
        return ([f"console error: {e}" for e in self.console_errors]
                + [f"image did not load: {e}" for e in self.broken_images]
                + [f"request failed: {e}" for e in self.failed_requests]
                + [f"request left localhost: {e}" for e in self.external_requests]
                + [f"link does not resolve: {e}" for e in self.broken_links])


class _Quiet(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a page's assets come over a few connections

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a request the browser abandoned (e.g. a favicon) is not the book's problem


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a folder on 127.0.0.1 on a free port; yields the base address."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value or "")


@functools.cache
def ids_of(path: Path) -> frozenset[str]:
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return frozenset(parser.ids)


class DevTools:
    """One Chromium process and a DevTools connection to its first tab."""

    def __init__(self, executable: str):
        import websocket  # websocket-client, pinned in pyproject.toml

        self.profile = Path(tempfile.mkdtemp(prefix="kztm-chromium-"))
        self.proc = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.is_file() and port_file.read_text().strip()):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"{executable} did not open its DevTools port")
            time.sleep(0.05)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            targets = json.load(r)
        url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(url, timeout=PAGE_TIMEOUT, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == my_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for(self, method: str, timeout: float = PAGE_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while not any(e["method"] == method for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {method} within {timeout} s")
            self._receive(deadline - time.monotonic())

    def drain(self, quiet: float = QUIET_SECONDS) -> None:
        """Collect events until none has arrived for `quiet` seconds."""
        while self._receive(quiet):
            pass

    def _receive(self, timeout: float) -> bool:
        import websocket

        self.ws.settimeout(max(timeout, 0.01))
        try:
            message = json.loads(self.ws.recv())
        except websocket.WebSocketTimeoutException:
            return False
        finally:
            self.ws.settimeout(PAGE_TIMEOUT)
        if "method" in message:
            self.events.append(message)
        return True

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.ws.close()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


IMAGES_JS = ("Array.from(document.images).map(i => [i.currentSrc || i.src, "
             "i.complete && i.naturalWidth > 0])")
LINKS_JS = "Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"
HEIGHT_JS = "Math.min(document.documentElement.scrollHeight, 2400)"


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error", "javascript"):
        return True
    return parts.hostname in LOCAL_HOSTS


def _link_problem(href: str, base: str, html_dir: Path, page_ids: frozenset[str]) -> str | None:
    parts = urlsplit(href)
    if f"{parts.scheme}://{parts.netloc}" != base:
        return None  # an external link: not followed (the page does not load it)
    path = unquote(parts.path).lstrip("/")
    target = html_dir / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    if not target.is_file():
        return f"{href} (no file {target.relative_to(html_dir)})"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in ids_of(target):
        return f"{href} (no element with id {fragment!r} in {target.relative_to(html_dir)})"
    return None


def check_page(tools: DevTools, base: str, html_dir: Path, page: str,
               screenshots: Path | None) -> PageReport:
    report = PageReport(page)
    tools.events.clear()
    tools.call("Page.navigate", url=f"{base}/{page}")
    tools.wait_for("Page.loadEventFired")
    tools.drain()
    failed_ids = {}
    for event in tools.events:
        method, params = event["method"], event.get("params", {})
        if method == "Network.requestWillBeSent":
            report.requests += 1
            url = params["request"]["url"]
            if not _is_local(url):
                report.external_requests.append(url)
            failed_ids[params["requestId"]] = url
        elif method == "Network.responseReceived" and params["response"]["status"] >= 400:
            report.failed_requests.append(f"{params['response']['url']} "
                                          f"(HTTP {params['response']['status']})")
        elif method == "Network.loadingFailed":
            report.failed_requests.append(f"{failed_ids.get(params['requestId'], '?')} "
                                          f"({params.get('errorText')})")
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            report.console_errors.append(text)
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            report.console_errors.append(
                details.get("exception", {}).get("description") or details.get("text", ""))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            entry = params["entry"]
            report.console_errors.append(f"{entry.get('text')} {entry.get('url', '')}".strip())
    images = tools.evaluate(IMAGES_JS) or []
    report.images = len(images)
    report.broken_images = [src for src, ok in images if not ok]
    page_ids = ids_of(html_dir / page)
    for href in sorted(set(tools.evaluate(LINKS_JS) or [])):
        report.links_checked += 1
        problem = _link_problem(href, base, html_dir, page_ids)
        if problem:
            report.broken_links.append(problem)
    if screenshots is not None:
        height = int(tools.evaluate(HEIGHT_JS) or 900)
        # a viewport as tall as the page (capped), so the shot is the page as laid out at 1280
        tools.call("Emulation.setDeviceMetricsOverride", width=1280, height=height,
                   deviceScaleFactor=1, mobile=False)
        try:
            shot = tools.call("Page.captureScreenshot", format="png", optimizeForSpeed=True)
        finally:
            tools.call("Emulation.clearDeviceMetricsOverride")
        out = screenshots / (page.removesuffix(".html").replace("/", "__") + ".png")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(b64decode(shot["data"]))
    return report


def pages_of(html_dir: Path) -> list[str]:
    return sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                  if not p.relative_to(html_dir).parts[0].startswith("_"))


def check_site(html_dir: Path, screenshots: Path | None = None,
               executable: str | None = None) -> list[PageReport]:
    executable = executable or find_chromium()
    if executable is None:
        raise FileNotFoundError("no Chromium found (install it with `make browser`)")
    html_dir = Path(html_dir).resolve()
    ids_of.cache_clear()
    with serve(html_dir) as base:
        tools = DevTools(executable)
        try:
            return [check_page(tools, base, html_dir, page, screenshots)
                    for page in pages_of(html_dir)]
        finally:
            tools.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html_dir", nargs="?", default=str(ROOT / "_build" / "html"))
    parser.add_argument("--screenshots", default=str(ROOT / "_build" / "screenshots"))
    args = parser.parse_args(argv)
    reports = check_site(Path(args.html_dir), Path(args.screenshots))
    bad = 0
    for r in reports:
        status = "ok" if not r.problems else f"{len(r.problems)} problem(s)"
        print(f"{r.page}: {r.requests} requests, {r.images} images, {r.links_checked} links: "
              f"{status}")
        for problem in r.problems:
            print(f"    {problem}")
        bad += bool(r.problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
