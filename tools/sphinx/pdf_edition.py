"""The landing page's link to the PDF edition, shown only when the PDF is there to link to.

`make pdf` (tools/build_pdf.py) writes the whole book as one PDF to _build/pdf/<name>.pdf, where
<name> is the LaTeX target name of _config.yml (latex.latex_documents.targetname). The directive

    ```{pdf-edition}
    ```

in book/intro.md becomes, in the HTML build, a download link to that file (Sphinx copies it into
_build/html/_downloads/), and nothing in the PDF itself. Without a built PDF (TeX not installed,
`make pdf` not run; a PDF older than the book is rebuilt by `make html` first) it becomes nothing
either: the HTML never links to a file it does not ship, so the browser test's link check holds
on every machine.

In the LaTeX build it also lifts the landing page's table of contents out of the "Chapters"
section that holds it in the HTML: LaTeX nests the documents of a toctree under the section it
stands in, so the chapters would otherwise be sections 2.1-2.9 of a chapter called "Chapters".
And its title page carries the report's version and release date from CITATION.cff instead of
the day of the build (a rebuilt PDF says the same).
Enabled in _config.yml under sphinx.local_extensions.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

PDF_FOLDER = Path("_build") / "pdf"


def pdf_name(latex_documents) -> str:
    """The PDF's file name from Sphinx's latex_documents (its first entry's target .tex)."""
    return Path(latex_documents[0][1]).with_suffix(".pdf").name


class PdfEdition(SphinxDirective):
    has_content = False

    def run(self):
        if self.env.app.builder.format != "html":
            return []
        relative = PDF_FOLDER / pdf_name(self.config.latex_documents)
        if not (Path(self.env.srcdir) / relative).is_file():
            return []
        text = (f"The whole report is also one {{download}}`PDF edition </{relative.as_posix()}>`, "
                "typeset from the same sources, with the same figure numbers.")
        holder = nodes.container()
        self.state.nested_parse(StringList([text], source=self.get_source_info()[0]),
                                self.content_offset, holder)
        return list(holder.children)


def chapters_at_top_level(app, doctree) -> None:
    """In the LaTeX build of the root document, move each section whose body is only a table of
    contents to the top level of the page (dropping its heading): its chapters become chapters."""
    if app.builder.format != "latex" or app.env.docname != app.config.root_doc:
        return
    for wrapper in list(doctree.findall(nodes.compound)):
        if "toctree-wrapper" not in wrapper["classes"]:
            continue
        section = wrapper.parent
        page = section.parent if isinstance(section, nodes.section) else None
        if not isinstance(page, nodes.section):
            continue
        rest = [n for n in section.children if n is not wrapper and not isinstance(n, nodes.title)]
        if rest:
            continue
        page.replace(section, wrapper)


def version_instead_of_build_date(app, config) -> None:
    """`today` (the date on the LaTeX title page) from CITATION.cff: version and release date."""
    import datetime

    import yaml

    path = Path(app.srcdir) / "CITATION.cff"
    if config.today or not path.is_file():
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if data.get("version") and data.get("date-released"):
        released = datetime.date.fromisoformat(str(data["date-released"]))
        config.today = f"Version {data['version']}, {released.day} {released:%B %Y}"


def setup(app):
    app.add_directive("pdf-edition", PdfEdition)
    app.connect("config-inited", version_instead_of_build_date)
    # after sphinx-external-toc has put the toctrees in place (doctree-read, default priority)
    app.connect("doctree-read", chapters_at_top_level, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
