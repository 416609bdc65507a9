"""Open every page of the built book in headless Chromium and report what a reader would hit.

Selenium drives Debian's `chromium` through Debian's `chromium-driver`; the book is served from
its folder on 127.0.0.1, and Chromium is told that no other host exists, so a page that needs
the network shows as broken. For each page it records console errors and uncaught exceptions
(the browser log), requests that failed or left localhost (Chromium's performance log of
network events), images that did not load, internal links or anchors that do not resolve,
images whose alternative text is missing or a file name, table cells that print a missing value
(`<NA>`, `nan`, `None`), and, when axe-core is installed (`make browser`), the accessibility
violations axe-core finds in the page; a screenshot of every page is kept.

Usage: python tools/browser_check.py [HTML_DIR] [--screenshots DIR]
       (defaults: _build/html and _build/screenshots; exit status 1 if any page has a problem)
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # package.json pins it; make browser
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-default-browser-check", "--disable-extensions", "--disable-default-apps",
    "--mute-audio", "--hide-scrollbars", "--window-size=1280,900",
    "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider",
    # Every host but localhost is unknown: the book must read offline.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
PAGE_TIMEOUT = 30
QUIET_SECONDS = 0.3
SEVERITY = ("critical", "serious", "moderate", "minor")
SERIOUS = SEVERITY[:2]
MISSING_VALUES = ("<NA>", "NA", "nan", "NaN", "NaT", "None", "null")


def find_chromium() -> str | None:
    return _executable("CHROMIUM", ("chromium", "chromium-browser", "google-chrome"))


def find_chromedriver() -> str | None:
    return _executable("CHROMEDRIVER", ("chromedriver",))


def _executable(variable: str, names: tuple[str, ...]) -> str | None:
    explicit = os.environ.get(variable)
    if explicit:
        return explicit if Path(explicit).is_file() else None
    return next((found for name in names if (found := shutil.which(name))), None)


@dataclass
class PageReport:
    page: str
    console_errors: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    broken_links: list[str] = field(default_factory=list)
    alt_texts: dict[str, str | None] = field(default_factory=dict)  # image address -> alt
    bad_alt_texts: list[str] = field(default_factory=list)
    missing_value_cells: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)  # axe-core's (when axe_ran)
    requests: int = 0
    links_checked: int = 0
    images: int = 0
    cells: int = 0
    axe_ran: bool = False

    @property
    def problems(self) -> list[str]:
        """What breaks reading the page: errors, failed loads, external requests, dead links."""
        return ([f"console error: {e}" for e in self.console_errors]
                + [f"image did not load: {e}" for e in self.broken_images]
                + [f"request failed: {e}" for e in self.failed_requests]
                + [f"request left localhost: {e}" for e in self.external_requests]
                + [f"link does not resolve: {e}" for e in self.broken_links])

    @property
    def accessibility_problems(self) -> list[str]:
        """Critical and serious axe-core violations, and images without a meaningful text."""
        return ([f"axe-core {v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}: "
                 f"{', '.join(v['nodes'][:3])})" for v in self.violations
                 if v["impact"] in SERIOUS]
                + [f"image without meaningful alternative text: {e}" for e in self.bad_alt_texts])

    def impacts(self) -> collections.Counter:
        """Violating elements per axe-core impact level (critical, serious, moderate, minor)."""
        return collections.Counter({level: sum(len(v["nodes"]) for v in self.violations
                                               if v["impact"] == level)
                                    for level in SEVERITY})


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


@contextlib.contextmanager
def chromium_driver(chromium: str, chromedriver: str):
    """A Selenium session on a headless Chromium with a fresh profile, logging the browser's
    console and its network events."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = Path(tempfile.mkdtemp(prefix="kztm-chromium-"))
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = None
    try:
        driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
        driver.set_page_load_timeout(PAGE_TIMEOUT)
        driver.set_script_timeout(2 * PAGE_TIMEOUT)
        driver.get("about:blank")
        _events(driver)  # what the browser did on its own at start (its new-tab page) is
        driver.get_log("browser")  # not the book's
        yield driver
    finally:
        if driver is not None:
            driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


IMAGES_JS = """return Array.from(document.images).map(i => [i.currentSrc || i.src,
    i.complete && i.naturalWidth > 0, i.getAttribute('alt'),
    i.getAttribute('aria-hidden') === 'true' || i.getAttribute('role') === 'presentation'])"""
LINKS_JS = "return Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"
CELLS_JS = """return Array.from(document.querySelectorAll('table')).flatMap((t, n) => {
    const name = t.id || (t.closest('[id]') || {}).id || 'table ' + (n + 1);
    return Array.from(t.querySelectorAll('th, td')).map(c => [name, c.textContent.trim()]);
})"""
HEIGHT_JS = "return Math.min(document.documentElement.scrollHeight, 2400)"
AXE_RUN_JS = """const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.map(n => n.target.join(' '))}))))
  .catch(e => done({error: String(e)}));"""
FILE_NAME = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|pdf|ico)\b|[0-9a-f]{12,}|^[\w.\-]*/[\w./\-]*$",
                       re.I)


def alt_problem(alt: str | None) -> str | None:
    """Why an image's alternative text says nothing to a reader, or None when it does."""
    if alt is None:
        return "no alt attribute"
    if not alt.strip():
        return "empty"
    if FILE_NAME.search(alt):
        return f"a file name or hash: {alt!r}"
    return None


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error", "javascript"):
        return True
    return parts.hostname in LOCAL_HOSTS


def _link_problem(href: str, base: str, html_dir: Path) -> str | None:
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


def _events(driver) -> list[dict]:
    """Events of the performance log until no network event has come for QUIET_SECONDS. The page's
    other checks run before this is called, so that quiet time has mostly passed already: the
    wait is measured from the newest event, not slept out in full on every page."""
    events: list[dict] = []
    newest = 0.0
    while True:
        batch = [(e["timestamp"] / 1000, json.loads(e["message"])["message"])
                 for e in driver.get_log("performance")]
        events += [event for _, event in batch]
        newest = max([newest, *(at for at, event in batch
                                if event["method"].startswith("Network."))])
        quiet = time.time() - newest
        if quiet >= QUIET_SECONDS:
            return events
        time.sleep(QUIET_SECONDS - quiet)


def check_page(driver, base: str, html_dir: Path, page: str, screenshots: Path | None,
               axe_source: str | None) -> PageReport:
    """Open `page` and check it; its network requests and console errors are read last, when
    no request has come for QUIET_SECONDS, so a late one is caught too."""
    report = PageReport(page)
    driver.get(f"{base}/{page}")
    images = driver.execute_script(IMAGES_JS) or []
    report.images = len(images)
    report.broken_images = [src for src, ok, _, _ in images if not ok]
    report.alt_texts = {src: alt for src, _, alt, _ in images}
    report.bad_alt_texts = [f"{src} ({why})" for src, _, alt, hidden in images
                            if not hidden and (why := alt_problem(alt))]
    cells = driver.execute_script(CELLS_JS) or []
    report.cells = len(cells)
    report.missing_value_cells = [f"{table}: {text!r}" for table, text in cells
                                  if text in MISSING_VALUES]
    for href in sorted(set(driver.execute_script(LINKS_JS) or [])):
        report.links_checked += 1
        problem = _link_problem(href, base, html_dir)
        if problem:
            report.broken_links.append(problem)
    if axe_source is not None:
        driver.execute_script(axe_source)
        found = driver.execute_async_script(AXE_RUN_JS)
        if isinstance(found, dict):
            raise RuntimeError(f"{page}: axe-core failed: {found.get('error')}")
        report.violations, report.axe_ran = found, True
    if screenshots is not None:
        # a window as tall as the page (capped), so the shot is the page as laid out at 1280
        driver.set_window_size(1280, int(driver.execute_script(HEIGHT_JS) or 900))
        try:
            out = screenshots / (page.removesuffix(".html").replace("/", "__") + ".png")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(driver.get_screenshot_as_png())
        finally:
            driver.set_window_size(1280, 900)
    urls = {}
    for event in _events(driver):
        method, params = event["method"], event.get("params", {})
        if method == "Network.requestWillBeSent":
            report.requests += 1
            url = params["request"]["url"]
            if not _is_local(url):
                report.external_requests.append(url)
            urls[params["requestId"]] = url
        elif method == "Network.responseReceived" and params["response"]["status"] >= 400:
            report.failed_requests.append(f"{params['response']['url']} "
                                          f"(HTTP {params['response']['status']})")
        elif method == "Network.loadingFailed":
            report.failed_requests.append(f"{urls.get(params['requestId'], '?')} "
                                          f"({params.get('errorText')})")
    report.console_errors = [e["message"] for e in driver.get_log("browser")
                             if e["level"] == "SEVERE"]
    return report


def pages_of(html_dir: Path) -> list[str]:
    return sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                  if not p.relative_to(html_dir).parts[0].startswith("_"))


def check_site(html_dir: Path, screenshots: Path | None = None, chromium: str | None = None,
               chromedriver: str | None = None, axe: Path | None = AXE) -> list[PageReport]:
    """Every page of `html_dir` opened in Chromium; axe-core is run when `axe` exists."""
    chromium = chromium or find_chromium()
    chromedriver = chromedriver or find_chromedriver()
    if chromium is None or chromedriver is None:
        raise FileNotFoundError("no chromium or chromedriver found (install Debian's chromium "
                                "and chromium-driver with `make browser`)")
    axe_source = axe.read_text(encoding="utf-8") if axe and axe.is_file() else None
    html_dir = Path(html_dir).resolve()
    ids_of.cache_clear()
    with serve(html_dir) as base, chromium_driver(chromium, chromedriver) as driver:
        return [check_page(driver, base, html_dir, page, screenshots, axe_source)
                for page in pages_of(html_dir)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html_dir", nargs="?", default=str(ROOT / "_build" / "html"))
    parser.add_argument("--screenshots", default=str(ROOT / "_build" / "screenshots"))
    args = parser.parse_args(argv)
    reports = check_site(Path(args.html_dir), Path(args.screenshots))
    bad, total = 0, collections.Counter()
    for r in reports:
        found = r.problems + r.accessibility_problems + [
            f"missing value in a table cell: {c}" for c in r.missing_value_cells]
        total += r.impacts()
        status = "ok" if not found else f"{len(found)} problem(s)"
        print(f"{r.page}: {r.requests} requests, {r.images} images, {r.links_checked} links, "
              f"{r.cells} table cells: {status}")
        for problem in found:
            print(f"    {problem}")
        bad += bool(found)
    if reports and not reports[0].axe_ran:
        print(f"axe-core not run: {AXE} is missing (install it with `make browser`)")
    else:
        rules = collections.Counter((v["impact"], v["id"]) for r in reports
                                    for v in r.violations for _ in v["nodes"])
        print("axe-core violations (elements) by impact: "
              + ", ".join(f"{level} {total[level]}" for level in SEVERITY)
              + "".join(f"\n    {impact} {rule}: {n}" for (impact, rule), n in sorted(
                  rules.items(), key=lambda item: (SEVERITY.index(item[0][0]), item[0][1]))))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
