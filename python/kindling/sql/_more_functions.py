"""Random, string, URL and UTF-8 functions added for PySpark parity (``randstr``, ``uniform``, ``shuffle``,
``quote``, ``luhn_check``, ``parse_url``, ``validate_utf8``, …), re-exported by :mod:`kindling.sql.functions`."""

from __future__ import annotations

from typing import Optional, Union

from kindling.sql.column import Column, _call, _to_col, _to_expr

ColumnOrName = Union[Column, str]

__all__ = ["randstr", "uniform", "shuffle", "quote", "is_valid_utf8", "validate_utf8", "try_validate_utf8", "make_valid_utf8", "parse_url", "try_parse_url", "try_url_decode", "version", "input_file_name", "input_file_block_start", "input_file_block_length"]


def _seed_args(seed: Optional[Union[Column, int]]) -> list:
    return [] if seed is None else [_to_expr(seed, "seed")]


def randstr(length: Union[Column, int], seed: Optional[Union[Column, int]] = None) -> Column:
    """A random string of ``length`` characters from ``0-9``, ``a-z`` and ``A-Z``: Spark's XORShiftRandom seeded with
    ``seed`` plus the partition index, so each partition's strings are Spark's.

    Parameters
    ----------
    length : int or :class:`Column`
        The length, a non-negative int literal.
    seed : int or :class:`Column`, optional
        The seed; a random one when omitted.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> spark.range(0, 2, 1, 1).select(randstr(5, 0).alias("s")).collect()
    [Row(s='ceV0P'), Row(s='XaR2I')]
    """
    return _call("randstr", _to_expr(length, "length"), *_seed_args(seed))


def uniform(min: Union[Column, int, float], max: Union[Column, int, float], seed: Optional[Union[Column, int]] = None) -> Column:
    """Random values uniformly distributed in [``min``, ``max``), of the bounds' type (ints stay ints), seeded as
    Spark (``seed`` plus the partition index).

    Parameters
    ----------
    min, max : int, float or :class:`Column`
        Numeric literals bounding the values.
    seed : int or :class:`Column`, optional
        The seed; a random one when omitted.

    Returns
    -------
    :class:`Column`
        The random values.

    Examples
    --------
    >>> spark.range(0, 2, 1, 1).select(uniform(0, 100, 7)).show()
    +------------------+
    |uniform(0, 100, 7)|
    +------------------+
    |                28|
    |                45|
    +------------------+
    """
    return _call("uniform", _to_expr(min, "min"), _to_expr(max, "max"), *_seed_args(seed))


def shuffle(col: ColumnOrName, seed: Optional[Union[Column, int]] = None) -> Column:
    """The array in a random order: Spark's RandomIndicesGenerator (a Mersenne Twister) seeded with ``seed`` plus
    the partition index, so each partition's orders are Spark's.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    seed : int or :class:`Column`, optional
        The seed; a random one when omitted.

    Returns
    -------
    :class:`Column`
        The shuffled array; NULL for NULL.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2, 3, 4, 5],)], ["xs"])
    >>> df.select(shuffle(df.xs, 0)).show()
    +---------------+
    |    shuffle(xs)|
    +---------------+
    |[4, 1, 2, 3, 5]|
    +---------------+
    """
    return _call("shuffle", _to_col(col), *_seed_args(seed))


def quote(col: ColumnOrName) -> Column:
    r"""The string in single quotes, with its single quotes escaped by a backslash.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        A string; NULL for NULL.

    Examples
    --------
    >>> df = spark.createDataFrame([("Don't",), ("",), (None,)], ["s"])
    >>> df.select(quote("s").alias("q")).collect()
    [Row(q="'Don\\'t'"), Row(q="''"), Row(q=None)]
    """
    return _call("quote", _to_col(col))


def is_valid_utf8(str: ColumnOrName) -> Column:
    """True when the string (or binary) is a valid UTF-8 byte sequence.

    Parameters
    ----------
    str : :class:`Column` or str
        A string or binary column.

    Returns
    -------
    :class:`Column`
        A boolean; NULL for NULL.

    Examples
    --------
    >>> from kindling.sql.functions import unhex
    >>> df = spark.createDataFrame([("616263",), ("61FF",)], ["h"])
    >>> df.select(is_valid_utf8(unhex("h")).alias("v")).collect()
    [Row(v=True), Row(v=False)]
    """
    return _call("is_valid_utf8", _to_col(str, "str"))


def validate_utf8(str: ColumnOrName) -> Column:
    """The string when it is valid UTF-8; otherwise an ``INVALID_UTF8_STRING`` error.

    Parameters
    ----------
    str : :class:`Column` or str
        A string or binary column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([("SparkSQL",)], ["s"])
    >>> df.select(validate_utf8("s").alias("v")).collect()
    [Row(v='SparkSQL')]
    """
    return _call("validate_utf8", _to_col(str, "str"))


def try_validate_utf8(str: ColumnOrName) -> Column:
    """The string when it is valid UTF-8, else NULL.

    Parameters
    ----------
    str : :class:`Column` or str
        A string or binary column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import unhex
    >>> df = spark.createDataFrame([("6F6B",), ("61FF",)], ["h"])
    >>> df.select(try_validate_utf8(unhex("h")).alias("v")).collect()
    [Row(v='ok'), Row(v=None)]
    """
    return _call("try_validate_utf8", _to_col(str, "str"))


def make_valid_utf8(str: ColumnOrName) -> Column:
    """The string with every invalid UTF-8 sequence replaced by the replacement character U+FFFD.

    Parameters
    ----------
    str : :class:`Column` or str
        A string or binary column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import unhex
    >>> df = spark.createDataFrame([("61FF62",)], ["h"])
    >>> df.select(make_valid_utf8(unhex("h")).alias("v")).collect()
    [Row(v='a\ufffdb')]
    """
    return _call("make_valid_utf8", _to_col(str, "str"))


def parse_url(url: ColumnOrName, partToExtract: ColumnOrName, key: Optional[ColumnOrName] = None) -> Column:
    """A part of a URL: ``HOST``, ``PATH``, ``QUERY`` (or the value of ``key`` in it), ``REF``, ``PROTOCOL``,
    ``FILE``, ``AUTHORITY`` or ``USERINFO``; NULL when the URL does not parse or lacks the part.

    Parameters
    ----------
    url : :class:`Column` or str
        A string column of URLs.
    partToExtract : :class:`Column` or str
        The part to extract (upper case).
    key : :class:`Column` or str, optional
        A query parameter whose value to extract.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([("https://spark.apache.org/path?query=1", "QUERY", "query")], ["u", "p", "k"])
    >>> df.select(parse_url("u", "p").alias("q"), parse_url(df.u, df.p, df.k).alias("v")).collect()
    [Row(q='query=1', v='1')]
    """
    args = [_to_col(url, "url"), _to_col(partToExtract, "partToExtract")]
    if key is not None:
        args.append(_to_col(key, "key"))
    return _call("parse_url", *args)


def try_parse_url(url: ColumnOrName, partToExtract: ColumnOrName, key: Optional[ColumnOrName] = None) -> Column:
    """A part of a URL as :func:`parse_url`, NULL (never an error) when the URL is invalid.

    Parameters
    ----------
    url : :class:`Column` or str
        A string column of URLs.
    partToExtract : :class:`Column` or str
        The part to extract.
    key : :class:`Column` or str, optional
        A query parameter whose value to extract.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([("inva lid://spark.apache.org", "HOST"), ("http://a.b:8080/p", "HOST")], ["u", "p"])
    >>> df.select(try_parse_url("u", "p").alias("h")).collect()
    [Row(h=None), Row(h='a.b')]
    """
    args = [_to_col(url, "url"), _to_col(partToExtract, "partToExtract")]
    if key is not None:
        args.append(_to_col(key, "key"))
    return _call("try_parse_url", *args)


def try_url_decode(str: ColumnOrName) -> Column:
    """The string decoded from ``application/x-www-form-urlencoded`` form, NULL when it is malformed.

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
    >>> df = spark.createDataFrame([("a%20b+c",), ("bad%zz",)], ["s"])
    >>> df.select(try_url_decode("s").alias("d")).collect()
    [Row(d='a b c'), Row(d=None)]
    """
    return _call("try_url_decode", _to_col(str, "str"))


def version() -> Column:
    """The Spark version Kindling implements and its build (``"4.3.0 kindling"``; Spark puts its git revision there).

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
    >>> spark.range(1).select(version()).first()[0].split()[0]
    '4.3.0'
    """
    return _call("version")


def input_file_name() -> Column:
    """The URI (``file:///…``) of the file the row is read from, ``''`` for rows not read from a file.

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
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "data.csv")
    >>> with open(path, "w") as f:
    ...     _ = f.write("a\\n1\\n")
    >>> df = spark.read.option("header", True).csv(path)
    >>> df.select(input_file_name()).first()[0] == "file://" + path
    True
    >>> spark.range(1).select(input_file_name()).collect()
    [Row(input_file_name()='')]
    """
    return _call("input_file_name")


def input_file_block_start() -> Column:
    """The start offset of the file split the row is read from, -1 for rows not read from a file.

    Parameters
    ----------
    None
        It takes no arguments.

    Returns
    -------
    :class:`Column`
        A bigint.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "data.csv")
    >>> with open(path, "w") as f:
    ...     _ = f.write("a\\n1\\n")
    >>> spark.read.option("header", True).csv(path).select(input_file_block_start().alias("s")).collect()
    [Row(s=0)]
    >>> spark.range(1).select(input_file_block_start()).collect()
    [Row(input_file_block_start()=-1)]
    """
    return _call("input_file_block_start")


def input_file_block_length() -> Column:
    """The length of the file split the row is read from, -1 for rows not read from a file.

    Parameters
    ----------
    None
        It takes no arguments.

    Returns
    -------
    :class:`Column`
        A bigint.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "data.csv")
    >>> with open(path, "w") as f:
    ...     _ = f.write("a\\n1\\n")
    >>> spark.read.option("header", True).csv(path).select(input_file_block_length().alias("n")).collect()
    [Row(n=4)]
    >>> spark.range(1).select(input_file_block_length()).collect()
    [Row(input_file_block_length()=-1)]
    """
    return _call("input_file_block_length")
