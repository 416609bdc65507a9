"""The rendered book in a real browser: every page opened in headless Chromium.

No console error, every image loaded, every internal link and anchor resolves, and no request
leaves localhost (the book reads offline). Screenshots of every page are kept in
_build/screenshots/. Chromium is Debian's package, installed by `make browser` (which .ci/run
calls); when it is missing and cannot be installed here, the tests are skipped saying why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import browser_check  # noqa: E402

SCREENSHOTS = ROOT / "_build" / "screenshots"


@pytest.fixture(scope="session")
def chromium() -> str:
    found = browser_check.find_chromium()
    if found is None and os.geteuid() == 0 and shutil.which("apt-get") and shutil.which("make"):
        subprocess.run(["make", "-s", "-C", str(ROOT), "browser"], capture_output=True)
        found = browser_check.find_chromium()
    if found is None:
        pytest.skip("no Chromium on this machine, and it cannot be installed here (`make "
                    "browser` needs root and apt-get): the book was not checked in a browser")
    return found


@pytest.fixture(scope="session")
def reports(built_html, chromium):
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    return {r.page: r for r in browser_check.check_site(built_html, SCREENSHOTS, chromium)}


def test_every_page_was_opened(reports, built_html):
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    chapters = [line.split("file:")[1].strip() for line in toc.splitlines() if "file:" in line]
    expected = {f"{c}.html" for c in ["book/intro", *chapters]} | {"index.html", "search.html",
                                                                   "genindex.html"}
    assert expected <= set(reports)
    assert set(reports) == set(browser_check.pages_of(built_html))


def test_no_page_has_a_console_error_a_broken_image_link_or_request(reports):
    problems = {page: r.problems for page, r in reports.items() if r.problems}
    assert problems == {}


def test_no_request_leaves_localhost(reports):
    assert all(r.requests > 10 for r in reports.values())  # the theme's assets were requested
    assert [u for r in reports.values() for u in r.external_requests] == []


def test_figures_load_and_their_downloads_resolve(reports):
    source = reports["book/source.html"]
    assert source.images >= 1 and source.broken_images == []
    assert source.links_checked > 10 and source.broken_links == []


def test_a_screenshot_of_every_page_is_kept(reports):
    for page in reports:
        shot = SCREENSHOTS / (page.removesuffix(".html").replace("/", "__") + ".png")
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", page


BAD_PAGE = """<!DOCTYPE html><html><head><title>bad</title>
<link rel="icon" href="data:,">
<script>console.error("something broke")</script></head>
<body id="top"><img src="missing.png"><img src="https://cdn.example.org/x.png">
<a href="#top">ok</a> <a href="#nowhere">bad anchor</a> <a href="other.html">bad link</a>
<a href="good.html#here">ok</a> <a href="good.html#gone">bad anchor elsewhere</a>
<a href="https://example.org/">external link, not followed</a></body></html>"""


def test_the_check_finds_what_is_wrong(tmp_path: Path, chromium):
    (tmp_path / "index.html").write_text(BAD_PAGE, encoding="utf-8")
    (tmp_path / "good.html").write_text('<html><head><link rel="icon" href="data:,"></head>'
                                        '<body><p id="here">x</p></body></html>',
                                        encoding="utf-8")
    found = {r.page: r for r in browser_check.check_site(tmp_path, None, chromium)}
    bad = found["index.html"]
    assert "something broke" in bad.console_errors
    assert [Path(u).name for u in bad.broken_images] == ["missing.png", "x.png"]
    assert bad.external_requests == ["https://cdn.example.org/x.png"]
    assert [b.split(" (")[0].rsplit("/", 1)[1] for b in bad.broken_links] == [
        "good.html#gone", "index.html#nowhere", "other.html"]
    assert found["good.html"].problems == []
