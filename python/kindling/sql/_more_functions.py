"""Random, string, URL and UTF-8 functions added for PySpark parity (``randstr``, ``uniform``, ``shuffle``,
``quote``, ``luhn_check``, ``parse_url``, ``validate_utf8``, …), re-exported by :mod:`kindling.sql.functions`."""

from __future__ import annotations

from typing import Optional, Union

from kindling.sql.column import Column, _call, _literal, _to_col, _to_expr

ColumnOrName = Union[Column, str]

__all__ = ["randstr", "uniform", "shuffle"]


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
