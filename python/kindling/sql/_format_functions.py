"""Formatting functions (``format_string``, ``printf``, ``mask``, ``to_number``, ``to_char``, …), re-exported by
:mod:`kindling.sql.functions`. ``format_string`` follows Java's Formatter as Spark does: ``%d`` takes only integers,
``%f`` only doubles (a decimal or int argument is an error, as in Spark)."""

from __future__ import annotations

from typing import Optional, Union

from kindling.sql.column import Column, _call, _literal, _to_col

ColumnOrName = Union[Column, str]

__all__ = ["format_string", "printf", "mask", "to_number", "try_to_number", "to_char", "to_varchar"]


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


def to_number(col: ColumnOrName, format: ColumnOrName) -> Column:
    """The string read as a decimal with a number format (``0``/``9`` digits, ``.``/``D``, ``,``/``G``, ``$``,
    ``S``, ``MI``, ``PR``); the result is a decimal of as many digits as the format has. A string that does not
    match the format is an ``INVALID_FORMAT.MISMATCH_INPUT`` error.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.
    format : :class:`Column` or str
        The format, a string literal (``lit("$99.99")``).

    Returns
    -------
    :class:`Column`
        A decimal.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([("$78.12",)], ["e"])
    >>> df.select(to_number(df.e, lit("$99.99")).alias("r")).collect()
    [Row(r=Decimal('78.12'))]
    >>> spark.createDataFrame([("12,454.8-",)], ["e"]).select(to_number("e", lit("99,999.9S")).alias("r")).collect()
    [Row(r=Decimal('-12454.8'))]
    """
    return _call("to_number", _to_col(col), _to_col(format, "format"))


def try_to_number(col: ColumnOrName, format: ColumnOrName) -> Column:
    """As :func:`to_number`, NULL (not an error) for a string that does not match the format.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.
    format : :class:`Column` or str
        The format, a string literal.

    Returns
    -------
    :class:`Column`
        A decimal.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([("$78.12",), ("abc",)], ["e"])
    >>> df.select(try_to_number(df.e, lit("$99.99")).alias("r")).collect()
    [Row(r=Decimal('78.12')), Row(r=None)]
    """
    return _call("try_to_number", _to_col(col), _to_col(format, "format"))


def to_char(col: ColumnOrName, format: ColumnOrName) -> Column:
    """The number as a string in a number format (``0``/``9`` digits, ``.``/``D``, ``,``/``G``, ``$``, ``S``,
    ``MI``, ``PR``): unused ``9`` positions are spaces, ``0`` positions zeros; a value that does not fit prints
    ``#`` in every digit position.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.
    format : :class:`Column` or str
        The format, a string literal.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([(78.12,)], ["e"])
    >>> df.select(to_char(df.e, lit("$99.99")).alias("r")).collect()
    [Row(r='$78.12')]
    >>> spark.range(1).select(to_char(lit(-12454.8), lit("99G999D9S")).alias("r")).collect()
    [Row(r='12,454.8-')]
    """
    return _call("to_char", _to_col(col), _to_col(format, "format"))


def to_varchar(col: ColumnOrName, format: ColumnOrName) -> Column:
    """Same as :func:`to_char` (the column is named ``to_char(…)``, as in Spark).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.
    format : :class:`Column` or str
        The format, a string literal.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([(12454,)], ["e"])
    >>> df.select(to_varchar(df.e, lit("99,999"))).show()
    +------------------+
    |to_char(e, 99,999)|
    +------------------+
    |            12,454|
    +------------------+
    """
    return _call("to_varchar", _to_col(col), _to_col(format, "format"))
