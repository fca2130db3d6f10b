"""Digests and byte encodings, re-exported by :mod:`kindling.sql.functions` under PySpark's names. Strings are
read as their UTF-8 bytes, as Spark casts them to binary."""

from __future__ import annotations

import builtins
from typing import Any, Optional, Union

from kindling.sql.column import Column, _call, _literal, _to_col

ColumnOrName = Union[Column, str]

__all__ = ["md5", "sha1", "sha", "sha2", "crc32", "hex", "unhex", "base64", "unbase64", "url_encode", "url_decode", "encode", "decode"]


def md5(col: ColumnOrName) -> Column:
    r"""The MD5 digest of the bytes (a string's UTF-8) as 32 lower-case hex digits.

    Parameters
    ----------
    col : :class:`Column` or str
        A binary or string column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> spark.createDataFrame([("ABC",)], ["a"]).select(md5("a").alias("hash")).collect()
    [Row(hash='902fbdd2b1df0c4f70b4a5d23525e932')]
    """
    return _call("md5", _to_col(col))


def sha1(col: ColumnOrName) -> Column:
    r"""The SHA-1 digest as 40 lower-case hex digits.

    Parameters
    ----------
    col : :class:`Column` or str
        A binary or string column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> spark.createDataFrame([("ABC",)], ["a"]).select(sha1("a").alias("hash")).collect()
    [Row(hash='3c01bdbb26f358bab27f267924aa2c9a03fcfdb8')]
    """
    return _call("sha1", _to_col(col))


def sha(col: ColumnOrName) -> Column:
    r"""The SHA-1 digest, as :func:`sha1`.

    Parameters
    ----------
    col : :class:`Column` or str
        A binary or string column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(sha(lit("Spark"))).first()[0]
    '85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c'
    """
    return _call("sha", _to_col(col))


def sha2(col: ColumnOrName, numBits: int) -> Column:
    r"""The SHA-2 digest of ``numBits`` bits (224, 256, 384, 512; 0 means 256) as lower-case hex; NULL for other lengths.

    Parameters
    ----------
    col : :class:`Column` or str
        A binary or string column.
    numBits : int
        The digest length.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([["Alice"]], ["name"])
    >>> df.select(sha2("name", 256).alias("sha2")).collect()
    [Row(sha2='3bc51062973c458d5a6f2d8d64a023246354ad7e064b1e4e009ec8a0699a3043')]
    """
    return _call("sha2", _to_col(col), _literal(numBits, "numBits"))


def crc32(col: ColumnOrName) -> Column:
    r"""The CRC-32 checksum of the bytes, as a bigint.

    Parameters
    ----------
    col : :class:`Column` or str
        A binary or string column.

    Returns
    -------
    :class:`Column`
        A bigint.

    Examples
    --------
    >>> spark.createDataFrame([("ABC",)], ["a"]).select(crc32("a").alias("crc32")).collect()
    [Row(crc32=2743272264)]
    """
    return _call("crc32", _to_col(col))


def hex(col: ColumnOrName) -> Column:
    r"""Upper-case hex of a number (as a bigint, two's complement) or of the bytes of a string or binary.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric, string or binary column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> spark.createDataFrame([("ABC", 3)], ["a", "b"]).select(hex("a"), hex("b")).collect()
    [Row(hex(a)='414243', hex(b)='3')]
    """
    return _call("hex", _to_col(col))


def unhex(col: ColumnOrName) -> Column:
    r"""The bytes a hex string spells; NULL when it holds a character that is not a hex digit.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        A binary.

    Examples
    --------
    >>> spark.createDataFrame([("414243",)], ["a"]).select(unhex("a")).collect()
    [Row(unhex(a)=bytearray(b'ABC'))]
    """
    return _call("unhex", _to_col(col))


def base64(col: ColumnOrName) -> Column:
    r"""The base64 text of the bytes.

    Parameters
    ----------
    col : :class:`Column` or str
        A binary or string column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> spark.createDataFrame([("Spark SQL",)], ["a"]).select(base64("a").alias("b")).collect()
    [Row(b='U3BhcmsgU1FM')]
    """
    return _call("base64", _to_col(col))


def unbase64(col: ColumnOrName) -> Column:
    r"""The bytes of a base64 text (characters outside the alphabet are skipped).

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        A binary.

    Examples
    --------
    >>> spark.createDataFrame([("U3BhcmsgU1FM",)], ["a"]).select(unbase64("a").alias("b")).collect()
    [Row(b=bytearray(b'Spark SQL'))]
    """
    return _call("unbase64", _to_col(col))


def url_encode(str: ColumnOrName) -> Column:
    r"""The string in application/x-www-form-urlencoded form (UTF-8), as Java's URLEncoder.

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
    >>> spark.createDataFrame([("a b&c=ä",)], ["u"]).select(url_encode("u").alias("e")).collect()
    [Row(e='a+b%26c%3D%C3%A4')]
    """
    return _call("url_encode", _to_col(str))


def url_decode(str: ColumnOrName) -> Column:
    r"""The string decoded from application/x-www-form-urlencoded form; an error for a malformed escape.

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
    >>> spark.createDataFrame([("a+b%26c%3D%C3%A4",)], ["u"]).select(url_decode("u").alias("d")).collect()
    [Row(d='a b&c=ä')]
    """
    return _call("url_decode", _to_col(str))


def encode(col: ColumnOrName, charset: str) -> Column:
    r"""The bytes of the string in ``charset`` (utf-8, us-ascii, iso-8859-1, utf-16, utf-16be, utf-16le, utf-32); an error for a character the charset cannot hold.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.
    charset : str
        The charset.

    Returns
    -------
    :class:`Column`
        A binary.

    Examples
    --------
    >>> spark.createDataFrame([("abcd",)], ["c"]).select(encode("c", "UTF-8").alias("b")).collect()
    [Row(b=bytearray(b'abcd'))]
    """
    return _call("encode", _to_col(col), _literal(charset, "charset"))


def decode(col: ColumnOrName, charset: str) -> Column:
    r"""The string the bytes spell in ``charset``; an error for malformed bytes.

    Parameters
    ----------
    col : :class:`Column` or str
        A binary column.
    charset : str
        The charset.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import encode
    >>> df = spark.createDataFrame([("abcd",)], ["c"])
    >>> df.select(decode(encode("c", "UTF-16LE"), "UTF-16LE").alias("s")).collect()
    [Row(s='abcd')]
    """
    return _call("decode", _to_col(col), _literal(charset, "charset"))
