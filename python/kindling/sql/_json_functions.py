"""JSON string functions, re-exported by :mod:`kindling.sql.functions` under PySpark's names. Malformed JSON gives
NULL, as in Spark; integers keep their digits and other numbers print as Java doubles (``2.50`` → ``2.5``)."""

from __future__ import annotations

from typing import Any, Dict, Optional, Union

from kindling.sql._utils import errors as _err
from kindling.sql.column import Column, _call, _literal, _to_col

ColumnOrName = Union[Column, str]

__all__ = ["get_json_object", "json_array_length", "json_object_keys", "to_json"]


def get_json_object(col: ColumnOrName, path: str) -> Column:
    """The value a JSONPath selects in a JSON string: a string value unquoted, an object, array or number as
    compact JSON; NULL when nothing matches, the value is ``null`` or the JSON is malformed.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column of JSON documents.
    path : str
        ``$`` followed by ``.name``, ``['name']``, ``[index]`` or the wildcards ``[*]`` / ``.*`` (several wildcard
        matches come back as a JSON array).

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([('{"a": {"b": [1, 2.50]}, "s": "x"}',)], "j string")
    >>> df.select(get_json_object("j", "$.a.b"), get_json_object("j", "$.a.b[1]"), get_json_object("j", "$.s")).first()
    Row(get_json_object(j, $.a.b)='[1,2.5]', get_json_object(j, $.a.b[1])='2.5', get_json_object(j, $.s)='x')
    """
    return _call("get_json_object", _to_col(col), _literal(path, "path"))


def json_array_length(col: ColumnOrName) -> Column:
    """The number of elements of the outermost JSON array; NULL for any other JSON value or malformed JSON.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column of JSON documents.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> df = spark.createDataFrame([("[1, [2, 3], {}]",), ("{}",), (None,)], "j string")
    >>> [r[0] for r in df.select(json_array_length("j")).collect()]
    [3, None, None]
    """
    return _call("json_array_length", _to_col(col))


def json_object_keys(col: ColumnOrName) -> Column:
    """The keys of the outermost JSON object, in order; NULL for any other JSON value or malformed JSON.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column of JSON documents.

    Returns
    -------
    :class:`Column`
        An array of strings.

    Examples
    --------
    >>> df = spark.createDataFrame([('{"a": 1, "b": {"c": 2}}',), ("[1]",)], "j string")
    >>> [r[0] for r in df.select(json_object_keys("j")).collect()]
    [['a', 'b'], None]
    """
    return _call("json_object_keys", _to_col(col))


def to_json(col: ColumnOrName, options: Optional[Dict[str, Any]] = None) -> Column:
    """A struct or array column as a JSON string, written as Spark writes it: NULL struct fields left out, dates as
    ``yyyy-MM-dd``, timestamps as ``yyyy-MM-dd'T'HH:mm:ss.SSSXXX``, binary as base64.

    Parameters
    ----------
    col : :class:`Column` or str
        A struct or array column.
    options : dict, optional
        Not supported: Kindling writes with Spark's default options, and passing any raises ``PySparkValueError``
        naming them rather than ignoring them.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> from kindling.sql.functions import struct
    >>> df = spark.createDataFrame([(1, "x", None)], "a int, b string, c int")
    >>> df.select(to_json(struct("a", "b", "c")).alias("j")).first().j
    '{"a":1,"b":"x"}'
    """
    if options:
        raise _err.value_error("UNSUPPORTED_OPERATION", operation=f"to_json options {sorted(options)}")
    return _call("to_json", _to_col(col))
