"""Publication dates, normalised to ``YYYY-MM-DD``.

>>> normalise_date("Tue, 03 Mar 2020 10:00:00 GMT")
'2020-03-03'
>>> normalise_date("2020-03-03T10:00:00+01:00")
'2020-03-03'
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")


def normalise_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO string, an RFC 822 date, a struct_time or a date; else None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time.struct_time):
        return time.strftime("%Y-%m-%d", value)
    s = str(value).strip()
    m = _ISO.match(s)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def html_date(html: str | object, url: str | None = None) -> str | None:
    """Publication date of a page (metadata first, then the page's own text), via htmldate."""
    from htmldate import find_date

    try:
        found = find_date(html, url=url, original_date=True, extensive_search=True)
    except Exception:  # htmldate on broken markup: no date rather than no article
        return None
    return normalise_date(found)
