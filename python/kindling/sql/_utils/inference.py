"""Inferring the types of Python values and verifying values against types, as ``createDataFrame`` does.

Re-exported by :mod:`kindling.sql.types`; import them from there.
"""

from __future__ import annotations

import datetime
import decimal
from functools import reduce
from typing import Any, Callable, Dict, Optional, Sequence, Tuple, Type

from kindling.sql._utils import errors as _err
from kindling.sql._utils.temporal import format_double
from kindling.sql.types import (
    ArrayType,
    BinaryType,
    BooleanType,
    DataType,
    DateType,
    DecimalType,
    DoubleType,
    IntegerType,
    LongType,
    MapType,
    NullType,
    StringType,
    StructField,
    StructType,
    TimestampType,
)

# ---------------------------------------------------------------------------------------------------------------------
# Inferring the types of Python values (SparkSession.createDataFrame without a schema)

_type_mappings: Dict[type, Type[DataType]] = {
    type(None): NullType,
    bool: BooleanType,
    int: LongType,
    float: DoubleType,
    str: StringType,
    bytes: BinaryType,
    bytearray: BinaryType,
    datetime.date: DateType,
    datetime.datetime: TimestampType,
}


def _unsupported_kind(obj: Any) -> Optional[str]:
    """The PySpark type a value would have that Kindling has no type for (None when it is not one of those)."""
    if isinstance(obj, datetime.timedelta):
        return "DayTimeIntervalType"
    return None


def _infer_type(obj: Any) -> DataType:
    """The type PySpark infers for a value: int → LongType, float → DoubleType, str, bool, date,
    datetime → TimestampType, None → NullType, list → ArrayType of the merged element types; a Row, namedtuple,
    tuple or object → StructType (as a row: ``_1``, ``_2``… for plain tuples), dict → MapType of its first entry
    without a None.

    Examples
    --------
    >>> _infer_type(1), _infer_type(1.5), _infer_type(True)
    (LongType(), DoubleType(), BooleanType())
    >>> _infer_type([1, None, 2.5])
    ArrayType(DoubleType(), True)
    >>> _infer_type((1, "a")).simpleString()
    'struct<_1:bigint,_2:string>'
    >>> _infer_type({"a": None, "b": 1})
    MapType(StringType(), LongType(), True)
    """
    mapped = _type_mappings.get(type(obj))
    if mapped is not None:
        return mapped()
    if isinstance(obj, decimal.Decimal):
        # PySpark's choice: every digit a Decimal may carry, whatever this one's precision.
        return DecimalType(38, 18)
    if isinstance(obj, list):
        if obj:
            return ArrayType(reduce(_merge_type, (_infer_type(v) for v in obj), NullType()), True)
        return ArrayType(NullType(), True)
    if isinstance(obj, dict):
        # PySpark (spark.sql.pyspark.inferNestedDictAsStruct off): the types of the first entry with neither None.
        for k, v in obj.items():
            if k is not None and v is not None:
                return MapType(_infer_type(k), _infer_type(v), True)
        return MapType(NullType(), NullType(), True)
    if isinstance(obj, tuple) or (hasattr(obj, "__dict__") and not isinstance(obj, type)):
        return _infer_row_schema(obj)
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
    if isinstance(dt, MapType):
        return _has_nulltype(dt.keyType) or _has_nulltype(dt.valueType)
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
    if isinstance(a, MapType):
        assert isinstance(b, MapType)
        return MapType(_merge_type(a.keyType, b.keyType, name=name), _merge_type(a.valueType, b.valueType, name=name), True)
    return a


# ---------------------------------------------------------------------------------------------------------------------
# Verifying values against a schema (createDataFrame with verifySchema=True)

_acceptable_types: Dict[type, Tuple[type, ...]] = {
    BooleanType: (bool,),
    BinaryType: (bytearray, bytes),
    IntegerType: (int,),
    LongType: (int,),
    DoubleType: (float,),
    DecimalType: (decimal.Decimal,),
    DateType: (datetime.date, datetime.datetime),
    TimestampType: (datetime.datetime,),
    ArrayType: (list, tuple),
    MapType: (dict,),
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
        element_verifier = _make_type_verifier(
            dataType.elementType, dataType.containsNull, name="element in array %s" % name
        )

        def verify_value(obj: Any) -> None:
            verify_acceptable_types(obj)
            for i in obj:
                element_verifier(i)

    elif isinstance(dataType, MapType):
        key_verifier = _make_type_verifier(dataType.keyType, False, name="key of map %s" % name)
        value_verifier = _make_type_verifier(dataType.valueType, dataType.valueContainsNull, name="value of map %s" % name)

        def verify_value(obj: Any) -> None:
            verify_acceptable_types(obj)
            for k, v in obj.items():
                key_verifier(k)
                value_verifier(v)

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
                    "CANNOT_ACCEPT_OBJECT_IN_TYPE",
                    data_type="StructType",
                    obj_name=str(obj),
                    obj_type=type(obj).__name__,
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
    kindling.errors.PySparkTypeError: [FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field a: LongType() can not ...
    """
    name = None if field_name is None else "field %s" % field_name
    _make_type_verifier(dataType, nullable, name)(value)


def _spark_string(value: Any) -> str:
    """How the JVM stringifies a Python value placed in a StringType column (``True`` → ``true``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_double(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join("null" if v is None else _spark_string(v) for v in value) + "]"
    return str(value)
