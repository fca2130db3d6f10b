"""Date arithmetic and calendar fields, re-exported by :mod:`kindling.sql.functions` under PySpark's names. Dates
given as strings or timestamps are cast to date, as Spark's implicit casts do; NULL gives NULL."""

from __future__ import annotations

from typing import Union

from kindling.sql.column import Column, _call, _int_or_col, _to_col

ColumnOrName = Union[Column, str]

__all__ = ["last_day", "dayofweek", "dayofyear", "quarter", "weekofyear", "date_add", "date_sub", "add_months", "datediff"]


def last_day(date: ColumnOrName) -> Column:
    """The last day of the month the date belongs to.

    Parameters
    ----------
    date : :class:`Column` or str
        A date column (strings and timestamps are cast to date).

    Returns
    -------
    :class:`Column`
        A date.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(last_day(lit('2024-02-10'))).first()[0]
    datetime.date(2024, 2, 29)
    """
    return _call("last_day", _to_col(date))


def dayofweek(col: ColumnOrName) -> Column:
    """The day of the week, 1 = Sunday ... 7 = Saturday.

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
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(dayofweek(lit('2024-02-10'))).first()[0]
    7
    """
    return _call("dayofweek", _to_col(col))


def dayofyear(col: ColumnOrName) -> Column:
    """The day of the year, from 1.

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
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(dayofyear(lit('2024-02-10'))).first()[0]
    41
    """
    return _call("dayofyear", _to_col(col))


def quarter(col: ColumnOrName) -> Column:
    """The quarter of the year, 1 to 4.

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
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(quarter(lit('2024-05-10'))).first()[0]
    2
    """
    return _call("quarter", _to_col(col))


def weekofyear(col: ColumnOrName) -> Column:
    """The ISO 8601 week of the year (weeks start on Monday; week 1 holds the year's first Thursday).

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
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(weekofyear(lit('2021-01-03'))).first()[0]
    53
    """
    return _call("weekofyear", _to_col(col))


def date_add(start: ColumnOrName, days: Union[ColumnOrName, int]) -> Column:
    """The date ``days`` days after ``start``.

    Parameters
    ----------
    start : :class:`Column` or str
        A date column (strings and timestamps are cast to date).
    days : :class:`Column`, str or int
        The number of days (a column or an int).

    Returns
    -------
    :class:`Column`
        A date.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(date_add(lit('2024-02-28'), 2)).first()[0]
    datetime.date(2024, 3, 1)
    """
    return _call("date_add", _to_col(start), _int_or_col(days, "days"))


def date_sub(start: ColumnOrName, days: Union[ColumnOrName, int]) -> Column:
    """The date ``days`` days before ``start``.

    Parameters
    ----------
    start : :class:`Column` or str
        A date column (strings and timestamps are cast to date).
    days : :class:`Column`, str or int
        The number of days (a column or an int).

    Returns
    -------
    :class:`Column`
        A date.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(date_sub(lit('2024-03-01'), 1)).first()[0]
    datetime.date(2024, 2, 29)
    """
    return _call("date_sub", _to_col(start), _int_or_col(days, "days"))


def add_months(start: ColumnOrName, months: Union[ColumnOrName, int]) -> Column:
    """The date ``months`` months after ``start``, the day clipped to the end of a shorter month.

    Parameters
    ----------
    start : :class:`Column` or str
        A date column (strings and timestamps are cast to date).
    months : :class:`Column`, str or int
        The number of months (a column or an int).

    Returns
    -------
    :class:`Column`
        A date.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(add_months(lit('2024-01-31'), 1)).first()[0]
    datetime.date(2024, 2, 29)
    """
    return _call("add_months", _to_col(start), _int_or_col(months, "months"))


def datediff(end: ColumnOrName, start: ColumnOrName) -> Column:
    """The number of days from ``start`` to ``end``.

    Parameters
    ----------
    end : :class:`Column` or str
        The later date.
    start : :class:`Column` or str
        The earlier date.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(datediff(lit("2024-03-01"), lit("2024-02-01"))).first()[0]
    29
    """
    return _call("datediff", _to_col(end), _to_col(start))


from kindling.sql._timestamp_functions import __all__ as _timestamp_names  # noqa: E402
from kindling.sql._timestamp_functions import *  # noqa: E402,F401,F403

__all__ += _timestamp_names
