"""Spark's logical, bitwise and by-value aggregate functions (count_if, bool_and/every, bool_or/some, bit_and, bit_or,
bit_xor, collect_set, array_agg, max_by, min_by, try_sum, try_avg, median, percentile), re-exported by :mod:`kindling.sql.functions`."""

from __future__ import annotations

from typing import List, Tuple, Union

from kindling.sql.column import Column, _call, _to_col

ColumnOrName = Union[Column, str]

__all__ = ["count_if", "bool_and", "every", "bool_or", "some", "bit_and", "bit_or", "bit_xor", "collect_set", "array_agg", "try_sum", "try_avg", "max_by", "min_by", "median", "percentile"]


def count_if(col: ColumnOrName) -> Column:
    """The number of rows where the condition is true (NULL counts as false).

    Parameters
    ----------
    col : :class:`Column` or str
        A boolean condition.

    Returns
    -------
    :class:`Column`
        A bigint.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (2,), (3,), (None,)], "x int").coalesce(1)
    >>> df.agg(count_if(df.x > 1)).first()[0]
    2
    >>> df.agg(count_if(df.x > 1)).columns
    ['count_if((x > 1))']
    """
    return _call("count_if", _to_col(col))


def bool_and(col: ColumnOrName) -> Column:
    """True when the condition is true for every non-NULL row; NULL when there are none.

    Parameters
    ----------
    col : :class:`Column` or str
        A boolean column.

    Returns
    -------
    :class:`Column`
        A boolean.

    Examples
    --------
    >>> df = spark.createDataFrame([(True,), (None,), (False,)], "b boolean").coalesce(1)
    >>> df.agg(bool_and("b")).first()[0]
    False
    >>> df.agg(bool_and("b")).columns
    ['bool_and(b)']
    """
    return _call("bool_and", _to_col(col))


def every(col: ColumnOrName) -> Column:
    """True when the condition is true for every non-NULL row (:func:`bool_and` by its SQL standard name).

    Parameters
    ----------
    col : :class:`Column` or str
        A boolean column.

    Returns
    -------
    :class:`Column`
        A boolean.

    Examples
    --------
    >>> df = spark.createDataFrame([(True,), (None,), (True,)], "b boolean").coalesce(1)
    >>> df.agg(every("b")).first()[0]
    True
    >>> df.agg(every("b")).columns
    ['every(b)']
    """
    return _call("every", _to_col(col))


def bool_or(col: ColumnOrName) -> Column:
    """True when the condition is true for some non-NULL row; NULL when there are none.

    Parameters
    ----------
    col : :class:`Column` or str
        A boolean column.

    Returns
    -------
    :class:`Column`
        A boolean.

    Examples
    --------
    >>> df = spark.createDataFrame([(False,), (None,), (True,)], "b boolean").coalesce(1)
    >>> df.agg(bool_or("b")).first()[0]
    True
    >>> df.agg(bool_or("b")).columns
    ['bool_or(b)']
    """
    return _call("bool_or", _to_col(col))


def some(col: ColumnOrName) -> Column:
    """True when the condition is true for some non-NULL row (:func:`bool_or` by its SQL standard name).

    Parameters
    ----------
    col : :class:`Column` or str
        A boolean column.

    Returns
    -------
    :class:`Column`
        A boolean.

    Examples
    --------
    >>> df = spark.createDataFrame([(False,), (None,), (False,)], "b boolean").coalesce(1)
    >>> df.agg(some("b")).first()[0]
    False
    >>> df.agg(some("b")).columns
    ['some(b)']
    """
    return _call("some", _to_col(col))


def bit_and(col: ColumnOrName) -> Column:
    """The bitwise AND of the non-NULL values; NULL when there are none.

    Parameters
    ----------
    col : :class:`Column` or str
        A int or bigint column.

    Returns
    -------
    :class:`Column`
        The column's type.

    Examples
    --------
    >>> df = spark.createDataFrame([(-1,), (5,), (12,)], "x int").coalesce(1)
    >>> df.agg(bit_and("x")).first()[0]
    4
    >>> df.agg(bit_and("x")).columns
    ['bit_and(x)']
    """
    return _call("bit_and", _to_col(col))


def bit_or(col: ColumnOrName) -> Column:
    """The bitwise OR of the non-NULL values; NULL when there are none.

    Parameters
    ----------
    col : :class:`Column` or str
        A int or bigint column.

    Returns
    -------
    :class:`Column`
        The column's type.

    Examples
    --------
    >>> df = spark.createDataFrame([(-1,), (5,), (12,)], "x int").coalesce(1)
    >>> df.agg(bit_or("x")).first()[0]
    -1
    >>> df.agg(bit_or("x")).columns
    ['bit_or(x)']
    """
    return _call("bit_or", _to_col(col))


def bit_xor(col: ColumnOrName) -> Column:
    """The bitwise XOR of the non-NULL values; NULL when there are none.

    Parameters
    ----------
    col : :class:`Column` or str
        A int or bigint column.

    Returns
    -------
    :class:`Column`
        The column's type.

    Examples
    --------
    >>> df = spark.createDataFrame([(-1,), (5,), (12,)], "x int").coalesce(1)
    >>> df.agg(bit_xor("x")).first()[0]
    -10
    >>> df.agg(bit_xor("x")).columns
    ['bit_xor(x)']
    """
    return _call("bit_xor", _to_col(col))


def collect_set(col: ColumnOrName) -> Column:
    """The distinct non-NULL values of the group as an array. Kindling lists them in the order first met (Spark's order is its hash set's: sort the array where order matters).

    Parameters
    ----------
    col : :class:`Column` or str
        A column.

    Returns
    -------
    :class:`Column`
        An array.

    Examples
    --------
    >>> df = spark.createDataFrame([(2,), (5,), (5,), (None,)], "x int").coalesce(1)
    >>> df.agg(collect_set("x")).first()[0]
    [2, 5]
    >>> df.agg(collect_set("x")).columns
    ['collect_set(x)']
    """
    return _call("collect_set", _to_col(col))


def array_agg(col: ColumnOrName) -> Column:
    """The non-NULL values of the group as an array (:func:`collect_list`, and named so).

    Parameters
    ----------
    col : :class:`Column` or str
        A column.

    Returns
    -------
    :class:`Column`
        An array.

    Examples
    --------
    >>> df = spark.createDataFrame([(2,), (5,), (5,), (None,)], "x int").coalesce(1)
    >>> df.agg(array_agg("x")).first()[0]
    [2, 5, 5]
    >>> df.agg(array_agg("x")).columns
    ['collect_list(x)']
    """
    return _call("array_agg", _to_col(col))


def try_sum(col: ColumnOrName) -> Column:
    """The sum of the non-NULL values; NULL when there are none or when a bigint sum overflows (:func:`sum` wraps).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        As :func:`sum`.

    Examples
    --------
    >>> df = spark.createDataFrame([(9223372036854775807,), (1,)], "x bigint").coalesce(1)
    >>> print(df.agg(try_sum("x")).first()[0])
    None
    >>> df.agg(try_sum("x")).columns
    ['try_sum(x)']
    """
    return _call("try_sum", _to_col(col))


def try_avg(col: ColumnOrName) -> Column:
    """The mean of the non-NULL values; NULL when there are none or when a decimal sum overflows, whatever the ANSI mode.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        As :func:`avg`.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (2,), (None,)], "x int").coalesce(1)
    >>> df.agg(try_avg("x")).first()[0]
    1.5
    >>> df.agg(try_avg("x")).columns
    ['try_avg(x)']
    """
    return _call("try_avg", _to_col(col))


def max_by(col: ColumnOrName, ord: ColumnOrName) -> Column:
    """The value of ``col`` at the row where ``ord`` is largest; rows with a NULL ``ord`` are skipped, and of equal
    ``ord`` values the later row wins, as in Spark.

    Parameters
    ----------
    col : :class:`Column` or str
        The values.
    ord : :class:`Column` or str
        The ordering (any orderable type).

    Returns
    -------
    :class:`Column`
        A value of ``col``'s type.

    Examples
    --------
    >>> df = spark.createDataFrame([("x", 1), ("y", 3), ("z", None)], "v string, o int").coalesce(1)
    >>> df.agg(max_by("v", "o")).first()[0]
    'y'
    >>> df.agg(max_by("v", "o")).columns
    ['max_by(v, o)']
    """
    return _call("max_by", _to_col(col), _to_col(ord))


def min_by(col: ColumnOrName, ord: ColumnOrName) -> Column:
    """The value of ``col`` at the row where ``ord`` is smallest; rows with a NULL ``ord`` are skipped, and of equal
    ``ord`` values the later row wins, as in Spark.

    Parameters
    ----------
    col : :class:`Column` or str
        The values.
    ord : :class:`Column` or str
        The ordering (any orderable type).

    Returns
    -------
    :class:`Column`
        A value of ``col``'s type.

    Examples
    --------
    >>> df = spark.createDataFrame([("x", 1), ("y", 3), ("z", None)], "v string, o int").coalesce(1)
    >>> df.agg(min_by("v", "o")).first()[0]
    'x'
    >>> df.agg(min_by("v", "o")).columns
    ['min_by(v, o)']
    """
    return _call("min_by", _to_col(col), _to_col(ord))


def median(col: ColumnOrName) -> Column:
    """The exact median of the non-NULL values (:func:`percentile` at 0.5); NULL when there are none.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (2,), (4,), (10,), (None,)], "x int")
    >>> df.agg(median("x")).first()[0]
    3.0
    >>> df.agg(median("x")).columns
    ['median(x)']
    """
    return _call("median", _to_col(col))


def percentile(col: ColumnOrName, percentage: Union[Column, float, List[float], Tuple[float, ...]],
               frequency: Union[Column, int] = 1) -> Column:
    """The exact percentile(s) of the non-NULL values, each row counted ``frequency`` times: the value at position
    ``(n - 1) * percentage`` of the sorted values, interpolated linearly.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).
    percentage : float, list of floats or :class:`Column`
        A constant in [0, 1], or several (the result is then an array).
    frequency : int or :class:`Column`, optional
        How many times each row counts (default 1).

    Returns
    -------
    :class:`Column`
        A double, or an array of doubles.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (2,), (3,), (4,), (10,), (None,)], "x int")
    >>> df.agg(percentile("x", 0.25), percentile("x", [0.1, 0.9])).first()
    Row(percentile(x, 0.25, 1)=2.0, percentile(x, array(0.1, 0.9), 1)=[1.4, 7.6000000000000005])
    """
    from kindling.sql.column import _literal

    if isinstance(percentage, (list, tuple)):
        p = _call("array", *[_literal(float(v), "percentage") for v in percentage])._expr
    elif isinstance(percentage, Column):
        p = percentage._expr
    else:
        p = _literal(float(percentage), "percentage")
    f = frequency._expr if isinstance(frequency, Column) else _literal(int(frequency), "frequency")
    return _call("percentile", _to_col(col), p, f)
