"""``createDataFrame``'s client half: Python rows, pandas or Arrow data → one pyarrow Table in the engine's types
→ an Arrow IPC stream, inline in the LocalData request or (over 1 MiB) in a shared-memory file we unlink afterwards.
With ``spark.sql.execution.arrow.pyspark.enabled=false``, rows and pandas data instead travel as a pickle of row
tuples (PySpark's classic path), which the engine unpickles with a restricted decoder.

Rows follow PySpark: the schema is inferred (``types._infer_schema``) or parsed, every row is verified against it
(``verifySchema``), tuples/lists/Rows map by position and dicts/objects by field name.
"""

from __future__ import annotations

import datetime
import decimal
import itertools
import numbers
import os
import pickle
from typing import Any, Callable, List, Optional, Sequence

import pyarrow as pa

from ..errors import PySparkTypeError, PySparkValueError
from . import requests as rq
from .results import shm_dir

INLINE_LIMIT = 1 << 20
_segments = itertools.count()


class LocalPayload:
    """The LocalData request body, plus the cleanup of its shared-memory file once the engine has answered."""

    def __init__(self, build: Callable, shm_path: Optional[str] = None) -> None:
        self.build = build
        self._shm_path = shm_path

    def cleanup(self) -> None:
        if self._shm_path is not None:
            try:
                os.unlink(self._shm_path)
            except FileNotFoundError:
                pass  # the engine unlinks segments it has read
            self._shm_path = None


def create_local_data(data: Any, schema: Any, verify: bool, arrow: bool = True) -> LocalPayload:
    """The LocalData payload of ``data``; ``arrow=False`` pickles rows and pandas data (a pyarrow Table stays
    Arrow: it already is)."""
    if not arrow and not isinstance(data, (pa.Table, pa.RecordBatch)):
        struct, rows = _rows_of(data, schema, verify)
        return serialize_pickled(struct, rows)
    return serialize(to_arrow_table(data, schema, verify))


def _segment_path() -> str:
    return os.path.join(shm_dir(), f"kindling-client-{os.getpid()}-{next(_segments)}")


def _write_segment(path: str, data: bytes) -> int:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    except BaseException:
        try:
            os.unlink(path)
        except OSError:
            pass
        raise
    return len(data)


def bytes_payload(data: bytes, inline: Callable[[bytes], Callable], in_segment: Callable[[str, int], Callable]) -> LocalPayload:
    """A request carrying ``data``: built by ``inline(data)`` up to 1 MiB, else by ``in_segment(path, size)`` with
    the bytes in a 0600 segment that the payload's cleanup removes."""
    if len(data) <= INLINE_LIMIT:
        return LocalPayload(inline(data))
    path = _segment_path()
    size = _write_segment(path, data)
    return LocalPayload(in_segment(path, size), path)


def serialize_pickled(struct: Any, rows: List[Sequence[Any]]) -> LocalPayload:
    """Row tuples as one pickle (protocol 4) of plain values: inline up to 1 MiB, else in a 0600 segment."""
    return bytes_payload(
        pickle.dumps(_plain_rows(struct, rows), protocol=4),
        lambda data: rq.local_data(pickled_rows=data, pickled=True, schema=struct),
        lambda path, size: rq.local_data(shm_name=path, shm_size=size, pickled=True, schema=struct),
    )


# ---------------------------------------------------------------------- serialising


def serialize(table: pa.Table) -> LocalPayload:
    """The table as an IPC stream: inline up to 1 MiB, else in a 0600 file kindling-client-<pid>-<n>."""
    if table.nbytes <= INLINE_LIMIT:
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        buf = sink.getvalue()
        if buf.size <= INLINE_LIMIT:
            return LocalPayload(rq.local_data(arrow_ipc=buf.to_pybytes()))
    path = _segment_path()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            with pa.ipc.new_stream(pa.PythonFile(f, mode="w"), table.schema) as writer:
                writer.write_table(table)
        size = os.path.getsize(path)
    except BaseException:
        try:
            os.unlink(path)
        except OSError:
            pass
        raise
    return LocalPayload(rq.local_data(shm_name=path, shm_size=size), path)


# ---------------------------------------------------------------------- building the table


def _types():
    from ..sql import types

    return types


def to_arrow_table(data: Any, schema: Any, verify: bool = True) -> pa.Table:
    T = _types()
    if schema is not None and not isinstance(schema, (str, list, tuple, T.DataType)):
        raise PySparkTypeError(error_class="NOT_LIST_OR_NONE_OR_STRUCT",
                               message_parameters={"arg_name": "schema", "arg_type": type(schema).__name__},
                               message=f"Argument `schema` should be a list, None, str or StructType, got "
                                       f"{type(schema).__name__}.")
    if isinstance(schema, str):
        schema = T._parse_datatype_string(schema)
    if isinstance(schema, tuple):
        schema = list(schema)
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        pd = None
    if pd is not None and isinstance(data, pd.DataFrame):
        return _from_arrow(pa.Table.from_pandas(data, preserve_index=False), schema)
    if isinstance(data, pa.RecordBatch):
        data = pa.Table.from_batches([data])
    if isinstance(data, pa.Table):
        return _from_arrow(data, schema)
    if isinstance(data, (str, bytes, dict)) or not hasattr(data, "__iter__"):
        raise PySparkTypeError(
            f"Argument `data` should be a list, a pandas DataFrame or a pyarrow Table, got {type(data).__name__}.",
            "INVALID_TYPE", {"arg_name": "data", "arg_type": type(data).__name__})
    return _from_rows(list(data), schema, verify)


def _from_arrow(table: pa.Table, schema: Any) -> pa.Table:
    """pandas/Arrow input: columns renamed (names) or converted by position (StructType), then engine types."""
    T = _types()
    if isinstance(schema, list):
        if len(schema) > table.num_columns:
            raise PySparkValueError(
                f"Length of object ({table.num_columns}) does not match with length of fields ({len(schema)}).",
                "LENGTH_SHOULD_BE_THE_SAME", {"arg1": "data", "arg2": "schema"})
        table = table.rename_columns(list(schema) + table.column_names[len(schema):])
    elif isinstance(schema, T.DataType):
        if not isinstance(schema, T.StructType):
            schema = T.StructType([T.StructField("value", schema, True)])
        if len(schema.fields) != table.num_columns:
            raise PySparkValueError(
                f"Length of object ({table.num_columns}) does not match with length of fields ({len(schema.fields)}).",
                "LENGTH_SHOULD_BE_THE_SAME", {"arg1": "data", "arg2": "schema"})
        table = table.rename_columns(schema.fieldNames())
        target = T.to_arrow_schema(schema)
        try:
            return table.cast(target)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as err:
            raise PySparkTypeError(f"Cannot convert the data to the schema {schema.simpleString()}: {err}",
                                   "CANNOT_CONVERT_TYPE", {"from_type": str(table.schema), "to_type": str(schema)}) from None
    return _engine_types(table)


def _engine_types(table: pa.Table) -> pa.Table:
    """Casts columns to the exact Arrow types the engine stores (int32/int64/float64/utf8/bool/date32/
    timestamp[us, UTC]/list<element>), so it never converts value by value."""
    T = _types()
    fields = []
    for f in table.schema:
        target = T.to_arrow_type(T.from_arrow_type(f.type))
        fields.append(pa.field(f.name, target, f.nullable))
    target_schema = pa.schema(fields)
    if target_schema.equals(table.schema):
        return table
    return table.cast(target_schema)


def _from_rows(rows: List[Any], schema: Any, verify: bool) -> pa.Table:
    return _table_of(*_struct_and_tuples(rows, schema, verify))


def _rows_of(data: Any, schema: Any, verify: bool):
    """(StructType, row tuples) of Python rows or a pandas DataFrame, for the pickled path."""
    T = _types()
    if schema is not None and not isinstance(schema, (str, list, tuple, T.DataType)):
        to_arrow_table(data, schema, verify)  # raises the argument error the Arrow path raises
    if isinstance(schema, str):
        schema = T._parse_datatype_string(schema)
    if isinstance(schema, tuple):
        schema = list(schema)
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        pd = None
    if pd is not None and isinstance(data, pd.DataFrame):
        # The frame's records as Python values, NaN/NaT as None. Without a StructType, the column types are the
        # Arrow path's (from the pandas dtypes, not value by value), so both paths give the same schema.
        if not isinstance(schema, T.DataType):
            names = schema
            inferred = T.from_arrow_schema(pa.Schema.from_pandas(data, preserve_index=False))
            schema = T.StructType([
                T.StructField(names[i] if names is not None and i < len(names) else f.name, f.dataType, True)
                for i, f in enumerate(inferred.fields)])
        frame = data.astype(object).where(data.notna(), None)
        data = [tuple(_python_value(v) for v in r) for r in frame.itertuples(index=False, name=None)]
    elif isinstance(data, (str, bytes, dict)) or not hasattr(data, "__iter__"):
        to_arrow_table(data, schema, verify)  # raises INVALID_TYPE naming `data`
    return _struct_and_tuples(list(data), schema, verify)


def _python_value(v: Any) -> Any:
    """numpy/pandas scalars as the Python values PySpark's converters see."""
    item = getattr(v, "item", None)
    if item is not None and type(v).__module__ == "numpy":
        return item()
    to_py = getattr(v, "to_pydatetime", None)
    return to_py() if to_py is not None else v


_EPOCH_DATE = datetime.date(1970, 1, 1)
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
_MICRO = datetime.timedelta(microseconds=1)


def _plain_converter(dt: Any) -> Callable[[Any], Any]:
    """value → what the engine's unpickler accepts for ``dt``: None/bool/int/float/str/bytes/list; dates as days
    and timestamps as µs since the epoch (naive datetimes are UTC, as on the Arrow path)."""
    T = _types()

    def fail(v: Any) -> Any:
        raise PySparkTypeError(
            f"Cannot convert {v!r} ({type(v).__name__}) to {dt.simpleString()}.",
            "CANNOT_CONVERT_TYPE", {"from_type": type(v).__name__, "to_type": dt.simpleString()})

    if isinstance(dt, T.StringType):
        return lambda v: v if v is None or type(v) is str else T._spark_string(v)
    if isinstance(dt, T.BooleanType):
        return lambda v: v if v is None or type(v) is bool else (bool(v) if isinstance(v, numbers.Integral) else fail(v))
    if isinstance(dt, (T.IntegerType, T.LongType)):
        return lambda v: v if v is None else (int(v) if isinstance(v, numbers.Integral) and not isinstance(v, bool) else fail(v))
    if isinstance(dt, T.DoubleType):
        return lambda v: v if v is None else (float(v) if isinstance(v, numbers.Real) and not isinstance(v, bool) else fail(v))
    if isinstance(dt, T.DecimalType):
        # The engine's unpickler takes no classes: a Decimal travels as its plain text, parsed against the type.
        def dec(v: Any) -> Any:
            if v is None:
                return None
            if isinstance(v, decimal.Decimal) and v.is_finite():
                return format(v, "f")
            if isinstance(v, numbers.Integral) and not isinstance(v, bool):
                return str(int(v))
            return fail(v)
        return dec
    if isinstance(dt, T.DateType):
        def date(v: Any) -> Any:
            if v is None:
                return None
            if isinstance(v, datetime.datetime):
                v = v.date()
            return (v - _EPOCH_DATE).days if isinstance(v, datetime.date) else fail(v)
        return date
    if isinstance(dt, T.TimestampType):
        def timestamp(v: Any) -> Any:
            if v is None:
                return None
            if not isinstance(v, datetime.datetime):
                return fail(v)
            if v.tzinfo is None:
                v = v.replace(tzinfo=datetime.timezone.utc)
            return (v - _EPOCH) // _MICRO
        return timestamp
    if isinstance(dt, T.ArrayType):
        inner = _plain_converter(dt.elementType)
        return lambda v: None if v is None else ([inner(x) for x in v] if isinstance(v, (list, tuple)) else fail(v))
    if isinstance(dt, T.MapType):
        # A dict travels as a list of [key, value] pairs in its order (the engine's unpickler takes no dicts).
        key, value = _plain_converter(dt.keyType), _plain_converter(dt.valueType)
        return lambda v: None if v is None else ([[key(_map_key(k)), value(x)] for k, x in v.items()] if isinstance(v, dict) else fail(v))
    if isinstance(dt, T.StructType):
        inner_fields = [_plain_converter(f.dataType) for f in dt.fields]
        names = dt.fieldNames()

        def struct(v: Any) -> Any:
            if v is None:
                return None
            values = _struct_values(v, names)
            if values is None or len(values) != len(names):
                return fail(v)
            return tuple(c(x) for c, x in zip(inner_fields, values))
        return struct
    if isinstance(dt, T.BinaryType):
        # bytes pickle as BINBYTES, which the engine reads; a bytearray would need REDUCE, which it refuses.
        return lambda v: v if v is None or type(v) is bytes else (bytes(v) if isinstance(v, (bytearray, memoryview)) else fail(v))
    if isinstance(dt, T.NullType):
        return lambda v: v if v is None else fail(v)
    return fail


def _map_key(k: Any) -> Any:
    """A map key; Spark's maps never hold a None key (NULL_MAP_KEY)."""
    if k is None:
        raise PySparkValueError("Cannot use null as map key.", "NULL_MAP_KEY", {})
    return k


def _struct_values(v: Any, names: List[str]) -> Optional[Sequence[Any]]:
    """A struct value's field values in schema order, as PySpark's StructType.toInternal reads them: a dict by
    name, a tuple/list/Row by position, another object by its attributes; None when it is none of these."""
    if isinstance(v, dict):
        return [v.get(n) for n in names]
    if isinstance(v, (tuple, list)):
        return v
    if hasattr(v, "__dict__"):
        d = v.__dict__
        return [d.get(n) for n in names]
    return None


def _plain_rows(struct: Any, rows: List[Sequence[Any]]) -> List[tuple]:
    width = len(struct.fields)
    _check_widths(rows, width)
    convs = [_plain_converter(f.dataType) for f in struct.fields]
    return [tuple(c(v) for c, v in zip(convs, r)) for r in rows]


def _struct_and_tuples(rows: List[Any], schema: Any, verify: bool):
    T = _types()
    atomic = isinstance(schema, T.DataType) and not isinstance(schema, T.StructType)
    if atomic:
        struct = T.StructType([T.StructField("value", schema, True)])
        if verify:
            check = T._make_type_verifier(schema, True, name="field value")
            for v in rows:
                check(v)
        tuples: List[Sequence[Any]] = [(v,) for v in rows]
    else:
        if isinstance(schema, T.StructType):
            struct = schema
        else:
            struct = T._infer_schema(rows, schema)  # schema is None or a list of names
            if isinstance(schema, list):
                # Names beyond the inferred ones are ignored; fewer names keep _n for the rest, as PySpark.
                struct = T.StructType([T.StructField(schema[i] if i < len(schema) else f.name, f.dataType, f.nullable)
                                       for i, f in enumerate(struct.fields)])
        if verify:
            check = T._make_type_verifier(struct, False)
            for row in rows:
                check(row)
        names = struct.fieldNames()
        tuples = [_row_values(r, names) for r in rows]
    return struct, tuples


def _row_values(row: Any, names: List[str]) -> Sequence[Any]:
    if isinstance(row, dict):
        return [row.get(n) for n in names]
    if isinstance(row, (tuple, list)):
        return row
    if hasattr(row, "__dict__"):
        d = row.__dict__
        return [d.get(n) for n in names]
    return (row,)


def _prepare(dt: Any, values: List[Any]) -> List[Any]:
    """Values the Arrow converter takes for `dt`: strings as the JVM prints other values, datetimes in date
    columns by their date."""
    T = _types()
    if isinstance(dt, T.StringType):
        if all(v is None or type(v) is str for v in values):
            return values
        return [v if v is None or type(v) is str else T._spark_string(v) for v in values]
    if isinstance(dt, T.DateType):
        return [v.date() if isinstance(v, datetime.datetime) else v for v in values]
    if isinstance(dt, T.ArrayType):
        return [None if v is None else _prepare(dt.elementType, list(v)) for v in values]
    if isinstance(dt, T.MapType):
        # pyarrow takes a map as a list of (key, value) tuples; keys and values are prepared as columns.
        for v in values:
            if v is not None and not isinstance(v, dict):
                raise TypeError(f"{v!r} ({type(v).__name__}) is not a dict")
        pairs = [None if v is None else list(v.items()) for v in values]
        keys = _prepare(dt.keyType, [_map_key(k) for p in pairs if p is not None for k, _ in p])
        vals = _prepare(dt.valueType, [x for p in pairs if p is not None for _, x in p])
        out, at = [], 0
        for p in pairs:
            if p is None:
                out.append(None)
                continue
            out.append(list(zip(keys[at:at + len(p)], vals[at:at + len(p)])))
            at += len(p)
        return out
    if isinstance(dt, T.StructType):
        # pyarrow takes tuples by position (also when field names repeat); nested fields are prepared alike.
        names = dt.fieldNames()
        rows = [None if v is None else _struct_values(v, names) for v in values]
        for v, r in zip(values, rows):
            if v is not None and (r is None or len(r) != len(names)):
                raise TypeError(f"{v!r} ({type(v).__name__}) is not a struct value of {len(names)} fields")
        columns = [_prepare(f.dataType, [None if r is None else r[k] for r in rows]) for k, f in enumerate(dt.fields)]
        return [None if r is None else tuple(c[i] for c in columns) for i, r in enumerate(rows)]
    return values


def _check_widths(rows: List[Sequence[Any]], width: int) -> None:
    for r in rows:
        if len(r) != width:
            raise PySparkValueError(
                f"Length of object ({len(r)}) does not match with length of fields ({width}).",
                "LENGTH_SHOULD_BE_THE_SAME",
                {"arg1": "obj", "arg2": "fields", "arg1_length": str(len(r)), "arg2_length": str(width)})


def _table_of(struct: Any, rows: List[Sequence[Any]]) -> pa.Table:
    T = _types()
    width = len(struct.fields)
    _check_widths(rows, width)
    columns = list(zip(*rows)) if rows else [()] * width
    arrays = []
    for f, col in zip(struct.fields, columns):
        at = T.to_arrow_type(f.dataType)
        try:
            arrays.append(pa.array(_prepare(f.dataType, list(col)), type=at))
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError) as err:
            raise PySparkTypeError(
                f"Cannot convert the values of column {f.name!r} to {f.dataType.simpleString()}: {err}",
                "CANNOT_CONVERT_TYPE", {"from_type": "Python values", "to_type": f.dataType.simpleString()}) from None
    return pa.Table.from_arrays(arrays, schema=T.to_arrow_schema(struct))
