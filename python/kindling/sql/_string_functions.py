"""String functions, re-exported by :mod:`kindling.sql.functions` under PySpark's names. Positions and lengths
count characters (code points); NULL in gives NULL out unless a function says otherwise, as in Spark."""

from __future__ import annotations

import builtins
from typing import Any, Optional, Union

from kindling.sql.column import Column, _call, _int_or_col, _literal, _to_col, _to_expr

ColumnOrName = Union[Column, str]

__all__ = ["concat_ws", "lpad", "rpad", "repeat", "reverse", "translate", "instr", "locate", "position", "left", "right", "ascii", "chr", "char", "initcap", "btrim", "split_part", "substring_index", "replace", "lcase", "ucase", "char_length", "character_length", "bit_length", "octet_length", "find_in_set", "elt", "overlay", "levenshtein", "soundex", "format_number"]


def concat_ws(sep: str, *cols: ColumnOrName) -> Column:
    r"""The strings of the columns (and the elements of string arrays) joined with ``sep``, skipping NULLs.

    Parameters
    ----------
    sep : str
        The separator.
    cols : :class:`Column` or str
        String or array columns.

    Returns
    -------
    :class:`Column`
        A string; NULL only when ``sep`` is.

    Examples
    --------
    >>> df = spark.createDataFrame([("abcd", None, "123")], "s string, n string, d string")
    >>> df.select(concat_ws("-", df.s, df.n, df.d).alias("s")).collect()
    [Row(s='abcd-123')]
    """
    return _call("concat_ws", _literal(sep, "sep"), *(_to_col(c) for c in cols))


def lpad(col: ColumnOrName, len: Union[Column, int], pad: Union[Column, str]) -> Column:
    r"""The string left-padded with ``pad`` to ``len`` characters, or cut to ``len`` when longer.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.
    len : int or :class:`Column`
        The length of the result.
    pad : str or :class:`Column`
        The padding (an empty pad leaves a shorter string as it is).

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([("abcd",)], ["s"])
    >>> df.select(lpad(df.s, 6, "#").alias("s")).collect()
    [Row(s='##abcd')]
    """
    return _call("lpad", _to_col(col), _to_expr(len, "len"), _to_expr(pad, "pad"))


def rpad(col: ColumnOrName, len: Union[Column, int], pad: Union[Column, str]) -> Column:
    r"""The string right-padded with ``pad`` to ``len`` characters, or cut to ``len`` when longer.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.
    len : int or :class:`Column`
        The length of the result.
    pad : str or :class:`Column`
        The padding.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([("abcd",)], ["s"])
    >>> df.select(rpad(df.s, 6, "#").alias("s")).collect()
    [Row(s='abcd##')]
    """
    return _call("rpad", _to_col(col), _to_expr(len, "len"), _to_expr(pad, "pad"))


def repeat(col: ColumnOrName, n: Union[ColumnOrName, int]) -> Column:
    r"""The string repeated ``n`` times; empty when ``n`` <= 0.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.
    n : int, :class:`Column` or str
        The number of times.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([("ab",)], ["s"])
    >>> df.select(repeat(df.s, 3).alias("s")).collect()
    [Row(s='ababab')]
    """
    return _call("repeat", _to_col(col), _int_or_col(n, "n"))


def reverse(col: ColumnOrName) -> Column:
    r"""The string with its characters in reverse order, or the array with its elements in reverse order.

    Parameters
    ----------
    col : :class:`Column` or str
        A string or array column.

    Returns
    -------
    :class:`Column`
        The same type as ``col``.

    Examples
    --------
    >>> df = spark.createDataFrame([("Spark SQL", [2, 1, 3])], ["s", "a"])
    >>> df.select(reverse(df.s).alias("s"), reverse(df.a).alias("a")).collect()
    [Row(s='LQS krapS', a=[3, 1, 2])]
    """
    return _call("reverse", _to_col(col))


def translate(srcCol: ColumnOrName, matching: str, replace: str) -> Column:
    r"""Each character of the string found in ``matching`` replaced by the character at the same place in ``replace``; deleted when ``replace`` is shorter.

    Parameters
    ----------
    srcCol : :class:`Column` or str
        A string column.
    matching : str
        The characters to replace.
    replace : str
        Their replacements.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> spark.createDataFrame([("translate",)], ["a"]).select(translate("a", "rnlt", "123").alias("r")).collect()
    [Row(r='1a2s3ae')]
    """
    return _call("translate", _to_col(srcCol), _literal(matching, "matching"), _literal(replace, "replace"))


def instr(str: ColumnOrName, substr: Union[Column, builtins.str], start: Optional[Union[Column, int]] = None, occurrence: Optional[Union[Column, int]] = None) -> Column:
    r"""The 1-based position of ``substr`` in the string (the ``occurrence``-th, searching from ``start``; backwards from the end when ``start`` is negative); 0 when absent.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    substr : str or :class:`Column`
        The substring (a str is a literal).
    start : int or :class:`Column`, optional
        Where to start (1 by default).
    occurrence : int or :class:`Column`, optional
        Which occurrence (1 by default; must be > 0).

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> df = spark.createDataFrame([("aabcd",), ("xyz",)], ["s"])
    >>> df.select(instr(df.s, "b").alias("i"), instr("s", "a", 2).alias("j")).collect()
    [Row(i=3, j=2), Row(i=0, j=0)]
    """
    args = [_to_col(str), _to_expr(substr, "substr")]
    if start is not None or occurrence is not None:
        args.append(_to_expr(1 if start is None else start, "start"))
    if occurrence is not None:
        args.append(_to_expr(occurrence, "occurrence"))
    return _call("instr", *args)


def locate(substr: builtins.str, str: ColumnOrName, pos: int = 1) -> Column:
    r"""The 1-based position of ``substr`` in the string at or after character ``pos``; 0 when absent.

    Parameters
    ----------
    substr : str
        The substring.
    str : :class:`Column` or str
        A string column.
    pos : int, optional
        Where to start (1 by default).

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> df = spark.createDataFrame([("abcd",)], ["s"])
    >>> df.select(locate("b", df.s, 1).alias("s")).collect()
    [Row(s=2)]
    """
    return _call("locate", _literal(substr, "substr"), _to_col(str), _literal(pos, "pos"))


def position(substr: ColumnOrName, str: ColumnOrName, start: Optional[ColumnOrName] = None) -> Column:
    r"""The 1-based position of ``substr`` in ``str`` at or after ``start``; 0 when absent.

    Parameters
    ----------
    substr : :class:`Column` or str
        The substring column.
    str : :class:`Column` or str
        A string column.
    start : :class:`Column` or str, optional
        Where to start.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(position(lit("bar"), lit("foobarbar"), lit(5))).first()[0]
    7
    """
    return _call("position", _to_col(substr), _to_col(str), *([] if start is None else [_to_col(start)]))


def left(str: ColumnOrName, len: ColumnOrName) -> Column:
    r"""The leftmost ``len`` characters; empty when ``len`` <= 0.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    len : :class:`Column` or str
        The number of characters.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(left(lit("Spark SQL"), lit(3))).first()[0]
    'Spa'
    """
    return _call("left", _to_col(str), _to_col(len))


def right(str: ColumnOrName, len: ColumnOrName) -> Column:
    r"""The rightmost ``len`` characters; empty when ``len`` <= 0.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    len : :class:`Column` or str
        The number of characters.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(right(lit("Spark SQL"), lit(3))).first()[0]
    'SQL'
    """
    return _call("right", _to_col(str), _to_col(len))


def ascii(col: ColumnOrName) -> Column:
    r"""The code point of the first character; 0 for an empty string.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> spark.createDataFrame([("Spark",), ("",)], ["s"]).select(ascii("s").alias("a")).collect()
    [Row(a=83), Row(a=0)]
    """
    return _call("ascii", _to_col(col))


def chr(n: ColumnOrName) -> Column:
    r"""The character whose code point is ``n`` modulo 256; empty for a negative ``n``.

    Parameters
    ----------
    n : :class:`Column` or str
        A numeric column (cast to bigint).

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(chr(lit(65)), chr(lit(321))).first()
    Row(chr(65)='A', chr(321)='A')
    """
    return _call("chr", _to_col(n))


def char(col: ColumnOrName) -> Column:
    r"""The character whose code point is ``n`` modulo 256, as :func:`chr`.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(char(lit(97))).first()[0]
    'a'
    """
    return _call("char", _to_col(col))


def initcap(col: ColumnOrName) -> Column:
    r"""The string in lower case with the first letter of each space-separated word in title case.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> spark.createDataFrame([("ab cD",)], ["a"]).select(initcap("a").alias("v")).collect()
    [Row(v='Ab Cd')]
    """
    return _call("initcap", _to_col(col))


def btrim(str: ColumnOrName, trim: Optional[ColumnOrName] = None) -> Column:
    r"""The string without the characters of ``trim`` (spaces by default) at both ends.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    trim : :class:`Column` or str, optional
        The characters to remove.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([("SSparkSQLS", "SL")], ["a", "b"])
    >>> df.select(btrim(df.a, df.b).alias("r")).collect()
    [Row(r='parkSQ')]
    """
    return _call("btrim", _to_col(str), *([] if trim is None else [_to_col(trim)]))


def split_part(src: ColumnOrName, delimiter: ColumnOrName, partNum: ColumnOrName) -> Column:
    r"""The ``partNum``-th piece of the string split on ``delimiter`` (counting from the end when negative); empty when out of range, an error for 0.

    Parameters
    ----------
    src : :class:`Column` or str
        A string column.
    delimiter : :class:`Column` or str
        The delimiter (not a regular expression).
    partNum : :class:`Column` or str
        The 1-based piece.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([("11.12.13", ".", 3)], ["a", "b", "c"])
    >>> df.select(split_part(df.a, df.b, df.c).alias("r")).collect()
    [Row(r='13')]
    """
    return _call("split_part", _to_col(src), _to_col(delimiter), _to_col(partNum))


def substring_index(str: ColumnOrName, delim: builtins.str, count: int) -> Column:
    r"""The string before the ``count``-th occurrence of ``delim`` (after the ``-count``-th from the end when negative).

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    delim : str
        The delimiter.
    count : int
        Which occurrence.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([("a.b.c.d",)], ["s"])
    >>> df.select(substring_index(df.s, ".", 2).alias("s"), substring_index(df.s, ".", -3).alias("t")).collect()
    [Row(s='a.b', t='b.c.d')]
    """
    return _call("substring_index", _to_col(str), _literal(delim, "delim"), _literal(count, "count"))


def replace(src: ColumnOrName, search: ColumnOrName, replace: Optional[ColumnOrName] = None) -> Column:
    r"""Every occurrence of ``search`` replaced by ``replace`` (removed when ``replace`` is not given).

    Parameters
    ----------
    src : :class:`Column` or str
        A string column.
    search : :class:`Column` or str
        What to replace.
    replace : :class:`Column` or str, optional
        The replacement.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([("ABCabc", "abc", "DEF")], ["a", "b", "c"])
    >>> df.select(replace(df.a, df.b, df.c).alias("r"), replace(df.a, df.b).alias("s")).collect()
    [Row(r='ABCDEF', s='ABC')]
    """
    return _call("replace", _to_col(src), _to_col(search), *([] if replace is None else [_to_col(replace)]))


def lcase(str: ColumnOrName) -> Column:
    r"""The string in lower case.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(lcase(lit("Spark"))).first()[0]
    'spark'
    """
    return _call("lcase", _to_col(str))


def ucase(str: ColumnOrName) -> Column:
    r"""The string in upper case.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(ucase(lit("Spark"))).first()[0]
    'SPARK'
    """
    return _call("ucase", _to_col(str))


def char_length(str: ColumnOrName) -> Column:
    r"""The number of characters of the string.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(char_length(lit("héllo"))).first()[0]
    5
    """
    return _call("char_length", _to_col(str))


def character_length(str: ColumnOrName) -> Column:
    r"""The number of characters of the string.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(character_length(lit("SparkSQL"))).first()[0]
    8
    """
    return _call("character_length", _to_col(str))


def bit_length(col: ColumnOrName) -> Column:
    r"""The bit length of the string's UTF-8 encoding (or of a binary).

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> spark.createDataFrame([("cat",), ("é",)], ["c"]).select(bit_length("c").alias("b")).collect()
    [Row(b=24), Row(b=16)]
    """
    return _call("bit_length", _to_col(col))


def octet_length(col: ColumnOrName) -> Column:
    r"""The byte length of the string's UTF-8 encoding (or of a binary).

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> spark.createDataFrame([("cat",), ("é",)], ["c"]).select(octet_length("c").alias("b")).collect()
    [Row(b=3), Row(b=2)]
    """
    return _call("octet_length", _to_col(col))


def find_in_set(str: ColumnOrName, str_array: ColumnOrName) -> Column:
    r"""The 1-based index of the string in the comma-separated list; 0 when absent or when the string holds a comma.

    Parameters
    ----------
    str : :class:`Column` or str
        The string to look for.
    str_array : :class:`Column` or str
        A comma-separated list.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> df = spark.createDataFrame([("ab", "abc,b,ab,c,def")], ["a", "b"])
    >>> df.select(find_in_set(df.a, df.b).alias("r")).collect()
    [Row(r=3)]
    """
    return _call("find_in_set", _to_col(str), _to_col(str_array))


def elt(*inputs: ColumnOrName) -> Column:
    r"""The ``n``-th of the inputs (the first input is ``n``, 1-based); NULL when out of range (an error under ANSI mode).

    Parameters
    ----------
    inputs : :class:`Column` or str
        The index, then the values.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, "scala", "java")], ["a", "b", "c"])
    >>> df.select(elt(df.a, df.b, df.c).alias("r")).collect()
    [Row(r='scala')]
    """
    return _call("elt", *(_to_col(c) for c in inputs))


def overlay(src: ColumnOrName, replace: ColumnOrName, pos: Union[ColumnOrName, int], len: Union[ColumnOrName, int] = -1) -> Column:
    r"""``src`` with ``len`` characters from 1-based ``pos`` replaced by ``replace`` (as many as ``replace`` has by default).

    Parameters
    ----------
    src : :class:`Column` or str
        A string column.
    replace : :class:`Column` or str
        The replacement.
    pos : int, :class:`Column` or str
        The start.
    len : int, :class:`Column` or str, optional
        How many characters to replace.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([("SPARK_SQL", "CORE")], ("x", "y"))
    >>> df.select(overlay("x", "y", 7).alias("overlayed")).collect()
    [Row(overlayed='SPARK_CORE')]
    """
    return _call("overlay", _to_col(src), _to_col(replace), _int_or_col(pos, "pos"), _int_or_col(len, "len"))


def levenshtein(left: ColumnOrName, right: ColumnOrName, threshold: Optional[int] = None) -> Column:
    r"""The Levenshtein distance of two strings; with ``threshold``, -1 when the distance exceeds it.

    Parameters
    ----------
    left : :class:`Column` or str
        A string column.
    right : :class:`Column` or str
        A string column.
    threshold : int, optional
        The largest distance of interest.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> df = spark.createDataFrame([("kitten", "sitting")], ["l", "r"])
    >>> df.select(levenshtein("l", "r").alias("d"), levenshtein("l", "r", 2).alias("t")).collect()
    [Row(d=3, t=-1)]
    """
    return _call("levenshtein", _to_col(left), _to_col(right), *([] if threshold is None else [_literal(threshold, "threshold")]))


def soundex(col: ColumnOrName) -> Column:
    r"""The Soundex code of the string (the string itself when it does not start with a letter).

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> spark.createDataFrame([("Peters",), ("Uhrbach",)], ["name"]).select(soundex("name").alias("s")).collect()
    [Row(s='P362'), Row(s='U612')]
    """
    return _call("soundex", _to_col(col))


def format_number(col: ColumnOrName, d: int) -> Column:
    r"""The number with thousands grouping, rounded HALF_EVEN to ``d`` decimal places (NULL for ``d`` < 0), as Java's DecimalFormat.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.
    d : int
        The number of decimal places.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> spark.createDataFrame([(5,)], ["a"]).select(format_number("a", 4).alias("v")).collect()
    [Row(v='5.0000')]
    """
    return _call("format_number", _to_col(col), _literal(d, "d"))
