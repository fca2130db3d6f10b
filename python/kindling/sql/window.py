"""PySpark's ``Window`` and ``WindowSpec``: the ``OVER (PARTITION BY … ORDER BY … ROWS/RANGE BETWEEN …)`` of a
window function, used as ``F.rank().over(Window.partitionBy("k").orderBy("v"))``.

>>> from kindling.sql import Window, functions as F
"""

from __future__ import annotations

import sys
from typing import List, Optional, Tuple, Union

from kindling.sql import _expr as E
from kindling.sql._utils import errors as _err
from kindling.sql.column import Column, _to_col

__all__ = ["Window", "WindowSpec"]

ColumnOrName = Union[Column, str]

# PySpark: bounds at or beyond these are unbounded (Long.MinValue/MaxValue on the JVM).
_PRECEDING_THRESHOLD = max(-sys.maxsize, -9223372036854775808)
_FOLLOWING_THRESHOLD = min(sys.maxsize, 9223372036854775807)


def _cols(cols: Tuple) -> List["E.Expr"]:
    """The expressions of column names or Columns (one list argument is unpacked, as in PySpark)."""
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        cols = tuple(cols[0])
    return [_to_col(c) for c in cols]


def _order_expr(e: "E.Expr") -> "E.Expr":
    return e if isinstance(e, E.SortOrder) else E.SortOrder(e, False, True)


def _bound(value: int, name: str, unbounded_below: bool) -> Optional[int]:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _err.type_error("NOT_INT", arg_name=name, arg_type=type(value).__name__)
    if unbounded_below and value <= _PRECEDING_THRESHOLD:
        return None
    if not unbounded_below and value >= _FOLLOWING_THRESHOLD:
        return None
    if value <= _PRECEDING_THRESHOLD or value >= _FOLLOWING_THRESHOLD:
        return None
    return value


class WindowSpec:
    """A window specification: partitioning, ordering and frame. Immutable; each method returns a new spec."""

    def __init__(self, partition: Tuple = (), order: Tuple = (), frame: Optional[Tuple] = None) -> None:
        self._partition = partition
        self._order = order
        self._frame = frame

    def partitionBy(self, *cols: Union[ColumnOrName, List[ColumnOrName]]) -> "WindowSpec":
        """Rows with equal values of ``cols`` form one window partition.

        Examples
        --------
        >>> from kindling.sql import Window, functions as F
        >>> df = spark.createDataFrame([("a", 1), ("a", 2), ("b", 5)], "k string, v int")
        >>> w = Window.partitionBy("k")
        >>> sorted(tuple(r) for r in df.select("k", F.sum("v").over(w).alias("s")).collect())
        [('a', 3), ('a', 3), ('b', 5)]
        """
        return WindowSpec(tuple(_cols(cols)), self._order, self._frame)

    def orderBy(self, *cols: Union[ColumnOrName, List[ColumnOrName]]) -> "WindowSpec":
        """Orders the rows within each window partition (``F.desc("v")`` or ``col.desc()`` for descending).

        Examples
        --------
        >>> from kindling.sql import Window, functions as F
        >>> df = spark.createDataFrame([("a", 1), ("a", 2), ("b", 5)], "k string, v int")
        >>> w = Window.partitionBy("k").orderBy(F.desc("v"))
        >>> sorted(tuple(r) for r in df.select("k", "v", F.row_number().over(w).alias("n")).collect())
        [('a', 1, 2), ('a', 2, 1), ('b', 5, 1)]
        """
        return WindowSpec(self._partition, tuple(_order_expr(c) for c in _cols(cols)), self._frame)

    def rowsBetween(self, start: int, end: int) -> "WindowSpec":
        """A frame of rows relative to the current row: ``Window.currentRow`` (0), negative offsets precede,
        positive ones follow; ``Window.unboundedPreceding``/``unboundedFollowing`` reach the partition's ends.

        Examples
        --------
        >>> from kindling.sql import Window, functions as F
        >>> df = spark.createDataFrame([(1,), (2,), (3,), (4,)], "v int")
        >>> w = Window.orderBy("v").rowsBetween(-1, Window.currentRow)
        >>> [r.s for r in df.select("v", F.sum("v").over(w).alias("s")).orderBy("v").collect()]
        [1, 3, 5, 7]
        """
        return WindowSpec(self._partition, self._order,
                          ("rows", _bound(start, "start", True), _bound(end, "end", False)))

    def rangeBetween(self, start: int, end: int) -> "WindowSpec":
        """A frame of rows whose (single, numeric) order key lies within ``start``..``end`` of the current row's.

        Examples
        --------
        >>> from kindling.sql import Window, functions as F
        >>> df = spark.createDataFrame([(1,), (2,), (2,), (5,)], "v int")
        >>> w = Window.orderBy("v").rangeBetween(-1, 0)
        >>> [r.n for r in df.select("v", F.count("*").over(w).alias("n")).orderBy("v").collect()]
        [1, 3, 3, 1]
        """
        return WindowSpec(self._partition, self._order,
                          ("range", _bound(start, "start", True), _bound(end, "end", False)))

    def _apply(self, function: "E.Expr") -> "E.WindowExpr":
        return E.WindowExpr(function, self._partition, self._order, self._frame)

    def __repr__(self) -> str:
        return f"WindowSpec({E._window_text(self._apply(E.Literal('null', None)))})"


class Window:
    """Entry points of window specifications (PySpark's ``pyspark.sql.Window``)."""

    unboundedPreceding: int = _PRECEDING_THRESHOLD
    unboundedFollowing: int = _FOLLOWING_THRESHOLD
    currentRow: int = 0

    @staticmethod
    def partitionBy(*cols: Union[ColumnOrName, List[ColumnOrName]]) -> WindowSpec:
        """A spec partitioned by ``cols``; see :meth:`WindowSpec.partitionBy`."""
        return WindowSpec().partitionBy(*cols)

    @staticmethod
    def orderBy(*cols: Union[ColumnOrName, List[ColumnOrName]]) -> WindowSpec:
        """A spec ordered by ``cols`` over the whole DataFrame; see :meth:`WindowSpec.orderBy`."""
        return WindowSpec().orderBy(*cols)

    @staticmethod
    def rowsBetween(start: int, end: int) -> WindowSpec:
        """A ROWS frame over the whole DataFrame; see :meth:`WindowSpec.rowsBetween`."""
        return WindowSpec().rowsBetween(start, end)

    @staticmethod
    def rangeBetween(start: int, end: int) -> WindowSpec:
        """A RANGE frame; see :meth:`WindowSpec.rangeBetween`."""
        return WindowSpec().rangeBetween(start, end)
