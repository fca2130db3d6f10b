"""DataFrame methods PySpark offers that compose other requests: ``fillna``/``dropna`` (and ``df.na``) as one
projection or filter, ``intersect``/``subtract`` as a null-safe semi/anti join plus ``distinct``.
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

__all__ = ["DataFrameNaFunctions", "fillna", "dropna", "set_difference"]

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


def set_difference(df: "DataFrame", other: "DataFrame", how: str, op_name: str) -> "DataFrame":
    """Distinct rows of ``df`` that are (``leftsemi``) or are not (``leftanti``) in ``other``, rows compared by
    position with NULL equal to NULL, as INTERSECT / EXCEPT DISTINCT."""
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
    cond = reduce(lambda a, b: a & b, [df[i].eqNullSafe(other[i]) for i in range(len(left))])
    return df.join(other, cond, how).distinct()


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
