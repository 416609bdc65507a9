"""A small Sphinx extension that keeps the book readable offline and its pages free of errors.

- Every script, stylesheet or image a page loads must be shipped with the book: one loaded
  from another host (a CDN) is a build warning, so `-W` fails the build naming the page.
- A script registered twice is linked once: sphinx-thebe 0.3.1 registers its inline
  configuration on every read phase, and the duplicate `const THEBE_JS_URL` is a JavaScript
  error in the browser console of every page.

Enabled in _config.yml under sphinx.local_extensions; checked by tests/test_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)


def _key(asset) -> tuple:
    # An inline script is registered with filename None by one extension and '' by another.
    return (getattr(asset, "filename", str(asset)) or "",
            tuple(sorted((getattr(asset, "attributes", None) or {}).items())))


def _unique(assets) -> list:
    seen, out = set(), []
    for asset in assets:
        if _key(asset) not in seen:
            seen.add(_key(asset))
            out.append(asset)
    return out


EXTERNAL_ASSET = re.compile(
    r"<(?:script|img|iframe|audio|video|source)\b[^>]*\bsrc=[\"'](?:https?:)?//[^\"']+"
    r"|<link\b[^>]*\bhref=[\"'](?:https?:)?//[^\"']+[^>]*>", re.I)


def on_page_context(app, pagename, templatename, context, doctree):
    """Link each registered script and stylesheet once (runs first, edits the lists in place,
    so what later handlers add still goes into the same list)."""
    for name in ("script_files", "css_files"):
        if isinstance(context.get(name), list):
            context[name][:] = _unique(context[name])


def on_build_finished(app, exception):
    """Warn about every page that would load something from another host."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for page in sorted(out.rglob("*.html")):
        html = page.read_text(encoding="utf-8", errors="replace")
        for match in EXTERNAL_ASSET.finditer(html):
            if re.search(r"rel=[\"'](?:canonical|alternate|author|license)", match.group(0)):
                continue
            logger.warning(f"{page.relative_to(out)} loads an asset from another host "
                           f"({match.group(0)[:160]}); ship it with the book so it reads "
                           f"offline", type="offline_book", subtype="external_asset")


def setup(app):
    app.connect("html-page-context", on_page_context, priority=1)
    app.connect("build-finished", on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
