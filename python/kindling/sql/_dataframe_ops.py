"""DataFrame methods PySpark offers that compose other requests: ``fillna``/``dropna`` (and ``df.na``) as one
projection or filter, ``intersect``/``subtract`` as a null-safe semi/anti join plus ``distinct``, and
``intersectAll``/``exceptAll`` as Spark's optimizer rewrites them: a tagged union, counts per distinct row, a
filter, and ``explode(array_repeat(...))`` to repeat each surviving row.
"""

from __future__ import annotations

from functools import reduce
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Union

from ..errors import AnalysisException, PySparkTypeError, PySparkValueError
from . import functions as F
from .column import Column
from .types import BooleanType, DoubleType, IntegerType, LongType, NumericType, StringType

if TYPE_CHECKING:
    from .dataframe import DataFrame

__all__ = ["DataFrameNaFunctions", "fillna", "dropna", "set_difference", "set_operation_all"]

_NO_VALUE = object()  # replace()'s "value not given" (None means NULL)
_NUMERIC = (NumericType, IntegerType, LongType, DoubleType)


def _subset(df: "DataFrame", subset: Any) -> List[str]:
    if subset is None:
        return df.columns
    if isinstance(subset, str):
        return [subset]
    if isinstance(subset, (list, tuple)) and all(isinstance(s, str) for s in subset):
        return list(subset)
    raise PySparkTypeError(error_class="NOT_LIST_OR_STR_OR_TUPLE",
                           message=f"Argument `subset` should be a list, str or tuple, got {type(subset).__name__}.",
                           message_parameters={"arg_name": "subset", "arg_type": type(subset).__name__})


def _field(df: "DataFrame", name: str):
    for f in df.schema.fields:
        if f.name.lower() == name.lower():
            return f
    df[name]  # the engine reports the unknown column, as Spark's resolve() does
    raise AnalysisException(f"Cannot resolve column name \"{name}\" among ({', '.join(df.columns)}).",
                            "UNRESOLVED_COLUMN.WITH_SUGGESTION", {"objectName": name})


def _fill_expr(df: "DataFrame", name: str, dt: Any, value: Any) -> Column:
    c = df[name]
    if isinstance(dt, DoubleType):
        c = F.when(F.isnan(c), F.lit(None)).otherwise(c)  # Spark fills NaN as well as NULL in doubles
    return F.coalesce(c, F.lit(value).cast(dt)).alias(name)


def _matches(dt: Any, value: Any) -> bool:
    if isinstance(value, bool):
        return isinstance(dt, BooleanType)
    if isinstance(value, (int, float)):
        return isinstance(dt, _NUMERIC)
    return isinstance(dt, StringType)


def fillna(df: "DataFrame", value: Any, subset: Any = None) -> "DataFrame":
    """Replaces NULLs (and NaN in doubles) with ``value`` in the columns of a matching type, or per column."""
    if not isinstance(value, (float, int, str, bool, dict)):
        raise PySparkTypeError(error_class="NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_STR",
                               message=f"Argument `value` should be a bool, dict, float, int or str, got "
                                       f"{type(value).__name__}.",
                               message_parameters={"arg_name": "value", "arg_type": type(value).__name__})
    if isinstance(value, dict):
        targets = []
        for name, v in value.items():
            if not isinstance(v, (float, int, str, bool)):
                raise PySparkTypeError(error_class="NOT_BOOL_OR_FLOAT_OR_INT_OR_STR",
                                       message=f"Argument `value` should be a bool, float, int or str, got "
                                               f"{type(v).__name__}.",
                                       message_parameters={"arg_name": "value", "arg_type": type(v).__name__})
            f = _field(df, name)
            targets.append((f.name, f.dataType, v))
    else:
        targets = []
        for name in _subset(df, subset):
            f = _field(df, name)
            if _matches(f.dataType, value):
                targets.append((f.name, f.dataType, value))
    if not targets:
        return df.select("*")
    return df.withColumns({name: _fill_expr(df, name, dt, v) for name, dt, v in targets})


def dropna(df: "DataFrame", how: str = "any", thresh: Optional[int] = None, subset: Any = None) -> "DataFrame":
    """Drops rows with fewer than ``thresh`` non-null (and non-NaN) values in ``subset``; ``how='all'`` keeps rows
    with at least one."""
    if how not in ("any", "all"):
        raise PySparkValueError(f"Argument `how` should be 'any' or 'all', got {how!r}.", "VALUE_NOT_ANY_OR_ALL",
                                {"arg_name": "how", "arg_type": str(how)})
    names = _subset(df, subset)
    if thresh is None:
        thresh = len(names) if how == "any" else 1
    if not isinstance(thresh, int) or isinstance(thresh, bool):
        raise PySparkTypeError(error_class="NOT_INT", message_parameters={"arg_name": "thresh",
                                                                          "arg_type": type(thresh).__name__})
    present = []
    for name in names:
        f = _field(df, name)
        c = df[f.name]
        ok = c.isNotNull()
        if isinstance(f.dataType, DoubleType):
            ok = ok & ~F.isnan(c)
        present.append(ok)
    if thresh <= 0 or not present:
        return df.select("*")
    if thresh == len(present):
        cond = reduce(lambda a, b: a & b, present)
    elif thresh == 1:
        cond = reduce(lambda a, b: a | b, present)
    else:
        count = reduce(lambda a, b: a + b, [F.when(p, F.lit(1)).otherwise(F.lit(0)) for p in present])
        cond = count >= F.lit(thresh)
    return df.filter(cond)


def _check_set_inputs(df: "DataFrame", other: "DataFrame", op_name: str) -> None:
    from .dataframe import DataFrame

    if not isinstance(other, DataFrame):
        raise PySparkTypeError(error_class="NOT_DATAFRAME",
                               message_parameters={"arg_name": "other", "arg_type": type(other).__name__})
    left, right = df.columns, other.columns
    if len(left) != len(right):
        raise AnalysisException(
            f"{op_name} can only be performed on inputs with the same number of columns, but the first input has "
            f"{len(left)} columns and the second input has {len(right)} columns.",
            "NUM_COLUMNS_MISMATCH",
            {"operator": op_name, "firstNumColumns": str(len(left)), "invalidOrdinalNum": "second",
             "invalidNumColumns": str(len(right))})


def set_difference(df: "DataFrame", other: "DataFrame", how: str, op_name: str) -> "DataFrame":
    """Distinct rows of ``df`` that are (``leftsemi``) or are not (``leftanti``) in ``other``, rows compared by
    position with NULL equal to NULL, as INTERSECT / EXCEPT DISTINCT."""
    _check_set_inputs(df, other, op_name)
    df, other = _widen(df, other, op_name)
    left = df.columns
    cond = reduce(lambda a, b: a & b, [df[i].eqNullSafe(other[i]) for i in range(len(left))])
    return df.join(other, cond, how).distinct()


_HIDDEN = "__kindling_setop_"


def _ordinal(n: int) -> str:
    return ["first", "second", "third"][n - 1] if n <= 3 else f"{n}th"


def _widen(df: "DataFrame", other: "DataFrame", op_name: str):
    """Both sides cast to their common column types (the engine's UNION widening, Spark's
    WidenSetOperationTypes), so rows compare as values of one type; INCOMPATIBLE_COLUMN_TYPE names ``op_name``."""
    try:
        common = df.union(other).schema.fields
    except AnalysisException as e:
        if e.getErrorClass() != "INCOMPATIBLE_COLUMN_TYPE":
            raise
        # The union's message names UNION; Spark's names the set operation and both types.
        ordinal = e.getMessageParameters().get("columnOrdinalNumber", "")
        i = next((k for k in range(len(df.columns)) if _ordinal(k + 1) == ordinal), None)
        if i is None:
            raise
        t1 = f'"{other.schema.fields[i].dataType.simpleString().upper()}"'
        t2 = f'"{df.schema.fields[i].dataType.simpleString().upper()}"'
        raise AnalysisException(
            f"{op_name} can only be performed on tables with compatible column types. The {ordinal} column of the "
            f"second table is {t1} type which is not compatible with {t2} at the same column of the first table.",
            "INCOMPATIBLE_COLUMN_TYPE",
            {"operator": op_name, "columnOrdinalNumber": ordinal, "tableOrdinalNumber": "second",
             "dataType1": t1, "dataType2": t2, "hint": ""}) from None

    def cast(d: "DataFrame") -> "DataFrame":
        fields = d.schema.fields
        if all(f.dataType == c.dataType for f, c in zip(fields, common)):
            return d
        return d.select(*[d[i] if f.dataType == c.dataType else d[i].cast(c.dataType).alias(f.name)
                          for i, (f, c) in enumerate(zip(fields, common))])

    return cast(df), cast(other)


def set_operation_all(df: "DataFrame", other: "DataFrame", kind: str) -> "DataFrame":
    """``df INTERSECT ALL other`` (``kind="intersect"``: a row present m times in ``df`` and n times in ``other``
    is kept min(m, n) times) or ``df EXCEPT ALL other`` (``"except"``: max(m - n, 0) times); rows compared by
    position with NULL equal to NULL, columns named from ``df``. The same plan the engine builds for the SQL
    operators (Spark's RewriteIntersectAll / RewriteExceptAll)."""
    op_name = "INTERSECTALL" if kind == "intersect" else "EXCEPTALL"
    _check_set_inputs(df, other, op_name)
    df, other = _widen(df, other, op_name)
    n = len(df.columns)
    h = _HIDDEN
    true, null = F.lit(True), F.lit(None).cast("boolean")
    if kind == "intersect":
        tags = [[true.alias(h + "l"), null.alias(h + "r")], [null.alias(h + "l"), true.alias(h + "r")]]
    else:
        tags = [[F.lit(1).cast("bigint").alias(h + "n")], [F.lit(-1).cast("bigint").alias(h + "n")]]
    sides = [d.select(*[d[i] for i in range(n)], *t) for d, t in zip((df, other), tags)]
    union = sides[0].union(sides[1])
    keys = [union[i] for i in range(n)]
    if kind == "intersect":
        counted = union.groupBy(*keys).agg(F.count(union[h + "l"]).alias(h + "lc"), F.count(union[h + "r"]).alias(h + "rc"))
        kept = counted.filter((counted[h + "lc"] >= 1) & (counted[h + "rc"] >= 1))
        times = F.least(kept[h + "lc"], kept[h + "rc"])
    else:
        counted = union.groupBy(*keys).agg(F.sum(union[h + "n"]).alias(h + "n"))
        kept = counted.filter(counted[h + "n"] > 0)
        times = kept[h + "n"]
    copies = kept.select(*[kept[i] for i in range(n)], F.explode(F.array_repeat(F.lit(True), times)).alias(h + "copy"))
    return copies.select(*[copies[i] for i in range(n)])


class DataFrameNaFunctions:
    """``df.na``: ``df.na.fill(0)``, ``df.na.drop(subset=["a"])``."""

    def __init__(self, df: "DataFrame") -> None:
        self._df = df

    def fill(self, value: Union[int, float, str, bool, Dict[str, Any]],
             subset: Optional[Union[str, Sequence[str]]] = None) -> "DataFrame":
        return fillna(self._df, value, subset)

    def drop(self, how: str = "any", thresh: Optional[int] = None,
             subset: Optional[Union[str, Sequence[str]]] = None) -> "DataFrame":
        return dropna(self._df, how, thresh, subset)

    def replace(self, to_replace: Any, value: Any = _NO_VALUE, subset: Optional[Sequence[str]] = None) -> "DataFrame":
        """As :meth:`DataFrame.replace`.

        Examples
        --------
        >>> df = spark.createDataFrame([(10, "Alice"), (5, "Bob")], "age int, name string")
        >>> df.na.replace("Alice", None).collect()
        [Row(age=10, name=None), Row(age=5, name='Bob')]
        """
        from . import _dataframe_reshape

        return _dataframe_reshape.replace(self._df, to_replace, value, subset)
