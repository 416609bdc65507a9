"""Each page's doctree read once per build for its {numref} references, not once a reference.

Sphinx resolves a {numref} by unpickling the whole doctree of the page the figure or table is
on (sphinx.domains.std, `_resolve_numref_xref`), for every reference: with 31 references into
pages of up to 0.7 MB (the Data page) that was a fifth of the HTML step. Resolving a number
only reads the target page's nodes, so one copy of each page per build is enough; it is held
while the pages are written and dropped when the build finishes. The numbers and links are
those Sphinx gives (tests/test_book.py checks them).
Enabled in _config.yml under sphinx.local_extensions.
"""

from __future__ import annotations

from sphinx.domains.std import StandardDomain

_pages: dict[str, object] = {}
_resolve = StandardDomain._resolve_numref_xref


def _resolve_numref_xref(self, env, *args, **kwargs):
    read = env.get_doctree

    def once(docname: str):
        if docname not in _pages:
            _pages[docname] = read(docname)
        return _pages[docname]

    env.get_doctree = once  # for this call only: other callers change what they are given
    try:
        return _resolve(self, env, *args, **kwargs)
    finally:
        del env.get_doctree


def _forget(*_args) -> None:
    _pages.clear()


def setup(app):
    StandardDomain._resolve_numref_xref = _resolve_numref_xref
    app.connect("env-updated", _forget)
    app.connect("build-finished", _forget)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
