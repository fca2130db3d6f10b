"""Map functions, re-exported by :mod:`kindling.sql.functions` under PySpark's names.

Maps never hold a None key, and a repeated key is an error (``DUPLICATED_MAP_KEY``, Spark's default
``spark.sql.mapKeyDedupPolicy`` EXCEPTION). Element lookup is :func:`element_at` (``m[key]``, ``col.getItem``).
"""

from __future__ import annotations

from typing import Any, Callable, Union

from kindling.sql._higher_order_functions import _invoke
from kindling.sql.column import Column, _call, _to_col, _to_expr

ColumnOrName = Union[Column, str]

__all__ = [
    "create_map",
    "map_from_arrays",
    "map_from_entries",
    "map_keys",
    "map_values",
    "map_entries",
    "map_concat",
    "map_contains_key",
    "str_to_map",
    "transform_keys",
    "transform_values",
    "map_filter",
    "map_zip_with",
]


def _cols(cols: tuple) -> list:
    # PySpark accepts the columns one by one or as one list/tuple.
    if len(cols) == 1 and isinstance(cols[0], (list, tuple, set)):
        cols = tuple(cols[0])
    return [_to_col(c) for c in cols]


def create_map(*cols: Any) -> Column:
    """A map of key/value column pairs: ``create_map(k1, v1, k2, v2, …)``.

    Parameters
    ----------
    cols : :class:`Column` or str
        Keys and values, alternating (also as one list).

    Returns
    -------
    :class:`Column`
        A map; a None key or a repeated key is an error.

    Examples
    --------
    >>> df = spark.createDataFrame([("Alice", 2)], "name string, age int")
    >>> df.select(create_map("name", "age").alias("m")).collect()
    [Row(m={'Alice': 2})]
    """
    return _call("map", *_cols(cols))


def map_from_arrays(col1: ColumnOrName, col2: ColumnOrName) -> Column:
    """A map whose keys are the elements of ``col1`` and values those of ``col2``, position by position.

    Parameters
    ----------
    col1 : :class:`Column` or str
        An array of keys (none of them None).
    col2 : :class:`Column` or str
        An array of values, as long as ``col1``.

    Returns
    -------
    :class:`Column`
        A map; NULL where either array is NULL.

    Examples
    --------
    >>> df = spark.createDataFrame([([2, 5], ["a", "b"])], "k array<int>, v array<string>")
    >>> df.select(map_from_arrays("k", "v").alias("m")).collect()
    [Row(m={2: 'a', 5: 'b'})]
    """
    return _call("map_from_arrays", _to_col(col1), _to_col(col2))


def map_from_entries(col: ColumnOrName) -> Column:
    """A map from an array of (key, value) structs.

    Parameters
    ----------
    col : :class:`Column` or str
        An array of two-field structs.

    Returns
    -------
    :class:`Column`
        A map; NULL where the array or one of its entries is NULL.

    Examples
    --------
    >>> df = spark.sql("SELECT array(struct(1, 'a'), struct(2, 'b')) AS e")
    >>> df.select(map_from_entries("e").alias("m")).collect()
    [Row(m={1: 'a', 2: 'b'})]
    """
    return _call("map_from_entries", _to_col(col))


def map_keys(col: ColumnOrName) -> Column:
    """The keys of a map, as an array in entry order.

    Parameters
    ----------
    col : :class:`Column` or str
        A map column.

    Returns
    -------
    :class:`Column`
        An array of keys.

    Examples
    --------
    >>> df = spark.sql("SELECT map(1, 'a', 2, 'b') AS m")
    >>> df.select(map_keys("m")).collect()
    [Row(map_keys(m)=[1, 2])]
    """
    return _call("map_keys", _to_col(col))


def map_values(col: ColumnOrName) -> Column:
    """The values of a map, as an array in entry order.

    Parameters
    ----------
    col : :class:`Column` or str
        A map column.

    Returns
    -------
    :class:`Column`
        An array of values.

    Examples
    --------
    >>> df = spark.sql("SELECT map(1, 'a', 2, 'b') AS m")
    >>> df.select(map_values("m")).collect()
    [Row(map_values(m)=['a', 'b'])]
    """
    return _call("map_values", _to_col(col))


def map_entries(col: ColumnOrName) -> Column:
    """The entries of a map, as an array of (key, value) structs.

    Parameters
    ----------
    col : :class:`Column` or str
        A map column.

    Returns
    -------
    :class:`Column`
        An array of structs with fields ``key`` and ``value``.

    Examples
    --------
    >>> df = spark.sql("SELECT map(1, 'a', 2, 'b') AS m")
    >>> df.select(map_entries("m")).collect()
    [Row(map_entries(m)=[Row(key=1, value='a'), Row(key=2, value='b')])]
    """
    return _call("map_entries", _to_col(col))


def map_concat(*cols: Any) -> Column:
    """The union of the maps; NULL where one of them is NULL. A key in more than one map is an error
    (``DUPLICATED_MAP_KEY``).

    Parameters
    ----------
    cols : :class:`Column` or str
        Map columns (also as one list).

    Returns
    -------
    :class:`Column`
        A map.

    Examples
    --------
    >>> df = spark.sql("SELECT map(1, 'a', 2, 'b') AS m1, map(3, 'c') AS m2")
    >>> df.select(map_concat("m1", "m2").alias("m")).collect()
    [Row(m={1: 'a', 2: 'b', 3: 'c'})]
    """
    return _call("map_concat", *_cols(cols))


def map_contains_key(col: ColumnOrName, value: Any) -> Column:
    """True if the map has the key ``value``.

    Parameters
    ----------
    col : :class:`Column` or str
        A map column.
    value : :class:`Column` or a literal
        The key.

    Returns
    -------
    :class:`Column`
        A boolean.

    Examples
    --------
    >>> df = spark.sql("SELECT map(1, 'a', 2, 'b') AS m")
    >>> df.select(map_contains_key("m", 1), map_contains_key("m", 3)).collect()
    [Row(map_contains_key(m, 1)=True, map_contains_key(m, 3)=False)]
    """
    return _call("map_contains_key", _to_col(col), _to_expr(value, "value"))


def str_to_map(text: ColumnOrName, pairDelim: Any = None, keyValueDelim: Any = None) -> Column:
    """A ``map<string,string>`` from text split into pairs by ``pairDelim`` (default ``,``) and each pair into key
    and value by ``keyValueDelim`` (default ``:``); both delimiters are regular expressions.

    Parameters
    ----------
    text : :class:`Column` or str
        The text.
    pairDelim : :class:`Column` or str, optional
        The delimiter between pairs.
    keyValueDelim : :class:`Column` or str, optional
        The delimiter between a key and its value.

    Returns
    -------
    :class:`Column`
        A map; a pair without the delimiter has a NULL value, and a repeated key is an error.

    Examples
    --------
    >>> df = spark.createDataFrame([("a:1,b:2,c",)], "s string")
    >>> df.select(str_to_map("s").alias("m")).collect()
    [Row(m={'a': '1', 'b': '2', 'c': None})]
    """
    args = [_to_col(text)]
    if pairDelim is not None or keyValueDelim is not None:
        args.append(_to_expr("," if pairDelim is None else pairDelim, "pairDelim"))
    if keyValueDelim is not None:
        args.append(_to_expr(keyValueDelim, "keyValueDelim"))
    return _call("str_to_map", *args)


def transform_keys(col: ColumnOrName, f: Callable[[Column, Column], Column]) -> Column:
    """The map with each key replaced by ``f(key, value)``.

    Parameters
    ----------
    col : :class:`Column` or str
        A map column.
    f : function
        ``(k: Column, v: Column) -> Column``.

    Returns
    -------
    :class:`Column`
        A map; a None or repeated new key is an error.

    Examples
    --------
    >>> from kindling.sql.functions import upper
    >>> df = spark.sql("SELECT map('a', 1, 'b', 2) AS m")
    >>> df.select(transform_keys("m", lambda k, _: upper(k)).alias("m")).collect()
    [Row(m={'A': 1, 'B': 2})]
    """
    return _invoke("transform_keys", (col,), (f,))


def transform_values(col: ColumnOrName, f: Callable[[Column, Column], Column]) -> Column:
    """The map with each value replaced by ``f(key, value)``.

    Parameters
    ----------
    col : :class:`Column` or str
        A map column.
    f : function
        ``(k: Column, v: Column) -> Column``.

    Returns
    -------
    :class:`Column`
        A map with the same keys.

    Examples
    --------
    >>> df = spark.sql("SELECT map('a', 1, 'b', 2) AS m")
    >>> df.select(transform_values("m", lambda _, v: v * 10).alias("m")).collect()
    [Row(m={'a': 10, 'b': 20})]
    """
    return _invoke("transform_values", (col,), (f,))


def map_filter(col: ColumnOrName, f: Callable[[Column, Column], Column]) -> Column:
    """The entries of the map for which ``f(key, value)`` is true.

    Parameters
    ----------
    col : :class:`Column` or str
        A map column.
    f : function
        ``(k: Column, v: Column) -> Column`` returning a boolean.

    Returns
    -------
    :class:`Column`
        A map.

    Examples
    --------
    >>> df = spark.sql("SELECT map('a', 1, 'b', 2, 'c', 3) AS m")
    >>> df.select(map_filter("m", lambda _, v: v > 1).alias("m")).collect()
    [Row(m={'b': 2, 'c': 3})]
    """
    return _invoke("map_filter", (col,), (f,))


def map_zip_with(col1: ColumnOrName, col2: ColumnOrName, f: Callable[[Column, Column, Column], Column]) -> Column:
    """Merges two maps key by key with ``f(key, value1, value2)``; a key missing from one map gives None for its
    value.

    Parameters
    ----------
    col1 : :class:`Column` or str
        A map column.
    col2 : :class:`Column` or str
        A map column with keys of the same type.
    f : function
        ``(k: Column, v1: Column, v2: Column) -> Column``.

    Returns
    -------
    :class:`Column`
        A map over the keys of both maps.

    Examples
    --------
    >>> from kindling.sql.functions import coalesce, lit
    >>> df = spark.sql("SELECT map('a', 1, 'b', 2) AS x, map('b', 10, 'c', 20) AS y")
    >>> df.select(map_zip_with("x", "y", lambda _, a, b: coalesce(a, lit(0)) + coalesce(b, lit(0))).alias("m")).collect()
    [Row(m={'a': 1, 'b': 12, 'c': 20})]
    """
    return _invoke("map_zip_with", (col1, col2), (f,))

