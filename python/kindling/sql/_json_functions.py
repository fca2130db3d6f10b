"""JSON string functions, re-exported by :mod:`kindling.sql.functions` under PySpark's names. Malformed JSON gives
NULL, as in Spark; integers keep their digits and other numbers print as Java doubles (``2.50`` → ``2.5``)."""

from __future__ import annotations

from typing import Any, Dict, Optional, Union

from kindling.sql._utils import errors as _err
from kindling.sql.column import Column, _call, _literal, _to_col

ColumnOrName = Union[Column, str]

__all__ = ["get_json_object", "json_array_length", "json_object_keys", "to_json", "from_json", "schema_of_json"]


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


def _no_options(fn: str, options: Optional[Dict[str, Any]]) -> None:
    if options:
        raise _err.value_error("UNSUPPORTED_OPERATION", operation=f"{fn} options {sorted(options)}")


def from_json(col: ColumnOrName, schema: Union[Any, Column, str], options: Optional[Dict[str, Any]] = None) -> Column:
    """A JSON string column read as a struct or array, as Spark's PERMISSIVE reader: malformed JSON gives a struct of
    NULLs, a field whose value does not fit its type is NULL alone, and keys match field names case-sensitively.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column of JSON documents.
    schema : :class:`StructType`, :class:`ArrayType`, str or :class:`Column`
        The type to read: a type, a DDL string (``"a INT, b STRING"`` or ``"ARRAY<STRUCT<a: INT>>"``), or a
        constant string column such as :func:`schema_of_json` of a sample.
    options : dict, optional
        Not supported: passing any raises ``PySparkValueError`` naming them.

    Returns
    -------
    :class:`Column`
        A struct (or array) column.

    Examples
    --------
    >>> df = spark.createDataFrame([('{"a": 1, "b": "x"}',), ('{"a": "no"}',), ("{bad",)], "j string")
    >>> [r.v for r in df.select(from_json("j", "a INT, b STRING").alias("v")).collect()]
    [Row(a=1, b='x'), Row(a=None, b=None), Row(a=None, b=None)]
    >>> df.select(from_json("j", schema_of_json('{"a": 0}'))).columns
    ['from_json(j)']
    """
    from kindling.sql.types import DataType, StructType

    _no_options("from_json", options)
    if isinstance(schema, StructType):
        text = schema.toDDL()
    elif isinstance(schema, DataType):
        text = schema.simpleString()
    elif isinstance(schema, str):
        text = schema
    elif isinstance(schema, Column):
        return _call("from_json", _to_col(col), schema._expr)
    else:
        raise _err.type_error("NOT_COLUMN_OR_DATATYPE_OR_STR", arg_name="schema", arg_type=type(schema).__name__)
    return _call("from_json", _to_col(col), _literal(text, "schema"))


def schema_of_json(json: Union[Column, str], options: Optional[Dict[str, Any]] = None) -> Column:
    """The schema Spark infers for a constant JSON document, as a DDL type string: integers are ``BIGINT``, other
    numbers ``DOUBLE``, object fields sorted by name.

    Parameters
    ----------
    json : :class:`Column` or str
        A JSON document: a str, or a literal string column.
    options : dict, optional
        Not supported: passing any raises ``PySparkValueError`` naming them.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> spark.range(1).select(schema_of_json('{"b": [1.5], "a": 1}').alias("s")).first().s
    'STRUCT<a: BIGINT, b: ARRAY<DOUBLE>>'
    """
    _no_options("schema_of_json", options)
    return _call("schema_of_json", json._expr if isinstance(json, Column) else _literal(json, "json"))
