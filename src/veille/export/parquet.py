"""Parquet export of (canonical) event records, typed, with nested ``sources`` and ``evidence``.

    >>> from veille.export.parquet import write_parquet
    >>> write_parquet(records, "events.parquet")       # doctest: +SKIP
    42

Columns are the contract's event fields in order, then ``sources`` and ``source_count``;
``event_date`` is a date, coordinates are doubles, lists stay lists (read them back with
pandas, polars, DuckDB or R's arrow).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from veille.model import EVENT_FIELDS

_EVIDENCE = pa.struct(
    [("field", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()), ("rule", pa.string())]
)
_SOURCE = pa.struct([("doc_id", pa.string()), ("url", pa.string()), ("published", pa.string())])
_TYPES: dict[str, pa.DataType] = {
    "event_date": pa.date32(),
    "time_precision": pa.int8(),
    "latitude": pa.float64(),
    "longitude": pa.float64(),
    "geonameid": pa.int64(),
    "geo_precision": pa.int8(),
    "fatalities": pa.int32(),
    "confidence": pa.float32(),
    "evidence": pa.list_(_EVIDENCE),
    "sources": pa.list_(_SOURCE),
    "source_count": pa.int32(),
}
#: the Parquet schema: every contract field (strings unless typed above), then sources and source_count
SCHEMA = pa.schema([(name, _TYPES.get(name, pa.string())) for name in (*EVENT_FIELDS, "sources", "source_count")])


def _cell(name: str, value: Any) -> Any:
    if name == "event_date" and isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    if name == "evidence" and value is not None:
        return [{k: e.get(k) for k in ("field", "start", "end", "text", "rule")} for e in value]
    return value


def write_parquet(records: Iterable[dict[str, Any]], where: str | Path | IO[bytes], batch_size: int = 10_000) -> int:
    """Write records to a Parquet file (path or binary stream) in row groups; returns the number written."""
    n = 0
    with pq.ParquetWriter(where, SCHEMA, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []

        def flush() -> None:
            columns = {name: [_cell(name, r.get(name)) for r in batch] for name in SCHEMA.names}
            writer.write_table(pa.table(columns, schema=SCHEMA))
            batch.clear()

        for record in records:
            batch.append(record)
            n += 1
            if len(batch) >= batch_size:
                flush()
        if batch or n == 0:
            flush()
    return n
