"""Array functions, re-exported by :mod:`kindling.sql.functions` under PySpark's names."""

from __future__ import annotations

from typing import Any, List, Union

from kindling.sql.column import Column, _call, _literal, _to_col

ColumnOrName = Union[Column, str]

__all__ = ["array", "size", "cardinality", "array_contains"]


def array(*cols: Union[ColumnOrName, List[ColumnOrName]]) -> Column:
    """An array of the columns, brought to their common type.

    Parameters
    ----------
    cols : :class:`Column` or str, or one list of them
        The elements of each row's array.

    Returns
    -------
    :class:`Column`
        An array column.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 2), (3, None)], "a int, b int")
    >>> [r.xs for r in df.select(array("a", "b").alias("xs")).collect()]
    [[1, 2], [3, None]]
    """
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        cols = tuple(cols[0])
    return _call("array", *(_to_col(c) for c in cols))  # type: ignore[arg-type]


def size(col: ColumnOrName) -> Column:
    """The number of elements of an array; -1 for NULL (Spark's legacy ``sizeOfNull``, unless ANSI mode is on).

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2, 3],), (None,)], "xs array<int>")
    >>> [r[0] for r in df.select(size("xs")).collect()]
    [3, -1]
    """
    return _call("size", _to_col(col))


def cardinality(col: ColumnOrName) -> Column:
    """The number of elements of an array, as :func:`size`.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(cardinality(array(lit(1), lit(2)))).first()[0]
    2
    """
    return _call("cardinality", _to_col(col))


def array_contains(col: ColumnOrName, value: Any) -> Column:
    """True if the array holds ``value``; NULL if it does not but holds a NULL, or if either is NULL.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    value : :class:`Column` or a literal
        The value to look for.

    Returns
    -------
    :class:`Column`
        A boolean.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2],), ([3, None],), ([],)], "xs array<int>")
    >>> [r[0] for r in df.select(array_contains("xs", 2)).collect()]
    [True, None, False]
    """
    v = value if isinstance(value, Column) else _literal(value, "value")
    return _call("array_contains", _to_col(col), v)
