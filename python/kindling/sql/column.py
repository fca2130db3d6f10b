"""PySpark's ``Column``: an expression over a DataFrame's columns, built on the client and resolved by the engine.

A Column only holds an expression tree (``Column._expr``, see :mod:`kindling.sql._expr`); names, types and functions
are checked by the engine when a DataFrame uses the column.
"""

from __future__ import annotations

import datetime
import decimal
import json as _json
from typing import Any, Iterable, Union

from kindling.sql import _expr as E
from kindling.sql._utils import errors as _err
from kindling.sql._utils.temporal import date_to_days, datetime_to_micros
from kindling.sql.types import DataType, to_protocol_type_kind

__all__ = ["Column"]

_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


# Small int literals (the usual `x > 1`) share one node each, so its encoded bytes are reused too.
_SMALL_INTS = {v: E.Literal("int32", v) for v in range(-256, 1025)}


def _literal(value: Any, arg_name: str = "col") -> E.Literal:
    """The literal node of a Python value (PySpark's ``lit`` typing: int → int when it fits 32 bits, else bigint)."""
    if type(value) is int:
        small = _SMALL_INTS.get(value)
        if small is not None:
            return small
    if value is None:
        return E.Literal("null", None)
    if isinstance(value, bool):
        return E.Literal("boolean", value)
    if isinstance(value, int):
        if _INT32_MIN <= value <= _INT32_MAX:
            return E.Literal("int32", int(value))
        if _INT64_MIN <= value <= _INT64_MAX:
            return E.Literal("int64", int(value))
        raise _err.value_error("VALUE_NOT_BETWEEN", arg_name=arg_name, min=str(_INT64_MIN), max=str(_INT64_MAX))
    if isinstance(value, float):
        return E.Literal("float64", float(value))
    if isinstance(value, str):
        return E.Literal("string", str(value))
    if isinstance(value, decimal.Decimal):
        # Plain text keeps every digit and the scale (`1.50` is decimal(3,2), as Spark types a BigDecimal).
        if not value.is_finite():
            raise _err.value_error("UNSUPPORTED_LITERAL", arg_name=arg_name, value=str(value))
        return E.Literal("decimal", format(value, "f"))
    if isinstance(value, datetime.datetime):
        return E.Literal("timestamp", datetime_to_micros(value))
    if isinstance(value, datetime.date):
        return E.Literal("date", date_to_days(value))
    numpy_literal = _numpy_literal(value)
    if numpy_literal is not None:
        return numpy_literal
    raise _err.type_error("NOT_COLUMN_OR_LITERAL", arg_name=arg_name, arg_type=type(value).__name__)


def _numpy_literal(value: Any) -> Any:
    """NumPy scalars as PySpark's ``lit`` types them (narrow ints → int, int64 → bigint, floats → double)."""
    module = type(value).__module__
    if module != "numpy":
        return None
    import numpy as np

    if isinstance(value, np.bool_):
        return E.Literal("boolean", bool(value))
    if isinstance(value, (np.int8, np.int16, np.int32, np.uint8, np.uint16)):
        return E.Literal("int32", int(value))
    if isinstance(value, np.integer):
        v = int(value)
        if _INT64_MIN <= v <= _INT64_MAX:
            return E.Literal("int64", v)
        return None
    if isinstance(value, np.floating):
        return E.Literal("float64", float(value))
    return None


def _to_expr(value: Any, arg_name: str = "col") -> Any:
    """The expression of a Column, or the literal of a Python value (None, bool, int, float, str, date, datetime).

    Anything else raises ``PySparkTypeError`` NOT_COLUMN_OR_LITERAL naming ``arg_name``.
    """
    if isinstance(value, Column):
        return value._expr
    return _literal(value, arg_name)


# Name → its (immutable) node, so a name used again reuses the node and with it the node's encoded bytes.
_NAME_EXPRS: dict = {}
_NAME_EXPRS_MAX = 4096


def _name_expr(name: str) -> Any:
    """The expression of a column name: ``*`` and ``t.*`` are stars, anything else a column reference."""
    e = _NAME_EXPRS.get(name)
    if e is None:
        if name == "*":
            e = E.Star(None)
        elif name.endswith(".*"):
            e = E.Star(name[:-2])
        else:
            e = E.ColumnRef(name)
        if len(_NAME_EXPRS) >= _NAME_EXPRS_MAX:
            _NAME_EXPRS.clear()
        _NAME_EXPRS[name] = e
    return e


def _to_col(col: Any, arg_name: str = "col") -> Any:
    """The expression of a Column or of a column name (PySpark's ``_to_java_column``)."""
    if isinstance(col, Column):
        return col._expr
    if isinstance(col, str):
        return _name_expr(col)
    raise _err.type_error("NOT_COLUMN_OR_STR", arg_name=arg_name, arg_type=type(col).__name__)


def _int_or_col(value: Any, arg_name: str = "col") -> Any:
    """An int literal, or a column (a Column or a name): PySpark's ``Union[ColumnOrName, int]`` parameters."""
    if isinstance(value, int) and not isinstance(value, bool):
        return _literal(value, arg_name)
    return _to_col(value, arg_name)


def _number_or_col(value: Any, arg_name: str = "col") -> Any:
    """An int or float literal, or a column (a Column or a name): PySpark's numeric ``Union`` parameters."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _literal(value, arg_name)
    return _to_col(value, arg_name)


def _call(name: str, *args: Any, distinct: bool = False) -> "Column":
    return Column(E.Call(name, tuple(args), distinct))


def _bin_op(name: str, doc: str) -> Any:
    def _(self: "Column", other: Any) -> "Column":
        return _call(name, self._expr, _to_expr(other, "other"))

    _.__doc__ = doc
    return _


def _reverse_op(name: str, doc: str) -> Any:
    def _(self: "Column", other: Any) -> "Column":
        return _call(name, _to_expr(other, "other"), self._expr)

    _.__doc__ = doc
    return _


class Column:
    """An expression over the columns of a DataFrame.

    Columns come from a DataFrame (``df.age``, ``df["age"]``) or from :mod:`kindling.sql.functions`
    (``col("age")``, ``lit(1)``); operators and methods build new Columns. Python's ``and``, ``or``, ``not`` and
    ``in`` cannot be used on Columns: use ``&``, ``|``, ``~`` and :meth:`isin`.

    Examples
    --------
    >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
    >>> df.age + 1
    Column<'(age + 1)'>
    >>> df.select(df.age + 1, df.age * 2, df.age / 2, -df.age).show()
    +---------+---------+---------+-------+
    |(age + 1)|(age * 2)|(age / 2)|(- age)|
    +---------+---------+---------+-------+
    |        3|        4|      1.0|     -2|
    |        6|       10|      2.5|     -5|
    +---------+---------+---------+-------+
    >>> df.filter((df.age > 3) & (df.name != "Alice")).collect()
    [Row(age=5, name='Bob')]
    >>> df.filter(~(df.age >= 3) | (df.age % 5 == 0)).collect()
    [Row(age=2, name='Alice'), Row(age=5, name='Bob')]
    """

    __slots__ = ("_expr",)

    def __init__(self, expr: Any) -> None:
        self._expr = expr

    # arithmetic operators
    __add__ = _bin_op("+", "``self + other``.")
    __sub__ = _bin_op("-", "``self - other``.")
    __mul__ = _bin_op("*", "``self * other``.")
    __truediv__ = _bin_op("/", "``self / other`` (always a double, NULL when dividing by zero).")
    __div__ = __truediv__
    __mod__ = _bin_op("%", "``self % other`` (sign of the dividend, as Java's remainder).")
    __radd__ = _bin_op("+", "``other + self``.")
    __rsub__ = _reverse_op("-", "``other - self``.")
    __rmul__ = _bin_op("*", "``other * self``.")
    __rtruediv__ = _reverse_op("/", "``other / self``.")
    __rdiv__ = __rtruediv__
    __rmod__ = _reverse_op("%", "``other % self``.")

    def __neg__(self) -> "Column":
        """``-self``."""
        return _call("negate", self._expr)

    # comparison operators
    __eq__ = _bin_op("=", "``self = other`` (NULL when a side is NULL; see :meth:`eqNullSafe`).")  # type: ignore
    __ne__ = _bin_op("!=", "``NOT (self = other)``.")  # type: ignore[assignment]
    __lt__ = _bin_op("<", "``self < other``.")
    __le__ = _bin_op("<=", "``self <= other``.")
    __ge__ = _bin_op(">=", "``self >= other``.")
    __gt__ = _bin_op(">", "``self > other``.")
    __hash__ = None  # type: ignore[assignment]

    # boolean operators
    __and__ = _bin_op("and", "``self AND other`` (three-valued logic).")
    __or__ = _bin_op("or", "``self OR other`` (three-valued logic).")
    __rand__ = _bin_op("and", "``other AND self``.")
    __ror__ = _bin_op("or", "``other OR self``.")

    def bitwiseAND(self, other: Any) -> "Column":
        """Bitwise AND with an integral column or value (SQL's ``a & b``).

        Parameters
        ----------
        other : :class:`Column` or int
            The other operand.

        Returns
        -------
        :class:`Column`
            The common integral type of the operands.

        Examples
        --------
        >>> df = spark.createDataFrame([(170, 75)], ["a", "b"])
        >>> df.select(df.a.bitwiseAND(df.b)).collect()
        [Row((a & b)=10)]
        """
        return _call("&", self._expr, _to_expr(other, "other"))

    def bitwiseOR(self, other: Any) -> "Column":
        """Bitwise OR with an integral column or value (SQL's ``a | b``).

        Parameters
        ----------
        other : :class:`Column` or int
            The other operand.

        Returns
        -------
        :class:`Column`
            The common integral type of the operands.

        Examples
        --------
        >>> df = spark.createDataFrame([(170, 75)], ["a", "b"])
        >>> df.select(df.a.bitwiseOR(df.b)).collect()
        [Row((a | b)=235)]
        """
        return _call("|", self._expr, _to_expr(other, "other"))

    def bitwiseXOR(self, other: Any) -> "Column":
        """Bitwise exclusive OR with an integral column or value (SQL's ``a ^ b``).

        Parameters
        ----------
        other : :class:`Column` or int
            The other operand.

        Returns
        -------
        :class:`Column`
            The common integral type of the operands.

        Examples
        --------
        >>> df = spark.createDataFrame([(170, 75)], ["a", "b"])
        >>> df.select(df.a.bitwiseXOR(df.b)).collect()
        [Row((a ^ b)=225)]
        """
        return _call("^", self._expr, _to_expr(other, "other"))

    def withField(self, fieldName: str, col: "Column") -> "Column":
        """The struct with field ``fieldName`` added, or replaced when the struct has it (names match ignoring case);
        a dotted name reaches into nested structs. A NULL struct stays NULL.

        Parameters
        ----------
        fieldName : str
            The field's name, or a dotted path to a nested field.
        col : :class:`Column`
            The field's value.

        Returns
        -------
        :class:`Column`
            The updated struct.

        Examples
        --------
        >>> from kindling.sql.functions import lit
        >>> df = spark.createDataFrame([((1, 2),)], "s struct<a:int,b:int>")
        >>> df.select(df.s.withField("b", lit(3)), df.s.withField("c", lit(4)).alias("t")).collect()
        [Row(update_fields(s, WithField(3))=Row(a=1, b=3), t=Row(a=1, b=2, c=4))]
        """
        if not isinstance(fieldName, str):
            raise _err.type_error("NOT_STR", arg_name="fieldName", arg_type=type(fieldName).__name__)
        if not isinstance(col, Column):
            raise _err.type_error("NOT_COLUMN", arg_name="col", arg_type=type(col).__name__)
        return _call("update_fields", self._expr, E.Literal("string", _json.dumps([{"with": fieldName}])), col._expr)

    def dropFields(self, *fieldNames: str) -> "Column":
        """The struct without the named fields (names match ignoring case; dotted names reach nested structs; names
        it does not have are ignored). Dropping every field is an error, as in Spark.

        Parameters
        ----------
        fieldNames : str
            The fields to drop.

        Returns
        -------
        :class:`Column`
            The updated struct.

        Examples
        --------
        >>> df = spark.createDataFrame([((1, 2, 3),)], "s struct<a:int,b:int,c:int>")
        >>> df.select(df.s.dropFields("b", "c").alias("t")).collect()
        [Row(t=Row(a=1))]
        """
        for name in fieldNames:
            if not isinstance(name, str):
                raise _err.type_error("NOT_STR", arg_name="fieldName", arg_type=type(name).__name__)
        return _call("update_fields", self._expr, E.Literal("string", _json.dumps([{"drop": n} for n in fieldNames])))

    def isNaN(self) -> "Column":
        """True where the value is NaN (false for NULL).

        Returns
        -------
        :class:`Column`
            A boolean column.

        Examples
        --------
        >>> df = spark.createDataFrame([(1.0,), (float("nan"),)], ["x"])
        >>> df.select(df.x.isNaN().alias("r")).collect()
        [Row(r=False), Row(r=True)]
        """
        return _call("isnan", self._expr)

    def __invert__(self) -> "Column":
        """``NOT self``."""
        return _call("not", self._expr)

    def __bool__(self) -> bool:
        raise _err.value_error("CANNOT_CONVERT_COLUMN_INTO_BOOL")

    __nonzero__ = __bool__

    def __contains__(self, item: Any) -> bool:
        raise _err.value_error("CANNOT_APPLY_IN_FOR_COLUMN")

    def __iter__(self) -> None:  # type: ignore[misc]
        raise _err.type_error("NOT_ITERABLE", objectName="Column")

    def __getitem__(self, k: Any) -> "Column":
        """``col[key]``: a map's value under ``key``, an array's element at 0-based index ``key``, or a struct's field
        ``key`` (Spark's extract-value); ``col[start:stop]`` is ``col.substr(start, stop)``."""
        if isinstance(k, slice):
            if k.step is not None:
                raise _err.value_error("SLICE_WITH_STEP")
            return self.substr(k.start, k.stop)
        return _call("subscript", self._expr, _to_expr(k, "key"))

    def __getattr__(self, item: str) -> "Column":
        """``df.s.a`` is field ``a`` of struct column ``s``, as in PySpark."""
        if item.startswith("__") or item == "_expr":
            raise _err.make(_err.PySparkAttributeError, "ATTRIBUTE_NOT_SUPPORTED", attr_name=item)
        return self.getField(item)

    def getField(self, name: str) -> "Column":
        """The field ``name`` of a struct column; NULL where the struct is NULL. Its generated name is ``s.name``.

        Returns
        -------
        :class:`Column`
            The field's column.

        Examples
        --------
        >>> df = spark.createDataFrame([((1, "x"),)], "s struct<a:int,b:string>")
        >>> df.select(df.s.getField("b"), df.s["a"], "s.a").collect()
        [Row(s.b='x', s.a=1, a=1)]
        """
        if not isinstance(name, str):
            raise _err.type_error("NOT_STR", arg_name="name", arg_type=type(name).__name__)
        return _call("get_field", self._expr, E.Literal("string", name))

    def getItem(self, key: Any) -> "Column":
        """The value under ``key`` of a map column, the element at 0-based index ``key`` of an array column, or the
        field ``key`` of a struct column (``col[key]``); NULL when the key or index is absent.

        Returns
        -------
        :class:`Column`
            The value's column.

        Examples
        --------
        >>> df = spark.createDataFrame([((1, "x"), {"k": 2}, [5, 6])], "s struct<a:int,b:string>, m map<string,int>, xs array<int>")
        >>> df.select(df.s.getItem("b"), df.m.getItem("k"), df.m["z"], df.xs.getItem(1)).collect()
        [Row(s.b='x', m[k]=2, m[z]=None, xs[1]=6)]
        """
        return self[key]

    def __repr__(self) -> str:
        return "Column<'%s'>" % E.pretty(self._expr)

    # ----------------------------------------------------------------------------------------------------------------
    # Predicates

    def eqNullSafe(self, other: Any) -> "Column":
        """Equality test that is safe for null values: true when both sides are NULL, false when only one is.

        Parameters
        ----------
        other : :class:`Column` or a literal value
            The value to compare with.

        Returns
        -------
        :class:`Column`
            A boolean column that is never NULL.

        Examples
        --------
        >>> df = spark.createDataFrame([("foo", 1), (None, 2)], ["value", "id"])
        >>> df.select(df.value == "foo", df.value.eqNullSafe("foo"), df.value.eqNullSafe(None)).show()
        +-------------+---------------+----------------+
        |(value = foo)|(value <=> foo)|(value <=> NULL)|
        +-------------+---------------+----------------+
        |         true|           true|           false|
        |         NULL|          false|            true|
        +-------------+---------------+----------------+
        """
        return _call("<=>", self._expr, _to_expr(other, "other"))

    def isNull(self) -> "Column":
        """True where the value is NULL.

        Returns
        -------
        :class:`Column`
            A boolean column.

        Examples
        --------
        >>> df = spark.createDataFrame([("Tom", 80), ("Alice", None)], ["name", "height"])
        >>> df.filter(df.height.isNull()).collect()
        [Row(name='Alice', height=None)]
        """
        return _call("isNull", self._expr)

    def isNotNull(self) -> "Column":
        """True where the value is not NULL.

        Returns
        -------
        :class:`Column`
            A boolean column.

        Examples
        --------
        >>> df = spark.createDataFrame([("Tom", 80), ("Alice", None)], ["name", "height"])
        >>> df.filter(df.height.isNotNull()).collect()
        [Row(name='Tom', height=80)]
        """
        return _call("isNotNull", self._expr)

    def isin(self, *cols: Any) -> "Column":
        """True where the value equals one of the given values (SQL ``IN``).

        Parameters
        ----------
        cols : values or :class:`Column`
            The values, given one by one or as a single list or set.

        Returns
        -------
        :class:`Column`
            A boolean column.

        Examples
        --------
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.filter(df.name.isin("Bob", "Mike")).collect()
        [Row(age=5, name='Bob')]
        >>> df.filter(df.age.isin([1, 2, 3])).collect()
        [Row(age=2, name='Alice')]
        """
        values: Iterable[Any] = cols
        if len(cols) == 1 and isinstance(cols[0], (list, set, frozenset, tuple)):
            values = cols[0]
        return _call("in", self._expr, *(_to_expr(v, "cols") for v in values))

    def between(self, lowerBound: Any, upperBound: Any) -> "Column":
        """True where ``lowerBound <= self <= upperBound`` (both bounds inclusive).

        Parameters
        ----------
        lowerBound : :class:`Column` or a literal value
            The lower bound.
        upperBound : :class:`Column` or a literal value
            The upper bound.

        Returns
        -------
        :class:`Column`
            ``(self >= lowerBound) AND (self <= upperBound)``.

        Examples
        --------
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.select(df.name, df.age.between(2, 4)).show()
        +-----+---------------------------+
        | name|((age >= 2) AND (age <= 4))|
        +-----+---------------------------+
        |Alice|                       true|
        |  Bob|                      false|
        +-----+---------------------------+
        """
        return (self >= lowerBound) & (self <= upperBound)

    def like(self, other: Union[str, "Column"]) -> "Column":
        """SQL ``LIKE``: ``%`` matches any characters, ``_`` one character, ``\\`` escapes.

        Parameters
        ----------
        other : str
            The pattern.

        Returns
        -------
        :class:`Column`
            A boolean column.

        Examples
        --------
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.filter(df.name.like("Al%")).collect()
        [Row(age=2, name='Alice')]
        """
        return _call("like", self._expr, _to_expr(other, "other"))

    def ilike(self, other: str) -> "Column":
        """Case-insensitive SQL ``LIKE``: ``%`` matches any characters, ``_`` one character, ``\\`` escapes.

        Parameters
        ----------
        other : str
            The pattern.

        Returns
        -------
        :class:`Column`
            A boolean column.

        Examples
        --------
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.filter(df.name.ilike("%Ice")).collect()
        [Row(age=2, name='Alice')]
        """
        return _call("ilike", self._expr, _to_expr(other, "other"))

    def rlike(self, other: str) -> "Column":
        """True where the string has a match of the Java regular expression ``other``.

        Parameters
        ----------
        other : str
            The regular expression.

        Returns
        -------
        :class:`Column`
            A boolean column.

        Examples
        --------
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.filter(df.name.rlike("ice$")).collect()
        [Row(age=2, name='Alice')]
        """
        return _call("rlike", self._expr, _to_expr(other, "other"))

    def startswith(self, other: Union[str, "Column"]) -> "Column":
        """True where the string starts with ``other``.

        Parameters
        ----------
        other : str or :class:`Column`
            The prefix (a string is a literal, not a column name).

        Returns
        -------
        :class:`Column`
            A boolean column.

        Examples
        --------
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.filter(df.name.startswith("Al")).collect()
        [Row(age=2, name='Alice')]
        >>> df.filter(df.name.startswith("^Al")).collect()
        []
        """
        return _call("startswith", self._expr, _to_expr(other, "other"))

    def endswith(self, other: Union[str, "Column"]) -> "Column":
        """True where the string ends with ``other``.

        Parameters
        ----------
        other : str or :class:`Column`
            The suffix (a string is a literal, not a column name).

        Returns
        -------
        :class:`Column`
            A boolean column.

        Examples
        --------
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.filter(df.name.endswith("ice")).collect()
        [Row(age=2, name='Alice')]
        >>> df.filter(df.name.endswith("ice$")).collect()
        []
        """
        return _call("endswith", self._expr, _to_expr(other, "other"))

    def contains(self, other: Union[str, "Column"]) -> "Column":
        """True where the string contains ``other``.

        Parameters
        ----------
        other : str or :class:`Column`
            The substring (a string is a literal, not a column name).

        Returns
        -------
        :class:`Column`
            A boolean column.

        Examples
        --------
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.filter(df.name.contains("o")).collect()
        [Row(age=5, name='Bob')]
        """
        return _call("contains", self._expr, _to_expr(other, "other"))

    def substr(self, startPos: Union[int, "Column"], length: Union[int, "Column"]) -> "Column":
        """The substring starting at 1-based position ``startPos`` of ``length`` characters.

        Parameters
        ----------
        startPos : int or :class:`Column`
            The start position (1-based; negative counts from the end).
        length : int or :class:`Column`
            The number of characters (of the same type as ``startPos``).

        Returns
        -------
        :class:`Column`
            A string column.

        Examples
        --------
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.select(df.name.substr(1, 3).alias("col")).collect()
        [Row(col='Ali'), Row(col='Bob')]
        """
        if type(startPos) is not type(length):
            raise _err.type_error(
                "NOT_SAME_TYPE",
                arg_name1="startPos",
                arg_name2="length",
                arg_type1=type(startPos).__name__,
                arg_type2=type(length).__name__,
            )
        if isinstance(startPos, int):
            return _call("substring", self._expr, _literal(startPos, "startPos"), _literal(length, "length"))
        if isinstance(startPos, Column):
            return _call("substring", self._expr, startPos._expr, length._expr)  # type: ignore[union-attr]
        raise _err.type_error("NOT_COLUMN_OR_INT", arg_name="startPos", arg_type=type(startPos).__name__)

    # ----------------------------------------------------------------------------------------------------------------
    # Names and types

    def over(self, window: Any) -> "Column":
        """This aggregate or window function evaluated over a window of rows.

        Parameters
        ----------
        window : :class:`~kindling.sql.window.WindowSpec`
            The partitioning, ordering and frame, from :class:`~kindling.sql.window.Window`.

        Returns
        -------
        :class:`Column`

        Examples
        --------
        >>> from kindling.sql import Window, functions as F
        >>> df = spark.createDataFrame([("a", 1), ("a", 3), ("b", 2)], "k string, v int")
        >>> w = Window.partitionBy("k").orderBy("v")
        >>> sorted(tuple(r) for r in df.select("k", "v", F.rank().over(w).alias("r")).collect())
        [('a', 1, 1), ('a', 3, 2), ('b', 2, 1)]
        """
        from kindling.sql.window import WindowSpec

        if not isinstance(window, WindowSpec):
            raise _err.type_error("NOT_WINDOWSPEC", arg_name="window", arg_type=type(window).__name__)
        return Column(window._apply(self._expr))

    def alias(self, *alias: str, **kwargs: Any) -> "Column":
        """Gives the column a name (``AS``).

        Parameters
        ----------
        alias : str
            The name; a generator with several outputs (``posexplode``) takes one name per output.
        metadata : dict, optional
            Accepted for compatibility; the engine does not keep column metadata.

        Returns
        -------
        :class:`Column`
            The named column.

        Examples
        --------
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.age.alias("age2")
        Column<'age AS age2'>
        >>> df.select(df.age.alias("age2")).collect()
        [Row(age2=2), Row(age2=5)]
        """
        metadata = kwargs.pop("metadata", None)
        if kwargs:
            raise _err.type_error("NOT_STR", arg_name=", ".join(kwargs), arg_type="unexpected keyword argument")
        if len(alias) == 1:
            if not isinstance(alias[0], str):
                raise _err.type_error("NOT_STR", arg_name="alias", arg_type=type(alias[0]).__name__)
            return Column(E.Alias(self._expr, alias[0]))
        if metadata:
            raise _err.value_error("ONLY_ALLOWED_FOR_SINGLE_COLUMN", arg_name="metadata")
        if not alias:
            raise _err.value_error("CANNOT_BE_EMPTY", item="alias")
        for a in alias:
            if not isinstance(a, str):
                raise _err.type_error("NOT_STR", arg_name="alias", arg_type=type(a).__name__)
        # Several names: for a generator with several outputs (posexplode); the engine checks that it is one.
        return Column(E.Alias(self._expr, alias[0], tuple(alias)))

    def name(self, *alias: str, **kwargs: Any) -> "Column":
        """Same as :meth:`alias`.

        Parameters
        ----------
        alias : str
            The name.

        Returns
        -------
        :class:`Column`
            The named column.

        Examples
        --------
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.select(df.age.name("age2")).collect()
        [Row(age2=2), Row(age2=5)]
        """
        return self.alias(*alias, **kwargs)

    def cast(self, dataType: Union[DataType, str]) -> "Column":
        """Converts the column to another type (NULL where a string does not parse).

        Parameters
        ----------
        dataType : :class:`DataType` or str
            The type, as a DataType or a DDL type name (``"int"``, ``"bigint"``, ``"double"``, ``"string"``…).

        Returns
        -------
        :class:`Column`
            The converted column; a cast of a column keeps the column's name.

        Examples
        --------
        >>> from kindling.sql.types import StringType
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.select(df.age.cast("string").alias("ages")).collect()
        [Row(ages='2'), Row(ages='5')]
        >>> df.select(df.age.cast(StringType()).alias("ages")).collect()
        [Row(ages='2'), Row(ages='5')]
        """
        if isinstance(dataType, str):
            from kindling.sql.types import _parse_data_type

            dt = _parse_data_type(dataType)
        elif isinstance(dataType, DataType):
            dt = dataType
        else:
            raise _err.type_error("NOT_DATATYPE_OR_STR", arg_name="dataType", arg_type=type(dataType).__name__)
        _check_engine_type(dt)
        return Column(E.Cast(self._expr, dt))

    def try_cast(self, dataType: Union[DataType, str]) -> "Column":
        """Like :meth:`cast`, but NULL where a value does not convert, also when ``spark.sql.ansi.enabled`` is true.

        Parameters
        ----------
        dataType : :class:`DataType` or str
            The type, as a DataType or a DDL type name.

        Returns
        -------
        :class:`Column`
            The converted column; a cast of a column keeps the column's name.

        Examples
        --------
        >>> df = spark.createDataFrame([("123",), ("abc",)], ["s"])
        >>> df.select(df.s.try_cast("int")).collect()
        [Row(s=123), Row(s=None)]
        """
        if isinstance(dataType, str):
            from kindling.sql.types import _parse_data_type

            dt = _parse_data_type(dataType)
        elif isinstance(dataType, DataType):
            dt = dataType
        else:
            raise _err.type_error("NOT_DATATYPE_OR_STR", arg_name="dataType", arg_type=type(dataType).__name__)
        _check_engine_type(dt)
        # Sent as a call the engine turns into a cast in TRY mode (the wire Cast has no mode).
        return _call("try_cast", self._expr, E.Literal("string", dt.simpleString()))

    def astype(self, dataType: Union[DataType, str]) -> "Column":
        """Same as :meth:`cast`.

        Parameters
        ----------
        dataType : :class:`DataType` or str
            The type.

        Returns
        -------
        :class:`Column`
            The converted column.

        Examples
        --------
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.select(df.age.astype("string").alias("ages")).collect()
        [Row(ages='2'), Row(ages='5')]
        """
        return self.cast(dataType)

    # ----------------------------------------------------------------------------------------------------------------
    # CASE WHEN

    def when(self, condition: "Column", value: Any) -> "Column":
        """Adds a branch to a column made by :func:`kindling.sql.functions.when`: ``value`` where ``condition`` holds
        and no earlier branch did.

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
        >>> import kindling.sql.functions as sf
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.select(df.name, sf.when(df.age > 4, 1).when(df.age < 3, -1).otherwise(0)).show()
        +-----+------------------------------------------------------------+
        | name|CASE WHEN (age > 4) THEN 1 WHEN (age < 3) THEN -1 ELSE 0 END|
        +-----+------------------------------------------------------------+
        |Alice|                                                          -1|
        |  Bob|                                                           1|
        +-----+------------------------------------------------------------+
        """
        if not isinstance(condition, Column):
            raise _err.type_error("NOT_COLUMN", arg_name="condition", arg_type=type(condition).__name__)
        e = self._expr
        if not isinstance(e, E.CaseWhen) or e.otherwise is not None:
            raise _err.value_error("INVALID_WHEN_USAGE")
        return Column(
            E.CaseWhen(e.conditions + (condition._expr,), e.values + (_to_expr(value, "value"),), None)
        )

    def otherwise(self, value: Any) -> "Column":
        """Ends a :func:`kindling.sql.functions.when` chain with the value of rows no branch matched (NULL without
        it).

        Parameters
        ----------
        value : :class:`Column` or a literal value
            The result for the other rows.

        Returns
        -------
        :class:`Column`
            The CASE WHEN column.

        Examples
        --------
        >>> import kindling.sql.functions as sf
        >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
        >>> df.select(df.name, sf.when(df.age > 3, 1).otherwise(0)).show()
        +-----+-------------------------------------+
        | name|CASE WHEN (age > 3) THEN 1 ELSE 0 END|
        +-----+-------------------------------------+
        |Alice|                                    0|
        |  Bob|                                    1|
        +-----+-------------------------------------+
        """
        e = self._expr
        if not isinstance(e, E.CaseWhen) or e.otherwise is not None:
            raise _err.value_error("INVALID_OTHERWISE_USAGE")
        return Column(E.CaseWhen(e.conditions, e.values, _to_expr(value, "value")))

    # ----------------------------------------------------------------------------------------------------------------
    # Sort orders

    def _sort(self, descending: bool, nulls_first: bool) -> "Column":
        child = self._expr.child if isinstance(self._expr, E.SortOrder) else self._expr
        return Column(E.SortOrder(child, descending, nulls_first))

    def asc(self) -> "Column":
        """Ascending sort order, NULLs first.

        Returns
        -------
        :class:`Column`
            A sort order for ``orderBy``/``sort``.

        Examples
        --------
        >>> df = spark.createDataFrame([("Tom", 80), ("Alice", None)], ["name", "height"])
        >>> df.orderBy(df.name.asc()).collect()
        [Row(name='Alice', height=None), Row(name='Tom', height=80)]
        """
        return self._sort(False, True)

    def asc_nulls_first(self) -> "Column":
        """Ascending sort order, NULLs before the other values.

        Returns
        -------
        :class:`Column`
            A sort order for ``orderBy``/``sort``.

        Examples
        --------
        >>> df = spark.createDataFrame([("Tom", 80), (None, 60), ("Alice", None)], ["name", "height"])
        >>> df.orderBy(df.name.asc_nulls_first()).collect()
        [Row(name=None, height=60), Row(name='Alice', height=None), Row(name='Tom', height=80)]
        """
        return self._sort(False, True)

    def asc_nulls_last(self) -> "Column":
        """Ascending sort order, NULLs after the other values.

        Returns
        -------
        :class:`Column`
            A sort order for ``orderBy``/``sort``.

        Examples
        --------
        >>> df = spark.createDataFrame([("Tom", 80), (None, 60), ("Alice", None)], ["name", "height"])
        >>> df.orderBy(df.name.asc_nulls_last()).collect()
        [Row(name='Alice', height=None), Row(name='Tom', height=80), Row(name=None, height=60)]
        """
        return self._sort(False, False)

    def desc(self) -> "Column":
        """Descending sort order, NULLs last.

        Returns
        -------
        :class:`Column`
            A sort order for ``orderBy``/``sort``.

        Examples
        --------
        >>> df = spark.createDataFrame([("Tom", 80), ("Alice", None)], ["name", "height"])
        >>> df.orderBy(df.name.desc()).collect()
        [Row(name='Tom', height=80), Row(name='Alice', height=None)]
        """
        return self._sort(True, False)

    def desc_nulls_first(self) -> "Column":
        """Descending sort order, NULLs before the other values.

        Returns
        -------
        :class:`Column`
            A sort order for ``orderBy``/``sort``.

        Examples
        --------
        >>> df = spark.createDataFrame([("Tom", 80), (None, 60), ("Alice", None)], ["name", "height"])
        >>> df.orderBy(df.name.desc_nulls_first()).collect()
        [Row(name=None, height=60), Row(name='Tom', height=80), Row(name='Alice', height=None)]
        """
        return self._sort(True, True)

    def desc_nulls_last(self) -> "Column":
        """Descending sort order, NULLs after the other values.

        Returns
        -------
        :class:`Column`
            A sort order for ``orderBy``/``sort``.

        Examples
        --------
        >>> df = spark.createDataFrame([("Tom", 80), (None, 60), ("Alice", None)], ["name", "height"])
        >>> df.orderBy(df.name.desc_nulls_last()).collect()
        [Row(name='Tom', height=80), Row(name='Alice', height=None), Row(name=None, height=60)]
        """
        return self._sort(True, False)


def _check_engine_type(dt: DataType) -> None:
    """Raises ``UNSUPPORTED_DATA_TYPE`` for types the engine cannot cast to (structs)."""
    to_protocol_type_kind(dt)
    element = getattr(dt, "elementType", None)
    if element is not None:
        _check_engine_type(element)
