"""PySpark's other names for engine functions (``year``, ``day``, ``substr``, ``ceiling``, ``like``, ``extract``),
re-exported by :mod:`kindling.sql.functions`: each calls the engine function of the same SQL name, so results and
generated column names are Spark's."""

from __future__ import annotations

from typing import Optional, Union

from kindling.sql._utils import errors as _err
from kindling.sql.column import Column, _call, _to_col

ColumnOrName = Union[Column, str]

__all__ = ["year", "month", "day", "dayofmonth", "substr", "ceiling", "like", "extract"]


def year(col: ColumnOrName) -> Column:
    """The year of a date or timestamp.

    Parameters
    ----------
    col : :class:`Column` or str
        A date column (strings and timestamps are cast to date).

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> import datetime
    >>> df = spark.createDataFrame([(datetime.date(2024, 2, 10),)], ["d"])
    >>> df.select(year("d")).show()
    +-------+
    |year(d)|
    +-------+
    |   2024|
    +-------+
    """
    return _call("year", _to_col(col))


def month(col: ColumnOrName) -> Column:
    """The month (1–12) of a date or timestamp.

    Parameters
    ----------
    col : :class:`Column` or str
        A date column (strings and timestamps are cast to date).

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> import datetime
    >>> df = spark.createDataFrame([(datetime.date(2024, 2, 10),)], ["d"])
    >>> df.select(month(df.d)).show()
    +--------+
    |month(d)|
    +--------+
    |       2|
    +--------+
    """
    return _call("month", _to_col(col))


def day(col: ColumnOrName) -> Column:
    """The day of the month (1–31) of a date or timestamp.

    Parameters
    ----------
    col : :class:`Column` or str
        A date column (strings and timestamps are cast to date).

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> import datetime
    >>> df = spark.createDataFrame([(datetime.date(2024, 2, 10),)], ["d"])
    >>> df.select(day("d")).show()
    +------+
    |day(d)|
    +------+
    |    10|
    +------+
    """
    return _call("day", _to_col(col))


def dayofmonth(col: ColumnOrName) -> Column:
    """The day of the month (1–31) of a date or timestamp (same as :func:`day`).

    Parameters
    ----------
    col : :class:`Column` or str
        A date column (strings and timestamps are cast to date).

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> df = spark.createDataFrame([("2024-02-29",), (None,)], ["d"])
    >>> df.select(dayofmonth("d").alias("r")).collect()
    [Row(r=29), Row(r=None)]
    """
    return _call("dayofmonth", _to_col(col))


def substr(str: ColumnOrName, pos: ColumnOrName, len: Optional[ColumnOrName] = None) -> Column:
    """The substring starting at ``pos`` (1-based; negative counts from the end) of ``len`` characters, or to the end.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    pos : :class:`Column` or str
        The start position (an int column).
    len : :class:`Column` or str, optional
        The number of characters; to the end of the string when omitted.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([("Spark SQL",)], ["s"])
    >>> df.select(substr("s", lit(2), lit(3)), substr(df.s, lit(-3))).show()
    +---------------+-------------------------+
    |substr(s, 2, 3)|substr(s, -3, 2147483647)|
    +---------------+-------------------------+
    |            par|                      SQL|
    +---------------+-------------------------+
    """
    args = [_to_col(str, "str"), _to_col(pos, "pos")]
    if len is not None:
        args.append(_to_col(len, "len"))
    return _call("substr", *args)


def ceiling(col: ColumnOrName) -> Column:
    """The smallest integer not less than the value (same as :func:`ceil`).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        The ceiling, a bigint.

    Examples
    --------
    >>> df = spark.createDataFrame([(-1.25,), (2.5,)], ["x"])
    >>> df.select(ceiling("x")).show()
    +----------+
    |ceiling(x)|
    +----------+
    |        -1|
    |         3|
    +----------+
    """
    return _call("ceiling", _to_col(col))


def like(str: ColumnOrName, pattern: ColumnOrName, escapeChar: Optional[Column] = None) -> Column:
    r"""SQL LIKE: ``%`` matches any characters, ``_`` one character.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    pattern : :class:`Column` or str
        The pattern column.
    escapeChar : :class:`Column`, optional
        The escape character (a backslash by default).

    Returns
    -------
    :class:`Column`
        A boolean.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([("Spark SQL",), ("S_QL",)], ["s"])
    >>> df.select(like("s", lit("Sp%")), like(df.s, lit("S/_%"), lit("/"))).show()
    +----------+----------------------+
    |s LIKE Sp%|s LIKE S/_% ESCAPE '/'|
    +----------+----------------------+
    |      true|                 false|
    |     false|                  true|
    +----------+----------------------+
    """
    return _call("like", _to_col(str, "str"), _to_col(pattern, "pattern"), *([] if escapeChar is None else [escapeChar._expr]))


def extract(field: Column, source: ColumnOrName) -> Column:
    """A part (``YEAR``, ``MONTH``, ``DAY``, ``HOUR``, …) of a date or timestamp, as SQL's ``EXTRACT(field FROM source)``.

    Parameters
    ----------
    field : :class:`Column`
        The part to extract, a string literal such as ``lit("YEAR")``.
    source : :class:`Column` or str
        A date or timestamp column.

    Returns
    -------
    :class:`Column`
        The part, an int.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([(datetime.datetime(2024, 2, 10, 13, 5),)], ["ts"])
    >>> df.select(extract(lit("YEAR"), "ts").alias("y"), extract(lit("hour"), df.ts).alias("h")).collect()
    [Row(y=2024, h=13)]
    """
    if not isinstance(field, Column):
        raise _err.type_error("NOT_COLUMN", arg_name="field", arg_type=type(field).__name__)
    return _call("extract", field._expr, _to_col(source, "source"))
