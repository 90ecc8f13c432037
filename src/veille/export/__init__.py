"""Writers for event records: JSONL, CSV (ACLED's columns first), GeoJSON."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from veille.model import EVENT_FIELDS

# ACLED's own column names in its order, then veille's extra fields.
CSV_COLUMNS = list(EVENT_FIELDS)


class JsonlWriter:
    def __init__(self, out: IO[str]):
        self.out = out

    def write(self, row: dict[str, Any]) -> None:
        self.out.write(json.dumps(row, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.out.flush()


class CsvWriter:
    def __init__(self, out: IO[str], columns: Iterable[str] = CSV_COLUMNS):
        self.columns = list(columns)
        self.writer = csv.DictWriter(out, fieldnames=self.columns, extrasaction="ignore")
        self.writer.writeheader()
        self.out = out

    def write(self, row: dict[str, Any]) -> None:
        flat = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v) for k, v in row.items()}
        self.writer.writerow(flat)

    def close(self) -> None:
        self.out.flush()


class GeoJsonWriter:
    """A FeatureCollection, streamed: one Feature per event with coordinates."""

    def __init__(self, out: IO[str]):
        self.out = out
        self.first = True
        out.write('{"type": "FeatureCollection", "features": [\n')

    def write(self, row: dict[str, Any]) -> None:
        lat, lon = row.get("latitude"), row.get("longitude")
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        props = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
        feature = {"type": "Feature", "geometry": geometry, "properties": props}
        self.out.write(("" if self.first else ",\n") + json.dumps(feature, ensure_ascii=False))
        self.first = False

    def close(self) -> None:
        self.out.write("\n]}\n")
        self.out.flush()


WRITERS = {"jsonl": JsonlWriter, "csv": CsvWriter, "geojson": GeoJsonWriter}


def make_writer(fmt: str, out: IO[str]):
    """A writer for ``fmt`` (``jsonl``, ``csv`` or ``geojson``) over the open text stream ``out``."""
    try:
        return WRITERS[fmt](out)
    except KeyError:
        raise ValueError(f"unknown output format {fmt!r}") from None
