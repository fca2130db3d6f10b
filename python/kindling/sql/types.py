"""PySpark's ``pyspark.sql.types`` for the types the Kindling engine has, plus ``Row``.

Data types: ``NullType``, ``BooleanType``, ``IntegerType``, ``LongType``, ``DoubleType``, ``StringType``,
``DateType``, ``TimestampType``, ``ArrayType``, ``MapType``, and ``StructType``/``StructField`` for schemas. They print, compare and
hash as PySpark's do (``LongType()``, ``StructField('a', LongType(), True)``).

The private helpers re-exported at the end (from ``_utils.conversion`` and ``_utils.inference``) convert between
these types and the engine's protocol types and Arrow types, and infer and verify the types of Python values as
``SparkSession.createDataFrame`` does. Timestamps are UTC in the
engine: Kindling reads naive ``datetime`` values as UTC and returns naive UTC datetimes (PySpark uses local time).
"""

from __future__ import annotations

import calendar
import datetime
import json
import time
import re
from typing import Any, Dict, Iterator, List, Optional, Sequence, Union, overload

from kindling.sql._utils import ddl as _ddl
from kindling.sql._utils import errors as _err

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
    "DecimalType",
    "DoubleType",
    "StringType",
    "BinaryType",
    "DateType",
    "TimestampType",
    "ArrayType",
    "MapType",
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
        """Whether :meth:`toInternal` / :meth:`fromInternal` change values of this type."""
        return False

    def toInternal(self, obj: Any) -> Any:
        """A Python value as PySpark's internal form (dates as days, timestamps as microseconds, structs as
        tuples)."""
        return obj

    def fromInternal(self, obj: Any) -> Any:
        """The Python value of an internal one (inverse of :meth:`toInternal`)."""
        return obj

    def _sql(self) -> str:
        """The type as Spark's ``DataType.sql`` writes it (``INT``, ``DECIMAL(5,2)``, ``ARRAY<STRING>``)."""
        return self.simpleString().upper()

    def _as_nullable(self) -> "DataType":
        return self

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


class BinaryType(AtomicType, metaclass=DataTypeSingleton):
    """Binary (byte array) data type: values are ``bytearray`` when collected."""


class DateType(AtomicType, metaclass=DataTypeSingleton):
    """Date (``datetime.date``) data type: days since 1970-01-01."""

    EPOCH_ORDINAL = datetime.datetime(1970, 1, 1).toordinal()

    def needConversion(self) -> bool:
        return True

    def toInternal(self, d: Any) -> Any:
        if d is not None:
            return d.toordinal() - self.EPOCH_ORDINAL

    def fromInternal(self, v: Any) -> Any:
        if v is not None:
            return datetime.date.fromordinal(v + self.EPOCH_ORDINAL)


class TimestampType(AtomicType, metaclass=DataTypeSingleton):
    """Timestamp (``datetime.datetime``) data type: microseconds since the epoch, UTC."""

    def needConversion(self) -> bool:
        return True

    def toInternal(self, dt: Any) -> Any:
        # As PySpark: an aware datetime by its UTC instant, a naive one in the Python process's local zone.
        if dt is not None:
            seconds = calendar.timegm(dt.utctimetuple()) if dt.tzinfo else time.mktime(dt.timetuple())
            return int(seconds) * 1000000 + dt.microsecond

    def fromInternal(self, ts: Any) -> Any:
        if ts is not None:
            return datetime.datetime.fromtimestamp(ts // 1000000).replace(microsecond=ts % 1000000)


class DoubleType(FractionalType, metaclass=DataTypeSingleton):
    """Double data type: 64-bit IEEE 754 floats."""


class DecimalType(FractionalType):
    """Decimal (``decimal.Decimal``) data type: exact numbers of ``precision`` digits (at most 38), ``scale`` of
    them after the point. The engine refuses a precision over 38 (``DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION``).

    Examples
    --------
    >>> DecimalType(16, 8)
    DecimalType(16,8)
    >>> DecimalType().simpleString()
    'decimal(10,0)'
    """

    def __init__(self, precision: int = 10, scale: int = 0):
        self.precision = precision
        self.scale = scale
        self.hasPrecisionInfo = True  # this is a public API

    def simpleString(self) -> str:
        return "decimal(%d,%d)" % (self.precision, self.scale)

    def jsonValue(self) -> str:
        return "decimal(%d,%d)" % (self.precision, self.scale)

    def needConversion(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "DecimalType(%d,%d)" % (self.precision, self.scale)


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

    def toInternal(self, obj: Any) -> Any:
        if not self.needConversion():
            return obj
        return obj and [self.elementType.toInternal(v) for v in obj]

    def fromInternal(self, obj: Any) -> Any:
        if not self.needConversion():
            return obj
        return obj and [self.elementType.fromInternal(v) for v in obj]

    def _sql(self) -> str:
        return "ARRAY<%s>" % self.elementType._sql()

    def _as_nullable(self) -> "ArrayType":
        return ArrayType(self.elementType._as_nullable(), True)

    def toNullable(self) -> "ArrayType":
        """The same type with every nullability flag set (``containsNull``, nested fields').

        Returns
        -------
        :class:`ArrayType`
            The nullable type.

        Examples
        --------
        >>> ArrayType(IntegerType(), containsNull=False).toNullable()
        ArrayType(IntegerType(), True)
        """
        return self._as_nullable()


class MapType(DataType):
    """Map data type: keys of ``keyType`` (never None), values of ``valueType``.

    Parameters
    ----------
    keyType : :class:`DataType`
        The type of the keys.
    valueType : :class:`DataType`
        The type of the values.
    valueContainsNull : bool, optional
        Whether values can be None (default True).

    Examples
    --------
    >>> MapType(StringType(), IntegerType()) == MapType(StringType(), IntegerType(), True)
    True
    >>> MapType(StringType(), IntegerType(), False) == MapType(StringType(), IntegerType())
    False
    >>> MapType(StringType(), IntegerType()).simpleString()
    'map<string,int>'
    """

    def __init__(self, keyType: DataType, valueType: DataType, valueContainsNull: bool = True) -> None:
        for name, t in (("keyType", keyType), ("valueType", valueType)):
            if not isinstance(t, DataType):
                raise _err.type_error("NOT_DATATYPE_OR_STR", arg_name=name, arg_type=type(t).__name__)
        self.keyType = keyType
        self.valueType = valueType
        self.valueContainsNull = valueContainsNull

    def simpleString(self) -> str:
        return "map<%s,%s>" % (self.keyType.simpleString(), self.valueType.simpleString())

    def __repr__(self) -> str:
        return "MapType(%s, %s, %s)" % (self.keyType, self.valueType, str(self.valueContainsNull))

    def jsonValue(self) -> Dict[str, Any]:
        return {
            "type": self.typeName(),
            "keyType": self.keyType.jsonValue(),
            "valueType": self.valueType.jsonValue(),
            "valueContainsNull": self.valueContainsNull,
        }

    @classmethod
    def fromJson(cls, json: Dict[str, Any]) -> "MapType":
        return MapType(
            _parse_datatype_json_value(json["keyType"]), _parse_datatype_json_value(json["valueType"]), json["valueContainsNull"]
        )

    def needConversion(self) -> bool:
        return self.keyType.needConversion() or self.valueType.needConversion()

    def _sql(self) -> str:
        return "MAP<%s, %s>" % (self.keyType._sql(), self.valueType._sql())

    def _as_nullable(self) -> "MapType":
        return MapType(self.keyType._as_nullable(), self.valueType._as_nullable(), True)

    def toNullable(self) -> "MapType":
        """The same type with every nullability flag set (``valueContainsNull``, nested fields').

        Returns
        -------
        :class:`MapType`
            The nullable type.

        Examples
        --------
        >>> MapType(StringType(), IntegerType(), valueContainsNull=False).toNullable()
        MapType(StringType(), IntegerType(), True)
        """
        return self._as_nullable()


def _quote_if_needed(name: str) -> str:
    """Spark's QuotingUtils.quoteIfNeeded: back-quoted unless letters, digits and _ (and not all digits)."""
    if re.fullmatch(r"[a-zA-Z0-9_]+", name) and not name.isdigit():
        return name
    return "`" + name.replace("`", "``") + "`"


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
        return {
            "name": self.name,
            "type": self.dataType.jsonValue(),
            "nullable": self.nullable,
            "metadata": self.metadata,
        }

    @classmethod
    def fromJson(cls, json: Dict[str, Any]) -> "StructField":
        return StructField(
            json["name"], _parse_datatype_json_value(json["type"]), json.get("nullable", True), json.get("metadata")
        )

    def needConversion(self) -> bool:
        return self.dataType.needConversion()

    def toInternal(self, obj: Any) -> Any:
        return self.dataType.toInternal(obj)

    def fromInternal(self, obj: Any) -> Any:
        return self.dataType.fromInternal(obj)

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
                raise _err.make(
                    _err.PySparkIndexError, "INDEX_OUT_OF_RANGE", arg_name="StructType", index=key
                ) from None
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

    def toInternal(self, obj: Any) -> Any:
        """A Row, tuple, list, dict or object with those attributes as the tuple of its fields' internal values,
        as PySpark converts rows.

        Examples
        --------
        >>> import datetime
        >>> from kindling.sql.types import StructType, StructField, IntegerType, DateType
        >>> s = StructType([StructField("a", IntegerType()), StructField("d", DateType())])
        >>> s.toInternal({"a": 1, "d": datetime.date(1970, 1, 3)}), s.toInternal([1, None])
        ((1, 2), (1, None))
        """
        if obj is None:
            return None
        fields = self.fields
        convert = [f.needConversion() for f in fields]
        if isinstance(obj, dict):
            return tuple(f.toInternal(obj.get(n)) if c else obj.get(n) for n, f, c in zip(self.names, fields, convert))
        if isinstance(obj, (tuple, list)):
            return tuple(f.toInternal(v) if c else v for f, v, c in zip(fields, obj, convert))
        if hasattr(obj, "__dict__"):
            d = obj.__dict__
            return tuple(f.toInternal(d.get(n)) if c else d.get(n) for n, f, c in zip(self.names, fields, convert))
        raise _err.value_error("UNEXPECTED_TUPLE_WITH_STRUCT", tuple=str(obj))

    def fromInternal(self, obj: Any) -> Any:
        """The :class:`Row` of an internal tuple (already-converted Rows are returned as they are).

        Examples
        --------
        >>> from kindling.sql.types import StructType, StructField, IntegerType, DateType
        >>> s = StructType([StructField("a", IntegerType()), StructField("d", DateType())])
        >>> s.fromInternal((1, 2))
        Row(a=1, d=datetime.date(1970, 1, 3))
        """
        if obj is None:
            return None
        if isinstance(obj, Row):
            return obj
        values = [f.fromInternal(v) if f.needConversion() else v for f, v in zip(self.fields, obj)]
        return _create_row(self.names, values)

    def _sql(self) -> str:
        return "STRUCT<%s>" % ", ".join(
            "%s: %s%s" % (_quote_if_needed(f.name), f.dataType._sql(), "" if f.nullable else " NOT NULL") for f in self.fields)

    def _as_nullable(self) -> "StructType":
        return StructType([StructField(f.name, f.dataType._as_nullable(), True, f.metadata) for f in self.fields])

    def toNullable(self) -> "StructType":
        """The same schema with every nullability flag set, nested fields and array elements included.

        Returns
        -------
        :class:`StructType`
            The nullable schema.

        Examples
        --------
        >>> StructType([StructField("a", IntegerType(), False), StructField("b", ArrayType(IntegerType(), False), False)]).toNullable()
        StructType([StructField('a', IntegerType(), True), StructField('b', ArrayType(IntegerType(), True), True)])
        """
        return self._as_nullable()

    def toDDL(self) -> str:
        """The schema as a DDL column list, as Spark's ``StructType.toDDL`` writes it (``a INT NOT NULL,b STRING``).

        Returns
        -------
        str
            The DDL text.

        Examples
        --------
        >>> StructType([StructField("a", IntegerType(), False), StructField("b c", ArrayType(StringType()))]).toDDL()
        'a INT NOT NULL,`b c` ARRAY<STRING>'
        """
        return ",".join(
            "%s %s%s" % (_quote_if_needed(f.name), f.dataType._sql(), "" if f.nullable else " NOT NULL") for f in self.fields)

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
    out.append(f"{prefix}-- {_escape_meta(name)}: {_tree_type_name(dt)} (nullable = {str(nullable).lower()})\n")
    _nested_tree(dt, prefix + "    |", out, depth)


def _nested_tree(dt: DataType, prefix: str, out: List[str], depth: int) -> None:
    if isinstance(dt, ArrayType) and depth > 1:
        out.append(
            f"{prefix}-- element: {_tree_type_name(dt.elementType)} (containsNull = {str(dt.containsNull).lower()})\n"
        )
        _nested_tree(dt.elementType, prefix + "    |", out, depth - 1)
    elif isinstance(dt, MapType) and depth > 1:
        out.append(f"{prefix}-- key: {_tree_type_name(dt.keyType)}\n")
        _nested_tree(dt.keyType, prefix + "    |", out, depth - 1)
        out.append(
            f"{prefix}-- value: {_tree_type_name(dt.valueType)} (valueContainsNull = {str(dt.valueContainsNull).lower()})\n"
        )
        _nested_tree(dt.valueType, prefix + "    |", out, depth - 1)
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


def _tree_type_name(dt: DataType) -> str:
    """The type as ``printSchema`` names it: ``typeName`` (``long``), but ``decimal(p,s)`` in full, as Spark does."""
    return dt.simpleString() if isinstance(dt, DecimalType) else dt.typeName()


def _primitive(name: str, params: List[str]) -> Optional[DataType]:
    if name in ("varchar", "char", "character"):
        return StringType() if len(params) == 1 else None
    if name in ("decimal", "dec", "numeric"):
        # `decimal` is decimal(10,0) and `decimal(p)` decimal(p,0), as Spark's DDL.
        if len(params) > 2:
            return None
        return DecimalType(int(params[0]) if params else 10, int(params[1]) if len(params) > 1 else 0)
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
    "binary": BinaryType(),
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
    map=lambda key, value: MapType(key, value, True),
)


def _parse_datatype_string(s: str) -> DataType:
    """Parses a schema or type string as PySpark does; raises ``ParseException`` for bad input.

    Examples
    --------
    >>> _parse_datatype_string("int ")
    IntegerType()
    >>> _parse_datatype_string("a: byte, b: double")
    StructType([StructField('a', IntegerType(), True), StructField('b', DoubleType(), True)])
    >>> _parse_datatype_string("a: decimal(16, 8)")
    StructType([StructField('a', DecimalType(16,8), True)])
    >>> _parse_datatype_string("a: geometry")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    kindling.errors.ParseException: [UNSUPPORTED_DATATYPE] Unsupported data type "GEOMETRY"...
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
    "binary": BinaryType(),
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
    if tpe == "map":
        return MapType.fromJson(json_value)
    raise _err.type_error("UNSUPPORTED_DATA_TYPE", data_type=json.dumps(json_value))


def _parse_datatype_json_string(json_string: str) -> DataType:
    """The DataType of Spark's JSON type text (``DataType.json()``)."""
    return _parse_datatype_json_value(json.loads(json_string))


# The conversion, inference and verification helpers live in _utils; they are part of this module's (private) API.
from kindling.sql._utils.conversion import (  # noqa: E402
    from_arrow_schema,
    from_arrow_type,
    from_protocol_type,
    schema_from_protocol,
    struct_value_converter,
    to_arrow_schema,
    to_arrow_type,
    to_protocol_type,
    to_protocol_type_kind,
)
from kindling.sql._utils.inference import (  # noqa: E402
    _has_nulltype,
    _infer_row_schema,
    _infer_schema,
    _infer_type,
    _make_type_verifier,
    _merge_type,
    _spark_string,
    _verify_value,
)
