"""CSV in ACLED's column order: ACLED's own columns first, then veille's extra fields.

    >>> import sys
    >>> from veille.export.acled import AcledCsvWriter
    >>> w = AcledCsvWriter(sys.stdout)                  # doctest: +SKIP
    >>> w.write(canonical_record); w.close()            # doctest: +SKIP

Columns ACLED has and veille's record lacks are derived (``year``, ``disorder_type``,
``interaction``, ``civilian_targeting``, ``iso`` numeric code, ``source``) or left empty
(``region``, ``admin2``, ``admin3``, ``source_scale``, ``tags``). Every field of the contract's
event record is present under its own name, so the file is also a veille CSV.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from typing import IO, Any
from urllib.parse import urlparse

#: ACLED's export columns, in ACLED's order
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
#: veille's fields that ACLED lacks, after ACLED's
EXTRA_COLUMNS = [
    "event_id",
    "iso3",
    "geonameid",
    "confidence",
    "doc_id",
    "lang",
    "source_url",
    "published",
    "source_count",
    "sources",
    "evidence",
]
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


@lru_cache(maxsize=512)
def _iso_numeric(iso3: str | None) -> int | None:
    if not iso3:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    return int(country.numeric) if country else None


def acled_row(record: dict[str, Any]) -> dict[str, Any]:
    """One event (or canonical event) record as a row with :data:`COLUMNS`."""
    row = {name: record.get(name) for name in COLUMNS}
    date = record.get("event_date") or ""
    inter = [i for i in (record.get("inter1"), record.get("inter2")) if i]
    sources = record.get("sources") or [{"url": record.get("source_url"), "doc_id": record.get("doc_id")}]
    hosts = []
    for s in sources:
        host = urlparse(s.get("url") or "").netloc or s.get("doc_id") or ""
        if host and host not in hosts:
            hosts.append(host)
    row.update(
        event_id_cnty=record.get("event_id"),
        year=int(date[:4]) if date[:4].isdigit() else None,
        disorder_type=_DISORDER.get(record.get("event_type") or ""),
        interaction="-".join(inter) or None,
        civilian_targeting="Civilian targeting" if record.get("inter2") == "Civilians" else None,
        iso=_iso_numeric(record.get("iso3")),
        source="; ".join(hosts) or None,
        timestamp=None,  # ACLED: time of last update; left empty so that output is deterministic
    )
    for key in ("sources", "evidence"):
        if row[key] is not None:
            row[key] = json.dumps(row[key], ensure_ascii=False)
    return row


class AcledCsvWriter:
    """Streams records as CSV with :data:`COLUMNS` (same ``write``/``close`` API as the other writers)."""

    def __init__(self, out: IO[str]):
        self.out = out
        self.writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
        self.writer.writeheader()

    def write(self, row: dict[str, Any]) -> None:
        self.writer.writerow(acled_row(row))

    def close(self) -> None:
        self.out.flush()
