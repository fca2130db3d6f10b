"""Dates and timestamps as the engine stores them (days / microseconds since the epoch, UTC), and Spark's text forms.

Kindling treats naive ``datetime.datetime`` values as UTC (PySpark uses the local time zone); aware ones are converted
to UTC. Timestamps read back are naive UTC datetimes.
"""

from __future__ import annotations

import datetime
import math
from decimal import Decimal

EPOCH_DATE = datetime.date(1970, 1, 1)
EPOCH_DATETIME = datetime.datetime(1970, 1, 1)
_ONE_MICRO = datetime.timedelta(microseconds=1)


def date_to_days(d: datetime.date) -> int:
    """Days since 1970-01-01 of a date (a datetime counts by its date part, as Spark's DateType does)."""
    if isinstance(d, datetime.datetime):
        d = d.date()
    return d.toordinal() - EPOCH_DATE.toordinal()


def days_to_date(days: int) -> datetime.date:
    return datetime.date.fromordinal(days + EPOCH_DATE.toordinal())


def datetime_to_micros(dt: datetime.datetime) -> int:
    """Microseconds since the epoch, UTC; naive datetimes are taken as UTC."""
    if dt.tzinfo is not None and dt.utcoffset() is not None:
        dt = dt.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    else:
        dt = dt.replace(tzinfo=None)
    return (dt - EPOCH_DATETIME) // _ONE_MICRO


def micros_to_datetime(micros: int) -> datetime.datetime:
    """The naive UTC datetime of microseconds since the epoch."""
    return EPOCH_DATETIME + datetime.timedelta(microseconds=micros)


def format_double(v: float) -> str:
    """Java's ``Double.toString`` (how Spark prints doubles): ``1.0``, ``0.1``, ``1.0E10``, ``NaN``, ``Infinity``."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    if v == 0:
        return "-0.0" if math.copysign(1.0, v) < 0 else "0.0"
    a = abs(v)
    if 1e-3 <= a < 1e7:
        s = repr(float(v))
        return s if "." in s else s + ".0"
    sign, digits, exp = Decimal(repr(float(v))).as_tuple()
    e10 = exp + len(digits) - 1
    ds = "".join(map(str, digits)).rstrip("0") or "0"
    mantissa = ds[0] + "." + (ds[1:] or "0")
    return ("-" if sign else "") + f"{mantissa}E{e10}"


def format_date(days: int) -> str:
    return days_to_date(days).isoformat()


def format_timestamp(micros: int) -> str:
    """``yyyy-MM-dd HH:mm:ss[.ffffff]`` in UTC, trailing zeros of the fraction dropped, as Spark shows timestamps."""
    dt = micros_to_datetime(micros)
    base = dt.strftime("%Y-%m-%d %H:%M:%S") if dt.year >= 1000 else f"{dt.year:04d}" + dt.strftime("-%m-%d %H:%M:%S")
    if dt.microsecond == 0:
        return base
    return base + "." + f"{dt.microsecond:06d}".rstrip("0")
