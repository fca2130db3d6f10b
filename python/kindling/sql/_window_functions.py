"""Window functions (ranking, distribution, offsets), re-exported by :mod:`kindling.sql.functions` under PySpark's
names. Each builds a call that must be used with ``.over(window)``."""

from __future__ import annotations

from typing import Any, Union

from kindling.sql._utils import errors as _err
from kindling.sql.column import Column, _call, _literal, _to_col, _to_expr

ColumnOrName = Union[Column, str]

__all__ = ["row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead"]


def _int(value: Any, arg_name: str) -> Any:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _err.type_error("NOT_INT", arg_name=arg_name, arg_type=type(value).__name__)
    return _literal(value, arg_name)


def row_number() -> Column:
    """The number of the row within its window partition, from 1 (an int).

    Parameters
    ----------
    None
        It takes no arguments; its value depends on the window it is used over.

    Returns
    -------
    :class:`Column`
        The row number, an int.

    Examples
    --------
    >>> from kindling.sql import Window, functions as F
    >>> df = spark.createDataFrame([("a", 3), ("a", 1), ("b", 2)], "k string, v int")
    >>> w = Window.partitionBy("k").orderBy("v")
    >>> sorted(tuple(r) for r in df.select("k", "v", F.row_number().over(w).alias("n")).collect())
    [('a', 1, 1), ('a', 3, 2), ('b', 2, 1)]
    """
    return _call("row_number")


def rank() -> Column:
    """The rank of the row in its window partition, with gaps after ties (1, 2, 2, 4).

    Parameters
    ----------
    None
        It takes no arguments; its value depends on the window it is used over.

    Returns
    -------
    :class:`Column`
        The rank, an int.

    Examples
    --------
    >>> from kindling.sql import Window, functions as F
    >>> df = spark.createDataFrame([(1,), (2,), (2,), (3,)], "v int")
    >>> [r.r for r in df.select(F.rank().over(Window.orderBy("v")).alias("r")).orderBy("r").collect()]
    [1, 2, 2, 4]
    """
    return _call("rank")


def dense_rank() -> Column:
    """The rank without gaps after ties (1, 2, 2, 3).

    Parameters
    ----------
    None
        It takes no arguments; its value depends on the window it is used over.

    Returns
    -------
    :class:`Column`
        The dense rank, an int.

    Examples
    --------
    >>> from kindling.sql import Window, functions as F
    >>> df = spark.createDataFrame([(1,), (2,), (2,), (3,)], "v int")
    >>> [r.r for r in df.select(F.dense_rank().over(Window.orderBy("v")).alias("r")).orderBy("r").collect()]
    [1, 2, 2, 3]
    """
    return _call("dense_rank")


def percent_rank() -> Column:
    """``(rank - 1) / (rows in partition - 1)``, a double in [0, 1].

    Parameters
    ----------
    None
        It takes no arguments; its value depends on the window it is used over.

    Returns
    -------
    :class:`Column`
        The relative rank, a double.

    Examples
    --------
    >>> from kindling.sql import Window, functions as F
    >>> df = spark.createDataFrame([(1,), (2,), (3,)], "v int")
    >>> [r.p for r in df.select(F.percent_rank().over(Window.orderBy("v")).alias("p")).orderBy("p").collect()]
    [0.0, 0.5, 1.0]
    """
    return _call("percent_rank")


def cume_dist() -> Column:
    """The fraction of the partition's rows ordered at or before the current row (ties included).

    Parameters
    ----------
    None
        It takes no arguments; its value depends on the window it is used over.

    Returns
    -------
    :class:`Column`
        The cumulative distribution, a double.

    Examples
    --------
    >>> from kindling.sql import Window, functions as F
    >>> df = spark.createDataFrame([(1,), (2,), (2,), (3,)], "v int")
    >>> [r.c for r in df.select(F.cume_dist().over(Window.orderBy("v")).alias("c")).orderBy("c").collect()]
    [0.25, 0.75, 0.75, 1.0]
    """
    return _call("cume_dist")


def ntile(n: int) -> Column:
    """The bucket (1 … n) of the row when the ordered partition is split into ``n`` nearly equal groups.

    Parameters
    ----------
    n : int
        The number of buckets.

    Returns
    -------
    :class:`Column`
        The bucket number, an int.

    Examples
    --------
    >>> from kindling.sql import Window, functions as F
    >>> df = spark.createDataFrame([(1,), (2,), (3,), (4,), (5,)], "v int")
    >>> [r.t for r in df.select("v", F.ntile(2).over(Window.orderBy("v")).alias("t")).orderBy("v").collect()]
    [1, 1, 1, 2, 2]
    """
    return _call("ntile", _int(n, "n"))


def lag(col: ColumnOrName, offset: int = 1, default: Any = None) -> Column:
    """The value ``offset`` rows before the current row in its window partition, or ``default`` there is none.

    Parameters
    ----------
    col : :class:`Column` or str
        The column to read.
    offset : int, optional
        How many rows back (default 1).
    default : optional
        The value where there is no such row (default NULL).

    Returns
    -------
    :class:`Column`
        A value of the column's type.

    Examples
    --------
    >>> from kindling.sql import Window, functions as F
    >>> df = spark.createDataFrame([(1,), (2,), (4,)], "v int")
    >>> [r.p for r in df.select("v", F.lag("v").over(Window.orderBy("v")).alias("p")).orderBy("v").collect()]
    [None, 1, 2]
    """
    return _call("lag", _to_col(col), _int(offset, "offset"), _to_expr(default, "default"))


def lead(col: ColumnOrName, offset: int = 1, default: Any = None) -> Column:
    """The value ``offset`` rows after the current row in its window partition, or ``default``.

    Parameters
    ----------
    col : :class:`Column` or str
        The column to read.
    offset : int, optional
        How many rows ahead (default 1).
    default : optional
        The value where there is no such row (default NULL).

    Returns
    -------
    :class:`Column`
        A value of the column's type.

    Examples
    --------
    >>> from kindling.sql import Window, functions as F
    >>> df = spark.createDataFrame([(1,), (2,), (4,)], "v int")
    >>> [r.n for r in df.select("v", F.lead("v", 1, 0).over(Window.orderBy("v")).alias("n")).orderBy("v").collect()]
    [2, 4, 0]
    """
    return _call("lead", _to_col(col), _int(offset, "offset"), _to_expr(default, "default"))
