"""Dates as the project writes them: ISO 8601 at year, month or day precision, and real."""

from __future__ import annotations

import datetime
import re

ISO_FORM = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def is_calendar_date(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real year, month or day (2001-02-30 is not)."""
    if not ISO_FORM.fullmatch(text):
        return False
    year, month, day = (int(p) for p in (text.split("-") + ["01", "01"])[:3])
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True
