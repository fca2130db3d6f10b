"""GroupedData: the result of ``df.groupBy(...)``, ``df.rollup(...)`` or ``df.cube(...)``, turned back into a DataFrame
by ``agg`` or a shorthand aggregate (one Aggregate request; the grouping columns come first in the result)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Union

from .._client import requests as rq
from ..errors import AnalysisException, PySparkTypeError, PySparkValueError
from ._expr import Alias, Call, ColumnRef, Literal
from .column import Column
from .types import DoubleType, IntegerType, LongType, NumericType

if TYPE_CHECKING:
    from .dataframe import DataFrame

__all__ = ["GroupedData"]

# Spark's RelationalGroupedDataset.strToExpr: aliases of aggregate names in agg({col: name}).
_DICT_FUNCTIONS = {"avg": "avg", "average": "avg", "mean": "avg", "stddev": "stddev", "std": "stddev",
                   "count": "count", "size": "count"}


class GroupedData:
    """Aggregations over the groups of ``df.groupBy(...)``, ``df.rollup(...)`` or ``df.cube(...)``."""

    def __init__(self, df: "DataFrame", grouping: Sequence[Any], group_type: int = rq.GroupType.GroupBy,
                 grouping_sets: Optional[List[List[int]]] = None, hidden: int = 0) -> None:
        self._df = df
        self._grouping = list(grouping)
        self._group_type = group_type
        self._grouping_sets = grouping_sets  # groupingSets(): positions in the grouping columns
        # groupingSets(): the last `hidden` grouping columns come only from the sets; Spark groups by them without
        # showing them, so they are projected away after the aggregate.
        self._hidden = hidden

    def _aggregate(self, aggregates: List[Any]) -> "DataFrame":
        out = self._df._transform(rq.aggregate(self._df._id, self._grouping, aggregates, self._group_type,
                                               self._grouping_sets))
        if not self._hidden:
            return out
        shown = len(self._grouping) - self._hidden
        keep = list(range(shown)) + list(range(len(self._grouping), len(out.columns)))
        return out.select(*[out[i] for i in keep])

    def agg(self, *exprs: Union[Column, Dict[str, str]]) -> "DataFrame":
        """``agg(F.sum("v"), F.max("w"))`` or ``agg({"v": "sum", "*": "count"})``."""
        if not exprs:
            raise PySparkValueError(error_class="CANNOT_BE_EMPTY", message_parameters={"item": "exprs"})
        if len(exprs) == 1 and isinstance(exprs[0], dict):
            aggregates = []
            for col_name, fn in exprs[0].items():
                name = _DICT_FUNCTIONS.get(str(fn).lower(), str(fn).lower())
                if col_name == "*" and name == "count":
                    aggregates.append(Call("count", (Literal("int32", 1),)))  # count(*) is count(1) in Spark
                else:
                    aggregates.append(Call(name, (ColumnRef(col_name, self._df._id),)))
            return self._aggregate(aggregates)
        for e in exprs:
            if not isinstance(e, Column):
                raise PySparkTypeError(error_class="NOT_COLUMN",
                                       message_parameters={"arg_name": "exprs", "arg_type": type(e).__name__})
        return self._aggregate([e._expr for e in exprs])  # type: ignore[union-attr]

    def applyInPandas(self, func: Any, schema: Any) -> "DataFrame":
        """Calls ``func`` once per group with the group's rows as a ``pandas.DataFrame``; it returns a
        ``pandas.DataFrame`` of ``schema`` (a StructType or DDL string). Runs in Python workers.

        Examples
        --------
        >>> df = spark.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0)], "id long, v double")
        >>> def center(pdf):
        ...     return pdf.assign(v=pdf.v - pdf.v.mean())
        >>> df.groupBy("id").applyInPandas(center, "id long, v double").orderBy("id", "v").collect()
        [Row(id=1, v=-0.5), Row(id=1, v=0.5), Row(id=2, v=0.0)]
        """
        from .udf import PythonEvalType, UserDefinedFunction, _struct_schema, _whole_row_function

        # Over rollup()/cube() too the groups are those of the plain keys, as Spark's flatMapGroupsInPandas does.
        st = _struct_schema(schema)
        if isinstance(func, UserDefinedFunction):
            func = func.func
        node = _whole_row_function(func, PythonEvalType.SQL_GROUPED_MAP_PANDAS_UDF)
        return self._df._transform(rq.flat_map_groups_in_python(self._df._id, self._grouping, node, st))

    def count(self) -> "DataFrame":
        """Rows per group, in a column named ``count``."""
        return self._aggregate([Alias(Call("count", ()), "count")])

    def _numeric(self, fn: str, cols: Sequence[str]) -> "DataFrame":
        fields = {f.name.lower(): f for f in self._df.schema.fields}
        if not cols:
            targets = [f.name for f in self._df.schema.fields if _is_numeric(f.dataType)]
        else:
            targets = []
            for c in cols:
                if not isinstance(c, str):
                    raise PySparkTypeError(error_class="NOT_STR",
                                           message_parameters={"arg_name": "cols", "arg_type": type(c).__name__})
                f = fields.get(c.lower())
                if f is not None and not _is_numeric(f.dataType):
                    raise AnalysisException(
                        f'"{c}" is not a numeric column. Aggregation function can only be applied on a numeric column.',
                        "_LEGACY_ERROR_TEMP_1099", {"columnName": c})
                targets.append(c)
        return self._aggregate([Call(fn, (ColumnRef(c, self._df._id),)) for c in targets])

    def sum(self, *cols: str) -> "DataFrame":
        """Sum of each numeric column (or of ``cols``) per group."""
        return self._numeric("sum", cols)

    def avg(self, *cols: str) -> "DataFrame":
        return self._numeric("avg", cols)

    def mean(self, *cols: str) -> "DataFrame":
        return self._numeric("avg", cols)

    def min(self, *cols: str) -> "DataFrame":
        return self._numeric("min", cols)

    def max(self, *cols: str) -> "DataFrame":
        return self._numeric("max", cols)


def _is_numeric(dt: Any) -> bool:
    return isinstance(dt, (NumericType, IntegerType, LongType, DoubleType))
