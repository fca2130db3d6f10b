"""Timestamp functions under PySpark's names, in the session time zone (``spark.sql.session.timeZone``, UTC unless
set): Spark datetime patterns (date_format, to_timestamp, ...), fields, truncation, construction and epoch conversions.
Re-exported by :mod:`kindling.sql._date_functions` and so by :mod:`kindling.sql.functions`."""

from __future__ import annotations

from typing import Optional, Union

from kindling.sql.column import Column, _call, _literal, _to_col

ColumnOrName = Union[Column, str]

__all__ = [
    "date_format", "to_date", "to_timestamp", "try_to_timestamp", "unix_timestamp", "to_unix_timestamp",
    "from_unixtime", "hour", "minute", "second", "date_trunc", "trunc", "make_date", "make_timestamp",
    "timestamp_seconds", "timestamp_millis", "timestamp_micros", "unix_seconds", "unix_millis", "unix_micros",
    "unix_date", "date_from_unix_date", "months_between", "next_day", "dayname", "monthname", "weekday",
    "from_utc_timestamp", "to_utc_timestamp", "current_timestamp", "now", "current_date", "curdate",
    "current_timezone", "date_part", "datepart", "dateadd", "date_diff",
]


def date_format(date: ColumnOrName, format: str) -> Column:
    """The timestamp (or date) as text in a Spark datetime pattern, in the session time zone.

    Parameters
    ----------
    date : :class:`Column` or str
        A timestamp column (dates and strings are cast to timestamp).
    format : str
        A Spark datetime pattern such as ``yyyy-MM-dd HH:mm``.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(date_format(lit('2024-03-05 17:08:09'), 'yyyy/MM/dd h a')).first()[0]
    '2024/03/05 5 PM'
    """
    return _call("date_format", _to_col(date), _literal(format, "format"))


def to_date(col: ColumnOrName, format: Optional[str] = None) -> Column:
    """The string parsed as a date (with an optional Spark datetime pattern), or a timestamp's date; NULL when it does not parse.

    Parameters
    ----------
    col : :class:`Column` or str
        A string, timestamp or date column.
    format : str, optional
        A Spark datetime pattern; without one the string is cast.

    Returns
    -------
    :class:`Column`
        A date.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(to_date(lit('05/01/2024'), 'dd/MM/yyyy')).first()[0]
    datetime.date(2024, 1, 5)
    """
    return _call("to_date", _to_col(col)) if format is None else _call("to_date", _to_col(col), _literal(format, "format"))


def to_timestamp(col: ColumnOrName, format: Optional[str] = None) -> Column:
    """The string parsed as a timestamp (with an optional Spark datetime pattern, in the session time zone); NULL when it does not parse.

    Parameters
    ----------
    col : :class:`Column` or str
        A string, number, date or timestamp column.
    format : str, optional
        A Spark datetime pattern; without one the value is cast.

    Returns
    -------
    :class:`Column`
        A timestamp.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(to_timestamp(lit('Jan 5 2024 3PM'), 'MMM d yyyy ha')).first()[0]
    datetime.datetime(2024, 1, 5, 15, 0)
    """
    return _call("to_timestamp", _to_col(col)) if format is None else _call("to_timestamp", _to_col(col), _literal(format, "format"))


def try_to_timestamp(col: ColumnOrName, format: Optional[ColumnOrName] = None) -> Column:
    """As :func:`to_timestamp`, NULL when the string does not parse.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.
    format : :class:`Column` or str, optional
        The pattern, as a column (``lit('yyyy-MM-dd')``).

    Returns
    -------
    :class:`Column`
        A timestamp.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(try_to_timestamp(lit('nope'), lit('yyyy-MM-dd'))).first()[0] is None
    True
    """
    return _call("try_to_timestamp", _to_col(col)) if format is None else _call("try_to_timestamp", _to_col(col), _to_col(format))


def unix_timestamp(timestamp: Optional[ColumnOrName] = None, format: str = "yyyy-MM-dd HH:mm:ss") -> Column:
    """Seconds since 1970-01-01 00:00:00 UTC of a timestamp, date, or string in a Spark datetime pattern; without arguments, of the query's current time.

    Parameters
    ----------
    timestamp : :class:`Column` or str, optional
        A string, date or timestamp column.
    format : str, optional
        The pattern of strings (default ``yyyy-MM-dd HH:mm:ss``).

    Returns
    -------
    :class:`Column`
        A bigint.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(unix_timestamp(lit('2024-01-05'), 'yyyy-MM-dd')).first()[0]
    1704412800
    """
    return _call("unix_timestamp") if timestamp is None else _call("unix_timestamp", _to_col(timestamp), _literal(format, "format"))


def to_unix_timestamp(timestamp: ColumnOrName, format: Optional[ColumnOrName] = None) -> Column:
    """Seconds since the epoch of a timestamp, date, or string in a pattern (default ``yyyy-MM-dd HH:mm:ss``).

    Parameters
    ----------
    timestamp : :class:`Column` or str
        A string, date or timestamp column.
    format : :class:`Column` or str, optional
        The pattern, as a column.

    Returns
    -------
    :class:`Column`
        A bigint.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(to_unix_timestamp(lit('2024-01-05 10:11:12'))).first()[0]
    1704449472
    """
    return _call("to_unix_timestamp", _to_col(timestamp)) if format is None else _call("to_unix_timestamp", _to_col(timestamp), _to_col(format))


def from_unixtime(timestamp: ColumnOrName, format: str = "yyyy-MM-dd HH:mm:ss") -> Column:
    """Seconds since the epoch as text in a Spark datetime pattern, in the session time zone.

    Parameters
    ----------
    timestamp : :class:`Column` or str
        A column of seconds.
    format : str, optional
        The pattern (default ``yyyy-MM-dd HH:mm:ss``).

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(from_unixtime(lit(1704449472))).first()[0]
    '2024-01-05 10:11:12'
    """
    return _call("from_unixtime", _to_col(timestamp), _literal(format, "format"))


def hour(col: ColumnOrName) -> Column:
    """The hour (0-23) of a timestamp, in the session time zone.

    Parameters
    ----------
    col : :class:`Column` or str
        A timestamp column (strings and dates are cast).

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(hour(lit('2024-01-05 10:11:12'))).first()[0]
    10
    """
    return _call("hour", _to_col(col))


def minute(col: ColumnOrName) -> Column:
    """The minute (0-59) of a timestamp, in the session time zone.

    Parameters
    ----------
    col : :class:`Column` or str
        A timestamp column (strings and dates are cast).

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(minute(lit('2024-01-05 10:11:12'))).first()[0]
    11
    """
    return _call("minute", _to_col(col))


def second(col: ColumnOrName) -> Column:
    """The second (0-59) of a timestamp.

    Parameters
    ----------
    col : :class:`Column` or str
        A timestamp column (strings and dates are cast).

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(second(lit('2024-01-05 10:11:12.9'))).first()[0]
    12
    """
    return _call("second", _to_col(col))


def date_trunc(format: str, timestamp: ColumnOrName) -> Column:
    """The timestamp truncated to a unit (YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND) in the session time zone; NULL for other units.

    Parameters
    ----------
    format : str
        The unit (``yyyy``, ``mm``, ``dd`` and the like also work).
    timestamp : :class:`Column` or str
        A timestamp column.

    Returns
    -------
    :class:`Column`
        A timestamp.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(date_trunc('HOUR', lit('2024-03-10 12:34:56'))).first()[0]
    datetime.datetime(2024, 3, 10, 12, 0)
    """
    return _call("date_trunc", _literal(format, "format"), _to_col(timestamp))


def trunc(date: ColumnOrName, format: str) -> Column:
    """The date truncated to a unit (YEAR, QUARTER, MONTH, WEEK); NULL for other units.

    Parameters
    ----------
    date : :class:`Column` or str
        A date column.
    format : str
        The unit (``yyyy``, ``yy``, ``mm``, ``mon`` also work).

    Returns
    -------
    :class:`Column`
        A date.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(trunc(lit('2024-05-17'), 'MM')).first()[0]
    datetime.date(2024, 5, 1)
    """
    return _call("trunc", _to_col(date), _literal(format, "format"))


def make_date(year: ColumnOrName, month: ColumnOrName, day: ColumnOrName) -> Column:
    """The date of year, month and day columns; NULL when they name no date.

    Parameters
    ----------
    year : :class:`Column` or str
        The year.
    month : :class:`Column` or str
        The month, 1-12.
    day : :class:`Column` or str
        The day of the month.

    Returns
    -------
    :class:`Column`
        A date.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(make_date(lit(2024), lit(2), lit(29))).first()[0]
    datetime.date(2024, 2, 29)
    """
    return _call("make_date", _to_col(year), _to_col(month), _to_col(day))


def make_timestamp(years: ColumnOrName, months: ColumnOrName, days: ColumnOrName, hours: ColumnOrName, mins: ColumnOrName, secs: ColumnOrName, timezone: Optional[ColumnOrName] = None) -> Column:
    """The timestamp of year, month, day, hour, minute and (fractional) second columns, in ``timezone`` or the session time zone; NULL when they name no time.

    Parameters
    ----------
    years : :class:`Column` or str
        The year.
    months : :class:`Column` or str
        The month.
    days : :class:`Column` or str
        The day.
    hours : :class:`Column` or str
        The hour.
    mins : :class:`Column` or str
        The minute.
    secs : :class:`Column` or str
        The seconds, with a fraction (60 means the next minute).
    timezone : :class:`Column` or str, optional
        A time zone column.

    Returns
    -------
    :class:`Column`
        A timestamp.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(make_timestamp(lit(2024), lit(1), lit(5), lit(10), lit(11), lit(12.5), lit('America/New_York'))).first()[0]
    datetime.datetime(2024, 1, 5, 15, 11, 12, 500000)
    """
    return _call("make_timestamp", *[_to_col(c) for c in (years, months, days, hours, mins, secs)], *([] if timezone is None else [_to_col(timezone)]))


def timestamp_seconds(col: ColumnOrName) -> Column:
    """The timestamp that many (possibly fractional) seconds after the epoch.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        A timestamp.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(timestamp_seconds(lit(1704449472))).first()[0]
    datetime.datetime(2024, 1, 5, 10, 11, 12)
    """
    return _call("timestamp_seconds", _to_col(col))


def timestamp_millis(col: ColumnOrName) -> Column:
    """The timestamp that many milliseconds after the epoch.

    Parameters
    ----------
    col : :class:`Column` or str
        An integral column.

    Returns
    -------
    :class:`Column`
        A timestamp.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(timestamp_millis(lit(1704449472123))).first()[0]
    datetime.datetime(2024, 1, 5, 10, 11, 12, 123000)
    """
    return _call("timestamp_millis", _to_col(col))


def timestamp_micros(col: ColumnOrName) -> Column:
    """The timestamp that many microseconds after the epoch.

    Parameters
    ----------
    col : :class:`Column` or str
        An integral column.

    Returns
    -------
    :class:`Column`
        A timestamp.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(timestamp_micros(lit(1704449472123456))).first()[0]
    datetime.datetime(2024, 1, 5, 10, 11, 12, 123456)
    """
    return _call("timestamp_micros", _to_col(col))


def unix_seconds(col: ColumnOrName) -> Column:
    """Whole seconds since the epoch of a timestamp (rounded down).

    Parameters
    ----------
    col : :class:`Column` or str
        A timestamp column.

    Returns
    -------
    :class:`Column`
        A bigint.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(unix_seconds(to_timestamp(lit('2024-01-05 10:11:12.9')))).first()[0]
    1704449472
    """
    return _call("unix_seconds", _to_col(col))


def unix_millis(col: ColumnOrName) -> Column:
    """Whole milliseconds since the epoch of a timestamp (rounded down).

    Parameters
    ----------
    col : :class:`Column` or str
        A timestamp column.

    Returns
    -------
    :class:`Column`
        A bigint.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(unix_millis(to_timestamp(lit('1969-12-31 23:59:59.9995')))).first()[0]
    -1
    """
    return _call("unix_millis", _to_col(col))


def unix_micros(col: ColumnOrName) -> Column:
    """Microseconds since the epoch of a timestamp.

    Parameters
    ----------
    col : :class:`Column` or str
        A timestamp column.

    Returns
    -------
    :class:`Column`
        A bigint.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(unix_micros(to_timestamp(lit('2024-01-05 10:11:12')))).first()[0]
    1704449472000000
    """
    return _call("unix_micros", _to_col(col))


def unix_date(col: ColumnOrName) -> Column:
    """Days since 1970-01-01 of a date.

    Parameters
    ----------
    col : :class:`Column` or str
        A date column.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(unix_date(to_date(lit('2024-01-05')))).first()[0]
    19727
    """
    return _call("unix_date", _to_col(col))


def date_from_unix_date(days: ColumnOrName) -> Column:
    """The date that many days after 1970-01-01.

    Parameters
    ----------
    days : :class:`Column` or str
        An int column.

    Returns
    -------
    :class:`Column`
        A date.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(date_from_unix_date(lit(19727))).first()[0]
    datetime.date(2024, 1, 5)
    """
    return _call("date_from_unix_date", _to_col(days))


def months_between(date1: ColumnOrName, date2: ColumnOrName, roundOff: bool = True) -> Column:
    """Months from ``date2`` to ``date1``: whole when the days match or both are month ends, else counted in 31-day months; rounded to 8 digits unless ``roundOff`` is false.

    Parameters
    ----------
    date1 : :class:`Column` or str
        The later timestamp or date.
    date2 : :class:`Column` or str
        The earlier one.
    roundOff : bool, optional
        Round to 8 digits (default True).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(months_between(lit('1997-02-28 10:30:00'), lit('1996-10-30'))).first()[0]
    3.94959677
    """
    return _call("months_between", _to_col(date1), _to_col(date2), _literal(roundOff, "roundOff"))


def next_day(date: ColumnOrName, dayOfWeek: str) -> Column:
    """The first date after ``date`` that falls on the named day (``Mo``, ``Mon``, ``Monday``, any case); NULL for other names.

    Parameters
    ----------
    date : :class:`Column` or str
        A date column.
    dayOfWeek : str
        The day of the week.

    Returns
    -------
    :class:`Column`
        A date.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(next_day(lit('2024-01-05'), 'Mon')).first()[0]
    datetime.date(2024, 1, 8)
    """
    return _call("next_day", _to_col(date), _literal(dayOfWeek, "dayOfWeek"))


def dayname(col: ColumnOrName) -> Column:
    """The three-letter name of the day of the week (Mon ... Sun).

    Parameters
    ----------
    col : :class:`Column` or str
        A date column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(dayname(lit('2024-01-05'))).first()[0]
    'Fri'
    """
    return _call("dayname", _to_col(col))


def monthname(col: ColumnOrName) -> Column:
    """The three-letter name of the month (Jan ... Dec).

    Parameters
    ----------
    col : :class:`Column` or str
        A date column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(monthname(lit('2024-01-05'))).first()[0]
    'Jan'
    """
    return _call("monthname", _to_col(col))


def weekday(col: ColumnOrName) -> Column:
    """The day of the week, 0 = Monday ... 6 = Sunday.

    Parameters
    ----------
    col : :class:`Column` or str
        A date column.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(weekday(lit('2024-01-07'))).first()[0]
    6
    """
    return _call("weekday", _to_col(col))


def from_utc_timestamp(timestamp: ColumnOrName, tz: Union[Column, str]) -> Column:
    """Reads a UTC wall-clock time as the zone's: the timestamp whose wall clock is that of ``timestamp`` in ``tz``.

    Parameters
    ----------
    timestamp : :class:`Column` or str
        A timestamp column.
    tz : :class:`Column` or str
        A time zone id (a str is a literal, as in PySpark).

    Returns
    -------
    :class:`Column`
        A timestamp.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(from_utc_timestamp(lit('2024-01-05 10:00:00'), 'America/New_York')).first()[0]
    datetime.datetime(2024, 1, 5, 5, 0)
    """
    return _call("from_utc_timestamp", _to_col(timestamp), tz._expr if isinstance(tz, Column) else _literal(tz, "tz"))


def to_utc_timestamp(timestamp: ColumnOrName, tz: Union[Column, str]) -> Column:
    """Reads a wall-clock time of ``tz`` as UTC: the timestamp whose UTC wall clock is that time in ``tz``.

    Parameters
    ----------
    timestamp : :class:`Column` or str
        A timestamp column.
    tz : :class:`Column` or str
        A time zone id (a str is a literal, as in PySpark).

    Returns
    -------
    :class:`Column`
        A timestamp.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(to_utc_timestamp(lit('2024-01-05 10:00:00'), 'America/New_York')).first()[0]
    datetime.datetime(2024, 1, 5, 15, 0)
    """
    return _call("to_utc_timestamp", _to_col(timestamp), tz._expr if isinstance(tz, Column) else _literal(tz, "tz"))


def current_timestamp() -> Column:
    """The time the query started: one value for every row and call of one query.

    Parameters
    ----------
    None
        It takes no arguments.

    Returns
    -------
    :class:`Column`
        A timestamp.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(3).select(current_timestamp().alias('t')).distinct().count()
    1
    """
    return _call("current_timestamp")


def now() -> Column:
    """Alias of :func:`current_timestamp`.

    Parameters
    ----------
    None
        It takes no arguments.

    Returns
    -------
    :class:`Column`
        A timestamp.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select((now() == current_timestamp()).alias('same')).first()[0]
    True
    """
    return _call("now")


def current_date() -> Column:
    """The date the query started, in the session time zone.

    Parameters
    ----------
    None
        It takes no arguments.

    Returns
    -------
    :class:`Column`
        A date.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> import datetime
    >>> spark.range(1).select(current_date()).first()[0] == datetime.datetime.now(datetime.timezone.utc).date()
    True
    """
    return _call("current_date")


def curdate() -> Column:
    """Alias of :func:`current_date`.

    Parameters
    ----------
    None
        It takes no arguments.

    Returns
    -------
    :class:`Column`
        A date.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select((curdate() == current_date()).alias('same')).first()[0]
    True
    """
    return _call("curdate")


def current_timezone() -> Column:
    """The session time zone, ``spark.sql.session.timeZone``.

    Parameters
    ----------
    None
        It takes no arguments.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(current_timezone()).first()[0]
    'UTC'
    """
    return _call("current_timezone")


def date_part(field: Column, source: ColumnOrName) -> Column:
    """One field of a date or timestamp: YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFWEEK, DAYOFWEEK_ISO, DOY, HOUR, MINUTE
    or SECOND (a decimal with its fraction), or an abbreviation of one.

    Parameters
    ----------
    field : :class:`Column`
        The field, a string literal (``lit('HOUR')``).
    source : :class:`Column` or str
        A date or timestamp column.

    Returns
    -------
    :class:`Column`
        An int (SECOND: a decimal(8,6)).

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(date_part(lit('HOUR'), lit('2024-01-05 10:11:12'))).first()[0]
    10
    """
    return _call("date_part", field._expr, _to_col(source))


def datepart(field: Column, source: ColumnOrName) -> Column:
    """One field of a date or timestamp: YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFWEEK, DAYOFWEEK_ISO, DOY, HOUR, MINUTE
    or SECOND (a decimal with its fraction), or an abbreviation of one.

    Parameters
    ----------
    field : :class:`Column`
        The field, a string literal (``lit('HOUR')``).
    source : :class:`Column` or str
        A date or timestamp column.

    Returns
    -------
    :class:`Column`
        An int (SECOND: a decimal(8,6)).

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(datepart(lit('HOUR'), lit('2024-01-05 10:11:12'))).first()[0]
    10
    """
    return _call("datepart", field._expr, _to_col(source))


def dateadd(start: ColumnOrName, days: Union[ColumnOrName, int]) -> Column:
    """Alias of :func:`date_add`: the date ``days`` days after ``start``.

    Parameters
    ----------
    start : :class:`Column` or str
        A date column (strings and timestamps are cast to date).
    days : :class:`Column`, str or int
        The number of days.

    Returns
    -------
    :class:`Column`
        A date.

    Examples
    --------
    >>> import datetime
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(dateadd(lit('2024-02-28'), 2)).first()[0]
    datetime.date(2024, 3, 1)
    """
    return _call("dateadd", _to_col(start), _literal(days, "days") if isinstance(days, int) and not isinstance(days, bool) else _to_col(days))


def date_diff(end: ColumnOrName, start: ColumnOrName) -> Column:
    """Alias of :func:`datediff`: the number of days from ``start`` to ``end``.

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
    >>> spark.range(1).select(date_diff(lit("2024-03-01"), lit("2024-02-01"))).first()[0]
    29
    """
    return _call("date_diff", _to_col(end), _to_col(start))
