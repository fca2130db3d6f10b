"""``nth_value``, re-exported by :mod:`kindling.sql.functions`: the window function of SQL's ``nth_value``."""

from __future__ import annotations

from typing import Optional, Union

from kindling.sql._utils import errors as _err
from kindling.sql.column import Column, _call, _literal, _to_col

ColumnOrName = Union[Column, str]

__all__ = ["nth_value"]


def nth_value(col: ColumnOrName, offset: int, ignoreNulls: Optional[bool] = False) -> Column:
    """The value of the ``offset``-th row of the window frame (1-based), NULL when the frame has fewer rows; with
    ``ignoreNulls`` the ``offset``-th non-NULL value. Use with ``.over(window)``; the window must be ordered.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.
    offset : int
        The row of the frame, from 1.
    ignoreNulls : bool, optional
        Skip NULL values (default False).

    Returns
    -------
    :class:`Column`
        The value, of the column's type.

    Examples
    --------
    >>> from kindling.sql import Window
    >>> df = spark.createDataFrame([("a", 1), ("a", 2), ("a", 3), ("b", 8), ("b", 2)], ["c1", "c2"])
    >>> w = Window.partitionBy("c1").orderBy("c2")
    >>> df.withColumn("nth_value", nth_value("c2", 1).over(w)).orderBy("c1", "c2").show()
    +---+---+---------+
    | c1| c2|nth_value|
    +---+---+---------+
    |  a|  1|        1|
    |  a|  2|        1|
    |  a|  3|        1|
    |  b|  2|        2|
    |  b|  8|        2|
    +---+---+---------+
    >>> df.withColumn("nth_value", nth_value("c2", 2, True).over(w)).orderBy("c1", "c2").show()
    +---+---+---------+
    | c1| c2|nth_value|
    +---+---+---------+
    |  a|  1|     NULL|
    |  a|  2|        2|
    |  a|  3|        2|
    |  b|  2|     NULL|
    |  b|  8|        8|
    +---+---+---------+
    """
    if not isinstance(offset, int) or isinstance(offset, bool):
        raise _err.type_error("NOT_INT", arg_name="offset", arg_type=type(offset).__name__)
    return _call("nth_value", _to_col(col), _literal(offset, "offset"), _literal(bool(ignoreNulls), "ignoreNulls"))
