"""Regular expression functions (Java syntax, as Spark's), re-exported by :mod:`kindling.sql.functions`. The engine
translates Java patterns to JavaScript keeping their meaning, and refuses with an error what it cannot translate."""

from __future__ import annotations

import builtins
from typing import Any, Optional, Union

from kindling.sql.column import Column, _call, _literal, _to_col, _to_expr

ColumnOrName = Union[Column, str]

__all__ = ["rlike", "regexp", "regexp_like", "regexp_replace", "regexp_extract", "regexp_extract_all", "regexp_count", "regexp_instr", "regexp_substr", "ilike"]


def rlike(str: ColumnOrName, regexp: ColumnOrName) -> Column:
    r"""True when the string has a match of the Java regular expression.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    regexp : :class:`Column` or str
        The pattern column.

    Returns
    -------
    :class:`Column`
        A boolean.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([("1a 2b 14m",)], ["s"])
    >>> df.select(rlike("s", lit(r"(\d+)")).alias("r")).collect()
    [Row(r=True)]
    """
    return _call("rlike", _to_col(str), _to_col(regexp))


def regexp(str: ColumnOrName, regexp: ColumnOrName) -> Column:
    r"""True when the string has a match of the Java regular expression (as :func:`rlike`).

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    regexp : :class:`Column` or str
        The pattern column.

    Returns
    -------
    :class:`Column`
        A boolean.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.createDataFrame([("abc",)], ["s"]).select(regexp("s", lit("^b"))).collect()
    [Row(REGEXP(s, ^b)=False)]
    """
    return _call("regexp", _to_col(str), _to_col(regexp))


def regexp_like(str: ColumnOrName, regexp: ColumnOrName) -> Column:
    r"""True when the string has a match of the Java regular expression (as :func:`rlike`).

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    regexp : :class:`Column` or str
        The pattern column.

    Returns
    -------
    :class:`Column`
        A boolean.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.createDataFrame([("aBc",)], ["s"]).select(regexp_like("s", lit("(?i)b")).alias("r")).collect()
    [Row(r=True)]
    """
    return _call("regexp_like", _to_col(str), _to_col(regexp))


def regexp_replace(string: ColumnOrName, pattern: Union[str, Column], replacement: Union[str, Column], position: Optional[Union[int, Column]] = None) -> Column:
    r"""Every match of the Java regular expression replaced by ``replacement``, where ``$n`` and ``${name}`` stand for groups and a backslash escapes; from character ``position`` on.

    Parameters
    ----------
    string : :class:`Column` or str
        A string column.
    pattern : str or :class:`Column`
        The regular expression.
    replacement : str or :class:`Column`
        The replacement.
    position : int or :class:`Column`, optional
        Where replacing starts (1 by default).

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([("100-200",)], ["s"])
    >>> df.select(regexp_replace("s", r"(\d+)-(\d+)", "$2-$1").alias("d")).collect()
    [Row(d='200-100')]
    """
    args = [_to_col(string), _to_expr(pattern, "pattern"), _to_expr(replacement, "replacement")]
    if position is not None:
        args.append(_to_expr(position, "position"))
    return _call("regexp_replace", *args)


def regexp_extract(str: ColumnOrName, pattern: builtins.str, idx: int) -> Column:
    r"""Group ``idx`` of the first match of the Java regular expression (0 = the whole match); empty when there is none.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    pattern : str
        The regular expression.
    idx : int
        The group.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([("100-200",)], ["str"])
    >>> df.select(regexp_extract("str", r"(\d+)-(\d+)", 1).alias("d")).collect()
    [Row(d='100')]
    """
    return _call("regexp_extract", _to_col(str), _literal(pattern, "pattern"), _literal(idx, "idx"))


def regexp_extract_all(str: ColumnOrName, regexp: ColumnOrName, idx: Optional[Union[int, Column]] = None) -> Column:
    r"""Group ``idx`` (1 by default) of every match of the Java regular expression.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    regexp : :class:`Column` or str
        The pattern column.
    idx : int or :class:`Column`, optional
        The group.

    Returns
    -------
    :class:`Column`
        An array of strings.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([("100-200, 300-400",)], ["s"])
    >>> df.select(regexp_extract_all("s", lit(r"(\d+)-(\d+)")).alias("d")).collect()
    [Row(d=['100', '300'])]
    """
    return _call("regexp_extract_all", _to_col(str), _to_col(regexp), *([] if idx is None else [_to_expr(idx, "idx")]))


def regexp_count(str: ColumnOrName, regexp: ColumnOrName) -> Column:
    r"""The number of matches of the Java regular expression.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    regexp : :class:`Column` or str
        The pattern column.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([("1a 2b 14m",)], ["s"])
    >>> df.select(regexp_count("s", lit(r"\d+")).alias("d")).collect()
    [Row(d=3)]
    """
    return _call("regexp_count", _to_col(str), _to_col(regexp))


def regexp_instr(str: ColumnOrName, regexp: ColumnOrName, idx: Optional[Union[int, Column]] = None) -> Column:
    r"""The 1-based position of the first match of the Java regular expression; 0 when there is none.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    regexp : :class:`Column` or str
        The pattern column.
    idx : int or :class:`Column`, optional
        A group index (accepted, as in Spark, without effect).

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([("1a 2b 14m",)], ["s"])
    >>> df.select(regexp_instr("s", lit(r"\d+[a-z]")).alias("d")).collect()
    [Row(d=1)]
    """
    return _call("regexp_instr", _to_col(str), _to_col(regexp), *([] if idx is None else [_to_expr(idx, "idx")]))


def regexp_substr(str: ColumnOrName, regexp: ColumnOrName) -> Column:
    r"""The first match of the Java regular expression; NULL when there is none.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    regexp : :class:`Column` or str
        The pattern column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([("1a 2b 14m",)], ["s"])
    >>> df.select(regexp_substr("s", lit(r"\d+")).alias("d")).collect()
    [Row(d='1')]
    """
    return _call("regexp_substr", _to_col(str), _to_col(regexp))


def ilike(str: ColumnOrName, pattern: ColumnOrName, escapeChar: Optional[Column] = None) -> Column:
    r"""Case-insensitive SQL LIKE: ``%`` matches any characters, ``_`` one character.

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
    >>> df = spark.createDataFrame([("Spark", "_park")], ["a", "b"])
    >>> df.select(ilike(df.a, df.b).alias("r")).collect()
    [Row(r=True)]
    """
    return _call("ilike", _to_col(str), _to_col(pattern), *([] if escapeChar is None else [escapeChar._expr]))
