"""A Sphinx extension that lets a reader follow a number to its rows: in the HTML, every row id
in the prose and in the tables is a link to that row.

- **Rows have anchors.** In a table with a column headed "Row", a cell that opens with the id
  of a reference row (a `fact_id` of data/reference/: bm01, tt05, rf23 ...) is that row's place,
  and its table row gets the anchor `row-<id>`. Where several tables hold a row, its home is a
  chapter's table before the Data page's list of every reference row, one whose caption names
  the row's reference table (`border_milestones`) before one that does not, else the first in
  the book's order.
- **Ids are links.** Once a page is resolved, each reference row id in its text, in a table
  cell or as inline code, links to the row's home (a row no chapter table holds is at home on
  the Data page). A paragraph id (p016) links to the paragraph in the
  source chapter's table of paragraphs, and a sentence id (p042.s01) to its paragraph. Headings,
  code blocks and existing links are left as they are, and so is a row's own cell at its home.

HTML builders only: the PDF edition prints the ids as text. Nothing is guessed: an id links
only when the row or the paragraph's label exists. Enabled in _config.yml under
sphinx.local_extensions.
"""

from __future__ import annotations

import re

from docutils import nodes

ROW_HEADING = "Row"
# The Data page lists every reference row too: a chapter's table is a row's home before it.
DATA_PAGE = "book/data"
TOKEN = re.compile(r"(?<![\w-])(?:[a-z]{2}\d{2,3}|p\d{3}(?:\.s\d{2})?)(?![\w-])")
PARAGRAPH = re.compile(r"p\d{3}")
SKIP = (nodes.reference, nodes.literal_block, nodes.raw, nodes.title, nodes.target,
        nodes.math, nodes.math_block, nodes.comment)


def reference_ids() -> dict[str, str]:
    """Every reference row id with the name of its table (read through the one reader)."""
    from analysis.io import reference

    ids = {}
    for declared in reference.REFERENCE_TABLES:
        if "fact_id" in declared.column_names:
            for fact_id in reference.load(declared.name)["fact_id"]:
                ids[str(fact_id)] = declared.name
    return ids


def data_page_label(table: str) -> str:
    """The label of a reference table on the Data page (analysis.publish.citation's)."""
    from analysis.publish.citation import DataTable

    return DataTable("reference_" + table, "", "", "").label


def _ids(app) -> dict[str, str]:
    if not hasattr(app, "_row_ids"):
        app._row_ids = reference_ids()
    return app._row_ids


def _store(env) -> dict:
    if not hasattr(env, "row_link_places"):
        env.row_link_places = {}
    return env.row_link_places


def find_row_places(app, doctree):
    """Give each row of a "Row" column its anchor and note where it is (doctree-read)."""
    ids, places = _ids(app), _store(app.env)
    docname = app.env.docname
    used = set(doctree.ids)
    for table in doctree.findall(nodes.table):
        title = next(iter(table.findall(nodes.title)), None)
        caption = title.astext() if title is not None else ""
        head = next(iter(table.findall(nodes.thead)), None)
        body = next(iter(table.findall(nodes.tbody)), None)
        if head is None or body is None:
            continue
        headings = [e.astext().strip() for e in next(iter(head.findall(nodes.row)))
                    .findall(nodes.entry)]
        if ROW_HEADING not in headings:
            continue
        column = headings.index(ROW_HEADING)
        for row in body.children:
            entries = [e for e in row.children if isinstance(e, nodes.entry)]
            if len(entries) <= column:
                continue
            words = entries[column].astext().split()
            fact_id = words[0] if words else ""
            if fact_id not in ids:
                continue
            anchor = f"row-{fact_id}"
            if anchor in used:
                continue
            used.add(anchor)
            row["ids"].append(anchor)
            doctree.ids[anchor] = row
            entries[column]["row_link_home"] = fact_id
            named = f"`{ids[fact_id]}`" in caption or ids[fact_id] in caption
            places.setdefault(fact_id, []).append((docname, anchor, named))


def purge_doc(app, env, docname):
    for fact_id, found in list(_store(env).items()):
        env.row_link_places[fact_id] = [p for p in found if p[0] != docname]


def merge_info(app, env, docnames, other):
    for fact_id, found in getattr(other, "row_link_places", {}).items():
        _store(env).setdefault(fact_id, []).extend(p for p in found if p[0] in docnames)


def book_order(env, root: str) -> list[str]:
    """Documents in the order of the table of contents, from the root."""
    order, todo = [], [root]
    while todo:
        doc = todo.pop(0)
        if doc in order:
            continue
        order.append(doc)
        todo[0:0] = env.toctree_includes.get(doc, [])
    return order


def homes(app) -> dict[str, tuple[str, str]]:
    """Each row's home: (document, anchor)."""
    env = app.env
    if getattr(app, "_row_homes", None) is None:
        order = {doc: i for i, doc in enumerate(book_order(env, app.config.root_doc))}
        app._row_homes = {
            fact_id: min(found, key=lambda p: (p[0] == DATA_PAGE, not p[2],
                                               order.get(p[0], len(order))))[:2]
            for fact_id, found in _store(env).items() if found}
    return app._row_homes


def target_of(app, token: str) -> tuple[str, str] | None:
    """(document, anchor) a token links to, or None."""
    std = app.env.get_domain("std")
    if token in _ids(app):
        home = homes(app).get(token)
        if home is not None:
            return home
        label = std.labels.get(data_page_label(_ids(app)[token]))
        return (label[0], label[1]) if label else None
    if PARAGRAPH.match(token):
        label = std.anonlabels.get(f"source-{token[:4]}")
        return (label[0], label[1]) if label else None
    return None


def _skipped(node, own: str | None) -> bool:
    """Whether a node is left as it is: inside a heading, code, a link or the like, or the
    cell at a row's home that holds that row's own id (`own`)."""
    for parent in _ancestors(node):
        if isinstance(parent, SKIP):
            return True
        if own is not None and isinstance(parent, nodes.entry) \
                and parent.get("row_link_home") == own:
            return True
    return False


def _ancestors(node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def link_ids(app, doctree, docname):
    """Make every row id of a resolved page a link to its row (doctree-resolved)."""
    if app.builder.format != "html":
        return
    home_here = {f for f, (doc, _) in homes(app).items() if doc == docname}

    def reference(target, child):
        doc, anchor = target
        uri = app.builder.get_relative_uri(docname, doc) + "#" + anchor
        return nodes.reference("", "", child, refuri=uri, internal=True,
                               classes=["row-link"])

    for literal in list(doctree.findall(nodes.literal)):
        token = literal.astext().strip()
        target = TOKEN.fullmatch(token) and target_of(app, token)
        if target and not _skipped(literal, token if token in home_here else None):
            literal.replace_self(reference(target, literal.deepcopy()))
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, nodes.literal):
            continue
        value = str(text)
        pieces, last = [], 0
        for match in TOKEN.finditer(value):
            token = match.group(0)
            target = target_of(app, token)
            if not target or _skipped(text, token if token in home_here else None):
                continue
            pieces.append(nodes.Text(value[last:match.start()]))
            pieces.append(reference(target, nodes.Text(token)))
            last = match.end()
        if pieces:
            pieces.append(nodes.Text(value[last:]))
            parent.replace(text, [p for p in pieces if not isinstance(p, nodes.Text) or str(p)])


def reset_homes(app, env):
    app._row_homes = None
    return []


def setup(app):
    app.connect("doctree-read", find_row_places)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("env-updated", reset_homes)
    app.connect("doctree-resolved", link_ids)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
