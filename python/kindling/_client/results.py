"""Decoding action results: Arrow IPC streams (inline or in a shared-memory segment) and pickled rows, into
pyarrow Tables, Rows and pandas DataFrames with PySpark's conventions.

Timestamps come back as naive ``datetime`` values in UTC (the engine's session time zone), the same in both
result formats.
"""

from __future__ import annotations

import io
import mmap
import os
import pickle
import tempfile
from typing import Any, List, Optional, Sequence

import pyarrow as pa

from ..errors import SparkConnectionError


def shm_dir() -> str:
    """Where segments live; the engine uses the same rule (KINDLING_SHM_DIR, else /dev/shm, else the temp dir)."""
    override = os.environ.get("KINDLING_SHM_DIR")
    if override:
        return override
    return "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()


def segment_path(name: str) -> str:
    """The local path of a segment the engine named; only kindling-* files directly in the shm directory."""
    folder = os.path.realpath(shm_dir())
    path = os.path.realpath(name if os.path.isabs(name) else os.path.join(folder, name))
    base = os.path.basename(path)
    if not base.startswith("kindling-") or os.path.dirname(path) != folder:
        raise SparkConnectionError(f"The engine named an unexpected shared-memory segment {name!r}.",
                                   "INVALID_SHM_SEGMENT")
    return path


def sweep_engine_segments(pid: int) -> List[str]:
    """Unlinks the segments a dead engine (process ``pid``) left behind, e.g. a result written just before it was
    killed; returns the names removed. Only called once the engine we launched has exited."""
    prefix = f"kindling-{int(pid)}-"
    removed = []
    folder = shm_dir()
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if name.startswith(prefix):
            try:
                os.unlink(os.path.join(folder, name))
                removed.append(name)
            except OSError:
                pass
    return removed


_POPULATE = getattr(mmap, "MAP_POPULATE", 0)


def map_segment(path: str) -> mmap.mmap:
    """A read-only shared mapping of a whole segment. MAP_POPULATE (Linux) maps every page in one call instead of
    one page fault per 4 KiB page on first touch (~56k faults for a 230 MB result)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        if os.fstat(fd).st_size == 0:
            raise SparkConnectionError(f"The engine's shared-memory segment {path!r} is empty.", "INVALID_SHM_SEGMENT")
        return mmap.mmap(fd, 0, flags=mmap.MAP_SHARED | _POPULATE, prot=mmap.PROT_READ)
    finally:
        os.close(fd)


def discard_segment(resp) -> None:
    """Unlinks the segment of a response nobody will read (a cancelled or stray result)."""
    shm = resp.Shm() if hasattr(resp, "Shm") else None
    if shm is None:
        return
    try:
        os.unlink(segment_path(shm.Name().decode("utf-8")))
    except (OSError, SparkConnectionError):
        pass


def _bytes_field(arr: Any) -> Optional[memoryview]:
    # Generated *AsNumpy accessors return 0 when the vector is absent, else a zero-copy uint8 view.
    if isinstance(arr, int):
        return None
    return memoryview(arr)


def arrow_table(resp) -> pa.Table:
    """The Arrow IPC stream of an ExecuteResponse as a Table; a segment is mapped, then unlinked at once."""
    shm = resp.Shm()
    if shm is not None:
        path = segment_path(shm.Name().decode("utf-8"))
        try:
            mapping = map_segment(path)
        finally:
            try:
                os.unlink(path)
            except OSError:
                pass
        # Zero-copy: the Table's buffers are slices of the mapping, which lives as long as they do.
        return pa.ipc.open_stream(pa.py_buffer(mapping)).read_all()
    data = _bytes_field(resp.DataAsNumpy())
    if data is None:
        raise SparkConnectionError("The engine sent an Arrow result without data.", "PROTOCOL_MALFORMED_FRAME")
    return pa.ipc.open_stream(pa.py_buffer(data)).read_all()


class _ResultUnpickler(pickle.Unpickler):
    """Pickled rows hold only plain values plus datetime.date/datetime and decimal.Decimal: refuse any other global."""

    _ALLOWED = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "timedelta"),
                ("datetime", "timezone"), ("_codecs", "encode"), ("builtins", "bytearray"), ("decimal", "Decimal"),
                # The engine writes protocol 2, which names the builtins module by its Python 2 name.
                ("__builtin__", "bytearray")}

    def find_class(self, module: str, name: str):
        if (module, name) in self._ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"result rows may not reference {module}.{name}")


def pickled_rows(resp) -> List[tuple]:
    shm = resp.Shm()
    if shm is not None:
        # Large pickles arrive in a segment: map it, unlink it at once, unpickle from the mapping.
        path = segment_path(shm.Name().decode("utf-8"))
        try:
            with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
                os.unlink(path)
                path = None
                rows = _ResultUnpickler(io.BytesIO(m)).load()
        finally:
            if path is not None:
                try:
                    os.unlink(path)
                except OSError:
                    pass
        return [tuple(r) for r in rows] if rows and not isinstance(rows[0], tuple) else rows
    data = _bytes_field(resp.DataAsNumpy())
    if data is None:
        return []
    rows = _ResultUnpickler(io.BytesIO(data)).load()
    return [tuple(r) for r in rows] if rows and not isinstance(rows[0], tuple) else rows


# ---------------------------------------------------------------------- Arrow → Python values


def _naive(t: pa.DataType) -> pa.DataType:
    if pa.types.is_timestamp(t) and t.tz is not None:
        return pa.timestamp(t.unit)
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        f = t.value_field
        inner = _naive(f.type)
        if inner is not f.type:
            return pa.list_(pa.field(f.name, inner, f.nullable))
    if pa.types.is_struct(t):
        fields = [pa.field(f.name, _naive(f.type), f.nullable) for f in t]
        if any(a.type is not f.type for a, f in zip(fields, t)):
            return pa.struct(fields)
    return t


def naive_timestamps(table: pa.Table) -> pa.Table:
    """Drops the UTC zone of timestamp columns (values unchanged): Python gets naive UTC datetimes."""
    fields = [pa.field(f.name, _naive(f.type), f.nullable) for f in table.schema]
    if all(a.type == b.type for a, b in zip(fields, table.schema)):
        return table
    return table.cast(pa.schema(fields))


def table_columns(table: pa.Table) -> List[list]:
    # PySpark collects BinaryType values as bytearray.
    return [[None if v is None else bytearray(v) for v in col.to_pylist()] if pa.types.is_binary(col.type) else col.to_pylist()
            for col in naive_timestamps(table).columns]


def table_to_pandas(table: pa.Table, time_zone: str = "UTC"):
    """PySpark's Arrow path: ints with nulls become float64, dates stay datetime.date objects, timestamps are
    naive datetime64[ns] wall-clock times of the session time zone (``spark.sql.session.timeZone``)."""
    # Maps become dicts, as PySpark's Arrow path makes them (their values through pandas: ints with a None are floats).
    pdf = naive_timestamps(table).to_pandas(date_as_object=True, coerce_temporal_nanoseconds=True, maps_as_pydicts="strict")
    zone = _pandas_zone(time_zone)
    if zone is not None:
        for k, f in enumerate(table.schema):
            if pa.types.is_timestamp(f.type):
                pdf.isetitem(k, pdf.iloc[:, k].dt.tz_localize("UTC").dt.tz_convert(zone).dt.tz_localize(None))
    return pdf


_SHORT_ZONES = {"PST": "America/Los_Angeles", "CST": "America/Chicago", "EST": "-05:00", "MST": "-07:00", "HST": "-10:00"}


def _pandas_zone(time_zone: str):
    """The zone pandas converts to for a Spark time zone id; None for UTC (nothing to convert) or an id it lacks."""
    import datetime
    import re

    tz = _SHORT_ZONES.get(time_zone, time_zone)
    if tz.upper() in ("UTC", "Z", "GMT", "UT"):
        return None
    m = re.fullmatch(r"(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?", tz, re.IGNORECASE)
    if m:
        secs = int(m.group(2)) * 3600 + int(m.group(3) or 0) * 60 + int(m.group(4) or 0)
        return datetime.timezone(datetime.timedelta(seconds=-secs if m.group(1) == "-" else secs))
    try:
        import zoneinfo

        return zoneinfo.ZoneInfo(tz)
    except Exception:  # noqa: BLE001
        return None


_PANDAS_DTYPES = {"integer": "int32", "long": "int64", "double": "float64", "float": "float32",
                  "boolean": "bool", "timestamp": "datetime64[ns]", "short": "int16", "byte": "int8"}


def records_to_pandas(rows: Sequence[tuple], names: Sequence[str], type_names: Sequence[str]):
    """PySpark's non-Arrow path: ``DataFrame.from_records`` then dtypes corrected by the schema, integral
    columns holding nulls as float64 and boolean ones as object."""
    import numpy as np
    import pandas as pd

    pdf = pd.DataFrame.from_records(list(rows), columns=list(names))
    for i, tname in enumerate(type_names):
        series = pdf.iloc[:, i]
        has_null = bool(series.isnull().any())
        target = _PANDAS_DTYPES.get(tname)
        if tname in ("integer", "long", "short", "byte") and has_null:
            target = np.float64
        elif tname == "boolean" and has_null:
            target = object
        if target is not None:
            pdf.isetitem(i, series.astype(target, copy=False))
    return pdf

