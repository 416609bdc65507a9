"""Which part of a composite news text each paragraph belongs to, decided by rules.

The primary source is a composite: a news agency relays the presidency's account of the talks
(its lead, the talks, the list of documents signed, the press briefing, an award), then prints
the joint statement in full, then other events of the visit, then its own credit line. The
parts are told apart by the text's own signposts, not by a list of paragraph ids:

- a section's heading decides its part and component (``HEADING_RULES``, first match wins);
  the untitled opening section is the account's lead; an unrecognised heading continues the
  part before it;
- a heading that begins "Joint statement" (or declaration, communiqué) opens the joint
  statement, which ends at its place-and-date line ("Ashgabat, October 25, 2021"); the short
  lines just before that line are its signatures; any text after it, up to the next heading,
  is other events;
- a last line that begins "///" or names a photo credit is the agency's credit line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.text import segment

PARTS = {
    "presidency_account": "The presidency's account of the talks, as relayed by the agency",
    "joint_statement": "The text of the joint statement, signatures and place-and-date line",
    "other_events": "Other events of the visit",
    "credit": "The agency's credit line",
}
PART_LABELS = {
    "presidency_account": "Presidency's account",
    "joint_statement": "Joint statement",
    "other_events": "Other events",
    "credit": "Credit line",
}

# (rule name, regex on the heading, part, component); first match wins.
HEADING_RULES = (
    ("heading: joint statement", r"^joint\s+(statement|declaration|communiqu)",
     "joint_statement", "statement"),
    ("heading: documents signed", r"^(documents|agreements)\b|\bdocuments\s+signed",
     "presidency_account", "documents_list"),
    ("heading: press conference", r"^press\b|\bbriefing\b", "presidency_account",
     "press_briefing"),
    ("heading: talks", r"\b(talks|negotiations|format|meeting)\b", "presidency_account",
     "talks"),
    ("heading: award", r"\b(awarded|award|order|medal)\b", "presidency_account", "award"),
    ("heading: other events", r"^other\s+events\b|^also\b", "other_events", "other_events"),
)
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
         r"December)")
PLACE_DATE = re.compile(rf"^[A-Z][\w’'\- ]*,\s*(?:\d{{1,2}}\s+{MONTH}\s+\d{{4}}|"
                        rf"{MONTH}\s+\d{{1,2}},\s*\d{{4}})\.?$")
CREDIT = re.compile(r"^/{2,}|\bphoto\s+credit\b", re.IGNORECASE)

CLOSES = "place-and-date line: ends the joint statement"
AFTER = "after the place-and-date line"


@dataclass(frozen=True)
class ParagraphPart:
    number: int          # 1-based, in reading order (p001 is 1)
    section_id: str
    kind: str
    start: int
    end: int
    part: str
    component: str
    rule: str


def heading_rule(title: str) -> tuple[str, str, str] | None:
    """(rule, part, component) for a section heading, or None when no rule matches."""
    for name, pattern, part, component in HEADING_RULES:
        if re.search(pattern, title, re.IGNORECASE):
            return name, part, component
    return None


def assign(text: str) -> list[ParagraphPart]:
    """The part and component of every paragraph of `text` (headings and lines included)."""
    if not isinstance(text, str):
        raise TypeError(f"assign() needs the text as str, not {type(text).__name__}")
    out: list[ParagraphPart] = []
    part, component, rule = "presidency_account", "lead", ""
    statement_open = False

    def add(sec, block, part_, component_, rule_):
        out.append(ParagraphPart(len(out) + 1, sec.section_id, block.kind, block.start,
                                 block.end, part_, component_, rule_))

    for sec in segment.sections(text):
        blocks = list(sec.paragraphs)
        if sec.heading is None:
            part, component = "presidency_account", "lead"
            rule = "untitled opening section: the account's lead"
        elif statement_open and PLACE_DATE.match(sec.title):
            # a place-and-date line followed by running text is segmented as a heading
            add(sec, sec.heading, "joint_statement", "place_date", CLOSES)
            statement_open = False
            part, component, rule = "other_events", "after_statement", AFTER
        else:
            found = heading_rule(sec.title)
            if found:
                rule, part, component = found
                statement_open = part == "joint_statement"
            else:
                rule = "unrecognised heading: continues the part before it"
                component = "statement" if statement_open else "other"
            blocks.insert(0, sec.heading)
        for pos, block in enumerate(blocks):
            if block.kind == "line" and pos == len(blocks) - 1 and CREDIT.search(block.text):
                add(sec, block, "credit", "credit", "last line with /// or a photo credit")
            elif statement_open and block.kind == "line" and PLACE_DATE.match(block.text):
                add(sec, block, "joint_statement", "place_date", CLOSES)
                statement_open = False
                part, component, rule = "other_events", "after_statement", AFTER
            elif statement_open and block.kind == "line":
                add(sec, block, "joint_statement", "signatures",
                    "short line before the place-and-date line: a signature")
            else:
                add(sec, block, part, component, rule)
    return out
