"""``timestamp_add`` and ``timestamp_diff``, re-exported by :mod:`kindling.sql.functions` (SQL's ``timestampadd`` and
``timestampdiff``): units of a day or more work on the session time zone's local date-time, as in Spark."""

from __future__ import annotations

from typing import Union

from kindling.sql._utils import errors as _err
from kindling.sql.column import Column, _call, _literal, _to_col

ColumnOrName = Union[Column, str]

__all__ = ["timestamp_add", "timestamp_diff"]


def _unit(unit: str) -> object:
    if not isinstance(unit, str):
        raise _err.type_error("NOT_STR", arg_name="unit", arg_type=type(unit).__name__)
    return _literal(unit, "unit")


def timestamp_add(unit: str, quantity: ColumnOrName, ts: ColumnOrName) -> Column:
    """The timestamp plus ``quantity`` units: ``YEAR``, ``QUARTER``, ``MONTH``, ``WEEK``, ``DAY``, ``HOUR``,
    ``MINUTE``, ``SECOND``, ``MILLISECOND`` or ``MICROSECOND`` (months clamp the day to the month's end).

    Parameters
    ----------
    unit : str
        The unit (case-insensitive).
    quantity : :class:`Column` or str
        How many units (cast to bigint).
    ts : :class:`Column` or str
        A timestamp (or date) column.

    Returns
    -------
    :class:`Column`
        A timestamp.

    Examples
    --------
    >>> import datetime
    >>> df = spark.createDataFrame([(datetime.datetime(2016, 3, 11, 9, 0, 7), 2), (datetime.datetime(2024, 4, 2, 9, 0, 7), 3)], ["ts", "quantity"])
    >>> df.select(timestamp_add("year", "quantity", "ts")).show()
    +--------------------------------+
    |timestampadd(year, quantity, ts)|
    +--------------------------------+
    |             2018-03-11 09:00:07|
    |             2027-04-02 09:00:07|
    +--------------------------------+
    """
    return _call("timestampadd", _unit(unit), _to_col(quantity, "quantity"), _to_col(ts, "ts"))


def timestamp_diff(unit: str, start: ColumnOrName, end: ColumnOrName) -> Column:
    """The number of whole ``unit`` from ``start`` to ``end`` (negative when ``end`` is earlier).

    Parameters
    ----------
    unit : str
        ``YEAR``, ``QUARTER``, ``MONTH``, ``WEEK``, ``DAY``, ``HOUR``, ``MINUTE``, ``SECOND``, ``MILLISECOND`` or
        ``MICROSECOND``.
    start : :class:`Column` or str
        The start timestamp.
    end : :class:`Column` or str
        The end timestamp.

    Returns
    -------
    :class:`Column`
        A bigint.

    Examples
    --------
    >>> import datetime
    >>> df = spark.createDataFrame([(datetime.datetime(2016, 3, 11, 9, 0, 7), datetime.datetime(2024, 4, 2, 9, 0, 7))], ["ts1", "ts2"])
    >>> df.select(timestamp_diff("year", "ts1", "ts2").alias("y"), timestamp_diff("WEEK", df.ts1, df.ts2).alias("w")).collect()
    [Row(y=8, w=420)]
    """
    return _call("timestampdiff", _unit(unit), _to_col(start, "start"), _to_col(end, "end"))
