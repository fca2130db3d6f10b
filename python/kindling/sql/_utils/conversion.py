"""Conversions between Kindling's DataTypes and the engine's protocol type dicts and Arrow types.

Re-exported by :mod:`kindling.sql.types`; import them from there.
"""

from __future__ import annotations

from typing import Any, Dict, Sequence, Tuple

from kindling.sql._utils import errors as _err
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
    BinaryType: "binary",
    DecimalType: "decimal",
    ArrayType: "array",
    StructType: "struct",
    MapType: "map",
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
    "binary": BinaryType(),
}


def to_protocol_type_kind(dt: DataType) -> str:
    """The engine's type kind of ``dt``: null boolean int32 int64 float64 string date timestamp array struct."""
    kind = _KIND_OF.get(type(dt))
    if kind is None:
        raise _err.type_error("UNSUPPORTED_DATA_TYPE", data_type=repr(dt))
    return kind


def to_protocol_type(dt: DataType) -> Dict[str, Any]:
    """``dt`` as the protocol type dict (the inverse of :func:`from_protocol_type`)."""
    kind = to_protocol_type_kind(dt)
    if isinstance(dt, ArrayType):
        return {"kind": "array", "element": to_protocol_type(dt.elementType), "containsNull": dt.containsNull}
    if isinstance(dt, StructType):
        return {"kind": "struct", "fields": [(f.name, to_protocol_type(f.dataType), f.nullable) for f in dt.fields]}
    if isinstance(dt, MapType):
        return {"kind": "map", "key": to_protocol_type(dt.keyType), "value": to_protocol_type(dt.valueType),
                "valueContainsNull": dt.valueContainsNull}
    if isinstance(dt, DecimalType):
        return {"kind": "decimal", "precision": dt.precision, "scale": dt.scale}
    return {"kind": kind}


def from_protocol_type(type_dict: Dict[str, Any]) -> DataType:
    """The DataType of a protocol type dict as ``schema_codec.decode_schema`` yields them."""
    kind = type_dict["kind"]
    if kind == "array":
        return ArrayType(from_protocol_type(type_dict["element"]), bool(type_dict.get("containsNull", True)))
    if kind == "struct":
        return schema_from_protocol(type_dict["fields"])
    if kind == "map":
        return MapType(from_protocol_type(type_dict["key"]), from_protocol_type(type_dict["value"]),
                       bool(type_dict.get("valueContainsNull", True)))
    if kind == "decimal":
        return DecimalType(int(type_dict["precision"]), int(type_dict["scale"]))
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
    if isinstance(dt, DecimalType):
        if not 1 <= dt.precision <= 38:
            raise _err.value_error("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", precision=dt.precision, max_precision=38)
        return pa.decimal128(dt.precision, dt.scale)
    if isinstance(dt, StringType):
        return pa.string()
    if isinstance(dt, DateType):
        return pa.date32()
    if isinstance(dt, TimestampType):
        return pa.timestamp("us", tz="UTC")
    if isinstance(dt, NullType):
        return pa.null()
    if isinstance(dt, BinaryType):
        return pa.binary()
    if isinstance(dt, ArrayType):
        return pa.list_(pa.field("element", to_arrow_type(dt.elementType), nullable=dt.containsNull))
    if isinstance(dt, StructType):
        return pa.struct([pa.field(f.name, to_arrow_type(f.dataType), nullable=f.nullable) for f in dt.fields])
    if isinstance(dt, MapType):
        # Arrow's Map layout: non-null `entries` structs of a non-null `key` and a `value`.
        return pa.map_(pa.field("key", to_arrow_type(dt.keyType), nullable=False),
                       pa.field("value", to_arrow_type(dt.valueType), nullable=dt.valueContainsNull))
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
    if pt.is_decimal(at):
        # The engine holds decimal128 (up to 38 digits); a wider decimal256 type is refused by DecimalType.
        return DecimalType(at.precision, at.scale)
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
    if pt.is_binary(at) or pt.is_large_binary(at):
        return BinaryType()
    is_list_view = getattr(pt, "is_list_view", lambda _: False)
    if pt.is_list(at) or pt.is_large_list(at) or pt.is_fixed_size_list(at) or is_list_view(at):
        return ArrayType(from_arrow_type(at.value_type), at.value_field.nullable)
    if pt.is_map(at):
        return MapType(from_arrow_type(at.key_type), from_arrow_type(at.item_type), at.item_field.nullable)
    if pt.is_struct(at):
        return StructType([StructField(f.name, from_arrow_type(f.type), f.nullable) for f in at])
    del pa
    raise _err.type_error("UNSUPPORTED_DATA_TYPE_FOR_ARROW_CONVERSION", data_type=str(at))


def from_arrow_schema(schema: Any) -> StructType:
    """The StructType of an Arrow schema."""
    return StructType([StructField(f.name, from_arrow_type(f.type), f.nullable) for f in schema])


# ---------------------------------------------------------------------------------------------------------------------
# Nested values of results: structs arrive as dicts (Arrow's to_pylist) or tuples (pickled rows); Python gets Rows.


def struct_value_converter(dt: DataType) -> Any:
    """A function turning a result value of type ``dt`` into what PySpark's ``collect()`` gives (structs as
    :class:`Row`, also inside arrays and other structs), or None when values of ``dt`` need no conversion."""
    from kindling.sql.types import _create_row

    if isinstance(dt, StructType):
        names = dt.names
        inner = [struct_value_converter(f.dataType) for f in dt.fields]

        def to_row(v: Any) -> Any:
            if v is None:
                return None
            # Arrow gives a list of (name, value) pairs when field names repeat, else a dict.
            values = list(v.values()) if isinstance(v, dict) else [x[1] for x in v] if isinstance(v, list) else list(v)
            return _create_row(names, [c(x) if c is not None else x for c, x in zip(inner, values)])

        return to_row
    if isinstance(dt, ArrayType):
        element = struct_value_converter(dt.elementType)
        if element is None:
            return None
        return lambda v: None if v is None else [element(x) for x in v]
    if isinstance(dt, MapType):
        # A dict, as PySpark gives; Arrow's to_pylist yields (key, value) pairs, pickled rows a dict already.
        key = struct_value_converter(dt.keyType) or (lambda x: x)
        value = struct_value_converter(dt.valueType) or (lambda x: x)

        def to_dict(v: Any) -> Any:
            if v is None:
                return None
            items = v.items() if isinstance(v, dict) else v
            return {key(k): value(x) for k, x in items}

        return to_dict
    return None
