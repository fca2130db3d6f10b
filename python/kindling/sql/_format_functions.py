"""Formatting functions (``format_string``, ``printf``, ``mask``, ``to_number``, ``to_char``, …), re-exported by
:mod:`kindling.sql.functions`. ``format_string`` follows Java's Formatter as Spark does: ``%d`` takes only integers,
``%f`` only doubles (a decimal or int argument is an error, as in Spark)."""

from __future__ import annotations

from typing import Optional, Union

from kindling.sql.column import Column, _call, _literal, _to_col

ColumnOrName = Union[Column, str]

__all__ = ["format_string", "printf", "mask"]


def format_string(format: str, *cols: ColumnOrName) -> Column:
    """The arguments formatted printf-style (Java's Formatter: ``%s %d %f %e %g %x %o %c %b %%``, width, precision,
    the flags ``- 0 + space , ( #`` and argument indexes such as ``%1$s``).

    Parameters
    ----------
    format : str
        The format string.
    cols : :class:`Column` or str
        The values to format.

    Returns
    -------
    :class:`Column`
        A string; NULL arguments print ``null``.

    Examples
    --------
    >>> df = spark.createDataFrame([(5, "hello", 3.14159)], ["a", "b", "c"])
    >>> df.select(format_string("%d %s %.2f", df.a, df.b, df.c).alias("v")).collect()
    [Row(v='5 hello 3.14')]
    >>> df.select(format_string("%05d|%-7s|%+.1e", "a", "b", "c")).show(truncate=False)
    +---------------------------------------+
    |format_string(%05d|%-7s|%+.1e, a, b, c)|
    +---------------------------------------+
    |00005|hello  |+3.1e+00                 |
    +---------------------------------------+
    """
    return _call("format_string", _literal(format, "format"), *(_to_col(c) for c in cols))


def printf(format: ColumnOrName, *cols: ColumnOrName) -> Column:
    """The arguments formatted printf-style, as :func:`format_string`, with the format itself a column.

    Parameters
    ----------
    format : :class:`Column` or str
        The format string column.
    cols : :class:`Column` or str
        The values to format.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([("aa%d%s", 123, "cc")], ["a", "b", "c"])
    >>> df.select(printf("a", "b", "c")).show()
    +---------------+
    |printf(a, b, c)|
    +---------------+
    |        aa123cc|
    +---------------+
    """
    return _call("printf", _to_col(format, "format"), *(_to_col(c) for c in cols))


def mask(
    col: ColumnOrName,
    upperChar: Optional[ColumnOrName] = None,
    lowerChar: Optional[ColumnOrName] = None,
    digitChar: Optional[ColumnOrName] = None,
    otherChar: Optional[ColumnOrName] = None,
) -> Column:
    """The string with upper-case letters replaced by ``upperChar`` (``X``), lower-case letters by ``lowerChar``
    (``x``), digits by ``digitChar`` (``n``) and other characters by ``otherChar`` (kept by default).

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.
    upperChar, lowerChar, digitChar, otherChar : :class:`Column` or str, optional
        One-character string literals (``lit("Q")``); a NULL literal keeps that kind of character.

    Returns
    -------
    :class:`Column`
        The masked string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([("AbCD123-@$#",), ("abcd-EFGH-8765-4321",)], ["data"])
    >>> df.select(mask(df.data)).show()
    +-------------------------+
    |mask(data, X, x, n, NULL)|
    +-------------------------+
    |              XxXXnnn-@$#|
    |      xxxx-XXXX-nnnn-nnnn|
    +-------------------------+
    >>> df.select(mask(df.data, otherChar=lit("*"))).show()
    +----------------------+
    |mask(data, X, x, n, *)|
    +----------------------+
    |           XxXXnnn****|
    |   xxxx*XXXX*nnnn*nnnn|
    +----------------------+
    >>> df.select(mask(df.data, lit("Y"), lit("y"), lit("d"), lit("*")).alias("r")).collect()
    [Row(r='YyYYddd****'), Row(r='yyyy*YYYY*dddd*dddd')]
    """
    from kindling.sql.functions import lit

    defaults = [lit("X"), lit("x"), lit("n"), lit(None)]
    given = [upperChar, lowerChar, digitChar, otherChar]
    args = [_to_col(col)] + [(d if g is None else (g if isinstance(g, Column) else Column(_to_col(g))))._expr for g, d in zip(given, defaults)]
    return _call("mask", *args)
