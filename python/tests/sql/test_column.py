"""Unit tests of Column and of the expression trees it holds: operators, methods, literals, printing, and the
FlatBuffers encoding (decoded back with the generated reader classes)."""

from __future__ import annotations

import datetime

import flatbuffers
import numpy as np
import pytest

from kindling._gen.kindling.protocol.Alias import Alias as FbAlias
from kindling._gen.kindling.protocol.Call import Call as FbCall
from kindling._gen.kindling.protocol.CaseWhen import CaseWhen as FbCaseWhen
from kindling._gen.kindling.protocol.Cast import Cast as FbCast
from kindling._gen.kindling.protocol.ColumnRef import ColumnRef as FbColumnRef
from kindling._gen.kindling.protocol.DataType import DataType as FbDataType
from kindling._gen.kindling.protocol.Expression import Expression as FbExpression
from kindling._gen.kindling.protocol.ExprNode import ExprNode
from kindling._gen.kindling.protocol.Literal import Literal as FbLiteral
from kindling._gen.kindling.protocol.Schema import Schema as FbSchema
from kindling._gen.kindling.protocol.SortOrder import SortOrder as FbSortOrder
from kindling._gen.kindling.protocol.Star import Star as FbStar
from kindling._gen.kindling.protocol.TypeKind import TypeKind
from kindling.errors import ParseException, PySparkTypeError, PySparkValueError
from kindling.sql import _expr as E
from kindling.sql import functions as F
from kindling.sql.column import Column, _to_col, _to_expr
from kindling.sql.types import (
    ArrayType,
    BooleanType,
    DateType,
    DoubleType,
    IntegerType,
    LongType,
    NullType,
    StringType,
    StructField,
    StructType,
    TimestampType,
)

a = F.col("a")
b = F.col("b")


def lit(kind, value):
    return E.Literal(kind, value)


A = E.ColumnRef("a")
B = E.ColumnRef("b")

# ------------------------------------------------------------------------------------------------ decoding helpers

_KIND_NAMES = {v: k for k, v in vars(TypeKind).items() if not k.startswith("_")}
_TYPES = {
    "Null": NullType(),
    "Boolean": BooleanType(),
    "Int32": IntegerType(),
    "Int64": LongType(),
    "Float64": DoubleType(),
    "String": StringType(),
    "Date": DateType(),
    "Timestamp": TimestampType(),
}
_LITERAL_KINDS = {
    "Null": "null",
    "Boolean": "boolean",
    "Int32": "int32",
    "Int64": "int64",
    "Float64": "float64",
    "String": "string",
    "Date": "date",
    "Timestamp": "timestamp",
}


def _s(x):
    return x.decode() if isinstance(x, bytes) else x


def decode_type(t):
    name = _KIND_NAMES[t.Kind()]
    if name == "Array":
        return ArrayType(decode_type(t.Element()), t.ContainsNull())
    return _TYPES[name]


def _init(cls, table):
    obj = cls()
    obj.Init(table.Bytes, table.Pos)
    return obj


def decode(x):
    """An ``_expr`` node back from a generated ``Expression`` reader."""
    t = x.NodeType()
    tab = x.Node()
    if t == ExprNode.ColumnRef:
        n = _init(FbColumnRef, tab)
        return E.ColumnRef(_s(n.Name()), n.PlanId())
    if t == ExprNode.Star:
        n = _init(FbStar, tab)
        q = n.Qualifier()
        return E.Star(_s(q) if q is not None else None)
    if t == ExprNode.Literal:
        n = _init(FbLiteral, tab)
        kind = _LITERAL_KINDS[_KIND_NAMES[n.Type()]]
        if n.IsNull() or kind == "null":
            return E.Literal(kind, None)
        if kind == "boolean":
            return E.Literal(kind, n.BoolValue())
        if kind == "float64":
            return E.Literal(kind, n.DoubleValue())
        if kind == "string":
            return E.Literal(kind, _s(n.StringValue()))
        return E.Literal(kind, n.LongValue())
    if t == ExprNode.Call:
        n = _init(FbCall, tab)
        return E.Call(_s(n.Name()), tuple(decode(n.Args(i)) for i in range(n.ArgsLength())), n.Distinct())
    if t == ExprNode.Alias:
        n = _init(FbAlias, tab)
        return E.Alias(decode(n.Child()), _s(n.Name()))
    if t == ExprNode.Cast:
        n = _init(FbCast, tab)
        return E.Cast(decode(n.Child()), decode_type(n.To()))
    if t == ExprNode.CaseWhen:
        n = _init(FbCaseWhen, tab)
        other = n.Otherwise()
        return E.CaseWhen(
            tuple(decode(n.Conditions(i)) for i in range(n.ConditionsLength())),
            tuple(decode(n.Values(i)) for i in range(n.ValuesLength())),
            decode(other) if other is not None else None,
        )
    if t == ExprNode.SortOrder:
        n = _init(FbSortOrder, tab)
        return E.SortOrder(decode(n.Child()), n.Descending(), n.NullsFirst())
    raise AssertionError(f"unknown node type {t}")


def round_trip(e):
    builder = flatbuffers.Builder(0)
    builder.Finish(E.encode_expression(builder, e))
    buf = bytes(builder.Output())
    return decode(FbExpression.GetRootAs(buf, 0))


# ------------------------------------------------------------------------------------------------ encoding


@pytest.mark.parametrize(
    "node",
    [
        E.ColumnRef("a"),
        E.ColumnRef("t.`x.y`", plan_id=7),
        E.ColumnRef("é ü"),
        E.Star(None),
        E.Star("t"),
        lit("null", None),
        lit("boolean", True),
        lit("boolean", False),
        lit("int32", -(2**31)),
        lit("int64", 2**63 - 1),
        lit("int64", -(2**63)),
        lit("float64", 1.5),
        lit("float64", float("inf")),
        lit("string", ""),
        lit("string", "x\u00e9\U0001f600"),
        lit("date", 18262),
        lit("date", -1),
        lit("timestamp", 1577934245000006),
        lit("int64", None),
        E.Call("count", ()),
        E.Call("count", (A, B), True),
        E.Call("+", (A, lit("int32", 1))),
        E.Alias(E.Call("sum", (A,)), "total"),
        E.Cast(A, IntegerType()),
        E.Cast(A, ArrayType(ArrayType(StringType(), False))),
        E.CaseWhen((E.Call(">", (A, lit("int32", 1))),), (lit("int32", 1),), None),
        E.CaseWhen((E.Call(">", (A, lit("int32", 1))), B), (lit("int32", 1), lit("int32", 2)), lit("int32", 0)),
        E.SortOrder(A, True, False),
        E.SortOrder(E.Call("upper", (A,)), False, True),
    ],
)
def test_encode_round_trip(node):
    assert round_trip(node) == node


def test_encode_nan_literal():
    back = round_trip(lit("float64", float("nan")))
    assert back.kind == "float64" and back.value != back.value


def test_encode_column_expressions_round_trip():
    exprs = [
        (a + 1) * 2 / b - (a % 3),
        ~((a > 1) & (b <= 2.5)) | a.isNull(),
        a.isin(1, "x", None, datetime.date(2020, 1, 1)),
        F.when(a == 1, "one").when(a == 2, "two").otherwise(b),
        F.countDistinct("a", b).alias("n"),
        a.cast("array<bigint>").desc_nulls_first(),
        F.col("*"),
        F.first("a", ignorenulls=True),
    ]
    for c in exprs:
        assert round_trip(c._expr) == c._expr


def test_encode_literal_fields():
    builder = flatbuffers.Builder(0)
    builder.Finish(E.encode_expression(builder, lit("timestamp", 123)))
    x = FbExpression.GetRootAs(bytes(builder.Output()), 0)
    assert x.NodeType() == ExprNode.Literal
    n = _init(FbLiteral, x.Node())
    assert n.Type() == TypeKind.Timestamp and n.LongValue() == 123 and not n.IsNull()
    builder = flatbuffers.Builder(0)
    builder.Finish(E.encode_expression(builder, lit("null", None)))
    n = _init(FbLiteral, FbExpression.GetRootAs(bytes(builder.Output()), 0).Node())
    assert n.Type() == TypeKind.Null and n.IsNull()


def test_encode_data_type_and_schema():
    builder = flatbuffers.Builder(0)
    builder.Finish(E.encode_data_type(builder, ArrayType(LongType(), False)))
    t = FbDataType.GetRootAs(bytes(builder.Output()), 0)
    assert t.Kind() == TypeKind.Array and not t.ContainsNull() and t.Element().Kind() == TypeKind.Int64
    schema = StructType([StructField("id", LongType(), False), StructField("xs", ArrayType(StringType()))])
    builder = flatbuffers.Builder(0)
    builder.Finish(E.encode_schema(builder, schema))
    s = FbSchema.GetRootAs(bytes(builder.Output()), 0)
    assert s.FieldsLength() == 2
    f0, f1 = s.Fields(0), s.Fields(1)
    assert _s(f0.Name()) == "id" and not f0.Nullable() and decode_type(f0.Type()) == LongType()
    assert _s(f1.Name()) == "xs" and f1.Nullable() and decode_type(f1.Type()) == ArrayType(StringType())
    builder = flatbuffers.Builder(0)
    builder.Finish(E.encode_data_type(builder, StructType([StructField("x", LongType(), False)])))
    t = FbDataType.GetRootAs(bytes(builder.Output()), 0)
    assert t.Kind() == TypeKind.Struct and t.FieldsLength() == 1 and _s(t.Fields(0).Name()) == "x"


def test_encode_rejects_non_nodes():
    with pytest.raises(TypeError):
        E.encode_expression(flatbuffers.Builder(0), "a")


def test_deep_expression_encodes():
    c = a
    for i in range(200):
        c = c + i
    assert round_trip(c._expr) == c._expr


# ------------------------------------------------------------------------------------------------ repr / pretty


@pytest.mark.parametrize(
    "column, text",
    [
        (a, "a"),
        (F.col("t.a"), "t.a"),
        (F.col("`a.b`"), "`a.b`"),
        (F.col("*"), "*"),
        (F.col("t.*"), "t.*"),
        (a + 1, "(a + 1)"),
        (1 + a, "(a + 1)"),
        (1 - a, "(1 - a)"),
        (2 * a, "(a * 2)"),
        (1 / a, "(1 / a)"),
        (7 % a, "(7 % a)"),
        (a - b * 2, "(a - (b * 2))"),
        (-a, "(- a)"),
        (a == "x", "(a = x)"),
        (a != 1, "(NOT (a = 1))"),
        (a < 1, "(a < 1)"),
        (a <= 1.5, "(a <= 1.5)"),
        (a > 1e10, "(a > 1.0E10)"),
        (a >= -0.001, "(a >= -0.001)"),
        (1 < a, "(a > 1)"),
        (a.eqNullSafe(None), "(a <=> NULL)"),
        (a == True, "(a = true)"),  # noqa: E712
        ((a > 1) & (b < 2), "((a > 1) AND (b < 2))"),
        ((a > 1) | ~b, "((a > 1) OR (NOT b))"),
        (~a, "(NOT a)"),
        (a.isNull(), "(a IS NULL)"),
        (a.isNotNull(), "(a IS NOT NULL)"),
        (a.isin(1, 2), "(a IN (1, 2))"),
        (a.isin(["x", "y"]), "(a IN (x, y))"),
        (a.between(2, 4), "((a >= 2) AND (a <= 4))"),
        (a.like("A%"), "a LIKE A%"),
        (a.startswith("Al"), "startswith(a, Al)"),
        (a.endswith("ce"), "endswith(a, ce)"),
        (a.contains("o"), "contains(a, o)"),
        (a.substr(1, 3), "substring(a, 1, 3)"),
        (a[2:4], "substring(a, 2, 4)"),
        (a.alias("b"), "a AS b"),
        (a.alias("my col"), "a AS `my col`"),
        ((a + 1).name("c"), "(a + 1) AS c"),
        (a.cast("int"), "CAST(a AS INT)"),
        (a.cast(LongType()), "CAST(a AS BIGINT)"),
        (a.astype("array<string>"), "CAST(a AS ARRAY<STRING>)"),
        (a.cast("date"), "CAST(a AS DATE)"),
        (F.when(a > 1, 1).otherwise(0), "CASE WHEN (a > 1) THEN 1 ELSE 0 END"),
        (F.when(a > 1, 1).when(a < 0, -1), "CASE WHEN (a > 1) THEN 1 WHEN (a < 0) THEN -1 END"),
        (a.asc(), "a ASC NULLS FIRST"),
        (a.desc(), "a DESC NULLS LAST"),
        (a.asc_nulls_last(), "a ASC NULLS LAST"),
        (a.desc_nulls_first(), "a DESC NULLS FIRST"),
        (F.lit(None), "NULL"),
        (F.lit(5), "5"),
        (F.lit(2**40), "1099511627776"),
        (F.lit(1.0), "1.0"),
        (F.lit(False), "false"),
        (F.lit("x y"), "x y"),
        (F.lit(datetime.date(2020, 1, 2)), "DATE '2020-01-02'"),
        (F.lit(datetime.datetime(2020, 1, 2, 3, 4, 5, 120000)), "TIMESTAMP '2020-01-02 03:04:05.12'"),
    ],
)
def test_repr(column, text):
    assert repr(column) == f"Column<'{text}'>"
    assert E.pretty(column._expr) == text


def test_column_ref_with_plan_id_prints_its_name():
    assert repr(Column(E.ColumnRef("age", plan_id=3)) + 1) == "Column<'(age + 1)'>"


# ------------------------------------------------------------------------------------------------ operators build nodes


def test_binary_operators():
    one = lit("int32", 1)
    assert (a + 1)._expr == E.Call("+", (A, one))
    assert (1 + a)._expr == E.Call("+", (A, one))
    assert (a - 1)._expr == E.Call("-", (A, one))
    assert (1 - a)._expr == E.Call("-", (one, A))
    assert (a * b)._expr == E.Call("*", (A, B))
    assert (a / 1)._expr == E.Call("/", (A, one))
    assert (1 / a)._expr == E.Call("/", (one, A))
    assert (a % 1)._expr == E.Call("%", (A, one))
    assert (1 % a)._expr == E.Call("%", (one, A))
    assert (-a)._expr == E.Call("negate", (A,))
    for op, name in [
        (lambda x, y: x == y, "="),
        (lambda x, y: x != y, "!="),
        (lambda x, y: x < y, "<"),
        (lambda x, y: x <= y, "<="),
        (lambda x, y: x > y, ">"),
        (lambda x, y: x >= y, ">="),
        (lambda x, y: x & y, "and"),
        (lambda x, y: x | y, "or"),
    ]:
        assert op(a, b)._expr == E.Call(name, (A, B))
    assert (True & a)._expr == E.Call("and", (A, lit("boolean", True)))
    assert (~a)._expr == E.Call("not", (A,))
    assert a.eqNullSafe(b)._expr == E.Call("<=>", (A, B))


def test_python_boolean_protocols_are_rejected():
    with pytest.raises(ValueError) as e:
        bool(a)
    assert str(e.value) == (
        "[CANNOT_CONVERT_COLUMN_INTO_BOOL] Cannot convert column into bool: please use '&' for 'and', '|' for "
        "'or', '~' for 'not' when building DataFrame boolean expressions."
    )
    with pytest.raises(ValueError):
        a and b  # noqa: B018
    with pytest.raises(ValueError):
        if a > 1:
            pass
    with pytest.raises(ValueError):
        1 < a < 3  # noqa: B015
    with pytest.raises(TypeError) as e2:
        iter(a)
    assert "Column is not iterable" in str(e2.value)
    with pytest.raises(TypeError):
        list(a)
    with pytest.raises(ValueError) as e3:
        1 in a  # noqa: B015
    assert e3.value.getErrorClass() == "CANNOT_APPLY_IN_FOR_COLUMN"
    with pytest.raises(TypeError):
        hash(a)


# ------------------------------------------------------------------------------------------------ literals


@pytest.mark.parametrize(
    "value, node",
    [
        (None, lit("null", None)),
        (True, lit("boolean", True)),
        (False, lit("boolean", False)),
        (0, lit("int32", 0)),
        (2**31 - 1, lit("int32", 2**31 - 1)),
        (-(2**31), lit("int32", -(2**31))),
        (2**31, lit("int64", 2**31)),
        (-(2**31) - 1, lit("int64", -(2**31) - 1)),
        (2**63 - 1, lit("int64", 2**63 - 1)),
        (1.5, lit("float64", 1.5)),
        ("s", lit("string", "s")),
        (datetime.date(1970, 1, 2), lit("date", 1)),
        (datetime.date(1969, 12, 31), lit("date", -1)),
        (datetime.datetime(1970, 1, 1, 0, 0, 1, 5), lit("timestamp", 1_000_005)),
        (datetime.datetime(1969, 12, 31, 23, 59, 59), lit("timestamp", -1_000_000)),
        (
            datetime.datetime(2020, 1, 1, 1, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1))),
            lit("timestamp", 1577836800 * 1_000_000),
        ),
        (np.int32(3), lit("int32", 3)),
        (np.int64(3), lit("int64", 3)),
        (np.float32(0.5), lit("float64", 0.5)),
        (np.bool_(True), lit("boolean", True)),
    ],
)
def test_literals(value, node):
    assert _to_expr(value) == node
    assert F.lit(value)._expr == node


def test_literal_errors():
    with pytest.raises(PySparkValueError) as e:
        F.lit(2**63)
    assert e.value.getErrorClass() == "VALUE_NOT_BETWEEN"
    with pytest.raises(PySparkTypeError) as e2:
        a + object()
    assert e2.value.getErrorClass() == "NOT_COLUMN_OR_LITERAL"
    assert e2.value.getMessageParameters()["arg_name"] == "other"
    with pytest.raises(PySparkTypeError):
        F.lit({"k": 1})  # as in PySpark, a dict is no literal (create_map builds a map)
    with pytest.raises(PySparkTypeError):
        a.isin({"k": 1}, 2)


def test_to_col():
    assert _to_col("a") == A
    assert _to_col(a) is a._expr
    assert _to_col("*") == E.Star(None)
    assert _to_col("t.*") == E.Star("t")
    with pytest.raises(PySparkTypeError) as e:
        _to_col(1, "x")
    assert str(e.value) == "[NOT_COLUMN_OR_STR] Argument `x` should be a Column or str, got int."


# ------------------------------------------------------------------------------------------------ methods


def test_alias_and_name():
    assert a.alias("x")._expr == E.Alias(A, "x")
    assert a.name("x")._expr == E.Alias(A, "x")
    assert a.alias("x", metadata={"k": 1})._expr == E.Alias(A, "x")
    # Several names are for generators (posexplode); the engine rejects them on anything else (test_generators).
    assert a.alias("x", "y")._expr == E.Alias(A, "x", ("x", "y"))
    with pytest.raises(PySparkValueError) as e:
        a.alias()
    assert e.value.getErrorClass() == "CANNOT_BE_EMPTY"
    with pytest.raises(PySparkValueError) as e2:
        a.alias("x", "y", metadata={"k": 1})
    assert e2.value.getErrorClass() == "ONLY_ALLOWED_FOR_SINGLE_COLUMN"
    with pytest.raises(PySparkTypeError):
        a.alias(1)  # type: ignore[arg-type]


def test_cast():
    assert a.cast("int")._expr == E.Cast(A, IntegerType())
    assert a.cast("BIGINT")._expr == E.Cast(A, LongType())
    assert a.cast(" string ")._expr == E.Cast(A, StringType())
    assert a.cast(DoubleType())._expr == E.Cast(A, DoubleType())
    assert a.astype("timestamp")._expr == E.Cast(A, TimestampType())
    assert a.cast("array<int>")._expr == E.Cast(A, ArrayType(IntegerType()))
    with pytest.raises(PySparkTypeError) as e:
        a.cast(1)  # type: ignore[arg-type]
    assert e.value.getErrorClass() == "NOT_DATATYPE_OR_STR"
    with pytest.raises(ParseException):
        a.cast("a int")
    with pytest.raises(ParseException):
        a.cast("notatype")
    assert repr(a.cast(StructType([StructField("x", LongType())]))) == "Column<'CAST(a AS STRUCT<x: BIGINT>)'>"
    assert repr(a.cast("struct<x:int>")) == "Column<'CAST(a AS STRUCT<x: INT>)'>"


def test_isin_and_between():
    assert a.isin()._expr == E.Call("in", (A,))
    assert a.isin(1, b)._expr == E.Call("in", (A, lit("int32", 1), B))
    assert a.isin([1, 2])._expr == a.isin(1, 2)._expr
    assert a.isin((1, 2))._expr == a.isin(1, 2)._expr
    assert a.isin({3})._expr == a.isin(3)._expr
    assert a.between(1, b)._expr == E.Call(
        "and", (E.Call(">=", (A, lit("int32", 1))), E.Call("<=", (A, B)))
    )


def test_string_predicates():
    assert a.like("x%")._expr == E.Call("like", (A, lit("string", "x%")))
    assert a.startswith(b)._expr == E.Call("startswith", (A, B))
    assert a.endswith("b")._expr == E.Call("endswith", (A, lit("string", "b")))  # a string is a literal here
    assert a.contains("b")._expr == E.Call("contains", (A, lit("string", "b")))


def test_substr():
    assert a.substr(1, 2)._expr == E.Call("substring", (A, lit("int32", 1), lit("int32", 2)))
    assert a.substr(b, b)._expr == E.Call("substring", (A, B, B))
    with pytest.raises(PySparkTypeError) as e:
        a.substr(1, b)
    assert e.value.getErrorClass() == "NOT_SAME_TYPE"
    with pytest.raises(PySparkTypeError) as e2:
        a.substr(1.0, 2.0)
    assert e2.value.getErrorClass() == "NOT_COLUMN_OR_INT"
    with pytest.raises(PySparkValueError):
        a[1:3:2]
    # col[key] is Spark's extract-value: a map's key, an array's index or a struct's field.
    assert repr(a[0]) == "Column<'a[0]'>" and repr(a["field"]) == "Column<'a[field]'>"
    assert repr(a.field) == repr(a.getField("field"))


def test_when_otherwise():
    c = F.when(a > 1, "big").when(a < 0, b).otherwise(None)
    assert c._expr == E.CaseWhen(
        (E.Call(">", (A, lit("int32", 1))), E.Call("<", (A, lit("int32", 0)))),
        (lit("string", "big"), B),
        lit("null", None),
    )
    with pytest.raises(PySparkValueError) as e:
        a.when(b > 1, 1)
    assert e.value.getErrorClass() == "INVALID_WHEN_USAGE"
    with pytest.raises(PySparkValueError):
        c.when(b > 1, 1)  # after otherwise()
    with pytest.raises(PySparkValueError) as e2:
        a.otherwise(1)
    assert e2.value.getErrorClass() == "INVALID_OTHERWISE_USAGE"
    with pytest.raises(PySparkValueError):
        c.otherwise(2)
    with pytest.raises(PySparkTypeError) as e3:
        F.when(a > 1, 1).when(True, 2)
    assert e3.value.getErrorClass() == "NOT_COLUMN"


def test_sort_orders():
    assert a.asc()._expr == E.SortOrder(A, False, True)
    assert a.asc_nulls_first()._expr == E.SortOrder(A, False, True)
    assert a.asc_nulls_last()._expr == E.SortOrder(A, False, False)
    assert a.desc()._expr == E.SortOrder(A, True, False)
    assert a.desc_nulls_first()._expr == E.SortOrder(A, True, True)
    assert a.desc_nulls_last()._expr == E.SortOrder(A, True, False)
    assert a.desc().asc()._expr == E.SortOrder(A, False, True)  # re-sorting replaces the order


def test_columns_are_immutable():
    c = a + 1
    with pytest.raises(AttributeError):
        c.foo = 1  # type: ignore[attr-defined]
    with pytest.raises(Exception):
        c._expr.name = "x"  # frozen dataclass
    assert isinstance(c, Column)


def test_column_methods_have_numpydoc_docstrings():
    public = [n for n in dir(Column) if not n.startswith("_")]
    assert set(public) == {
        "alias", "asc", "asc_nulls_first", "asc_nulls_last", "astype", "between", "bitwiseAND", "bitwiseOR",
        "bitwiseXOR", "cast", "contains", "desc", "desc_nulls_first", "desc_nulls_last", "dropFields", "endswith",
        "eqNullSafe", "getField", "getItem", "ilike", "isNaN", "isNotNull", "isNull", "isin", "like", "name",
        "otherwise", "over", "rlike", "startswith", "substr", "try_cast", "when", "withField",
    }
    for n in public:
        doc = getattr(Column, n).__doc__ or ""
        for section in ("Returns\n", "Examples\n", ">>> "):
            assert section in doc, f"Column.{n} lacks {section!r}"
