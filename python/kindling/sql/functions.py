"""PySpark's ``pyspark.sql.functions`` for the functions the Kindling engine implements.

Each function only builds an expression (a :class:`~kindling.sql.column.Column`); the engine resolves the name and
checks the argument types when a DataFrame uses it. Arguments named ``col`` accept a column name or a Column, as in
PySpark.
"""

from __future__ import annotations

import builtins
from typing import Any, List, Tuple, Union

from kindling.sql import _expr as E
from kindling.sql._utils import errors as _err
from kindling.sql.column import Column, _call, _literal, _name_expr, _to_col, _to_expr
from kindling.sql.udf import PandasUDFType, pandas_udf, udf

__all__ = [
    "udf",
    "pandas_udf",
    "col",
    "column",
    "lit",
    "expr",
    "when",
    "coalesce",
    "struct",
    "named_struct",
    "isnull",
    "isnotnull",
    "isnan",
    "nvl",
    "ifnull",
    "greatest",
    "least",
    "upper",
    "lower",
    "length",
    "trim",
    "ltrim",
    "rtrim",
    "substring",
    "concat",
    "startswith",
    "endswith",
    "contains",
    "split",
    "array_repeat",
    "explode",
    "explode_outer",
    "posexplode",
    "posexplode_outer",
    "inline",
    "inline_outer",
    "abs",
    "round",
    "floor",
    "ceil",
    "sqrt",
    "count",
    "sum",
    "sum_distinct",
    "avg",
    "mean",
    "min",
    "max",
    "first",
    "last",
    "first_value",
    "last_value",
    "any_value",
    "collect_list",
    "countDistinct",
    "count_distinct",
    "grouping",
    "grouping_id",
    "asc",
    "desc",
    "asc_nulls_first",
    "asc_nulls_last",
    "desc_nulls_first",
    "desc_nulls_last",
]

ColumnOrName = Union[Column, str]


def _fn(name: str, *cols: ColumnOrName, distinct: bool = False) -> Column:
    return _call(name, *(_to_col(c) for c in cols), distinct=distinct)


def _int_or_col(value: Any, arg_name: str) -> Any:
    if isinstance(value, Column):
        return value._expr
    if isinstance(value, int) and not isinstance(value, bool):
        return _literal(value, arg_name)
    raise _err.type_error("NOT_COLUMN_OR_INT", arg_name=arg_name, arg_type=type(value).__name__)


# ---------------------------------------------------------------------------------------------------------------------
# Columns and literals


def col(col: str) -> Column:
    """A column by name (``"a"``, ``"t.a"``, ``"`a.b`"``; ``"*"`` is every column).

    Parameters
    ----------
    col : str
        The column's name.

    Returns
    -------
    :class:`Column`
        The column.

    Examples
    --------
    >>> col("x")
    Column<'x'>
    >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
    >>> df.select(col("name")).collect()
    [Row(name='Alice'), Row(name='Bob')]
    """
    if not isinstance(col, str):
        raise _err.type_error("NOT_STR", arg_name="col", arg_type=type(col).__name__)
    return Column(_name_expr(col))


column = col


def lit(col: Any) -> Column:
    """A column of a literal value; a Column is returned as it is.

    Python ints become ``int`` when they fit in 32 bits and ``bigint`` otherwise; floats ``double``;
    ``datetime.date`` a date; ``datetime.datetime`` a timestamp (naive values are UTC); None a NULL; a list
    ``array(...)`` of its elements' literals, as in PySpark 3.4+.

    Parameters
    ----------
    col : :class:`Column`, a literal value or a list of literal values
        The value.

    Returns
    -------
    :class:`Column`
        The literal column.

    Examples
    --------
    >>> df = spark.range(1)
    >>> df.select(lit(5).alias("height"), df.id).show()
    +------+---+
    |height| id|
    +------+---+
    |     5|  0|
    +------+---+
    >>> spark.range(1).select(lit([1, 2, 3])).show()
    +--------------+
    |array(1, 2, 3)|
    +--------------+
    |     [1, 2, 3]|
    +--------------+
    """
    if isinstance(col, Column):
        return col
    if isinstance(col, list):
        if builtins.any(isinstance(c, Column) for c in col):
            raise _err.value_error("COLUMN_IN_LIST", func_name="lit")
        return _call("array", *(_literal(c, "col") if not isinstance(c, list) else lit(c)._expr for c in col))
    return Column(_literal(col, "col"))


def when(condition: Column, value: Any) -> Column:
    """Starts a CASE WHEN: ``value`` where ``condition`` holds; chain :meth:`Column.when` and end with
    :meth:`Column.otherwise` (rows no branch matched are NULL without it).

    Parameters
    ----------
    condition : :class:`Column`
        A boolean column.
    value : :class:`Column` or a literal value
        The result for rows that match.

    Returns
    -------
    :class:`Column`
        The CASE WHEN column.

    Examples
    --------
    >>> df = spark.range(3)
    >>> df.select(when(df["id"] == 2, 3).otherwise(4).alias("age")).show()
    +---+
    |age|
    +---+
    |  4|
    |  4|
    |  3|
    +---+
    >>> df.select(when(df.id == 2, df.id + 1).alias("age")).show()
    +----+
    | age|
    +----+
    |NULL|
    |NULL|
    |   3|
    +----+
    """
    if not isinstance(condition, Column):
        raise _err.type_error("NOT_COLUMN", arg_name="condition", arg_type=type(condition).__name__)
    return Column(E.CaseWhen((condition._expr,), (_to_expr(value, "value"),), None))


def expr(str: builtins.str) -> Column:
    """A SQL expression string as a Column, parsed by the engine's SQL front end.

    Parameters
    ----------
    str : str
        A SQL expression: ``"age + 1"``, ``"CASE WHEN a > 1 THEN 'big' END"``, ``"length(name) AS n"``.

    Returns
    -------
    :class:`Column`
        The expression.

    Examples
    --------
    >>> df = spark.createDataFrame([["Alice"], ["Bob"]], ["name"])
    >>> df.select("name", expr("length(name)")).collect()
    [Row(name='Alice', length(name)=5), Row(name='Bob', length(name)=3)]
    """
    if not isinstance(str, builtins.str):
        raise _err.type_error("NOT_STR", arg_name="str", arg_type=type(str).__name__)
    return Column(E.SqlExpr(str))


# ---------------------------------------------------------------------------------------------------------------------
# Null handling and comparisons


def struct(*cols: Union[ColumnOrName, List[ColumnOrName], Tuple[ColumnOrName, ...]]) -> Column:
    """A struct column of the given columns; each field is named after its column or alias (others ``col1``,
    ``col2``…).

    Parameters
    ----------
    cols : :class:`Column` or str, or one list of them
        The fields' columns.

    Returns
    -------
    :class:`Column`
        A struct column (never NULL itself; its fields may be).

    Examples
    --------
    >>> df = spark.createDataFrame([("Alice", 2), ("Bob", 5)], ("name", "age"))
    >>> df.select(struct("age", df.name.alias("who")).alias("s")).collect()
    [Row(s=Row(age=2, who='Alice')), Row(s=Row(age=5, who='Bob'))]
    >>> df.select(struct("name", "age")).show()
    +-----------------+
    |struct(name, age)|
    +-----------------+
    |       {Alice, 2}|
    |         {Bob, 5}|
    +-----------------+
    """
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        cols = tuple(cols[0])
    return _fn("struct", *cols)


def named_struct(*cols: ColumnOrName) -> Column:
    """A struct with the given field names and values: ``named_struct(lit(name1), value1, lit(name2), value2…)``.

    Parameters
    ----------
    cols : :class:`Column` or str
        Alternating field names (string literals) and value columns.

    Returns
    -------
    :class:`Column`
        A struct column.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 2)], ("a", "b"))
    >>> df.select(named_struct(lit("x"), df.a, lit("y"), df.b).alias("r")).collect()
    [Row(r=Row(x=1, y=2))]
    """
    return _fn("named_struct", *cols)


def coalesce(*cols: ColumnOrName) -> Column:
    """The first argument that is not NULL, row by row.

    Parameters
    ----------
    cols : :class:`Column` or str
        The columns.

    Returns
    -------
    :class:`Column`
        The coalesced column.

    Examples
    --------
    >>> df = spark.createDataFrame([(None, None), (1, None), (None, 2)], ("a", "b"))
    >>> df.select(coalesce(df["a"], df["b"])).show()
    +--------------+
    |coalesce(a, b)|
    +--------------+
    |          NULL|
    |             1|
    |             2|
    +--------------+
    >>> df.select("*", coalesce(df["a"], lit(0.0))).show()
    +----+----+----------------+
    |   a|   b|coalesce(a, 0.0)|
    +----+----+----------------+
    |NULL|NULL|             0.0|
    |   1|NULL|             1.0|
    |NULL|   2|             0.0|
    +----+----+----------------+
    """
    return _fn("coalesce", *cols)


def isnull(col: ColumnOrName) -> Column:
    """True where the value is NULL.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.

    Returns
    -------
    :class:`Column`
        A boolean column.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, None), (None, 2)], ("a", "b"))
    >>> df.select("a", "b", isnull("a").alias("r1"), isnull(df.b).alias("r2")).show()
    +----+----+-----+-----+
    |   a|   b|   r1|   r2|
    +----+----+-----+-----+
    |   1|NULL|false| true|
    |NULL|   2| true|false|
    +----+----+-----+-----+
    """
    return _call("isNull", _to_col(col))


def isnotnull(col: ColumnOrName) -> Column:
    """True where the value is not NULL.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.

    Returns
    -------
    :class:`Column`
        A boolean column.

    Examples
    --------
    >>> df = spark.createDataFrame([(None,), (1,)], ["e"])
    >>> df.select(isnotnull(df.e).alias("r")).collect()
    [Row(r=False), Row(r=True)]
    """
    return _call("isNotNull", _to_col(col))


def isnan(col: ColumnOrName) -> Column:
    """True where the value is NaN (false for NULL).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        A boolean column.

    Examples
    --------
    >>> df = spark.createDataFrame([(1.0, float("nan")), (float("nan"), 2.0)], ("a", "b"))
    >>> df.select("a", "b", isnan("a").alias("r1"), isnan(df.b).alias("r2")).show()
    +---+---+-----+-----+
    |  a|  b|   r1|   r2|
    +---+---+-----+-----+
    |1.0|NaN|false| true|
    |NaN|2.0| true|false|
    +---+---+-----+-----+
    """
    return _fn("isnan", col)


def nvl(col1: ColumnOrName, col2: ColumnOrName) -> Column:
    """``col2`` where ``col1`` is NULL, else ``col1``.

    Parameters
    ----------
    col1 : :class:`Column` or str
        The column.
    col2 : :class:`Column` or str
        The replacement for NULLs.

    Returns
    -------
    :class:`Column`
        The column with NULLs replaced.

    Examples
    --------
    >>> df = spark.createDataFrame([(None, 8), (1, 9)], ["a", "b"])
    >>> df.select(nvl(df.a, df.b).alias("r")).collect()
    [Row(r=8), Row(r=1)]
    """
    return _fn("nvl", col1, col2)


def ifnull(col1: ColumnOrName, col2: ColumnOrName) -> Column:
    """``col2`` where ``col1`` is NULL, else ``col1`` (same as :func:`nvl`).

    Parameters
    ----------
    col1 : :class:`Column` or str
        The column.
    col2 : :class:`Column` or str
        The replacement for NULLs.

    Returns
    -------
    :class:`Column`
        The column with NULLs replaced.

    Examples
    --------
    >>> df = spark.createDataFrame([(None,), (1,)], ["e"])
    >>> df.select(ifnull(df.e, lit(8))).show()
    +------------+
    |ifnull(e, 8)|
    +------------+
    |           8|
    |           1|
    +------------+
    """
    return _fn("ifnull", col1, col2)


def greatest(*cols: ColumnOrName) -> Column:
    """The greatest value of the columns, skipping NULLs (NULL only when all are NULL).

    Parameters
    ----------
    cols : :class:`Column` or str
        Two or more columns.

    Returns
    -------
    :class:`Column`
        The greatest value.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 4, 3)], ["a", "b", "c"])
    >>> df.select(greatest(df.a, df.b, df.c).alias("greatest")).collect()
    [Row(greatest=4)]
    """
    if len(cols) < 2:
        raise _err.value_error("WRONG_NUM_COLUMNS", func_name="greatest", num_cols="2")
    return _fn("greatest", *cols)


def least(*cols: ColumnOrName) -> Column:
    """The least value of the columns, skipping NULLs (NULL only when all are NULL).

    Parameters
    ----------
    cols : :class:`Column` or str
        Two or more columns.

    Returns
    -------
    :class:`Column`
        The least value.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 4, 3)], ["a", "b", "c"])
    >>> df.select(least(df.a, df.b, df.c).alias("least")).collect()
    [Row(least=1)]
    """
    if len(cols) < 2:
        raise _err.value_error("WRONG_NUM_COLUMNS", func_name="least", num_cols="2")
    return _fn("least", *cols)


# ---------------------------------------------------------------------------------------------------------------------
# Strings


def upper(col: ColumnOrName) -> Column:
    """The string in upper case.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        The upper-case string.

    Examples
    --------
    >>> df = spark.createDataFrame([("Spark",), ("PySpark",), ("Pandas API",)], ["value"])
    >>> df.select(upper("value")).show()
    +------------+
    |upper(value)|
    +------------+
    |       SPARK|
    |     PYSPARK|
    |  PANDAS API|
    +------------+
    """
    return _fn("upper", col)


def lower(col: ColumnOrName) -> Column:
    """The string in lower case.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        The lower-case string.

    Examples
    --------
    >>> df = spark.createDataFrame([("Spark",), ("PySpark",), ("Pandas API",)], ["value"])
    >>> df.select(lower("value")).show()
    +------------+
    |lower(value)|
    +------------+
    |       spark|
    |     pyspark|
    |  pandas api|
    +------------+
    """
    return _fn("lower", col)


def length(col: ColumnOrName) -> Column:
    """The number of characters of a string (trailing spaces included).

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        The length, an int.

    Examples
    --------
    >>> spark.createDataFrame([("ABC ",)], ["a"]).select(length("a").alias("length")).collect()
    [Row(length=4)]
    """
    return _fn("length", col)


def trim(col: ColumnOrName) -> Column:
    """The string without leading and trailing spaces.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        The trimmed string.

    Examples
    --------
    >>> df = spark.createDataFrame([("   Spark",), ("Spark  ",), (" Spark",)], ["value"])
    >>> df.select(trim("value").alias("r")).withColumn("length", length("r")).show()
    +-----+------+
    |    r|length|
    +-----+------+
    |Spark|     5|
    |Spark|     5|
    |Spark|     5|
    +-----+------+
    """
    return _fn("trim", col)


def ltrim(col: ColumnOrName) -> Column:
    """The string without leading spaces.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        The trimmed string.

    Examples
    --------
    >>> df = spark.createDataFrame([("   Spark",), ("Spark  ",), (" Spark",)], ["value"])
    >>> df.select(ltrim("value").alias("r")).withColumn("length", length("r")).show()
    +-------+------+
    |      r|length|
    +-------+------+
    |  Spark|     5|
    |Spark  |     7|
    |  Spark|     5|
    +-------+------+
    """
    return _fn("ltrim", col)


def rtrim(col: ColumnOrName) -> Column:
    """The string without trailing spaces.

    Parameters
    ----------
    col : :class:`Column` or str
        A string column.

    Returns
    -------
    :class:`Column`
        The trimmed string.

    Examples
    --------
    >>> df = spark.createDataFrame([("   Spark",), ("Spark  ",), (" Spark",)], ["value"])
    >>> df.select(rtrim("value").alias("r")).withColumn("length", length("r")).show()
    +--------+------+
    |       r|length|
    +--------+------+
    |   Spark|     8|
    |   Spark|     5|
    |   Spark|     6|
    +--------+------+
    """
    return _fn("rtrim", col)


def substring(str: ColumnOrName, pos: Union[int, Column], len: Union[int, Column]) -> Column:
    """The substring of ``len`` characters starting at 1-based position ``pos`` (negative counts from the end).

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    pos : int or :class:`Column`
        The start position.
    len : int or :class:`Column`
        The number of characters.

    Returns
    -------
    :class:`Column`
        The substring.

    Examples
    --------
    >>> df = spark.createDataFrame([("abcd",)], ["s"])
    >>> df.select(substring(df.s, 1, 2).alias("s")).collect()
    [Row(s='ab')]
    >>> df.select(substring(df.s, -3, 2).alias("s")).collect()
    [Row(s='bc')]
    """
    return _call("substring", _to_col(str, "str"), _int_or_col(pos, "pos"), _int_or_col(len, "len"))


def concat(*cols: ColumnOrName) -> Column:
    """The strings of the columns joined end to end; NULL when any is NULL.

    Parameters
    ----------
    cols : :class:`Column` or str
        The columns.

    Returns
    -------
    :class:`Column`
        The joined string.

    Examples
    --------
    >>> df = spark.createDataFrame([("abcd", "123")], ["s", "d"])
    >>> df.select(concat(df.s, df.d).alias("s")).collect()
    [Row(s='abcd123')]
    >>> df.select(concat("s", lit("-"), "d")).show()
    +---------------+
    |concat(s, -, d)|
    +---------------+
    |       abcd-123|
    +---------------+
    """
    return _fn("concat", *cols)


def startswith(str: ColumnOrName, prefix: ColumnOrName) -> Column:
    """True where ``str`` starts with ``prefix`` (both are columns; use :func:`lit` for a constant).

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    prefix : :class:`Column` or str
        The prefix column.

    Returns
    -------
    :class:`Column`
        A boolean column.

    Examples
    --------
    >>> df = spark.createDataFrame([("Spark SQL", "Spark")], ["a", "b"])
    >>> df.select(startswith(df.a, df.b).alias("r")).collect()
    [Row(r=True)]
    """
    return _call("startswith", _to_col(str, "str"), _to_col(prefix, "prefix"))


def endswith(str: ColumnOrName, suffix: ColumnOrName) -> Column:
    """True where ``str`` ends with ``suffix`` (both are columns; use :func:`lit` for a constant).

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    suffix : :class:`Column` or str
        The suffix column.

    Returns
    -------
    :class:`Column`
        A boolean column.

    Examples
    --------
    >>> df = spark.createDataFrame([("Spark SQL", "Spark")], ["a", "b"])
    >>> df.select(endswith(df.a, df.b).alias("r")).collect()
    [Row(r=False)]
    """
    return _call("endswith", _to_col(str, "str"), _to_col(suffix, "suffix"))


def contains(left: ColumnOrName, right: ColumnOrName) -> Column:
    """True where ``left`` contains ``right`` (both are columns; use :func:`lit` for a constant).

    Parameters
    ----------
    left : :class:`Column` or str
        A string column.
    right : :class:`Column` or str
        The substring column.

    Returns
    -------
    :class:`Column`
        A boolean column.

    Examples
    --------
    >>> df = spark.createDataFrame([("Spark SQL", "Spark")], ["a", "b"])
    >>> df.select(contains(df.a, df.b).alias("r")).collect()
    [Row(r=True)]
    """
    return _call("contains", _to_col(left, "left"), _to_col(right, "right"))


def split(str: ColumnOrName, pattern: Union[str, Column], limit: Union[int, Column] = -1) -> Column:
    """The string cut around matches of the regular expression ``pattern``, as an array of strings.

    Java's ``String.split`` rules, as in Spark: a zero-width match at the start cuts nothing, trailing empty
    strings are kept, and an empty pattern cuts between characters. A pattern without regex metacharacters
    (``" "``, ``","``, ``"\\|"``) is cut on the bytes, without a regular expression.

    Parameters
    ----------
    str : :class:`Column` or str
        A string column.
    pattern : str or :class:`Column`
        A regular expression.
    limit : int or :class:`Column`, optional
        At most ``limit`` parts when positive (the last holds the rest of the string); no limit when ≤ 0.

    Returns
    -------
    :class:`Column`
        An ``array<string>`` column; NULL where an input is NULL.

    Examples
    --------
    >>> df = spark.createDataFrame([("oneAtwoBthreeC",)], ["s"])
    >>> df.select(split(df.s, "[ABC]", 2).alias("s")).collect()
    [Row(s=['one', 'twoBthreeC'])]
    >>> df.select(split(df.s, "[ABC]").alias("s")).collect()
    [Row(s=['one', 'two', 'three', ''])]
    """
    if isinstance(pattern, builtins.str):  # the parameter `str` (PySpark's name) hides the builtin
        pat = _literal(pattern, "pattern")
    elif isinstance(pattern, Column):
        pat = pattern._expr
    else:
        raise _err.type_error("NOT_COLUMN_OR_STR", arg_name="pattern", arg_type=type(pattern).__name__)
    return _call("split", _to_col(str, "str"), pat, _int_or_col(limit, "limit"))


def array_repeat(col: ColumnOrName, count: Union[ColumnOrName, int]) -> Column:
    """An array holding ``col`` ``count`` times.

    Parameters
    ----------
    col : :class:`Column` or str
        The element to repeat (any type; NULL is repeated as NULL).
    count : :class:`Column`, str or int
        How many times: cast to INT; NULL gives a NULL array, a negative count an empty one.

    Returns
    -------
    :class:`Column`
        An array column.

    Examples
    --------
    >>> df = spark.createDataFrame([("ab", 2), ("c", 0)], ["s", "n"])
    >>> df.select(array_repeat(df.s, df.n).alias("r")).collect()
    [Row(r=['ab', 'ab']), Row(r=[])]
    >>> df.select(array_repeat("s", 3).alias("r")).first().r
    ['ab', 'ab', 'ab']
    """
    n = _literal(count, "count") if isinstance(count, int) and not isinstance(count, bool) else _to_col(count, "count")
    return _call("array_repeat", _to_col(col, "col"), n)


# ---------------------------------------------------------------------------------------------------------------------
# Generators: allowed only as a whole item of a select list, one per select, as in Spark.


def explode(col: ColumnOrName) -> Column:
    """One row per element of the array, in a column named ``col``; rows whose array is NULL or empty give none.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.

    Returns
    -------
    :class:`Column`
        The generator; use it as a whole item of ``select`` (or in ``withColumn``).

    Examples
    --------
    >>> df = spark.createDataFrame([(1, "a b"), (2, "c")], ["id", "s"])
    >>> df.select("id", explode(split("s", " ")).alias("w")).show()
    +---+---+
    | id|  w|
    +---+---+
    |  1|  a|
    |  1|  b|
    |  2|  c|
    +---+---+
    """
    return _fn("explode", col)


def explode_outer(col: ColumnOrName) -> Column:
    """As :func:`explode`, but a NULL or empty array gives one row whose element is NULL.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.

    Returns
    -------
    :class:`Column`
        The generator.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, "a b"), (2, None)], "id int, s string")
    >>> df.select("id", explode_outer(split("s", " "))).collect()
    [Row(id=1, col='a'), Row(id=1, col='b'), Row(id=2, col=None)]
    """
    return _fn("explode_outer", col)


def posexplode(col: ColumnOrName) -> Column:
    """One row per element of the array with its 0-based position: columns ``pos`` and ``col``.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.

    Returns
    -------
    :class:`Column`
        The generator; ``.alias("p", "v")`` renames both outputs.

    Examples
    --------
    >>> df = spark.createDataFrame([("x y",)], ["s"])
    >>> df.select(posexplode(split("s", " "))).collect()
    [Row(pos=0, col='x'), Row(pos=1, col='y')]
    >>> df.select(posexplode(split("s", " ")).alias("i", "w")).collect()
    [Row(i=0, w='x'), Row(i=1, w='y')]
    """
    return _fn("posexplode", col)


def posexplode_outer(col: ColumnOrName) -> Column:
    """As :func:`posexplode`, but a NULL or empty array gives one row of NULLs.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.

    Returns
    -------
    :class:`Column`
        The generator.

    Examples
    --------
    >>> df = spark.createDataFrame([(None,)], "s string")
    >>> df.select(posexplode_outer(split("s", " "))).collect()
    [Row(pos=None, col=None)]
    """
    return _fn("posexplode_outer", col)


def inline(col: ColumnOrName) -> Column:
    """One row per struct of an array of structs, one column per struct field; a NULL or empty array gives none.

    Parameters
    ----------
    col : :class:`Column` or str
        An array of structs.

    Returns
    -------
    :class:`Column`
        The generator; use it as a whole item of ``select``.

    Examples
    --------
    >>> df = spark.sql("SELECT 1 AS id, array_repeat(named_struct('n', 7, 's', 'x'), 2) AS xs")
    >>> df.select("id", inline("xs")).collect()
    [Row(id=1, n=7, s='x'), Row(id=1, n=7, s='x')]
    """
    return _fn("inline", col)


def inline_outer(col: ColumnOrName) -> Column:
    """As :func:`inline`, but a NULL or empty array gives one row whose fields are NULL.

    Parameters
    ----------
    col : :class:`Column` or str
        An array of structs.

    Returns
    -------
    :class:`Column`
        The generator.

    Examples
    --------
    >>> df = spark.sql("SELECT 1 AS id, CAST(NULL AS array<struct<n:int,s:string>>) AS xs")
    >>> df.select("id", inline_outer("xs")).collect()
    [Row(id=1, n=None, s=None)]
    """
    return _fn("inline_outer", col)


# ---------------------------------------------------------------------------------------------------------------------
# Math


def abs(col: ColumnOrName) -> Column:
    """The absolute value.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        The absolute value, of the column's type.

    Examples
    --------
    >>> df = spark.createDataFrame([(-1,), (0,), (1,)], ["value"])
    >>> df.select(abs("value")).show()
    +----------+
    |abs(value)|
    +----------+
    |         1|
    |         0|
    |         1|
    +----------+
    """
    return _fn("abs", col)


def round(col: ColumnOrName, scale: Union[int, Column] = 0) -> Column:
    """The value rounded to ``scale`` decimal places, halves away from zero (HALF_UP).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.
    scale : int, optional
        The number of decimal places (negative rounds to tens, hundreds…); default 0.

    Returns
    -------
    :class:`Column`
        The rounded value, of the column's type.

    Examples
    --------
    >>> spark.createDataFrame([(2.5,)], ["a"]).select(round("a", 0).alias("r")).collect()
    [Row(r=3.0)]
    >>> spark.range(1).select(round(lit(1.2345), 2)).show()
    +----------------+
    |round(1.2345, 2)|
    +----------------+
    |            1.23|
    +----------------+
    """
    return _call("round", _to_col(col), _int_or_col(scale, "scale"))


def floor(col: ColumnOrName) -> Column:
    """The largest integer not greater than the value.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        The floor, a bigint.

    Examples
    --------
    >>> spark.range(1).select(floor(lit(2.5))).show()
    +----------+
    |FLOOR(2.5)|
    +----------+
    |         2|
    +----------+
    """
    return _fn("floor", col)


def ceil(col: ColumnOrName) -> Column:
    """The smallest integer not less than the value.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        The ceiling, a bigint.

    Examples
    --------
    >>> spark.range(1).select(ceil(lit(-0.1))).show()
    +----------+
    |CEIL(-0.1)|
    +----------+
    |         0|
    +----------+
    """
    return _fn("ceil", col)


def sqrt(col: ColumnOrName) -> Column:
    """The square root (NaN for negative values).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        The square root, a double.

    Examples
    --------
    >>> spark.range(1).select(sqrt(lit(4))).show()
    +-------+
    |SQRT(4)|
    +-------+
    |    2.0|
    +-------+
    """
    return _fn("sqrt", col)


# ---------------------------------------------------------------------------------------------------------------------
# Aggregates


def count(col: ColumnOrName) -> Column:
    """The number of rows where the column is not NULL; ``count("*")`` counts every row.

    Parameters
    ----------
    col : :class:`Column` or str
        The column, or ``"*"``.

    Returns
    -------
    :class:`Column`
        The count, a bigint.

    Examples
    --------
    >>> df = spark.createDataFrame([(None,), ("a",), ("b",), ("c",)], ["alphabets"])
    >>> df.select(count("*"), count(df.alphabets)).show()
    +--------+----------------+
    |count(1)|count(alphabets)|
    +--------+----------------+
    |       4|               3|
    +--------+----------------+
    """
    e = _to_col(col)
    if isinstance(e, E.Star) and e.qualifier is None:
        return _call("count")
    return _call("count", e)


def sum(col: ColumnOrName) -> Column:
    """The sum of the non-NULL values (a bigint for integers, a double otherwise; NULL when there are none).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        The sum.

    Examples
    --------
    >>> df = spark.range(10)
    >>> df.select(sum(df["id"])).show()
    +-------+
    |sum(id)|
    +-------+
    |     45|
    +-------+
    """
    return _fn("sum", col)


def sum_distinct(col: ColumnOrName) -> Column:
    """The sum of the distinct non-NULL values.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        The sum.

    Examples
    --------
    >>> df = spark.createDataFrame([(None,), (1,), (1,), (2,)], ["numbers"])
    >>> df.select(sum_distinct(col("numbers"))).show()
    +---------------------+
    |sum(DISTINCT numbers)|
    +---------------------+
    |                    3|
    +---------------------+
    """
    return _fn("sum", col, distinct=True)


def avg(col: ColumnOrName) -> Column:
    """The mean of the non-NULL values, a double.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        The mean.

    Examples
    --------
    >>> df = spark.range(10)
    >>> df.select(avg(col("id"))).show()
    +-------+
    |avg(id)|
    +-------+
    |    4.5|
    +-------+
    """
    return _fn("avg", col)


def mean(col: ColumnOrName) -> Column:
    """The mean of the non-NULL values, a double (same as :func:`avg`).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        The mean.

    Examples
    --------
    >>> df = spark.range(10)
    >>> df.select(mean(df.id)).show()
    +-------+
    |avg(id)|
    +-------+
    |    4.5|
    +-------+
    """
    return _fn("avg", col)


def min(col: ColumnOrName) -> Column:
    """The minimum non-NULL value.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.

    Returns
    -------
    :class:`Column`
        The minimum.

    Examples
    --------
    >>> df = spark.range(10)
    >>> df.select(min(df.id)).show()
    +-------+
    |min(id)|
    +-------+
    |      0|
    +-------+
    """
    return _fn("min", col)


def max(col: ColumnOrName) -> Column:
    """The maximum non-NULL value.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.

    Returns
    -------
    :class:`Column`
        The maximum.

    Examples
    --------
    >>> df = spark.range(10)
    >>> df.select(max(col("id"))).show()
    +-------+
    |max(id)|
    +-------+
    |      9|
    +-------+
    """
    return _fn("max", col)


def first(col: ColumnOrName, ignorenulls: bool = False) -> Column:
    """The first value of the group (which one depends on row order); ``ignorenulls=True`` skips NULLs.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.
    ignorenulls : bool, optional
        Return the first non-NULL value (default False).

    Returns
    -------
    :class:`Column`
        The first value.

    Examples
    --------
    >>> df = spark.createDataFrame([("Alice", 2), ("Bob", 5), ("Alice", None)], ("name", "age"))
    >>> df = df.orderBy(df.age)
    >>> df.groupby("name").agg(first("age")).orderBy("name").show()
    +-----+----------+
    | name|first(age)|
    +-----+----------+
    |Alice|      NULL|
    |  Bob|         5|
    +-----+----------+
    >>> df.groupby("name").agg(first("age", ignorenulls=True)).orderBy("name").show()
    +-----+----------+
    | name|first(age)|
    +-----+----------+
    |Alice|         2|
    |  Bob|         5|
    +-----+----------+
    """
    return _first_last("first", col, ignorenulls)


def _first_last(name: str, col: ColumnOrName, ignorenulls: Any) -> Column:
    """``name(col[, ignoreNulls])``: a bool is sent as a literal, a Column as it is (the engine needs a boolean
    literal, as Spark does); the default leaves the flag out, so the column is named ``name(col)``."""
    if ignorenulls is None or ignorenulls is False:
        return _fn(name, col)
    if isinstance(ignorenulls, bool):
        return _call(name, _to_col(col), E.Literal("boolean", True))
    if isinstance(ignorenulls, Column):
        return _call(name, _to_col(col), ignorenulls._expr)
    raise _err.type_error("NOT_BOOL_OR_COLUMN", arg_name="ignorenulls", arg_type=type(ignorenulls).__name__)


def last(col: ColumnOrName, ignorenulls: bool = False) -> Column:
    """The last value of the group (which one depends on row order), or of a window frame; ``ignorenulls=True``
    skips NULLs.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.
    ignorenulls : bool, optional
        Return the last non-NULL value (default False).

    Returns
    -------
    :class:`Column`
        The last value.

    Examples
    --------
    >>> df = spark.createDataFrame([("Alice", 2), ("Bob", 5), ("Alice", None)], ("name", "age")).coalesce(1)
    >>> df.groupby("name").agg(last("age"), last("age", ignorenulls=True).alias("l")).orderBy("name").show()
    +-----+---------+---+
    | name|last(age)|  l|
    +-----+---------+---+
    |Alice|     NULL|  2|
    |  Bob|        5|  5|
    +-----+---------+---+
    >>> from kindling.sql import Window
    >>> w = Window.orderBy("age").rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)
    >>> [r.l for r in df.select(last("age").over(w).alias("l")).collect()]
    [5, 5, 5]
    """
    return _first_last("last", col, ignorenulls)


def first_value(col: ColumnOrName, ignoreNulls: Union[bool, Column, None] = None) -> Column:
    """``first`` by its SQL standard name: the first value of the group or window frame; ``ignoreNulls`` skips NULLs.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.
    ignoreNulls : bool or :class:`Column`, optional
        Return the first non-NULL value (default False); a Column must be a boolean literal.

    Returns
    -------
    :class:`Column`
        The first value.

    Examples
    --------
    >>> df = spark.createDataFrame([("a", None), ("a", 1), ("b", 2)], "k string, v int").coalesce(1)
    >>> df.groupBy("k").agg(first_value("v"), first_value("v", True).alias("nn")).orderBy("k").show()
    +---+--------------+---+
    |  k|first_value(v)| nn|
    +---+--------------+---+
    |  a|          NULL|  1|
    |  b|             2|  2|
    +---+--------------+---+
    """
    return _first_last("first_value", col, ignoreNulls)


def last_value(col: ColumnOrName, ignoreNulls: Union[bool, Column, None] = None) -> Column:
    """``last`` by its SQL standard name: the last value of the group or window frame; ``ignoreNulls`` skips NULLs.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.
    ignoreNulls : bool or :class:`Column`, optional
        Return the last non-NULL value (default False); a Column must be a boolean literal.

    Returns
    -------
    :class:`Column`
        The last value.

    Examples
    --------
    >>> df = spark.createDataFrame([("a", 1), ("a", None), ("b", 2)], "k string, v int").coalesce(1)
    >>> df.groupBy("k").agg(last_value("v"), last_value("v", True).alias("nn")).orderBy("k").show()
    +---+-------------+---+
    |  k|last_value(v)| nn|
    +---+-------------+---+
    |  a|         NULL|  1|
    |  b|            2|  2|
    +---+-------------+---+
    """
    return _first_last("last_value", col, ignoreNulls)


def any_value(col: ColumnOrName, ignoreNulls: Union[bool, Column, None] = None) -> Column:
    """Some value of the group (Kindling returns the first one met); ``ignoreNulls`` returns a non-NULL one if any.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.
    ignoreNulls : bool or :class:`Column`, optional
        Skip NULLs (default False); a Column must be a boolean literal.

    Returns
    -------
    :class:`Column`
        A value of the column's type.

    Examples
    --------
    >>> df = spark.createDataFrame([("a", None), ("a", 1), ("b", 2)], "k string, v int").coalesce(1)
    >>> df.groupBy("k").agg(any_value("v", True)).orderBy("k").show()
    +---+------------+
    |  k|any_value(v)|
    +---+------------+
    |  a|           1|
    |  b|           2|
    +---+------------+
    """
    return _first_last("any_value", col, ignoreNulls)


def collect_list(col: ColumnOrName) -> Column:
    """The non-NULL values of the group as an array (duplicates kept; order depends on row order).

    Parameters
    ----------
    col : :class:`Column` or str
        The column.

    Returns
    -------
    :class:`Column`
        An array column.

    Examples
    --------
    >>> df = spark.createDataFrame([(2,), (5,), (5,)], ("age",))
    >>> df.agg(collect_list("age")).collect()
    [Row(collect_list(age)=[2, 5, 5])]
    """
    return _fn("collect_list", col)


def countDistinct(col: ColumnOrName, *cols: ColumnOrName) -> Column:
    """The number of distinct combinations of the columns' values, skipping rows where any is NULL.

    Parameters
    ----------
    col : :class:`Column` or str
        The first column.
    cols : :class:`Column` or str
        More columns.

    Returns
    -------
    :class:`Column`
        The count, a bigint.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, "a"), (1, "a"), (3, "b"), (3, None)], ["value", "s"])
    >>> df.select(countDistinct("value")).show()
    +---------------------+
    |count(DISTINCT value)|
    +---------------------+
    |                    2|
    +---------------------+
    >>> df.select(countDistinct(df.value, df.s).alias("c")).collect()
    [Row(c=2)]
    """
    return _fn("count", col, *cols, distinct=True)


def count_distinct(col: ColumnOrName, *cols: ColumnOrName) -> Column:
    """The number of distinct combinations of the columns' values (same as :func:`countDistinct`).

    Parameters
    ----------
    col : :class:`Column` or str
        The first column.
    cols : :class:`Column` or str
        More columns.

    Returns
    -------
    :class:`Column`
        The count, a bigint.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (1,), (3,)], ["value"])
    >>> df.select(count_distinct(df.value)).show()
    +---------------------+
    |count(DISTINCT value)|
    +---------------------+
    |                    2|
    +---------------------+
    """
    return _fn("count", col, *cols, distinct=True)


def grouping(col: ColumnOrName) -> Column:
    """Whether ``col`` is aggregated away in the row's grouping set: 1 if so, 0 if the row groups by it. Only in the
    aggregates of :meth:`DataFrame.rollup` / :meth:`DataFrame.cube` (or SQL's ``GROUPING SETS``); elsewhere it
    raises ``UNSUPPORTED_GROUPING_EXPRESSION``. It tells a NULL key from the NULL of an aggregated-away column.

    Parameters
    ----------
    col : :class:`Column` or str
        A grouping column.

    Returns
    -------
    :class:`Column`
        0 or 1 (Spark's type is tinyint; Kindling's is int).

    Examples
    --------
    >>> df = spark.createDataFrame([("A", 2), (None, 5)], "k string, v int")
    >>> df.cube("k").agg(grouping("k"), sum("v")).orderBy("grouping(k)", "k").show()
    +----+-----------+------+
    |   k|grouping(k)|sum(v)|
    +----+-----------+------+
    |NULL|          0|     5|
    |   A|          0|     2|
    |NULL|          1|     7|
    +----+-----------+------+
    """
    return _fn("grouping", col)


def grouping_id(*cols: ColumnOrName) -> Column:
    """The row's grouping set as a bigint whose bits say which grouping columns are aggregated away (1) — the
    first grouping column is the most significant bit. Given columns, they must be all the grouping columns, in
    order (else ``GROUPING_ID_COLUMN_MISMATCH``). Only in the aggregates of rollup / cube / grouping sets.

    Parameters
    ----------
    cols : :class:`Column` or str
        Optionally, the grouping columns.

    Returns
    -------
    :class:`Column`
        The grouping id, a bigint.

    Examples
    --------
    >>> df = spark.createDataFrame([("A", "x", 1)], "a string, b string, v int")
    >>> df.cube("a", "b").agg(grouping_id(), sum("v")).orderBy("grouping_id()").show()
    +----+----+-------------+------+
    |   a|   b|grouping_id()|sum(v)|
    +----+----+-------------+------+
    |   A|   x|            0|     1|
    |   A|NULL|            1|     1|
    |NULL|   x|            2|     1|
    |NULL|NULL|            3|     1|
    +----+----+-------------+------+
    """
    return _fn("grouping_id", *cols)


# ---------------------------------------------------------------------------------------------------------------------
# Sort orders


def _sort_col(col: ColumnOrName) -> Column:
    return col if isinstance(col, Column) else Column(_to_col(col))


def asc(col: ColumnOrName) -> Column:
    """Ascending sort order of a column, NULLs first.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.

    Returns
    -------
    :class:`Column`
        A sort order for ``orderBy``/``sort``.

    Examples
    --------
    >>> df = spark.createDataFrame([(4,), (1,), (3,)], ["id"])
    >>> df.sort(asc("id")).show()
    +---+
    | id|
    +---+
    |  1|
    |  3|
    |  4|
    +---+
    """
    return _sort_col(col).asc()


def desc(col: ColumnOrName) -> Column:
    """Descending sort order of a column, NULLs last.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.

    Returns
    -------
    :class:`Column`
        A sort order for ``orderBy``/``sort``.

    Examples
    --------
    >>> spark.range(5).orderBy(desc("id")).show()
    +---+
    | id|
    +---+
    |  4|
    |  3|
    |  2|
    |  1|
    |  0|
    +---+
    """
    return _sort_col(col).desc()


def asc_nulls_first(col: ColumnOrName) -> Column:
    """Ascending sort order of a column, NULLs before the other values.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.

    Returns
    -------
    :class:`Column`
        A sort order for ``orderBy``/``sort``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, "Bob"), (0, None), (2, "Alice")], ["age", "name"])
    >>> df.sort(asc_nulls_first(df.name)).show()
    +---+-----+
    |age| name|
    +---+-----+
    |  0| NULL|
    |  2|Alice|
    |  1|  Bob|
    +---+-----+
    """
    return _sort_col(col).asc_nulls_first()


def asc_nulls_last(col: ColumnOrName) -> Column:
    """Ascending sort order of a column, NULLs after the other values.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.

    Returns
    -------
    :class:`Column`
        A sort order for ``orderBy``/``sort``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, "Bob"), (0, None), (2, "Alice")], ["age", "name"])
    >>> df.sort(asc_nulls_last(df.name)).show()
    +---+-----+
    |age| name|
    +---+-----+
    |  2|Alice|
    |  1|  Bob|
    |  0| NULL|
    +---+-----+
    """
    return _sort_col(col).asc_nulls_last()


def desc_nulls_first(col: ColumnOrName) -> Column:
    """Descending sort order of a column, NULLs before the other values.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.

    Returns
    -------
    :class:`Column`
        A sort order for ``orderBy``/``sort``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, "Bob"), (0, None), (2, "Alice")], ["age", "name"])
    >>> df.sort(desc_nulls_first(df.name)).show()
    +---+-----+
    |age| name|
    +---+-----+
    |  0| NULL|
    |  1|  Bob|
    |  2|Alice|
    +---+-----+
    """
    return _sort_col(col).desc_nulls_first()


def desc_nulls_last(col: ColumnOrName) -> Column:
    """Descending sort order of a column, NULLs after the other values.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.

    Returns
    -------
    :class:`Column`
        A sort order for ``orderBy``/``sort``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, "Bob"), (0, None), (2, "Alice")], ["age", "name"])
    >>> df.sort(desc_nulls_last(df.name)).show()
    +---+-----+
    |age| name|
    +---+-----+
    |  1|  Bob|
    |  2|Alice|
    |  0| NULL|
    +---+-----+
    """
    return _sort_col(col).desc_nulls_last()


# ---------------------------------------------------------------------------------------------------------------------
# Window functions (defined in kindling.sql._window_functions; use with Column.over)

from kindling.sql._window_functions import (  # noqa: E402
    cume_dist,
    dense_rank,
    lag,
    lead,
    ntile,
    percent_rank,
    rank,
    row_number,
)

__all__ += ["row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead"]

from kindling.sql._math_functions import (  # noqa: E402  (after the core definitions they build on)
    __all__ as _math_names,
)
from kindling.sql._math_functions import *  # noqa: E402,F401,F403

__all__ += _math_names

from kindling.sql._date_functions import __all__ as _date_names  # noqa: E402
from kindling.sql._date_functions import *  # noqa: E402,F401,F403

__all__ += _date_names

from kindling.sql._collection_functions import __all__ as _collection_names  # noqa: E402
from kindling.sql._collection_functions import *  # noqa: E402,F401,F403

__all__ += _collection_names

from kindling.sql._json_functions import __all__ as _json_names  # noqa: E402
from kindling.sql._json_functions import *  # noqa: E402,F401,F403

__all__ += _json_names
from kindling.sql._misc_functions import __all__ as _misc_names  # noqa: E402
from kindling.sql._misc_functions import *  # noqa: E402,F401,F403

__all__ += _misc_names
from kindling.sql._higher_order_functions import __all__ as _higher_order_names  # noqa: E402
from kindling.sql._higher_order_functions import *  # noqa: E402,F401,F403

__all__ += _higher_order_names
from kindling.sql._string_functions import __all__ as _string_names  # noqa: E402
from kindling.sql._string_functions import *  # noqa: E402,F401,F403

__all__ += _string_names

from kindling.sql._regexp_functions import __all__ as _regexp_names  # noqa: E402
from kindling.sql._regexp_functions import *  # noqa: E402,F401,F403

__all__ += _regexp_names

from kindling.sql._binary_functions import __all__ as _binary_names  # noqa: E402
from kindling.sql._binary_functions import *  # noqa: E402,F401,F403

__all__ += _binary_names
from kindling.sql._aggregate_functions import __all__ as _aggregate_names  # noqa: E402
from kindling.sql._aggregate_functions import *  # noqa: E402,F401,F403

__all__ += _aggregate_names

from kindling.sql._logical_aggregate_functions import __all__ as _logical_aggregate_names  # noqa: E402
from kindling.sql._logical_aggregate_functions import *  # noqa: E402,F401,F403

__all__ += _logical_aggregate_names

from kindling.sql._approx_aggregate_functions import __all__ as _approx_aggregate_names  # noqa: E402
from kindling.sql._approx_aggregate_functions import *  # noqa: E402,F401,F403

__all__ += _approx_aggregate_names

# Map type functions (h-maps).
from kindling.sql._map_functions import __all__ as _map_names  # noqa: E402
from kindling.sql._map_functions import *  # noqa: E402,F401,F403

__all__ += _map_names

# h-funcs (issue 4/6): PySpark's other names for engine functions, formatting and the remaining scalar functions.
from kindling.sql._alias_functions import __all__ as _alias_names  # noqa: E402
from kindling.sql._alias_functions import *  # noqa: E402,F401,F403

__all__ += _alias_names
from kindling.sql._format_functions import __all__ as _format_names  # noqa: E402
from kindling.sql._format_functions import *  # noqa: E402,F401,F403

__all__ += _format_names
from kindling.sql._more_functions import __all__ as _more_names  # noqa: E402
from kindling.sql._more_functions import *  # noqa: E402,F401,F403

__all__ += _more_names
from kindling.sql._tuple_functions import __all__ as _tuple_names  # noqa: E402
from kindling.sql._tuple_functions import *  # noqa: E402,F401,F403

__all__ += _tuple_names
from kindling.sql._call_functions import __all__ as _call_names  # noqa: E402
from kindling.sql._call_functions import *  # noqa: E402,F401,F403

__all__ += _call_names
from kindling.sql._datetime_more_functions import __all__ as _datetime_more_names  # noqa: E402
from kindling.sql._datetime_more_functions import *  # noqa: E402,F401,F403

__all__ += _datetime_more_names
from kindling.sql._window_more_functions import __all__ as _window_more_names  # noqa: E402
from kindling.sql._window_more_functions import *  # noqa: E402,F401,F403

__all__ += _window_more_names
