"""A Sphinx extension that makes the book's pages accessible, checked with axe-core in the
browser test (tests/test_browser.py: no critical or serious violation on any page).

- **Figures say what they show.** Each figure's image gets the alternative text declared for
  it in data/codebooks/figures.csv (column `alt`), found by the figure's `:name:`. A figure or
  image with no declared text is a build warning, so `-W` fails the build naming the page (without
  it Sphinx would use the image's file name, which a screen reader reads out as a hash).
- **Controls are named by what they show.** myst-nb's "Show code cell source" toggles and the
  theme's search and colour-mode buttons carried an `aria-label` other than their visible text
  (WCAG 2.5.3, "label in name"): the label is dropped from the toggles, and the two buttons come
  from the templates in tools/sphinx/templates/, the theme's own less the mismatching label.
  The same folder puts the sidebar's title link in a navigation landmark.
- **The reference list is a list.** docutils marks each citation with the deprecated
  `doc-biblioentry` role inside a `role="list"`; a list must hold list items, so each citation
  is a `listitem`.
- **No empty table header.** A pandas table's index corner is an empty header cell, which names
  no column; it is written as an ordinary empty cell.

Enabled in _config.yml under sphinx.local_extensions.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)
TEMPLATES = Path(__file__).resolve().parent / "templates"
EMPTY_HEADER_CELL = re.compile(r"<th(\s[^>]*)?>(?:\s|&nbsp;|&#160;)*</th>")


def declared_figures(root: Path) -> dict:
    """Every figure of data/codebooks/figures.csv by name (read through the one reader)."""
    from analysis.errors import InputError
    from analysis.publish import citation

    try:
        return citation.read_figures(root)
    except InputError as error:
        logger.warning(str(error), type="accessible_book", subtype="figure_catalogue")
        return {}


def set_figure_alt_texts(app, doctree, docname):
    """Give each figure's image the alternative text of its declaration; warn where none is."""
    figures = declared_figures(Path(app.confdir))
    for figure in doctree.findall(nodes.figure):
        declared = next((figures[n] for n in figure["names"] if n in figures), None)
        if declared is None:
            continue  # its images are reported below unless they carry their own text
        for image in figure.findall(nodes.image):
            image["alt"] = declared.alt
    for image in doctree.findall(nodes.image):
        if not (image.get("alt") or "").strip():
            figure = next((a for a in _ancestors(image) if isinstance(a, nodes.figure)), None)
            name = ", ".join(figure["names"]) if figure is not None else ""
            logger.warning(
                f"{'figure ' + repr(name) if name else 'an image'} has no alternative text: "
                f"declare the figure in data/codebooks/figures.csv (column alt) and place it "
                f"with that :name:", location=image, type="accessible_book", subtype="alt")


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


class EmptyHeaderCells(SphinxPostTransform):
    """A pandas table's empty index header cells become ordinary empty cells."""

    default_priority = 400
    formats = ("html",)

    def run(self, **kwargs):
        for raw in self.document.findall(nodes.raw):
            text = raw.astext()
            if "html" in raw.get("format", "").split() and 'class="dataframe' in text:
                raw[:] = [nodes.Text(EMPTY_HEADER_CELL.sub(r"<td\1></td>", text))]


def _rewritten(visit, old: str, new: str):
    """A visitor that writes what `visit` writes, with `old` replaced by `new`."""
    def visitor(self, node):
        start = len(self.body)
        visit(self, node)
        self.body[start:] = [part.replace(old, new) for part in self.body[start:]]
    return visitor


def register_visitors(app):
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput, visit_HideCellInput

    app.add_node(HideCodeCellNode, override=True, html=(
        _rewritten(visit_HideCellInput, '<summary aria-label="Toggle hidden content">',
                   "<summary>"), depart_HideCellInput))
    app.add_node(nodes.citation, override=True, html=(
        _rewritten(lambda self, node: type(self).visit_citation(self, node),
                   'role="doc-biblioentry"', 'role="listitem"'),
        lambda self, node: type(self).depart_citation(self, node)))


def use_templates(app, config):
    """The theme components in tools/sphinx/templates/ come before the theme's own."""
    config.templates_path.insert(0, str(TEMPLATES))


def setup(app):
    app.connect("config-inited", use_templates)
    app.connect("builder-inited", register_visitors)
    app.connect("doctree-resolved", set_figure_alt_texts)
    app.add_post_transform(EmptyHeaderCells)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
