"""What a Python UDF may return for each declared Spark type, applied alike by the pickled and Arrow transports.

Row UDFs (``@udf``), per value:

============  ==================================================================  =================
declared      accepted (``None`` is always NULL)                                   refused (error)
============  ==================================================================  =================
boolean       ``bool``, ``numpy.bool_``                                            ints, strings
int / bigint  ``int`` and numpy integers within the type's range                   ``bool``, floats,
                                                                                   out of range
double        ``float``, ``int``, numpy floats and integers (widened)              ``bool``, strings
decimal(p,s)  ``decimal.Decimal``, ``int`` (rounded HALF_UP to s digits; NULL        floats, strings
              when it needs more than p digits, as Spark's non-ANSI overflow)
string        ``str``                                                              anything else
date          ``datetime.date`` (not ``datetime``)                                 strings
timestamp     ``datetime.datetime`` (naive = UTC), ``pandas.Timestamp``            dates, strings
array<T>      ``list``/``tuple``/1-d ``numpy.ndarray`` of values accepted for T    scalars
struct<…>     a ``Row`` with field names or a ``dict``: by field name (a missing    scalars, lists,
              dict key is NULL, a missing Row field an error); a plain ``tuple``,  wrong lengths,
              ``list`` or ``Row`` without names: by position (length must         other objects
              match); each field value by that field's rule
============  ==================================================================  =================

A float NaN a row UDF returns is a double NaN, never NULL. Pandas UDFs return Series/DataFrames, converted by
pyarrow with ``safe=True`` (no silent truncation); there NaN is a missing value and becomes NULL, as pandas
uses it and as PySpark converts it. A scalar pandas UDF declared with a struct type returns a
``pandas.DataFrame`` of the same length: its columns are the fields, matched by name when any column label is a
string (as PySpark's ``assignColumnsByName``), else by position (then the number of columns must match); each
column follows the Series rules of its field's type.

Both transports apply these rules through :func:`converter` (row UDFs) and :func:`series_to_arrow` (pandas
UDFs), so a value is accepted or refused alike whichever transport carries it. Struct values reach row UDFs as
``Row`` objects and pandas UDFs as ``pandas.DataFrame`` columns, as in PySpark.
"""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import numbers
from typing import Any, Callable, List

import numpy as np
import pyarrow as pa

_EPOCH_DAY = _dt.date(1970, 1, 1).toordinal()
_UTC = _dt.timezone.utc
_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


class CoercionError(TypeError):
    """A returned value does not fit the declared type; the message names expected and actual types."""


def arrow_type(t: dict) -> pa.DataType:
    """The Arrow type the engine uses for a Kindling type_dict."""
    k = t["kind"]
    if k == "boolean":
        return pa.bool_()
    if k == "int32":
        return pa.int32()
    if k == "int64":
        return pa.int64()
    if k == "float64":
        return pa.float64()
    if k == "decimal":
        return pa.decimal128(t["precision"], t["scale"])
    if k == "string":
        return pa.string()
    if k == "date":
        return pa.date32()
    if k == "timestamp":
        return pa.timestamp("us", tz="UTC")
    if k == "null":
        return pa.null()
    if k == "array":
        return pa.list_(pa.field("element", arrow_type(t["element"]), t.get("containsNull", True)))
    if k == "struct":
        return pa.struct([pa.field(n, arrow_type(ft), nullable) for n, ft, nullable in t["fields"]])
    if k == "map":
        return pa.map_(pa.field("key", arrow_type(t["key"]), False),
                       pa.field("value", arrow_type(t["value"]), t.get("valueContainsNull", True)))
    raise TypeError(f"unsupported type {t!r}")


def type_name(t: dict) -> str:
    k = t["kind"]
    if k == "array":
        return f"array<{type_name(t['element'])}>"
    if k == "struct":
        return "struct<" + ",".join(f"{n}:{type_name(ft)}" for n, ft, _ in t["fields"]) + ">"
    if k == "decimal":
        return f"decimal({t['precision']},{t['scale']})"
    if k == "map":
        return f"map<{type_name(t['key'])},{type_name(t['value'])}>"
    return {"int32": "int", "int64": "bigint", "float64": "double"}.get(k, k)


def _refuse(t: dict, v: Any) -> CoercionError:
    return CoercionError(f"expected {type_name(t)}, got {type(v).__name__} ({v!r:.60})")


def converter(t: dict) -> Callable[[Any], Any]:
    """A function that checks one returned value against ``t`` and gives the value to store (dates stay dates)."""
    k = t["kind"]
    if k == "boolean":
        def conv(v):
            if v is None or isinstance(v, (bool, np.bool_)):
                return None if v is None else bool(v)
            raise _refuse(t, v)
    elif k in _RANGES:
        lo, hi = _RANGES[k]

        def conv(v):
            if v is None:
                return None
            if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Integral):
                raise _refuse(t, v)
            i = int(v)
            if not lo <= i <= hi:
                raise CoercionError(f"expected {type_name(t)}, got {i}, which is out of its range")
            return i
    elif k == "float64":
        def conv(v):
            if v is None:
                return None
            if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real):
                raise _refuse(t, v)
            return float(v)
    elif k == "decimal":
        quantum = _decimal.Decimal(1).scaleb(-t["scale"])
        bound = _decimal.Decimal(10) ** (t["precision"] - t["scale"])
        context = _decimal.Context(prec=80, rounding=_decimal.ROUND_HALF_UP)

        def conv(v):
            if v is None:
                return None
            if isinstance(v, (bool, np.bool_)) or not isinstance(v, (_decimal.Decimal, numbers.Integral)):
                raise _refuse(t, v)
            d = _decimal.Decimal(int(v)) if not isinstance(v, _decimal.Decimal) else v
            if not d.is_finite():
                raise _refuse(t, v)
            q = d.quantize(quantum, context=context)
            return q if abs(q) < bound else None
    elif k == "string":
        def conv(v):
            if v is None or isinstance(v, str):
                return v
            raise _refuse(t, v)
    elif k == "date":
        def conv(v):
            if v is None:
                return None
            if isinstance(v, _dt.datetime) or not isinstance(v, _dt.date):
                raise _refuse(t, v)
            return v
    elif k == "timestamp":
        def conv(v):
            if v is None:
                return None
            if not isinstance(v, _dt.datetime):
                raise _refuse(t, v)
            return v if v.tzinfo is not None else v.replace(tzinfo=_UTC)
    elif k == "array":
        inner = converter(t["element"])

        def conv(v):
            if v is None:
                return None
            if isinstance(v, np.ndarray) and v.ndim == 1:
                v = v.tolist()
            if not isinstance(v, (list, tuple)):
                raise _refuse(t, v)
            return [inner(x) for x in v]
    elif k == "struct":
        names = [n for n, _, _ in t["fields"]]
        convs = [converter(ft) for _, ft, _ in t["fields"]]

        def conv(v):
            if v is None:
                return None
            return tuple(c(x) for c, x in zip(convs, _struct_values(t, names, v)))
    elif k == "map":
        # A dict (or (key, value) pairs); kept as a list of pairs in its order. Keys are never None.
        key, value = converter(t["key"]), converter(t["value"])

        def conv(v):
            if v is None:
                return None
            items = v.items() if isinstance(v, dict) else v if isinstance(v, list) and all(isinstance(e, tuple) and len(e) == 2 for e in v) else None
            if items is None:
                raise _refuse(t, v)
            out = []
            for a, b in items:
                if a is None:
                    raise CoercionError(f"expected {type_name(t)}, got a None key")
                out.append((key(a), value(b)))
            return out
    elif k == "null":
        def conv(v):
            if v is None:
                return None
            raise _refuse(t, v)
    else:
        raise TypeError(f"unsupported return type {t!r}")
    return conv


def _struct_values(t: dict, names: List[str], v: Any) -> List[Any]:
    """The field values of a returned struct value in declared order (the rules in the table above)."""
    if isinstance(v, dict):
        return [v.get(n) for n in names]
    fields = getattr(v, "__fields__", None) if isinstance(v, tuple) else None
    if fields is not None:
        missing = [n for n in names if n not in fields]
        if missing:
            raise CoercionError(f"expected {type_name(t)}, got a Row without field {missing[0]!r} (has {list(fields)})")
        return [v[fields.index(n)] for n in names]
    if isinstance(v, (tuple, list)):
        if len(v) != len(names):
            raise CoercionError(f"expected {type_name(t)} ({len(names)} fields), got a {type(v).__name__} of {len(v)} values")
        return list(v)
    raise _refuse(t, v)


def to_wire_value(t: dict, v: Any) -> Any:
    """A coerced value as the pickled transport sends it: dates as days, timestamps as UTC microseconds."""
    if v is None:
        return None
    k = t["kind"]
    if k == "date":
        return v.toordinal() - _EPOCH_DAY
    if k == "timestamp":
        d = v - _dt.datetime(1970, 1, 1, tzinfo=_UTC)
        return (d.days * 86400 + d.seconds) * 1_000_000 + d.microseconds
    if k == "decimal":
        # The engine's unpickler takes no classes: the unscaled integer, at the declared scale.
        return int(v.scaleb(t["scale"]))
    if k == "array":
        return [to_wire_value(t["element"], x) for x in v]
    if k == "struct":
        return tuple(to_wire_value(ft, x) for (_, ft, _), x in zip(t["fields"], v))
    if k == "map":
        return [[to_wire_value(t["key"], a), to_wire_value(t["value"], b)] for a, b in v]
    return v


def needs_wire_conversion(t: dict) -> bool:
    """Whether coerced values of ``t`` differ from what the pickled transport sends (dates, timestamps, nesting)."""
    return t["kind"] in ("date", "timestamp", "decimal", "array", "struct", "map")


# Python types that need no per-value check for a declared kind (ints still get pyarrow's range check).
_FAST_TYPES = {
    "boolean": {bool, type(None)},
    "int32": {int, type(None)},
    "int64": {int, type(None)},
    "float64": {float, int, type(None)},
    "string": {str, type(None)},
}


# Kinds whose NULL-free results numpy converts from Python ints faster than pyarrow (≈ 20 %; for floats, strings
# and bools pyarrow is as fast or faster). int32 goes through int64 to check its range.
_NUMPY_DTYPES = {"int32": np.int64, "int64": np.int64}


def to_arrow(t: dict, values: List[Any]) -> pa.Array:
    """Row UDF results as an Arrow array of ``t``: one type scan when every value is of a plain accepted type,
    else the per-value rules above (which name the first refused value)."""
    k = t["kind"]
    fast = _FAST_TYPES.get(k)
    if fast is not None:
        seen = set(map(type, values))
        if seen <= fast:
            try:
                dtype = _NUMPY_DTYPES.get(k)
                if dtype is not None and type(None) not in seen:
                    # No NULLs: the numpy array is then wrapped without a copy.
                    arr = np.array(values, dtype=dtype)
                    if k == "int32":
                        if len(arr) and (arr.min() < -(2**31) or arr.max() > 2**31 - 1):
                            raise OverflowError
                        arr = arr.astype(np.int32)
                    return pa.array(arr, type=arrow_type(t))
                return pa.array(values, type=arrow_type(t))
            except (OverflowError, pa.ArrowInvalid):
                pass  # out of range: the converter says which value
    return pa.array(list(map(converter(t), values)), type=arrow_type(t))


def coerce_list(t: dict, values: List[Any]) -> List[Any]:
    """Row UDF results as checked Python values (the pickled transport), by the same rules as ``to_arrow``."""
    k = t["kind"]
    fast = _FAST_TYPES.get(k)
    if fast is not None and set(map(type, values)) <= fast:
        if k in _RANGES:
            present = [v for v in values if v is not None]
            lo, hi = _RANGES[k]
            if not present or (lo <= min(present) and max(present) <= hi):
                return values
        else:
            return values if k != "float64" else [v if type(v) is not int else float(v) for v in values]
    return list(map(converter(t), values))


def from_arrow(col: pa.Array) -> List[Any]:
    """An input column as Python values (None for NULL). numpy's tolist is far cheaper than Arrow's to_pylist
    for numbers and strings; dates, timestamps and lists keep Arrow's own conversion; structs become Rows."""
    t = col.type
    if _has_struct(t):
        return [row_value(t, v) for v in col.to_pylist()]
    if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_boolean(t) or pa.types.is_string(t):
        if col.null_count == 0:
            return col.to_numpy(zero_copy_only=False).tolist()
        if pa.types.is_string(t):
            return col.to_numpy(zero_copy_only=False).tolist()  # object array: None stays None
        values = col.fill_null(False if pa.types.is_boolean(t) else 0).to_numpy(zero_copy_only=False).tolist()
        for i in col.is_null().to_numpy(zero_copy_only=False).nonzero()[0].tolist():
            values[i] = None
        return values
    return col.to_pylist()


def _has_struct(t: pa.DataType) -> bool:
    if pa.types.is_struct(t) or pa.types.is_map(t):
        return True
    return (pa.types.is_list(t) or pa.types.is_large_list(t)) and _has_struct(t.value_type)


def row_value(t: pa.DataType, v: Any) -> Any:
    """An input value (as Arrow's to_pylist or the pickled transport gives it) with structs as ``Row``s, which is
    what PySpark passes to row UDFs."""
    from kindling.sql.types import _create_row

    if v is None:
        return None
    if pa.types.is_struct(t):
        names = [f.name for f in t]
        values = list(v.values()) if isinstance(v, dict) else list(v)
        return _create_row(names, [row_value(f.type, x) for f, x in zip(t, values)])
    if pa.types.is_map(t):
        # A dict, as PySpark passes a map (Arrow gives (key, value) pairs, the pickled transport a dict).
        items = v.items() if isinstance(v, dict) else v
        return {row_value(t.key_type, a): row_value(t.item_type, b) for a, b in items}
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return [row_value(t.value_type, x) for x in v]
    return v


def frame_to_struct_arrow(t: dict, frame: Any) -> pa.Array:
    """A pandas UDF's DataFrame result for a struct type: columns by name when any label is a string, else by
    position; every column by the Series rules of its field."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise CoercionError(f"expected a pandas.DataFrame for {type_name(t)}, got {type(frame).__name__}")
    fields = t["fields"]
    by_name = any(isinstance(c, str) for c in frame.columns)
    if not by_name and len(frame.columns) != len(fields):
        raise CoercionError(f"expected a pandas.DataFrame of {len(fields)} columns for {type_name(t)}, got {len(frame.columns)}")
    arrays = []
    for i, (name, ft, _) in enumerate(fields):
        if by_name:
            if name not in frame.columns:
                raise CoercionError(f"expected {type_name(t)}, got a pandas.DataFrame without column {name!r} (has {list(frame.columns)})")
            col = frame[name]
        else:
            col = frame.iloc[:, i]
        if isinstance(col, pd.DataFrame):
            raise CoercionError(f"expected {type_name(t)}, got a pandas.DataFrame with more than one column {name!r}")
        arrays.append(_field_array(ft, col.reset_index(drop=True), name))
    return pa.StructArray.from_arrays(arrays, fields=list(arrow_type(t)))


def column_to_arrow(t: dict, series: Any, name: str) -> pa.Array:
    """A DataFrame column of field/column ``name`` as an Arrow array of ``t``: a struct column holds one Row, dict
    or tuple per row (the row rules), any other column follows :func:`series_to_arrow`."""
    return _field_array(t, series, name)


def _field_array(t: dict, series: Any, name: str) -> pa.Array:
    try:
        if t["kind"] == "struct":
            # A nested struct is a column of Rows/dicts/tuples: the row rules apply per value.
            conv = converter(t)
            return pa.array([conv(None if _is_missing(v) else v) for v in series.tolist()], type=arrow_type(t))
        return series_to_arrow(t, series)
    except CoercionError as e:
        raise CoercionError(f"field {name!r}: {e}") from None


def _is_missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and v != v)


def series_to_arrow(t: dict, series: Any) -> pa.Array:
    """A pandas UDF's result Series as an Arrow array of the declared type; refuses lossy or wrong-typed data.
    A struct type takes a DataFrame (:func:`frame_to_struct_arrow`)."""
    import pandas as pd

    if t["kind"] == "struct":
        return frame_to_struct_arrow(t, series)
    at = arrow_type(t)
    if not isinstance(series, pd.Series):
        raise CoercionError(f"expected a pandas.Series of {type_name(t)}, got {type(series).__name__}")
    if t["kind"] == "decimal":
        # An object Series of Decimals: rounded to the scale by the row rule (pyarrow would refuse the rescale).
        conv = converter(t)
        return pa.array([conv(None if _is_missing(v) else v) for v in series.tolist()], type=at)
    try:
        return pa.Array.from_pandas(series, type=at, safe=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError, ValueError, OverflowError) as e:
        raise CoercionError(f"expected {type_name(t)}, got a Series of dtype {series.dtype}: {e}") from None
