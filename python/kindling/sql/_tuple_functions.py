"""The fixed-width generators ``json_tuple`` and ``stack``, re-exported by :mod:`kindling.sql.functions`: like
``inline`` they produce several columns (``c0, c1, …`` and ``col0, col1, …``), named with ``alias(*names)``."""

from __future__ import annotations

from typing import Union

from kindling.sql._utils import errors as _err
from kindling.sql.column import Column, _call, _literal, _to_col, _to_expr

ColumnOrName = Union[Column, str]

__all__ = ["json_tuple", "stack"]


def json_tuple(col: ColumnOrName, *fields: str) -> Column:
    """One row of the values of the top-level ``fields`` of a JSON object, as string columns ``c0``, ``c1``, …
    (NULL for a missing field, a JSON null or a string that is not a JSON object).

    Parameters
    ----------
    col : :class:`Column` or str
        A string column of JSON objects.
    fields : str
        The field names.

    Returns
    -------
    :class:`Column`
        A generator of one row with a column per field.

    Examples
    --------
    >>> data = [("1", '''{"f1": "value1", "f2": "value2"}'''), ("2", '''{"f1": "value12"}''')]
    >>> df = spark.createDataFrame(data, ("key", "jstring"))
    >>> df.select(df.key, json_tuple(df.jstring, "f1", "f2")).show()
    +---+-------+------+
    |key|     c0|    c1|
    +---+-------+------+
    |  1| value1|value2|
    |  2|value12|  NULL|
    +---+-------+------+
    >>> df.select(json_tuple("jstring", "f1").alias("first")).collect()
    [Row(first='value1'), Row(first='value12')]
    """
    if len(fields) == 0:
        raise _err.value_error("CANNOT_BE_EMPTY", item="field")
    return _call("json_tuple", _to_col(col), *(_literal(f, "fields") for f in fields))


def stack(*cols: ColumnOrName) -> Column:
    """``n`` rows from the values that follow the first argument ``n``: each row takes the next ``ceil(k / n)``
    values as columns ``col0``, ``col1``, … (the last row padded with NULLs).

    Parameters
    ----------
    cols : :class:`Column`, str or literal
        ``n`` (an int literal), then the values; a column of each position must keep one type.

    Returns
    -------
    :class:`Column`
        A generator of ``n`` rows.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([(1, 2, 3)], ["a", "b", "c"])
    >>> df.select(stack(lit(2), df.a, df.b, df.c)).show()
    +----+----+
    |col0|col1|
    +----+----+
    |   1|   2|
    |   3|NULL|
    +----+----+
    >>> df.select(stack(lit(2), df.a, df.b, df.c).alias("x", "y")).collect()
    [Row(x=1, y=2), Row(x=3, y=None)]
    """
    return _call("stack", *(c._expr if isinstance(c, Column) else _to_col(c) if isinstance(c, str) else _to_expr(c) for c in cols))
