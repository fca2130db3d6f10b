"""Unit tests of kindling.sql.types: data types, schemas, DDL parsing, Row, conversions, inference, verification."""

from __future__ import annotations

import collections
import copy
import datetime
import json
import pickle

import cloudpickle
import pyarrow as pa
import pytest

from kindling.errors import ParseException, PySparkTypeError, PySparkValueError
from kindling.sql import types as T
from kindling.sql.types import (
    ArrayType,
    BooleanType,
    DataType,
    DateType,
    DoubleType,
    IntegerType,
    LongType,
    MapType,
    NullType,
    Row,
    StringType,
    StructField,
    StructType,
    TimestampType,
)

ATOMIC = [
    (NullType(), "NullType()", "void", "void"),
    (BooleanType(), "BooleanType()", "boolean", "boolean"),
    (IntegerType(), "IntegerType()", "integer", "int"),
    (LongType(), "LongType()", "long", "bigint"),
    (DoubleType(), "DoubleType()", "double", "double"),
    (StringType(), "StringType()", "string", "string"),
    (DateType(), "DateType()", "date", "date"),
    (TimestampType(), "TimestampType()", "timestamp", "timestamp"),
]


# ------------------------------------------------------------------------------------------------ data types


@pytest.mark.parametrize("dt, rep, type_name, simple", ATOMIC)
def test_atomic_types_print_as_pyspark(dt, rep, type_name, simple):
    assert repr(dt) == rep
    assert dt.typeName() == type_name
    assert dt.simpleString() == simple
    assert dt.jsonValue() == type_name
    assert type(dt)() is dt  # singletons
    assert dt == type(dt)() and hash(dt) == hash(type(dt)())


def test_atomic_types_differ_from_each_other():
    types = [t for t, *_ in ATOMIC]
    for i, a in enumerate(types):
        for j, b in enumerate(types):
            assert (a == b) == (i == j)
            assert (a != b) == (i != j)


def test_type_hierarchy():
    assert isinstance(LongType(), T.IntegralType) and isinstance(LongType(), T.NumericType)
    assert isinstance(IntegerType(), T.IntegralType)
    assert isinstance(DoubleType(), T.FractionalType) and isinstance(DoubleType(), T.NumericType)
    assert isinstance(StringType(), T.AtomicType) and not isinstance(StringType(), T.NumericType)
    assert not isinstance(ArrayType(LongType()), T.AtomicType)


def test_array_type():
    a = ArrayType(StringType())
    assert repr(a) == "ArrayType(StringType(), True)"
    assert repr(ArrayType(LongType(), False)) == "ArrayType(LongType(), False)"
    assert a.simpleString() == "array<string>"
    assert ArrayType(ArrayType(IntegerType())).simpleString() == "array<array<int>>"
    assert a.typeName() == "array"
    assert a == ArrayType(StringType(), True)
    assert a != ArrayType(StringType(), False)
    assert a != ArrayType(LongType())
    assert hash(a) == hash(ArrayType(StringType(), True))
    assert a.jsonValue() == {"type": "array", "elementType": "string", "containsNull": True}
    with pytest.raises(PySparkTypeError):
        ArrayType("string")  # type: ignore[arg-type]


def test_struct_field():
    f = StructField("a", LongType())
    assert repr(f) == "StructField('a', LongType(), True)"
    assert repr(StructField("b", StringType(), False)) == "StructField('b', StringType(), False)"
    assert f.simpleString() == "a:bigint"
    assert f == StructField("a", LongType(), True)
    assert f != StructField("a", LongType(), False)
    assert f != StructField("b", LongType(), True)
    assert f.metadata == {}
    with pytest.raises(PySparkTypeError) as e:
        f.typeName()
    assert e.value.getErrorClass() == "INVALID_TYPENAME_CALL"
    with pytest.raises(PySparkTypeError):
        StructField("a", "long")  # type: ignore[arg-type]
    with pytest.raises(PySparkTypeError):
        StructField(1, LongType())  # type: ignore[arg-type]


def test_struct_type_basics():
    s = StructType([StructField("a", IntegerType()), StructField("b", StringType(), False)])
    assert repr(s) == (
        "StructType([StructField('a', IntegerType(), True), StructField('b', StringType(), False)])"
    )
    assert s.simpleString() == "struct<a:int,b:string>"
    assert s.typeName() == "struct"
    assert s.names == ["a", "b"] and s.fieldNames() == ["a", "b"]
    assert s.fieldNames() is not s.names
    assert len(s) == 2
    assert [f.name for f in s] == ["a", "b"]
    assert s["b"] == StructField("b", StringType(), False)
    assert s[0].name == "a" and s[-1].name == "b"
    assert s[1:] == StructType([StructField("b", StringType(), False)])
    assert s == StructType([StructField("a", IntegerType()), StructField("b", StringType(), False)])
    assert s != StructType([StructField("a", IntegerType())])
    assert StructType() == StructType([]) and len(StructType()) == 0
    assert repr(StructType()) == "StructType([])"


def test_struct_type_getitem_errors():
    s = StructType([StructField("a", IntegerType())])
    with pytest.raises(KeyError) as e:
        s["zz"]
    assert e.value.getErrorClass() == "KEY_NOT_EXIST"
    assert str(e.value) == "[KEY_NOT_EXIST] Key `zz` is not exist."
    with pytest.raises(IndexError) as e2:
        s[3]
    assert e2.value.getErrorClass() == "INDEX_OUT_OF_RANGE"
    with pytest.raises(PySparkTypeError) as e3:
        s[1.5]  # type: ignore[index]
    assert e3.value.getErrorClass() == "NOT_INT_OR_SLICE_OR_STR"
    with pytest.raises(PySparkTypeError):
        StructType(["a"])  # type: ignore[list-item]


def test_struct_type_add():
    s = StructType().add("f1", StringType(), True).add(StructField("f2", LongType(), False))
    s.add("f3", "integer").add("f4", "bigint").add("f5", "array<string>", False)
    assert s == StructType(
        [
            StructField("f1", StringType()),
            StructField("f2", LongType(), False),
            StructField("f3", IntegerType()),
            StructField("f4", LongType()),
            StructField("f5", ArrayType(StringType()), False),
        ]
    )
    assert s.names == ["f1", "f2", "f3", "f4", "f5"]
    with pytest.raises(PySparkValueError) as e:
        StructType().add("x")
    assert e.value.getErrorClass() == "ARGUMENT_REQUIRED"
    with pytest.raises(ParseException):
        StructType().add("x", "notatype")


def test_tree_string():
    s = StructType(
        [
            StructField("a", LongType()),
            StructField("b", StringType(), False),
            StructField("c", ArrayType(ArrayType(IntegerType(), False))),
            StructField("d", NullType()),
            StructField("e", DateType()),
            StructField("f", TimestampType()),
            StructField("g", DoubleType()),
            StructField("h", BooleanType()),
        ]
    )
    assert s.treeString() == (
        "root\n"
        " |-- a: long (nullable = true)\n"
        " |-- b: string (nullable = false)\n"
        " |-- c: array (nullable = true)\n"
        " |    |-- element: array (containsNull = true)\n"
        " |    |    |-- element: integer (containsNull = false)\n"
        " |-- d: void (nullable = true)\n"
        " |-- e: date (nullable = true)\n"
        " |-- f: timestamp (nullable = true)\n"
        " |-- g: double (nullable = true)\n"
        " |-- h: boolean (nullable = true)\n"
    )
    assert StructType().treeString() == "root\n"
    assert StructType([StructField("a\nb", LongType())]).treeString() == "root\n |-- a\\nb: long (nullable = true)\n"


def test_json_round_trip():
    s = StructType(
        [StructField("a", LongType()), StructField("b", ArrayType(StringType(), False), False, {"k": "v"})]
    )
    assert json.loads(s.json()) == {
        "type": "struct",
        "fields": [
            {"name": "a", "type": "long", "nullable": True, "metadata": {}},
            {
                "name": "b",
                "type": {"type": "array", "elementType": "string", "containsNull": False},
                "nullable": False,
                "metadata": {"k": "v"},
            },
        ],
    }
    assert StructType.fromJson(json.loads(s.json())) == s
    assert T._parse_datatype_json_string(s.json()) == s
    assert T._parse_datatype_json_string(LongType().json()) == LongType()


@pytest.mark.parametrize(
    "dt",
    [LongType(), ArrayType(StringType(), False), StructType([StructField("a", DateType(), False)])],
)
def test_types_pickle(dt):
    back = pickle.loads(pickle.dumps(dt))
    assert back == dt and hash(back) == hash(dt) and repr(back) == repr(dt)
    assert cloudpickle.loads(cloudpickle.dumps(dt)) == dt


# ------------------------------------------------------------------------------------------------ DDL parsing


@pytest.mark.parametrize(
    "text, expected",
    [
        ("int", IntegerType()),
        ("INT", IntegerType()),
        ("integer", IntegerType()),
        ("bigint", LongType()),
        ("long", LongType()),
        ("double", DoubleType()),
        ("float", DoubleType()),
        ("smallint", IntegerType()),
        ("string", StringType()),
        ("varchar(10)", StringType()),
        ("boolean", BooleanType()),
        ("date", DateType()),
        ("timestamp", TimestampType()),
        ("void", NullType()),
        (" array<string> ", ArrayType(StringType())),
        ("array<array<bigint>>", ArrayType(ArrayType(LongType()))),
        ("a int", StructType([StructField("a", IntegerType())])),
        (
            "a int, b string",
            StructType([StructField("a", IntegerType()), StructField("b", StringType())]),
        ),
        (
            "a: int, b: string",
            StructType([StructField("a", IntegerType()), StructField("b", StringType())]),
        ),
        (
            "struct<a:int,b:string>",
            StructType([StructField("a", IntegerType()), StructField("b", StringType())]),
        ),
        (
            "struct<a: int, b string>",
            StructType([StructField("a", IntegerType()), StructField("b", StringType())]),
        ),
        ("struct<>", StructType()),
        ("", StructType()),
        (
            "`a b` BIGINT NOT NULL, `c``d` array<date> COMMENT 'x'",
            StructType([StructField("a b", LongType(), False), StructField("c`d", ArrayType(DateType()))]),
        ),
        (
            "id long,name string",
            StructType([StructField("id", LongType()), StructField("name", StringType())]),
        ),
    ],
)
def test_parse_datatype_string(text, expected):
    assert T._parse_datatype_string(text) == expected


@pytest.mark.parametrize(
    "text, error_class",
    [
        ("a int,", "PARSE_SYNTAX_ERROR"),
        ("a", "PARSE_SYNTAX_ERROR"),
        ("array<int", "PARSE_SYNTAX_ERROR"),
        ("a int b", "PARSE_SYNTAX_ERROR"),
        ("a int, b foo", "UNSUPPORTED_DATATYPE"),
        ("foo", "PARSE_SYNTAX_ERROR"),
        ("a decimal(10,2,1)", "UNSUPPORTED_DATATYPE"),
        ("a int not", "PARSE_SYNTAX_ERROR"),
        ("a int comment x", "PARSE_SYNTAX_ERROR"),
        ("a int; drop", "PARSE_SYNTAX_ERROR"),
    ],
)
def test_parse_datatype_string_errors(text, error_class):
    with pytest.raises(ParseException) as e:
        T._parse_datatype_string(text)
    assert e.value.getErrorClass() == error_class
    assert str(e.value).startswith(f"[{error_class}] ")
    assert "== SQL ==" in str(e.value)


def test_parse_error_message_points_at_token():
    with pytest.raises(ParseException) as e:
        T._parse_datatype_string("a int b")
    assert str(e.value) == (
        "[PARSE_SYNTAX_ERROR] Syntax error at or near 'b'.(line 1, pos 6)\n\n== SQL ==\na int b\n------^^^\n"
    )
    with pytest.raises(ParseException) as e2:
        T._parse_datatype_string("a int, b foo")
    assert e2.value.message.startswith('Unsupported data type "FOO".')


def test_from_ddl():
    assert DataType.fromDDL("a int") == StructType([StructField("a", IntegerType())])
    assert StructType.fromDDL("bigint") == LongType()


# ------------------------------------------------------------------------------------------------ Row


def test_row_with_fields():
    row = Row(name="Alice", age=11)
    assert repr(row) == "Row(name='Alice', age=11)"
    assert row.name == "Alice" and row.age == 11
    assert row["name"] == "Alice" and row[1] == 11 and row[-1] == 11
    assert row[0:1] == ("Alice",)
    assert row.__fields__ == ["name", "age"]
    assert isinstance(row, tuple) and tuple(row) == ("Alice", 11) and len(row) == 2
    assert row == ("Alice", 11)
    assert row == Row(age="Alice", name=11)  # tuples compare by value
    assert hash(row) == hash(("Alice", 11))
    assert "name" in row and "Alice" not in row and "wrong_key" not in row
    assert row.asDict() == {"name": "Alice", "age": 11}
    assert list(row.asDict()) == ["name", "age"]
    assert row.count(11) == 1  # tuple methods win over fields, as in PySpark


def test_row_field_order_is_as_given():
    assert Row(b=1, a=2).__fields__ == ["b", "a"]
    assert repr(Row(b=1, a=None)) == "Row(b=1, a=None)"


def test_row_class():
    Person = Row("name", "age")
    assert repr(Person) == "<Row('name', 'age')>"
    assert "name" in Person  # a row class answers by value
    p = Person("Alice", 11)
    assert repr(p) == "Row(name='Alice', age=11)"
    assert p.age == 11 and p["name"] == "Alice"
    short = Person("Bob")
    assert repr(short) == "Row(name='Bob')"
    with pytest.raises(PySparkValueError) as e:
        Person("a", 1, 2)
    assert e.value.getErrorClass() == "TOO_MANY_VALUES"


def test_row_errors():
    row = Row(a=1)
    with pytest.raises(AttributeError) as e:
        row.b
    assert e.value.getErrorClass() == "ATTRIBUTE_NOT_SUPPORTED"
    with pytest.raises(AttributeError):
        row.__missing_dunder__
    with pytest.raises(ValueError) as e2:
        row["b"]
    assert e2.value.getErrorClass() == "KEY_NOT_EXIST"
    with pytest.raises(RuntimeError) as e3:
        row.a = 2
    assert e3.value.getErrorClass() == "READ_ONLY"
    with pytest.raises(PySparkValueError) as e4:
        Row("a", b=1)
    assert e4.value.getErrorClass() == "CANNOT_SET_TOGETHER"
    with pytest.raises(PySparkTypeError) as e5:
        Row("a", "b").asDict()
    assert e5.value.getErrorClass() == "CANNOT_CONVERT_TYPE"
    assert not hasattr(Row("a"), "__fields__")


def test_row_as_dict_recursive():
    row = Row(key=1, value=Row(name="a", age=2), items=[Row(x=1), 2], m={"k": Row(y=3)})
    assert row.asDict() == {"key": 1, "value": Row(name="a", age=2), "items": [Row(x=1), 2], "m": {"k": Row(y=3)}}
    assert row.asDict(True) == {
        "key": 1,
        "value": {"name": "a", "age": 2},
        "items": [{"x": 1}, 2],
        "m": {"k": {"y": 3}},
    }


@pytest.mark.parametrize("dumps, loads", [(pickle.dumps, pickle.loads), (cloudpickle.dumps, pickle.loads)])
def test_row_pickles(dumps, loads):
    row = Row(a=1, b="x", c=[1, 2], d=datetime.date(2020, 1, 2))
    back = loads(dumps(row))
    assert back == row and back.__fields__ == ["a", "b", "c", "d"] and back.b == "x"
    assert repr(back) == repr(row)
    cls = Row("a", "b")
    back_cls = loads(dumps(cls))
    assert back_cls == cls and not hasattr(back_cls, "__fields__")
    assert loads(dumps([Row(a=1), Row(a=2)])) == [Row(a=1), Row(a=2)]


def test_row_copies():
    row = Row(a=[1], b="x")
    shallow, deep = copy.copy(row), copy.deepcopy(row)
    assert shallow == row and shallow.__fields__ == ["a", "b"] and shallow.a is row.a
    assert deep == row and deep.__fields__ == ["a", "b"] and deep.a is not row.a


# ------------------------------------------------------------------------------------------------ protocol types


@pytest.mark.parametrize(
    "kind, dt",
    [
        ("null", NullType()),
        ("boolean", BooleanType()),
        ("int32", IntegerType()),
        ("int64", LongType()),
        ("float64", DoubleType()),
        ("string", StringType()),
        ("date", DateType()),
        ("timestamp", TimestampType()),
    ],
)
def test_protocol_types(kind, dt):
    assert T.from_protocol_type({"kind": kind}) == dt
    assert T.to_protocol_type_kind(dt) == kind
    assert T.to_protocol_type(dt) == {"kind": kind}


def test_protocol_array_types():
    inner = {"kind": "array", "element": {"kind": "int64"}, "containsNull": False}
    d = {"kind": "array", "element": inner, "containsNull": True}
    dt = T.from_protocol_type(d)
    assert dt == ArrayType(ArrayType(LongType(), False), True)
    assert T.to_protocol_type(dt) == d
    assert T.to_protocol_type_kind(dt) == "array"
    assert T.from_protocol_type({"kind": "array", "element": {"kind": "string"}}) == ArrayType(StringType(), True)


def test_protocol_errors():
    # Structs are column types now: they round-trip instead of being refused.
    nested = StructType([StructField("a", LongType(), False), StructField("b", ArrayType(StringType()))])
    assert T.to_protocol_type_kind(nested) == "struct"
    assert T.from_protocol_type(T.to_protocol_type(nested)) == nested
    m = MapType(StringType(), ArrayType(LongType()), False)
    assert T.from_protocol_type(T.to_protocol_type(m)) == m
    with pytest.raises(PySparkTypeError):
        T.from_protocol_type({"kind": "interval"})


def test_schema_from_protocol():
    xs = {"kind": "array", "element": {"kind": "string"}, "containsNull": True}
    s = T.schema_from_protocol([("id", {"kind": "int64"}, False), ("xs", xs, True)])
    assert s == StructType([StructField("id", LongType(), False), StructField("xs", ArrayType(StringType()), True)])
    assert T.schema_from_protocol([]) == StructType()


# ------------------------------------------------------------------------------------------------ Arrow types


def test_to_arrow_type():
    assert T.to_arrow_type(BooleanType()) == pa.bool_()
    assert T.to_arrow_type(IntegerType()) == pa.int32()
    assert T.to_arrow_type(LongType()) == pa.int64()
    assert T.to_arrow_type(DoubleType()) == pa.float64()
    assert T.to_arrow_type(StringType()) == pa.string()
    assert T.to_arrow_type(DateType()) == pa.date32()
    assert T.to_arrow_type(TimestampType()) == pa.timestamp("us", tz="UTC")
    assert T.to_arrow_type(NullType()) == pa.null()
    lt = T.to_arrow_type(ArrayType(LongType(), False))
    assert pa.types.is_list(lt) and lt.value_type == pa.int64() and not lt.value_field.nullable
    assert lt.value_field.name == "element"
    st = T.to_arrow_type(StructType([StructField("x", IntegerType(), False)]))
    assert st == pa.struct([pa.field("x", pa.int32(), nullable=False)])
    assert T.from_arrow_type(st) == StructType([StructField("x", IntegerType(), False)])


@pytest.mark.parametrize(
    "at, dt",
    [
        (pa.bool_(), BooleanType()),
        (pa.int8(), IntegerType()),
        (pa.int16(), IntegerType()),
        (pa.int32(), IntegerType()),
        (pa.uint8(), IntegerType()),
        (pa.uint16(), IntegerType()),
        (pa.int64(), LongType()),
        (pa.uint32(), LongType()),
        (pa.uint64(), LongType()),
        (pa.float16(), DoubleType()),
        (pa.float32(), DoubleType()),
        (pa.float64(), DoubleType()),
        (pa.string(), StringType()),
        (pa.large_string(), StringType()),
        (pa.dictionary(pa.int32(), pa.string()), StringType()),
        (pa.date32(), DateType()),
        (pa.date64(), DateType()),
        (pa.timestamp("s"), TimestampType()),
        (pa.timestamp("ns", tz="Europe/Paris"), TimestampType()),
        (pa.timestamp("us", tz="UTC"), TimestampType()),
        (pa.null(), NullType()),
        (pa.list_(pa.int64()), ArrayType(LongType(), True)),
        (pa.large_list(pa.field("x", pa.string(), nullable=False)), ArrayType(StringType(), False)),
    ],
)
def test_from_arrow_type(at, dt):
    assert T.from_arrow_type(at) == dt


def test_arrow_map_type_round_trip():
    m = MapType(StringType(), LongType(), True)
    assert T.from_arrow_type(T.to_arrow_type(m)) == m
    assert T.from_arrow_type(pa.map_(pa.string(), pa.int64())) == m


def test_from_arrow_type_unsupported():
    with pytest.raises(PySparkTypeError) as e:
        T.from_arrow_type(pa.month_day_nano_interval())
    assert e.value.getErrorClass() == "UNSUPPORTED_DATA_TYPE_FOR_ARROW_CONVERSION"


def test_arrow_schema_round_trip_and_naive_utc_timestamps():
    s = StructType(
        [
            StructField("a", LongType(), False),
            StructField("t", TimestampType()),
            StructField("d", DateType()),
            StructField("xs", ArrayType(DoubleType())),
        ]
    )
    schema = T.to_arrow_schema(s)
    assert T.from_arrow_schema(schema) == s
    assert not schema.field("a").nullable
    ts = datetime.datetime(2020, 1, 2, 3, 4, 5, 6)
    table = pa.table({"a": [1], "t": [ts], "d": [datetime.date(2020, 1, 2)], "xs": [[1.5, None]]}, schema=schema)
    assert table.column("t").cast(pa.int64()).to_pylist() == [1577934245000006]  # naive values are UTC
    assert table.column("t").to_pylist()[0].replace(tzinfo=None) == ts


# ------------------------------------------------------------------------------------------------ inference


def test_infer_type():
    assert T._infer_type(1) == LongType()
    assert T._infer_type(2**40) == LongType()
    assert T._infer_type(1.5) == DoubleType()
    assert T._infer_type(True) == BooleanType()
    assert T._infer_type("x") == StringType()
    assert T._infer_type(None) == NullType()
    assert T._infer_type(datetime.date(2020, 1, 1)) == DateType()
    assert T._infer_type(datetime.datetime(2020, 1, 1)) == TimestampType()
    assert T._infer_type([1, 2]) == ArrayType(LongType(), True)
    assert T._infer_type([1, 2.5]) == ArrayType(DoubleType(), True)
    assert T._infer_type([None, "a"]) == ArrayType(StringType(), True)
    assert T._infer_type([]) == ArrayType(NullType(), True)
    assert T._infer_type([[1], []]) == ArrayType(ArrayType(LongType()))
    assert T._infer_type({"a": 2.5, "b": 1}) == T.MapType(StringType(), DoubleType(), True)
    assert T._infer_type(b"x") == T.BinaryType() and T._infer_type(bytearray(b"x")) == T.BinaryType()


@pytest.mark.parametrize(
    "value, kind",
    [
        (datetime.timedelta(1), "DayTimeIntervalType"),
        (1j, "complex"),
    ],
)
def test_infer_type_unsupported(value, kind):
    with pytest.raises(PySparkTypeError) as e:
        T._infer_type(value)
    assert e.value.getErrorClass() == "UNSUPPORTED_DATA_TYPE"
    assert e.value.getMessageParameters() == {"data_type": kind}


def test_infer_schema_from_tuples():
    s = T._infer_schema([(1, "a", None), (2, None, 3.5)], ["id", "s"])
    assert s == StructType(
        [StructField("id", LongType()), StructField("s", StringType()), StructField("_3", DoubleType())]
    )
    assert T._infer_schema([(1, "a")]) == StructType([StructField("_1", LongType()), StructField("_2", StringType())])
    assert T._infer_schema([[True, datetime.date(2020, 1, 1)]], ["x", "y"]).names == ["x", "y"]


def test_infer_schema_names_argument_is_not_mutated():
    names = ["a"]
    T._infer_schema([(1, 2)], names)
    assert names == ["a"]


def test_infer_schema_from_rows_dicts_namedtuples_objects():
    expected = StructType([StructField("b", LongType()), StructField("a", StringType())])
    assert T._infer_schema([Row(b=1, a="x")]) == expected
    assert T._infer_schema([{"b": 1, "a": "x"}]) == StructType(
        [StructField("a", StringType()), StructField("b", LongType())]
    )  # dict keys sorted, as in PySpark
    P = collections.namedtuple("P", ["name", "age"])
    assert T._infer_schema([P("a", 1)]).names == ["name", "age"]

    class Obj:
        def __init__(self):
            self.z = 1.0
            self.y = "s"

    assert T._infer_schema([Obj()]) == StructType([StructField("y", StringType()), StructField("z", DoubleType())])


def test_infer_schema_merges_rows():
    s = T._infer_schema([(1, None), (2.5, "x"), (None, None)])
    assert s == StructType([StructField("_1", DoubleType()), StructField("_2", StringType())])
    s2 = T._infer_schema([(1,), (1, "b")])
    assert s2.names == ["_1", "_2"]
    s3 = T._infer_schema([{"a": 1}, {"b": "x"}])
    assert s3 == StructType([StructField("a", LongType()), StructField("b", StringType())])


def test_infer_schema_errors():
    with pytest.raises(PySparkValueError) as e:
        T._infer_schema([])
    assert e.value.getErrorClass() == "CANNOT_INFER_EMPTY_SCHEMA"
    with pytest.raises(PySparkValueError) as e2:
        T._infer_schema([(1, None), (2, None)])
    assert e2.value.getErrorClass() == "CANNOT_DETERMINE_TYPE"
    assert str(e2.value) == "[CANNOT_DETERMINE_TYPE] Some of types cannot be determined after inferring."
    with pytest.raises(PySparkValueError) as e3:
        T._infer_schema([([],)])
    assert e3.value.getErrorClass() == "CANNOT_DETERMINE_TYPE"
    with pytest.raises(PySparkTypeError) as e4:
        T._infer_schema([(1,), ("a",)])
    assert e4.value.getErrorClass() == "CANNOT_MERGE_TYPE"
    assert str(e4.value) == "[CANNOT_MERGE_TYPE] Can not merge type `LongType` and `StringType`."
    with pytest.raises(PySparkTypeError) as e5:
        T._infer_schema([1, 2])
    assert e5.value.getErrorClass() == "CANNOT_INFER_SCHEMA_FOR_TYPE"
    with pytest.raises(PySparkTypeError) as e6:
        T._infer_schema([([1], ["a"])]) and T._infer_schema([([1],), (["a"],)])
    assert e6.value.getErrorClass() == "CANNOT_MERGE_TYPE"


def test_merge_type():
    assert T._merge_type(LongType(), DoubleType()) == DoubleType()
    assert T._merge_type(DoubleType(), LongType()) == DoubleType()
    assert T._merge_type(IntegerType(), LongType()) == LongType()
    assert T._merge_type(NullType(), StringType()) == StringType()
    assert T._merge_type(ArrayType(LongType()), ArrayType(DoubleType(), False)) == ArrayType(DoubleType(), True)
    with pytest.raises(PySparkTypeError):
        T._merge_type(DateType(), TimestampType())
    with pytest.raises(PySparkTypeError):
        T._merge_type(BooleanType(), LongType())


# ------------------------------------------------------------------------------------------------ verification


def test_verify_accepts_good_values():
    for value, dt in [
        (1, LongType()),
        (-(2**63), LongType()),
        (2**31 - 1, IntegerType()),
        (1.5, DoubleType()),
        (True, BooleanType()),
        ("x", StringType()),
        (5, StringType()),  # the JVM stringifies anything put in a string column
        (datetime.date(2020, 1, 1), DateType()),
        (datetime.datetime(2020, 1, 1), DateType()),
        (datetime.datetime(2020, 1, 1), TimestampType()),
        ([1, None], ArrayType(LongType())),
        ((1, 2), ArrayType(LongType(), False)),
        (None, NullType()),
        (None, LongType()),
    ]:
        T._verify_value(value, dt, "a")


def test_verify_error_messages():
    with pytest.raises(PySparkTypeError) as e:
        T._verify_value("x", LongType(), "a")
    assert e.value.getErrorClass() == "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME"
    assert str(e.value) == (
        "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field a: LongType() can not accept object 'x' in type <class 'str'>."
    )
    with pytest.raises(PySparkTypeError) as e2:
        T._verify_value(1, DoubleType())
    assert str(e2.value) == "[FIELD_DATA_TYPE_UNACCEPTABLE] DoubleType() can not accept object 1 in type <class 'int'>."
    with pytest.raises(PySparkTypeError):
        T._verify_value(True, LongType(), "a")  # bool is not an int here, as in PySpark
    with pytest.raises(PySparkTypeError):
        T._verify_value(datetime.date(2020, 1, 1), TimestampType(), "a")
    with pytest.raises(PySparkTypeError):
        T._verify_value(1, NullType(), "a")
    with pytest.raises(PySparkValueError) as e3:
        T._verify_value(2**31, IntegerType(), "a")
    assert e3.value.getErrorClass() == "VALUE_OUT_OF_BOUND"
    with pytest.raises(PySparkValueError):
        T._verify_value(2**63, LongType(), "a")
    with pytest.raises(PySparkValueError) as e4:
        T._verify_value(None, LongType(), "a", nullable=False)
    assert str(e4.value) == "[FIELD_NOT_NULLABLE_WITH_NAME] field a: This field is not nullable, but got None."
    with pytest.raises(PySparkTypeError) as e5:
        T._verify_value([1, "x"], ArrayType(LongType()), "xs")
    assert e5.value.getMessageParameters()["field_name"] == "element in array field xs"
    with pytest.raises(PySparkValueError):
        T._verify_value([1, None], ArrayType(LongType(), False), "xs")


def test_verify_rows_against_a_schema():
    schema = StructType([StructField("id", LongType(), False), StructField("s", StringType())])
    verify = T._make_type_verifier(schema)
    verify((1, "a"))
    verify([1, None])
    verify({"id": 1})
    verify(Row(id=1, s="x"))
    with pytest.raises(PySparkValueError) as e:
        verify((1,))
    assert e.value.getErrorClass() == "LENGTH_SHOULD_BE_THE_SAME"
    with pytest.raises(PySparkValueError) as e2:
        verify({"s": "x"})
    assert e2.value.getMessageParameters() == {"field_name": "field id"}
    with pytest.raises(PySparkTypeError) as e3:
        verify(("1", "a"))
    assert str(e3.value).startswith("[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field id: LongType() can not accept")
    with pytest.raises(PySparkTypeError) as e4:
        verify(5)
    assert e4.value.getErrorClass() == "CANNOT_ACCEPT_OBJECT_IN_TYPE"


def test_spark_string():
    assert T._spark_string(True) == "true"
    assert T._spark_string(1.0) == "1.0"
    assert T._spark_string(1e10) == "1.0E10"
    assert T._spark_string(12) == "12"
    assert T._spark_string([1, None]) == "[1, null]"
    assert T._spark_string("x") == "x"
