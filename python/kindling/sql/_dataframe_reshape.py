"""DataFrame methods that reshape columns by composing projections: ``unpivot``/``melt`` (an ``inline`` of one
struct per value column), ``replace``/``na.replace`` (Spark's ``CaseKeyWhen`` per column of the replaced type),
``to(schema)`` (reorder and store-assignment casts), ``colRegex`` and ``transpose``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, List, Optional, Sequence, Tuple

from ..errors import AnalysisException, PySparkTypeError, PySparkValueError
from ._dataframe_ops import _NO_VALUE
from . import functions as F
from .column import Column
from .types import (ArrayType, AtomicType, BooleanType, DataType, DateType, DecimalType, DoubleType,
                    IntegerType, LongType, NullType, NumericType, StringType, StructField, StructType, TimestampType)

if TYPE_CHECKING:
    from .dataframe import DataFrame

__all__ = ["unpivot", "replace", "to_schema", "col_regex", "transpose", "wider_type"]


# ------------------------------------------------------------------ type widening

_INTEGRAL_DECIMAL = {IntegerType: DecimalType(10, 0), LongType: DecimalType(20, 0)}


def _wider_decimal(a: DecimalType, b: DecimalType) -> DecimalType:
    scale = max(a.scale, b.scale)
    whole = max(a.precision - a.scale, b.precision - b.scale)
    return DecimalType(min(38, whole + scale), min(38, scale))


def wider_type(a: DataType, b: DataType) -> Optional[DataType]:
    """Spark's wider common type without string promotion (what UNPIVOT and TRANSPOSE require), or None."""
    if a == b:
        return a
    if isinstance(a, NullType):
        return b
    if isinstance(b, NullType):
        return a
    if isinstance(a, NumericType) and isinstance(b, NumericType):
        if isinstance(a, DoubleType) or isinstance(b, DoubleType):
            return DoubleType()
        if isinstance(a, DecimalType) or isinstance(b, DecimalType):
            da = a if isinstance(a, DecimalType) else _INTEGRAL_DECIMAL.get(type(a))
            db = b if isinstance(b, DecimalType) else _INTEGRAL_DECIMAL.get(type(b))
            return _wider_decimal(da, db) if da is not None and db is not None else None
        return LongType() if LongType in (type(a), type(b)) else IntegerType()
    if {type(a), type(b)} == {DateType, TimestampType}:
        return TimestampType()
    if isinstance(a, ArrayType) and isinstance(b, ArrayType):
        e = wider_type(a.elementType, b.elementType)
        return None if e is None else ArrayType(e, a.containsNull or b.containsNull)
    return None


def _fields_of(df: "DataFrame", cols: Sequence[Any], arg_name: str) -> Tuple[List[Column], List[StructField]]:
    """The Columns of ``cols`` (names or Columns) and their output fields, resolved by the engine."""
    columns = []
    for c in cols:
        if isinstance(c, str):
            columns.append(df[c])
        elif isinstance(c, Column):
            columns.append(c)
        else:
            raise PySparkTypeError(error_class="NOT_COLUMN_OR_STR",
                                   message_parameters={"arg_name": arg_name, "arg_type": type(c).__name__})
    fields = list(df.select(*columns).schema.fields) if columns else []
    return columns, fields


def _column_list(v: Any, arg_name: str, allow_none: bool) -> Optional[List[Any]]:
    if v is None and allow_none:
        return None
    if isinstance(v, (str, Column)):
        return [v]
    if isinstance(v, (list, tuple)):
        return list(v)
    raise PySparkTypeError(error_class="NOT_COLUMN_OR_LIST_OR_STR",
                           message=f"Argument `{arg_name}` should be a Column, list or str, got {type(v).__name__}.",
                           message_parameters={"arg_name": arg_name, "arg_type": type(v).__name__})


# ------------------------------------------------------------------ unpivot

def unpivot(df: "DataFrame", ids: Any, values: Any, variableColumnName: str, valueColumnName: str) -> "DataFrame":
    """One row per input row and value column: the ids, the value column's name, its value (cast to the value
    columns' wider type)."""
    for name, v in (("variableColumnName", variableColumnName), ("valueColumnName", valueColumnName)):
        if not isinstance(v, str):
            raise PySparkTypeError(error_class="NOT_STR", message_parameters={"arg_name": name,
                                                                              "arg_type": type(v).__name__})
    id_cols, id_fields = _fields_of(df, _column_list(ids, "ids", False), "ids")
    value_list = _column_list(values, "values", True)
    if value_list is None:
        taken = {f.name.lower() for f in id_fields}
        value_list = [df[i] for i, f in enumerate(df.schema.fields) if f.name.lower() not in taken]
    value_cols, value_fields = _fields_of(df, value_list, "values")
    if not value_cols:
        raise AnalysisException("At least one value column needs to be specified for UNPIVOT, all columns specified "
                                "as ids.", "UNPIVOT_REQUIRES_VALUE_COLUMNS", {})
    common: Optional[DataType] = value_fields[0].dataType
    for f in value_fields[1:]:
        common = wider_type(common, f.dataType) if common is not None else None
    if common is None:
        by_type: dict = {}
        for f in value_fields:
            by_type.setdefault(f.dataType._sql(), []).append(f"`{f.name}`")
        listed = ", ".join(f'"{t}" ({", ".join(names)})' for t, names in sorted(by_type.items()))
        raise AnalysisException(f"Unpivot value columns must share a least common type, some types do not: "
                                f"[{listed}].", "UNPIVOT_VALUE_DATA_TYPE_MISMATCH", {"types": f"[{listed}]"})
    structs = [F.struct(F.lit(f.name).alias(variableColumnName),
                        (c if f.dataType == common else c.cast(common)).alias(valueColumnName))
               for c, f in zip(value_cols, value_fields)]
    return df.select(*id_cols, F.inline(F.array(*structs)))


# ------------------------------------------------------------------ replace

def _all_of(types: Any, xs: Any) -> bool:
    return all(isinstance(x, types) for x in xs)  # as PySpark checks: a bool is also an int


def _replace_type_error(arg_name: str, expected: str, v: Any) -> PySparkTypeError:
    return PySparkTypeError(error_class="NOT_EXPECTED_TYPE",
                            message=f"Argument `{arg_name}` should be {expected}, got {type(v).__name__}.",
                            message_parameters={"arg_name": arg_name, "expected_type": expected,
                                                "arg_type": type(v).__name__})


def replace(df: "DataFrame", to_replace: Any, value: Any = _NO_VALUE, subset: Any = None) -> "DataFrame":
    """PySpark's argument handling, then Spark's ``replace0``: the keys' kind (numbers, strings or booleans) picks
    the columns; each becomes ``CASE col WHEN k1 THEN CAST(v1 AS type) … ELSE col END``."""
    if value is _NO_VALUE:
        if isinstance(to_replace, dict):
            value = None
        else:
            raise PySparkTypeError(error_class="ARGUMENT_REQUIRED",
                                   message="Argument `value` is required when `to_replace` is dict.",
                                   message_parameters={"arg_name": "value", "condition": "`to_replace` is dict"})
    if not isinstance(to_replace, (bool, float, int, str, list, tuple, dict)):
        raise _replace_type_error("to_replace", "bool, dict, float, int, str or tuple", to_replace)
    if value is not None and not isinstance(value, (bool, float, int, str, list, tuple)):
        raise _replace_type_error("value", "bool, float, int, list, None, str or tuple", value)
    if isinstance(to_replace, (list, tuple)) and isinstance(value, (list, tuple)) and len(to_replace) != len(value):
        raise PySparkValueError(f"to_replace and value should be of the same length, got {len(to_replace)} and "
                                f"{len(value)}.", "LENGTH_SHOULD_BE_THE_SAME",
                                {"arg1": "to_replace", "arg2": "value", "arg1_length": str(len(to_replace)),
                                 "arg2_length": str(len(value))})
    if subset is not None and not isinstance(subset, (list, tuple, str)):
        raise _replace_type_error("subset", "list, str or tuple", subset)
    if isinstance(to_replace, dict):
        rep = dict(to_replace)
    else:
        keys = [to_replace] if isinstance(to_replace, (bool, float, int, str)) else list(to_replace)
        vals = value if isinstance(value, (list, tuple)) else [value] * len(keys)
        rep = dict(zip(keys, vals))
    targets = [v for v in rep.values() if v is not None]
    if not any(_all_of(t, list(rep.keys())) and _all_of(t, targets) for t in (bool, str, (float, int))):
        raise PySparkValueError("Mixed type replacements are not supported.", "MIXED_TYPE_REPLACEMENT", {})
    names = df.columns if subset is None else ([subset] if isinstance(subset, str) else list(subset))
    if not rep:
        return df.select("*")
    first = next(iter(rep))
    kind = bool if isinstance(first, bool) else str if isinstance(first, str) else float
    wanted = {_field_name(df, n).lower() for n in names}
    exprs = []
    for i, f in enumerate(df.schema.fields):
        c = df[i]
        dt = f.dataType
        hit = f.name.lower() in wanted and (isinstance(dt, NumericType) if kind is float else
                                            isinstance(dt, BooleanType if kind is bool else StringType))
        if not hit:
            exprs.append(c)
            continue
        case = None
        for k, v in rep.items():
            key = F.lit(float(k) if kind is float else k)
            target = F.lit(None).cast(dt) if v is None else F.lit(float(v) if kind is float else v).cast(dt)
            case = F.when(c == key, target) if case is None else case.when(c == key, target)
        exprs.append(case.otherwise(c).alias(f.name))
    return df.select(*exprs)


def _field_name(df: "DataFrame", name: str) -> str:
    for f in df.schema.fields:
        if f.name.lower() == name.lower():
            return f.name
    df.select(name)  # the engine names the unknown column (UNRESOLVED_COLUMN), as Spark's resolve() does
    return name


# ------------------------------------------------------------------ to(schema)

def _store_assignable(src: DataType, dst: DataType) -> bool:
    """Spark's ``Cast.canANSIStoreAssign``."""
    if src == dst or isinstance(src, NullType):
        return True
    if isinstance(src, NumericType) and isinstance(dst, NumericType):
        return True
    if isinstance(src, AtomicType) and isinstance(dst, StringType):
        return True
    if {type(src), type(dst)} == {DateType, TimestampType}:
        return True
    if isinstance(src, ArrayType) and isinstance(dst, ArrayType):
        return (dst.containsNull or not src.containsNull) and _store_assignable(src.elementType, dst.elementType)
    if isinstance(src, StructType) and isinstance(dst, StructType):
        return len(src.fields) == len(dst.fields) and all(
            (t.nullable or not s.nullable) and _store_assignable(s.dataType, t.dataType)
            for s, t in zip(src.fields, dst.fields))
    return False


def to_schema(df: "DataFrame", schema: Any) -> "DataFrame":
    """Columns matched by name (as the session resolves names), reordered, cast where Spark's store assignment
    allows, missing ones NULL; a nullable column cannot fill a non-nullable field."""
    if not isinstance(schema, StructType):
        raise PySparkTypeError(error_class="NOT_STRUCT",
                               message=f"Argument `schema` should be a StructType, got {type(schema).__name__}.",
                               message_parameters={"arg_name": "schema", "arg_type": type(schema).__name__})
    fields = df.schema.fields
    exprs = []
    for target in schema.fields:
        i = next((k for k, f in enumerate(fields) if f.name.lower() == target.name.lower()), None)
        if i is None:
            exprs.append(F.lit(None).cast(target.dataType).alias(target.name))
            continue
        src = fields[i]
        if src.nullable and not target.nullable:
            raise AnalysisException(f"Column or field `{target.name}` is nullable while it's required to be "
                                    "non-nullable.", "NULLABLE_COLUMN_OR_FIELD", {"name": f"`{target.name}`"})
        if src.dataType == target.dataType:
            exprs.append(df[i].alias(target.name))
        elif _store_assignable(src.dataType, target.dataType):
            exprs.append(df[i].cast(target.dataType).alias(target.name))
        else:
            raise AnalysisException(
                f"Column or field `{target.name}` is of type \"{src.dataType._sql()}\" while it's required to be "
                f"\"{target.dataType._sql()}\".", "INVALID_COLUMN_OR_FIELD_DATA_TYPE",
                {"name": f"`{target.name}`", "type": f'"{src.dataType._sql()}"',
                 "expectedType": f'"{target.dataType._sql()}"'})
    return df.select(*exprs)


# ------------------------------------------------------------------ colRegex

class RegexColumn(Column):
    """``df.colRegex("`pattern`")``: the columns of ``df`` whose names match, expanded where a select list takes
    them; anywhere else it is Spark's INVALID_USAGE_OF_STAR_OR_REGEX."""

    __slots__ = ("_pattern", "_columns")

    def __init__(self, pattern: str, columns: List[Column]) -> None:  # noqa: D107 - no Column expression of its own
        self._pattern = pattern
        self._columns = columns

    @property
    def _expr(self) -> Any:  # type: ignore[override]
        raise AnalysisException(f"Invalid usage of regular expression '{self._pattern}' in expression.",
                                "INVALID_USAGE_OF_STAR_OR_REGEX", {"elem": f"'{self._pattern}'", "prettyName":
                                                                   "expression"})

    def __repr__(self) -> str:
        return f"Column<'{self._pattern}'>"


_ESCAPED = re.compile(r"`((?s:.+))`")
_QUALIFIED = re.compile(r"((?s:.+))\.`((?s:.+))`")


def col_regex(df: "DataFrame", colName: Any) -> Column:
    """Spark's ``Dataset.colRegex``: a backquoted name is a Java regex over the column names (case-insensitive
    unless spark.sql.caseSensitive), ``q.`regex``` limits it to columns qualified ``q``; anything else is a name."""
    if not isinstance(colName, str):
        raise PySparkTypeError(error_class="NOT_EXPECTED_TYPE",
                               message=f"Argument `colName` should be str, got {type(colName).__name__}.",
                               message_parameters={"arg_name": "colName", "expected_type": "str",
                                                   "arg_type": type(colName).__name__})
    m = _ESCAPED.fullmatch(colName)
    q = None if m else _QUALIFIED.fullmatch(colName)
    if not m and not q:
        return df[colName]
    pattern = m.group(1) if m else q.group(2)
    sensitive = str(df.sparkSession.conf.get("spark.sql.caseSensitive", "false")).lower() == "true"
    try:
        rx = re.compile(pattern, 0 if sensitive else re.IGNORECASE)
    except re.error as e:
        raise AnalysisException(f"Invalid regular expression '{pattern}': {e}.", "INVALID_PARAMETER_VALUE.PATTERN",
                                {"parameter": "`regexp`", "functionName": "`colRegex`", "value": f"'{pattern}'"}) from None
    prefix = f"`{q.group(1)}`." if q else ""
    cols = [F.col(prefix + "`" + f.name.replace("`", "``") + "`") if q else df[i]
            for i, f in enumerate(df.schema.fields) if rx.fullmatch(f.name)]
    return RegexColumn(pattern, cols)


# ------------------------------------------------------------------ transpose

def transpose(df: "DataFrame", indexColumn: Any = None) -> "DataFrame":
    """Spark 4's TRANSPOSE: one row per non-index column (``key`` its name), one column per non-null index value
    (named by its text, sorted by value), holding the values cast to the non-index columns' wider type."""
    fields = df.schema.fields
    if not fields:
        raise AnalysisException("Invalid index column for TRANSPOSE because: The DataFrame has no columns.",
                                "TRANSPOSE_INVALID_INDEX_COLUMN", {"reason": "The DataFrame has no columns."})
    index = df[0] if indexColumn is None else (df[indexColumn] if isinstance(indexColumn, str) else indexColumn)
    if not isinstance(index, Column):
        raise PySparkTypeError(error_class="NOT_COLUMN_OR_STR",
                               message_parameters={"arg_name": "indexColumn", "arg_type": type(indexColumn).__name__})
    index_field = df.select(index).schema.fields[0]
    if not isinstance(index_field.dataType, AtomicType):
        reason = f"Index column must be of atomic type, but found: {_scala_type(index_field.dataType)}"
        raise AnalysisException(f"Invalid index column for TRANSPOSE because: {reason}",
                                "TRANSPOSE_INVALID_INDEX_COLUMN", {"reason": reason})
    rest = [(i, f) for i, f in enumerate(fields) if f.name != index_field.name]
    common: Optional[DataType] = None
    for _, f in rest:
        if common is None:
            common = f.dataType
            continue
        w = wider_type(common, f.dataType)
        if w is None:
            raise AnalysisException(
                f"Transpose requires non-index columns to share a least common type, but \"{common._sql()}\" and "
                f"\"{f.dataType._sql()}\" do not.", "TRANSPOSE_NO_LEAST_COMMON_TYPE",
                {"dt1": f'"{common._sql()}"', "dt2": f'"{f.dataType._sql()}"'})
        common = w
    ordered = df.select(index.alias("__kindling_index"), *[df[i] for i, _ in rest])
    ordered = ordered.filter(F.col("__kindling_index").isNotNull()).orderBy(F.col("__kindling_index"))
    rows = ordered.select(F.col("__kindling_index").cast("string"),
                          *[ordered[k + 1].cast(common) for k in range(len(rest))]).collect()
    names = ["key"] + [r[0] for r in rows]
    # Index values may repeat: build under unique names, then name the columns as Spark does.
    out_fields = [StructField("key", StringType(), True)] + [StructField(f"_{k}", common or StringType(), True)
                                                             for k in range(len(rows))]
    data = [tuple([f.name] + [r[k + 1] for r in rows]) for k, (_, f) in enumerate(rest)] if rows else []
    return df.sparkSession.createDataFrame(data, StructType(out_fields)).toDF(*names)


def _scala_type(dt: DataType) -> str:
    if isinstance(dt, ArrayType):
        return f"ArrayType({_scala_type(dt.elementType)},{str(dt.containsNull).lower()})"
    if isinstance(dt, StructType):
        return "StructType(" + ",".join(f"StructField({f.name},{_scala_type(f.dataType)},{str(f.nullable).lower()})"
                                        for f in dt.fields) + ")"
    return type(dt).__name__

