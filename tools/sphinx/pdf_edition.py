"""The landing page's link to the PDF edition, shown only when the PDF is there to link to.

`make pdf` (tools/build_pdf.py) writes the whole book as one PDF to _build/pdf/<name>.pdf, where
<name> is the LaTeX target name of _config.yml (latex.latex_documents.targetname). The directive

    ```{pdf-edition}
    ```

in book/intro.md becomes, in the HTML build, a download link to that file (Sphinx copies it into
_build/html/_downloads/), and nothing in the PDF itself. Without a built PDF (TeX not installed,
`make pdf` not run, or a PDF older than the book, which `make html` removes) it becomes nothing
either: the HTML never links to a file it does not ship, so the browser test's link check holds
on every machine. Enabled in _config.yml under sphinx.local_extensions.
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


def setup(app):
    app.add_directive("pdf-edition", PdfEdition)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
