"""PySpark's ``pyspark.sql.types`` for the types the Kindling engine has, plus ``Row``.

Data types: ``NullType``, ``BooleanType``, ``IntegerType``, ``LongType``, ``DoubleType``, ``StringType``,
``DateType``, ``TimestampType``, ``ArrayType``, and ``StructType``/``StructField`` for schemas. They print, compare and
hash as PySpark's do (``LongType()``, ``StructField('a', LongType(), True)``).

The private helpers at the end convert between these types and the engine's protocol types and Arrow types, and
infer and verify the types of Python values as ``SparkSession.createDataFrame`` does. Timestamps are UTC in the
engine: Kindling reads naive ``datetime`` values as UTC and returns naive UTC datetimes (PySpark uses local time).
"""

from __future__ import annotations

import datetime
import json
from functools import reduce
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple, Type, Union, overload

from kindling.sql._utils import ddl as _ddl
from kindling.sql._utils import errors as _err
from kindling.sql._utils.temporal import format_double

__all__ = [
    "DataType",
    "NullType",
    "AtomicType",
    "NumericType",
    "IntegralType",
    "FractionalType",
    "BooleanType",
    "IntegerType",
    "LongType",
    "DoubleType",
    "StringType",
    "DateType",
    "TimestampType",
    "ArrayType",
    "StructField",
    "StructType",
    "Row",
]


class DataType:
    """Base class for data types."""

    def __repr__(self) -> str:
        return self.__class__.__name__ + "()"

    def __hash__(self) -> int:
        return hash(str(self))

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, self.__class__) and self.__dict__ == other.__dict__

    def __ne__(self, other: Any) -> bool:
        return not self.__eq__(other)

    @classmethod
    def typeName(cls) -> str:
        """The type's name as ``printSchema`` shows it (``long``, ``integer``, ``string``…)."""
        return cls.__name__[:-4].lower()

    def simpleString(self) -> str:
        """The type's name in DDL and error messages (``bigint``, ``int``, ``array<string>``…)."""
        return self.typeName()

    def jsonValue(self) -> Union[str, Dict[str, Any]]:
        return self.typeName()

    def json(self) -> str:
        """The type as Spark's JSON schema text."""
        return json.dumps(self.jsonValue(), separators=(",", ":"), sort_keys=True)

    def needConversion(self) -> bool:
        return False

    @classmethod
    def fromDDL(cls, ddl: str) -> "DataType":
        """Parses a DDL string: a column list (``"a int, b string"``) gives a ``StructType``, a type name its type.

        Examples
        --------
        >>> DataType.fromDDL("b string, a int")
        StructType([StructField('b', StringType(), True), StructField('a', IntegerType(), True)])
        >>> DataType.fromDDL("array<bigint>")
        ArrayType(LongType(), True)
        """
        return _parse_datatype_string(ddl)


class DataTypeSingleton(type):
    """Metaclass making the parameterless types singletons (``LongType() is LongType()``)."""

    _instances: Dict[type, DataType] = {}

    def __call__(cls):  # type: ignore[override]
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__()
        return cls._instances[cls]


class NullType(DataType, metaclass=DataTypeSingleton):
    """The type of ``None`` (Spark's ``void``): untyped NULL literals and columns of NULLs."""

    @classmethod
    def typeName(cls) -> str:
        return "void"


class AtomicType(DataType):
    """Every type that is not null, an array or a struct."""


class NumericType(AtomicType):
    """Numeric types."""


class IntegralType(NumericType, metaclass=DataTypeSingleton):
    """Integral types."""


class FractionalType(NumericType):
    """Fractional types."""


class StringType(AtomicType, metaclass=DataTypeSingleton):
    """String data type (UTF-8)."""


class BooleanType(AtomicType, metaclass=DataTypeSingleton):
    """Boolean data type."""


class DateType(AtomicType, metaclass=DataTypeSingleton):
    """Date (``datetime.date``) data type: days since 1970-01-01."""


class TimestampType(AtomicType, metaclass=DataTypeSingleton):
    """Timestamp (``datetime.datetime``) data type: microseconds since the epoch, UTC."""


class DoubleType(FractionalType, metaclass=DataTypeSingleton):
    """Double data type: 64-bit IEEE 754 floats."""


class IntegerType(IntegralType):
    """Int data type: signed 32-bit integers."""

    def simpleString(self) -> str:
        return "int"


class LongType(IntegralType):
    """Long data type: signed 64-bit integers."""

    def simpleString(self) -> str:
        return "bigint"


class ArrayType(DataType):
    """Array data type.

    Parameters
    ----------
    elementType : :class:`DataType`
        The type of each element.
    containsNull : bool, optional
        Whether elements can be None (default True).

    Examples
    --------
    >>> ArrayType(StringType()) == ArrayType(StringType(), True)
    True
    >>> ArrayType(StringType(), False) == ArrayType(StringType())
    False
    """

    def __init__(self, elementType: DataType, containsNull: bool = True) -> None:
        if not isinstance(elementType, DataType):
            raise _err.type_error("NOT_DATATYPE_OR_STR", arg_name="elementType", arg_type=type(elementType).__name__)
        self.elementType = elementType
        self.containsNull = containsNull

    def simpleString(self) -> str:
        return "array<%s>" % self.elementType.simpleString()

    def __repr__(self) -> str:
        return "ArrayType(%s, %s)" % (self.elementType, str(self.containsNull))

    def jsonValue(self) -> Dict[str, Any]:
        return {"type": self.typeName(), "elementType": self.elementType.jsonValue(), "containsNull": self.containsNull}

    @classmethod
    def fromJson(cls, json: Dict[str, Any]) -> "ArrayType":
        return ArrayType(_parse_datatype_json_value(json["elementType"]), json["containsNull"])

    def needConversion(self) -> bool:
        return self.elementType.needConversion()


class StructField(DataType):
    """A field of a :class:`StructType`.

    Parameters
    ----------
    name : str
        The field's name.
    dataType : :class:`DataType`
        The field's type.
    nullable : bool, optional
        Whether the field can be None (default True).
    metadata : dict, optional
        Kept on the client only (the engine does not store field metadata).

    Examples
    --------
    >>> StructField("f1", StringType(), True) == StructField("f1", StringType(), True)
    True
    >>> StructField("f1", StringType(), True) == StructField("f2", StringType(), True)
    False
    """

    def __init__(
        self, name: str, dataType: DataType, nullable: bool = True, metadata: Optional[Dict[str, Any]] = None
    ) -> None:
        if not isinstance(dataType, DataType):
            raise _err.type_error("NOT_DATATYPE_OR_STR", arg_name="dataType", arg_type=type(dataType).__name__)
        if not isinstance(name, str):
            raise _err.type_error("NOT_STR", arg_name="name", arg_type=type(name).__name__)
        self.name = name
        self.dataType = dataType
        self.nullable = nullable
        self.metadata = metadata or {}

    def simpleString(self) -> str:
        return "%s:%s" % (self.name, self.dataType.simpleString())

    def __repr__(self) -> str:
        return "StructField('%s', %s, %s)" % (self.name, self.dataType, str(self.nullable))

    def jsonValue(self) -> Dict[str, Any]:
        return {"name": self.name, "type": self.dataType.jsonValue(), "nullable": self.nullable, "metadata": self.metadata}

    @classmethod
    def fromJson(cls, json: Dict[str, Any]) -> "StructField":
        return StructField(
            json["name"], _parse_datatype_json_value(json["type"]), json.get("nullable", True), json.get("metadata")
        )

    def needConversion(self) -> bool:
        return self.dataType.needConversion()

    def typeName(self) -> str:  # type: ignore[override]
        raise _err.type_error("INVALID_TYPENAME_CALL")


class StructType(DataType):
    """A schema: a list of :class:`StructField`, accessible by name or position.

    Iterating a ``StructType`` yields its fields.

    Examples
    --------
    >>> struct = StructType([StructField("f1", StringType(), True)])
    >>> struct["f1"]
    StructField('f1', StringType(), True)
    >>> struct[0]
    StructField('f1', StringType(), True)
    >>> struct.add("f2", "int").simpleString()
    'struct<f1:string,f2:int>'
    >>> print(struct.treeString(), end="")
    root
     |-- f1: string (nullable = true)
     |-- f2: integer (nullable = true)
    """

    def __init__(self, fields: Optional[Sequence[StructField]] = None) -> None:
        if not fields:
            self.fields: List[StructField] = []
            self.names: List[str] = []
        else:
            self.fields = list(fields)
            for f in self.fields:
                if not isinstance(f, StructField):
                    raise _err.type_error("NOT_LIST_OF_STRUCTFIELD", arg_name="fields", arg_type=type(f).__name__)
            self.names = [f.name for f in self.fields]

    @overload
    def add(self, field: str, data_type: Union[str, DataType], nullable: bool = True,
            metadata: Optional[Dict[str, Any]] = None) -> "StructType": ...

    @overload
    def add(self, field: StructField) -> "StructType": ...

    def add(self, field, data_type=None, nullable=True, metadata=None):  # type: ignore[no-untyped-def]
        """Appends a field, given as a :class:`StructField` or as name, type (a DataType or a type name string),
        nullable and metadata; returns this StructType.

        Examples
        --------
        >>> StructType().add("f1", StringType(), True).add("f2", "long", False)
        StructType([StructField('f1', StringType(), True), StructField('f2', LongType(), False)])
        """
        if isinstance(field, StructField):
            self.fields.append(field)
            self.names.append(field.name)
            return self
        if isinstance(field, str) and data_type is None:
            raise _err.value_error(
                "ARGUMENT_REQUIRED", arg_name="data_type", condition="passing name of struct_field to create"
            )
        data_type_f = _parse_type_name(data_type) if isinstance(data_type, str) else data_type
        self.fields.append(StructField(field, data_type_f, nullable, metadata))
        self.names.append(field)
        return self

    def __iter__(self) -> Iterator[StructField]:
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def __getitem__(self, key: Union[str, int, slice]) -> Union[StructField, "StructType"]:
        """A field by name or index, or a StructType of a slice of the fields."""
        if isinstance(key, str):
            for field in self:
                if field.name == key:
                    return field
            raise _err.make(_err.PySparkKeyError, "KEY_NOT_EXIST", key=key)
        if isinstance(key, int):
            try:
                return self.fields[key]
            except IndexError:
                raise _err.make(_err.PySparkIndexError, "INDEX_OUT_OF_RANGE", arg_name="StructType", index=key) from None
        if isinstance(key, slice):
            return StructType(self.fields[key])
        raise _err.type_error("NOT_INT_OR_SLICE_OR_STR", arg_name="key", arg_type=type(key).__name__)

    def simpleString(self) -> str:
        return "struct<%s>" % (",".join(f.simpleString() for f in self))

    def __repr__(self) -> str:
        return "StructType([%s])" % ", ".join(str(field) for field in self)

    def jsonValue(self) -> Dict[str, Any]:
        return {"type": self.typeName(), "fields": [f.jsonValue() for f in self]}

    @classmethod
    def fromJson(cls, json: Dict[str, Any]) -> "StructType":
        """The StructType of Spark's JSON schema form (``{"type": "struct", "fields": [...]}``)."""
        return StructType([StructField.fromJson(f) for f in json["fields"]])

    def fieldNames(self) -> List[str]:
        """The names of the fields, in order."""
        return list(self.names)

    def needConversion(self) -> bool:
        return True

    def treeString(self, level: Optional[int] = None) -> str:
        """The text ``printSchema()`` prints (``root`` then one `` |-- name: type (nullable = …)`` line per field)."""
        depth = level if level is not None and level > 0 else 1 << 30
        lines = ["root\n"]
        for field in self.fields:
            _field_tree(field.name, field.dataType, field.nullable, " |", lines, depth)
        return "".join(lines)


def _escape_meta(s: str) -> str:
    return (
        s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
        .replace("\f", "\\f").replace("\b", "\\b").replace("\v", "\\v").replace("\a", "\\a")
    )


def _field_tree(name: str, dt: DataType, nullable: bool, prefix: str, out: List[str], depth: int) -> None:
    if depth <= 0:
        return
    out.append(f"{prefix}-- {_escape_meta(name)}: {dt.typeName()} (nullable = {str(nullable).lower()})\n")
    _nested_tree(dt, prefix + "    |", out, depth)


def _nested_tree(dt: DataType, prefix: str, out: List[str], depth: int) -> None:
    if isinstance(dt, ArrayType) and depth > 1:
        out.append(
            f"{prefix}-- element: {dt.elementType.typeName()} (containsNull = {str(dt.containsNull).lower()})\n"
        )
        _nested_tree(dt.elementType, prefix + "    |", out, depth - 1)
    elif isinstance(dt, StructType) and depth > 1:
        for f in dt.fields:
            _field_tree(f.name, f.dataType, f.nullable, prefix, out, depth - 1)


# ---------------------------------------------------------------------------------------------------------------------
# Row


def _create_row(fields: Sequence[str], values: Sequence[Any]) -> "Row":
    row = Row(*values)
    row.__fields__ = list(fields)
    return row


class Row(tuple):
    """A row of a DataFrame: a tuple whose values can also be read by field name.

    ``Row(name="Alice", age=11)`` makes a row (fields in the order given); ``Row("name", "age")`` makes a row class
    that is called with the values. Rows compare as tuples.

    Examples
    --------
    >>> row = Row(name="Alice", age=11)
    >>> row
    Row(name='Alice', age=11)
    >>> row['name'], row['age']
    ('Alice', 11)
    >>> row.name, row.age
    ('Alice', 11)
    >>> 'name' in row
    True
    >>> 'wrong_key' in row
    False
    >>> Person = Row("name", "age")
    >>> Person
    <Row('name', 'age')>
    >>> Person("Alice", 11)
    Row(name='Alice', age=11)
    >>> Row(name="Alice", age=11) == Row(age="Alice", name=11)
    True
    """

    def __new__(cls, *args: Optional[str], **kwargs: Optional[Any]) -> "Row":
        if args and kwargs:
            raise _err.value_error("CANNOT_SET_TOGETHER", arg_list="args and kwargs")
        if kwargs:
            row = tuple.__new__(cls, list(kwargs.values()))
            row.__fields__ = list(kwargs.keys())
            return row
        return tuple.__new__(cls, args)

    def asDict(self, recursive: bool = False) -> Dict[str, Any]:
        """The row as a dict of field name to value; ``recursive=True`` also converts nested Rows (in lists and
        dicts too).

        Examples
        --------
        >>> Row(name="Alice", age=11).asDict() == {'name': 'Alice', 'age': 11}
        True
        >>> row = Row(key=1, value=Row(name='a', age=2))
        >>> row.asDict(True) == {'key': 1, 'value': {'name': 'a', 'age': 2}}
        True
        """
        if not hasattr(self, "__fields__"):
            raise _err.type_error("CANNOT_CONVERT_TYPE", from_type="Row", to_type="dict")
        if recursive:

            def conv(obj: Any) -> Any:
                if isinstance(obj, Row):
                    return obj.asDict(True)
                if isinstance(obj, list):
                    return [conv(o) for o in obj]
                if isinstance(obj, dict):
                    return {k: conv(v) for k, v in obj.items()}
                return obj

            return dict(zip(self.__fields__, (conv(o) for o in self)))
        return dict(zip(self.__fields__, self))

    def __contains__(self, item: Any) -> bool:
        # As PySpark: a row with field names answers by name; a row class by value.
        if hasattr(self, "__fields__"):
            return item in self.__fields__
        return super().__contains__(item)

    def __call__(self, *args: Any) -> "Row":
        """Creates a row of this row class from values."""
        if len(args) > len(self):
            raise _err.value_error("TOO_MANY_VALUES", expected=len(self), item="fields", actual=len(args))
        return _create_row(self, args)

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, (int, slice)):
            return super().__getitem__(item)
        try:
            idx = self.__fields__.index(item)
            return super().__getitem__(idx)
        except IndexError:
            raise _err.make(_err.PySparkKeyError, "KEY_NOT_EXIST", key=str(item)) from None
        except ValueError:
            raise _err.value_error("KEY_NOT_EXIST", key=str(item)) from None

    def __getattr__(self, item: str) -> Any:
        if item.startswith("__"):
            raise _err.make(_err.PySparkAttributeError, "ATTRIBUTE_NOT_SUPPORTED", attr_name=item)
        try:
            idx = self.__fields__.index(item)
            return self[idx]
        except (IndexError, ValueError):
            raise _err.make(_err.PySparkAttributeError, "ATTRIBUTE_NOT_SUPPORTED", attr_name=item) from None

    def __setattr__(self, key: Any, value: Any) -> None:
        if key != "__fields__":
            raise _err.make(_err.PySparkRuntimeError, "READ_ONLY", object="Row")
        self.__dict__[key] = value

    def __reduce__(self) -> Any:
        """Pickles as ``_create_row(fields, values)`` (or as a plain tuple for a row class)."""
        if hasattr(self, "__fields__"):
            return (_create_row, (self.__fields__, tuple(self)))
        return tuple.__reduce__(self)

    def __repr__(self) -> str:
        if hasattr(self, "__fields__"):
            return "Row(%s)" % ", ".join("%s=%r" % (k, v) for k, v in zip(self.__fields__, tuple(self)))
        return "<Row(%s)>" % ", ".join(repr(field) for field in self)


# ---------------------------------------------------------------------------------------------------------------------
# Parsing type strings


def _primitive(name: str, params: List[str]) -> Optional[DataType]:
    if name in ("varchar", "char", "character"):
        return StringType() if len(params) == 1 else None
    if params:
        return None
    return _DDL_NAMES.get(name)


_DDL_NAMES: Dict[str, DataType] = {
    "boolean": BooleanType(),
    "bool": BooleanType(),
    # Kindling has one integer type below bigint; narrower ones widen to int.
    "tinyint": IntegerType(),
    "byte": IntegerType(),
    "smallint": IntegerType(),
    "short": IntegerType(),
    "int": IntegerType(),
    "integer": IntegerType(),
    "bigint": LongType(),
    "long": LongType(),
    # … and one floating type.
    "float": DoubleType(),
    "real": DoubleType(),
    "double": DoubleType(),
    "string": StringType(),
    "date": DateType(),
    "timestamp": TimestampType(),
    "timestamp_ltz": TimestampType(),
    "void": NullType(),
}

_TYPE_FACTORY = _ddl.TypeFactory(
    primitive=_primitive,
    array=lambda element: ArrayType(element, True),
    struct=lambda fields: StructType(fields),
    field=lambda name, dt, nullable: StructField(name, dt, nullable),
)


def _parse_datatype_string(s: str) -> DataType:
    """Parses a schema or type string as PySpark does; raises ``ParseException`` for bad input.

    Examples
    --------
    >>> _parse_datatype_string("int ")
    IntegerType()
    >>> _parse_datatype_string("a: byte, b: decimal(  16 , 8   ) ")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    kindling.errors.ParseException: [UNSUPPORTED_DATATYPE] ...
    >>> _parse_datatype_string("a: int, b: string")
    StructType([StructField('a', IntegerType(), True), StructField('b', StringType(), True)])
    >>> _parse_datatype_string("array<string>")
    ArrayType(StringType(), True)
    """
    if not isinstance(s, str):
        raise _err.type_error("NOT_STR", arg_name="s", arg_type=type(s).__name__)
    return _ddl.parse_schema_or_type(s, _TYPE_FACTORY)


def _parse_data_type(s: str) -> DataType:
    """One data type name (``"int"``, ``"array<string>"``), as ``Column.cast`` accepts."""
    return _ddl.parse_data_type(s, _TYPE_FACTORY)


_JSON_NAMES: Dict[str, DataType] = {
    "boolean": BooleanType(),
    "integer": IntegerType(),
    "long": LongType(),
    "double": DoubleType(),
    "string": StringType(),
    "date": DateType(),
    "timestamp": TimestampType(),
    "void": NullType(),
    "null": NullType(),
}


def _parse_type_name(s: str) -> DataType:
    """A type given as a string to ``StructType.add``: a JSON type name (``"long"``) or a DDL one (``"bigint"``)."""
    return _JSON_NAMES.get(s.strip().lower()) or _parse_data_type(s)


def _parse_datatype_json_value(json_value: Union[str, Dict[str, Any]]) -> DataType:
    if isinstance(json_value, str):
        return _parse_type_name(json_value)
    tpe = json_value.get("type")
    if tpe == "struct":
        return StructType.fromJson(json_value)
    if tpe == "array":
        return ArrayType.fromJson(json_value)
    raise _err.type_error("UNSUPPORTED_DATA_TYPE", data_type=json.dumps(json_value))


def _parse_datatype_json_string(json_string: str) -> DataType:
    """The DataType of Spark's JSON type text (``DataType.json()``)."""
    return _parse_datatype_json_value(json.loads(json_string))


# ---------------------------------------------------------------------------------------------------------------------
# Engine protocol types: dicts {"kind": "int64"} / {"kind": "array", "element": {...}, "containsNull": True}

_KIND_OF: Dict[type, str] = {
    NullType: "null",
    BooleanType: "boolean",
    IntegerType: "int32",
    LongType: "int64",
    DoubleType: "float64",
    StringType: "string",
    DateType: "date",
    TimestampType: "timestamp",
    ArrayType: "array",
}
_TYPE_OF_KIND: Dict[str, DataType] = {
    "null": NullType(),
    "boolean": BooleanType(),
    "int32": IntegerType(),
    "int64": LongType(),
    "float64": DoubleType(),
    "string": StringType(),
    "date": DateType(),
    "timestamp": TimestampType(),
}


def to_protocol_type_kind(dt: DataType) -> str:
    """The engine's type kind of ``dt``: null boolean int32 int64 float64 string date timestamp array."""
    kind = _KIND_OF.get(type(dt))
    if kind is None:
        raise _err.type_error("UNSUPPORTED_DATA_TYPE", data_type=repr(dt))
    return kind


def to_protocol_type(dt: DataType) -> Dict[str, Any]:
    """``dt`` as the protocol type dict (the inverse of :func:`from_protocol_type`)."""
    kind = to_protocol_type_kind(dt)
    if isinstance(dt, ArrayType):
        return {"kind": "array", "element": to_protocol_type(dt.elementType), "containsNull": dt.containsNull}
    return {"kind": kind}


def from_protocol_type(type_dict: Dict[str, Any]) -> DataType:
    """The DataType of a protocol type dict as ``schema_codec.decode_schema`` yields them."""
    kind = type_dict["kind"]
    if kind == "array":
        return ArrayType(from_protocol_type(type_dict["element"]), bool(type_dict.get("containsNull", True)))
    dt = _TYPE_OF_KIND.get(kind)
    if dt is None:
        raise _err.type_error("UNSUPPORTED_DATA_TYPE", data_type=str(kind))
    return dt


def schema_from_protocol(fields: Sequence[Tuple[str, Dict[str, Any], bool]]) -> StructType:
    """The StructType of decoded protocol fields ``(name, type_dict, nullable)``."""
    return StructType([StructField(name, from_protocol_type(t), bool(nullable)) for name, t, nullable in fields])


# ---------------------------------------------------------------------------------------------------------------------
# Arrow types (the engine's batches: int32, int64, float64, utf8, bool, date32, timestamp[us, UTC], null, list)


def to_arrow_type(dt: DataType) -> Any:
    """The Arrow type the engine uses for ``dt`` (timestamps: ``timestamp('us', tz='UTC')``; lists: item field
    named ``element``)."""
    import pyarrow as pa

    if isinstance(dt, BooleanType):
        return pa.bool_()
    if isinstance(dt, IntegerType):
        return pa.int32()
    if isinstance(dt, LongType):
        return pa.int64()
    if isinstance(dt, DoubleType):
        return pa.float64()
    if isinstance(dt, StringType):
        return pa.string()
    if isinstance(dt, DateType):
        return pa.date32()
    if isinstance(dt, TimestampType):
        return pa.timestamp("us", tz="UTC")
    if isinstance(dt, NullType):
        return pa.null()
    if isinstance(dt, ArrayType):
        return pa.list_(pa.field("element", to_arrow_type(dt.elementType), nullable=dt.containsNull))
    raise _err.type_error("UNSUPPORTED_DATA_TYPE_FOR_ARROW_CONVERSION", data_type=repr(dt))


def to_arrow_schema(schema: StructType) -> Any:
    """The Arrow schema of a StructType (field nullability kept)."""
    import pyarrow as pa

    return pa.schema([pa.field(f.name, to_arrow_type(f.dataType), nullable=f.nullable) for f in schema])


def from_arrow_type(at: Any) -> DataType:
    """The Kindling type of an Arrow type; narrower integers and floats widen (int8/16/32, uint8/16 → int;
    int64, uint32, uint64 → bigint; float16/32/64 → double)."""
    import pyarrow as pa
    import pyarrow.types as pt

    if pt.is_boolean(at):
        return BooleanType()
    if pt.is_int8(at) or pt.is_int16(at) or pt.is_int32(at) or pt.is_uint8(at) or pt.is_uint16(at):
        return IntegerType()
    if pt.is_int64(at) or pt.is_uint32(at) or pt.is_uint64(at):
        return LongType()
    if pt.is_floating(at):
        return DoubleType()
    if pt.is_string(at) or pt.is_large_string(at) or getattr(pt, "is_string_view", lambda _: False)(at):
        return StringType()
    if pt.is_dictionary(at):
        return from_arrow_type(at.value_type)
    if pt.is_date(at):
        return DateType()
    if pt.is_timestamp(at):
        return TimestampType()
    if pt.is_null(at):
        return NullType()
    if pt.is_list(at) or pt.is_large_list(at) or pt.is_fixed_size_list(at) or getattr(pt, "is_list_view", lambda _: False)(at):
        return ArrayType(from_arrow_type(at.value_type), at.value_field.nullable)
    del pa
    raise _err.type_error("UNSUPPORTED_DATA_TYPE_FOR_ARROW_CONVERSION", data_type=str(at))


def from_arrow_schema(schema: Any) -> StructType:
    """The StructType of an Arrow schema."""
    return StructType([StructField(f.name, from_arrow_type(f.type), f.nullable) for f in schema])


# ---------------------------------------------------------------------------------------------------------------------
# Inferring the types of Python values (SparkSession.createDataFrame without a schema)

_type_mappings: Dict[type, Type[DataType]] = {
    type(None): NullType,
    bool: BooleanType,
    int: LongType,
    float: DoubleType,
    str: StringType,
    datetime.date: DateType,
    datetime.datetime: TimestampType,
}


def _unsupported_kind(obj: Any) -> Optional[str]:
    """The PySpark type a value would have that Kindling has no type for (None when it is not one of those)."""
    import decimal

    if isinstance(obj, dict):
        return "MapType"
    if isinstance(obj, (bytes, bytearray)):
        return "BinaryType"
    if isinstance(obj, decimal.Decimal):
        return "DecimalType"
    if isinstance(obj, datetime.timedelta):
        return "DayTimeIntervalType"
    if isinstance(obj, tuple) or hasattr(obj, "__dict__"):
        return "StructType"
    return None


def _infer_type(obj: Any) -> DataType:
    """The type PySpark infers for a value: int → LongType, float → DoubleType, str, bool, date, datetime → Timestamp,
    None → NullType, list → ArrayType of the merged element types.

    Examples
    --------
    >>> _infer_type(1), _infer_type(1.5), _infer_type(True)
    (LongType(), DoubleType(), BooleanType())
    >>> _infer_type([1, None, 2.5])
    ArrayType(DoubleType(), True)
    """
    mapped = _type_mappings.get(type(obj))
    if mapped is not None:
        return mapped()
    if isinstance(obj, list):
        if obj:
            return ArrayType(reduce(_merge_type, (_infer_type(v) for v in obj), NullType()), True)
        return ArrayType(NullType(), True)
    kind = _unsupported_kind(obj)
    raise _err.type_error("UNSUPPORTED_DATA_TYPE", data_type=kind or type(obj).__name__)


def _infer_row_schema(row: Any, names: Optional[Sequence[str]] = None) -> StructType:
    """The schema of one row: a dict (fields sorted by name), a Row, a namedtuple, a tuple or list (named by
    ``names``, then ``_1``, ``_2``…), or an object (its ``__dict__``, sorted)."""
    if isinstance(row, dict):
        items = sorted(row.items())
    elif isinstance(row, (tuple, list)):
        if hasattr(row, "__fields__"):
            items = list(zip(row.__fields__, tuple(row)))
        elif hasattr(row, "_fields"):
            items = list(zip(row._fields, tuple(row)))
        else:
            all_names = list(names) if names is not None else []
            if len(all_names) < len(row):
                all_names.extend("_%d" % i for i in range(len(all_names) + 1, len(row) + 1))
            items = list(zip(all_names, row))
    elif hasattr(row, "__dict__"):
        items = sorted(row.__dict__.items())
    else:
        raise _err.type_error("CANNOT_INFER_SCHEMA_FOR_TYPE", data_type=type(row).__name__)

    fields = []
    for k, v in items:
        fields.append(StructField(k, _infer_type(v), True))
    return StructType(fields)


def _infer_schema(rows: Sequence[Any], names: Optional[Sequence[str]] = None) -> StructType:
    """The schema of a list of rows, merging the rows' types as ``createDataFrame`` does.

    Raises ``PySparkValueError`` ``CANNOT_INFER_EMPTY_SCHEMA`` for no rows, ``CANNOT_DETERMINE_TYPE`` when a column
    (or array element) is always None, and ``PySparkTypeError`` ``CANNOT_MERGE_TYPE`` for conflicting types (int and
    float merge to double).

    Examples
    --------
    >>> _infer_schema([(1, "a"), (2.5, None)], ["x", "y"])
    StructType([StructField('x', DoubleType(), True), StructField('y', StringType(), True)])
    """
    rows = list(rows)
    if not rows:
        raise _err.value_error("CANNOT_INFER_EMPTY_SCHEMA")
    schema = reduce(_merge_type, (_infer_row_schema(row, names) for row in rows))
    if _has_nulltype(schema):
        raise _err.value_error("CANNOT_DETERMINE_TYPE")
    assert isinstance(schema, StructType)
    return schema


def _has_nulltype(dt: DataType) -> bool:
    if isinstance(dt, StructType):
        return any(_has_nulltype(f.dataType) for f in dt.fields)
    if isinstance(dt, ArrayType):
        return _has_nulltype(dt.elementType)
    return isinstance(dt, NullType)


_NUMERIC_RANK = {IntegerType: 0, LongType: 1, DoubleType: 2}


def _merge_type(a: DataType, b: DataType, name: Optional[str] = None) -> DataType:
    """The type covering both ``a`` and ``b``: NullType gives way; int, bigint and double widen to the wider;
    structs merge by field name; anything else must be equal."""
    if isinstance(a, NullType):
        return b
    if isinstance(b, NullType):
        return a
    ra, rb = _NUMERIC_RANK.get(type(a)), _NUMERIC_RANK.get(type(b))
    if ra is not None and rb is not None:
        return a if ra >= rb else b
    if type(a) is not type(b):
        raise _err.type_error("CANNOT_MERGE_TYPE", data_type1=type(a).__name__, data_type2=type(b).__name__)
    if isinstance(a, StructType):
        assert isinstance(b, StructType)
        nfs = {f.name: f.dataType for f in b.fields}
        fields = [
            StructField(f.name, _merge_type(f.dataType, nfs.get(f.name, NullType()), name=f.name)) for f in a.fields
        ]
        names = {f.name for f in fields}
        for n in nfs:
            if n not in names:
                fields.append(StructField(n, nfs[n]))
        return StructType(fields)
    if isinstance(a, ArrayType):
        assert isinstance(b, ArrayType)
        return ArrayType(_merge_type(a.elementType, b.elementType, name=name), True)
    return a


# ---------------------------------------------------------------------------------------------------------------------
# Verifying values against a schema (createDataFrame with verifySchema=True)

_acceptable_types: Dict[type, Tuple[type, ...]] = {
    BooleanType: (bool,),
    IntegerType: (int,),
    LongType: (int,),
    DoubleType: (float,),
    DateType: (datetime.date, datetime.datetime),
    TimestampType: (datetime.datetime,),
    ArrayType: (list, tuple),
    StructType: (tuple, list, dict),
}


def _make_type_verifier(dataType: DataType, nullable: bool = True, name: Optional[str] = None) -> Callable[[Any], None]:
    """A function raising PySpark's errors when a value does not fit ``dataType`` (``name`` prefixes messages,
    ``"field a"`` for top-level fields). StringType accepts any value, as in PySpark (the JVM stringifies it)."""

    def verify_nullability(obj: Any) -> bool:
        if obj is None:
            if nullable:
                return True
            if name is not None:
                raise _err.value_error("FIELD_NOT_NULLABLE_WITH_NAME", field_name=name)
            raise _err.value_error("FIELD_NOT_NULLABLE")
        return False

    _type = type(dataType)

    def verify_acceptable_types(obj: Any) -> None:
        if type(obj) not in _acceptable_types.get(_type, ()):
            if name is not None:
                raise _err.type_error(
                    "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME",
                    field_name=name,
                    data_type=str(dataType),
                    obj=repr(obj),
                    obj_type=str(type(obj)),
                )
            raise _err.type_error(
                "FIELD_DATA_TYPE_UNACCEPTABLE", data_type=str(dataType), obj=repr(obj), obj_type=str(type(obj))
            )

    def bounds(lo: int, hi: int) -> Callable[[Any], None]:
        def verify_integral(obj: Any) -> None:
            verify_acceptable_types(obj)
            if obj < lo or obj > hi:
                raise _err.value_error(
                    "VALUE_OUT_OF_BOUND", arg_name="obj", lower_bound=str(lo), upper_bound=str(hi), actual=str(obj)
                )

        return verify_integral

    verify_value: Callable[[Any], None]
    if isinstance(dataType, StringType):

        def verify_value(obj: Any) -> None:
            pass

    elif isinstance(dataType, IntegerType):
        verify_value = bounds(-2147483648, 2147483647)
    elif isinstance(dataType, LongType):
        verify_value = bounds(-9223372036854775808, 9223372036854775807)
    elif isinstance(dataType, ArrayType):
        element_verifier = _make_type_verifier(dataType.elementType, dataType.containsNull, name="element in array %s" % name)

        def verify_value(obj: Any) -> None:
            verify_acceptable_types(obj)
            for i in obj:
                element_verifier(i)

    elif isinstance(dataType, StructType):
        verifiers = []
        for f in dataType.fields:
            field_name = "field %s" % f.name if name is None else "field %s in %s" % (f.name, name)
            verifiers.append((f.name, _make_type_verifier(f.dataType, f.nullable, name=field_name)))

        def verify_value(obj: Any) -> None:
            if isinstance(obj, dict):
                for f, verifier in verifiers:
                    verifier(obj.get(f))
            elif isinstance(obj, (tuple, list)):
                if len(obj) != len(verifiers):
                    raise _err.value_error(
                        "LENGTH_SHOULD_BE_THE_SAME",
                        arg1="obj",
                        arg2="fields",
                        arg1_length=str(len(obj)),
                        arg2_length=str(len(verifiers)),
                    )
                for v, (_, verifier) in zip(obj, verifiers):
                    verifier(v)
            elif hasattr(obj, "__dict__"):
                d = obj.__dict__
                for f, verifier in verifiers:
                    verifier(d.get(f))
            else:
                raise _err.type_error(
                    "CANNOT_ACCEPT_OBJECT_IN_TYPE", data_type="StructType", obj_name=str(obj), obj_type=type(obj).__name__
                )

    else:
        verify_value = verify_acceptable_types

    def verify(obj: Any) -> None:
        if not verify_nullability(obj):
            verify_value(obj)

    return verify


def _verify_value(value: Any, dataType: DataType, field_name: Optional[str] = None, nullable: bool = True) -> None:
    """Checks one value against ``dataType``; errors name it ``field <field_name>`` as PySpark's do.

    Examples
    --------
    >>> _verify_value("x", LongType(), "a")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    kindling.errors.PySparkTypeError: [FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field a: LongType() can not accept object 'x' in type <class 'str'>.
    """
    name = None if field_name is None else "field %s" % field_name
    _make_type_verifier(dataType, nullable, name)(value)


def _spark_string(value: Any) -> str:
    """How the JVM stringifies a Python value placed in a StringType column (``True`` → ``true``, ``1.0`` → ``1.0``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_double(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join("null" if v is None else _spark_string(v) for v in value) + "]"
    return str(value)
