"""Converts between plain schema tuples and the protocol's Schema / DataType tables.

A schema is a list of ``(name, type_dict, nullable)``; a type_dict is ``{"kind": "int64"}``, for arrays
``{"kind": "array", "element": {...}, "containsNull": True}``, for decimals ``{"kind": "decimal", "precision": 10,
"scale": 2}``, for structs ``{"kind": "struct", "fields": [(name,
type_dict, nullable), ...]}``. Kinds: boolean, int32, int64, float64, string, date, timestamp, null, binary, array,
struct (as in @kindling/core).
"""

from __future__ import annotations

from typing import Any, Iterable, List, Tuple

import struct

import flatbuffers

from kindling._gen.kindling.protocol import DataType as _DataType
from kindling._gen.kindling.protocol import Field as _Field
from kindling._gen.kindling.protocol import Schema as _Schema
from kindling._gen.kindling.protocol.TypeKind import TypeKind
from kindling._gen.layout import LAYOUT

from .errors import ProtocolError

_TO_KIND = {
    "null": TypeKind.Null,
    "boolean": TypeKind.Boolean,
    "int32": TypeKind.Int32,
    "int64": TypeKind.Int64,
    "float64": TypeKind.Float64,
    "string": TypeKind.String,
    "date": TypeKind.Date,
    "timestamp": TypeKind.Timestamp,
    "array": TypeKind.Array,
    "binary": TypeKind.Binary,
    "struct": TypeKind.Struct,
    "decimal": TypeKind.Decimal,
    "map": TypeKind.Map,
}
_FROM_KIND = {v: k for k, v in _TO_KIND.items()}

SchemaField = Tuple[str, dict, bool]


def encode_data_type(builder: flatbuffers.Builder, type_dict: dict) -> int:
    """Writes a DataType table (recursively for arrays and structs) and returns its offset."""
    kind = type_dict.get("kind")
    if kind not in _TO_KIND:
        raise ValueError(f"Unknown data type kind {kind!r}")
    element = encode_data_type(builder, type_dict["element"]) if kind == "array" else 0
    fields = _encode_fields_vector(builder, _DataType.StartFieldsVector, type_dict["fields"]) if kind == "struct" else 0
    key = encode_data_type(builder, type_dict["key"]) if kind == "map" else 0
    value = encode_data_type(builder, type_dict["value"]) if kind == "map" else 0
    _DataType.Start(builder)
    _DataType.AddKind(builder, _TO_KIND[kind])
    if kind == "array":
        _DataType.AddElement(builder, element)
        _DataType.AddContainsNull(builder, bool(type_dict.get("containsNull", True)))
    if kind == "struct":
        _DataType.AddFields(builder, fields)
    if kind == "map":
        _DataType.AddKey(builder, key)
        _DataType.AddValue(builder, value)
        _DataType.AddValueContainsNull(builder, bool(type_dict.get("valueContainsNull", True)))
    if kind == "decimal":
        _DataType.AddPrecision(builder, int(type_dict["precision"]))
        _DataType.AddScale(builder, int(type_dict["scale"]))
    return _DataType.End(builder)


def _encode_fields_vector(builder: flatbuffers.Builder, start: Any, fields: Iterable[SchemaField]) -> int:
    offsets = []
    for name, type_dict, nullable in fields:
        n = builder.CreateString(name)
        t = encode_data_type(builder, type_dict)
        _Field.Start(builder)
        _Field.AddName(builder, n)
        _Field.AddType(builder, t)
        _Field.AddNullable(builder, bool(nullable))
        offsets.append(_Field.End(builder))
    start(builder, len(offsets))
    for o in reversed(offsets):
        builder.PrependUOffsetTRelative(o)
    return builder.EndVector()


def encode_schema(builder: flatbuffers.Builder, fields: Iterable[SchemaField]) -> int:
    """Writes a Schema table holding ``fields`` (``(name, type_dict, nullable)``) in order; returns its offset."""
    vec = _encode_fields_vector(builder, _Schema.StartFieldsVector, fields)
    _Schema.Start(builder)
    _Schema.AddFields(builder, vec)
    return _Schema.End(builder)


def _malformed(message: str) -> ProtocolError:
    return ProtocolError("PROTOCOL_MALFORMED_FRAME", message)


# Slots of the fields read below, taken from the generated layout so the schema stays the one definition.
def _slot(table: str, field: str) -> int:
    for f in LAYOUT["tables"][table]["fields"]:
        if f["name"] == field:
            return 4 + 2 * f["slot"]
    raise KeyError(f"{table}.{field}")


_DT_KIND, _DT_ELEMENT, _DT_CONTAINS_NULL, _DT_FIELDS, _DT_PRECISION, _DT_SCALE = (
    _slot("DataType", n) for n in ("kind", "element", "contains_null", "fields", "precision", "scale")
)
_DT_KEY, _DT_VALUE, _DT_VALUE_CONTAINS_NULL = (_slot("DataType", n) for n in ("key", "value", "value_contains_null"))
_F_NAME, _F_TYPE, _F_NULLABLE = (_slot("Field", n) for n in ("name", "type", "nullable"))
_S_FIELDS = _slot("Schema", "fields")
# types.fbs: `contains_null: bool = true`, `nullable: bool = true` (builders omit fields equal to the default).
_DEFAULT_TRUE = True
_I32 = struct.Struct("<i").unpack_from
_U32 = struct.Struct("<I").unpack_from
_U16 = struct.Struct("<H").unpack_from


def _field(buf: Any, pos: int, voff: int) -> int:
    """The absolute position of a table field, 0 when absent (the frame was verified: every read is in bounds)."""
    vt = pos - _I32(buf, pos)[0]
    if voff >= _U16(buf, vt)[0]:
        return 0
    off = _U16(buf, vt + voff)[0]
    return pos + off if off else 0


def _ref(buf: Any, at: int) -> int:
    return at + _U32(buf, at)[0]


def _data_type_at(buf: Any, pos: int, where: str) -> dict:
    at = _field(buf, pos, _DT_KIND)
    code = buf[at] if at else 0
    kind = _FROM_KIND.get(code)
    if kind is None:
        raise _malformed(f"{where}: unknown TypeKind {code}")
    if kind == "struct":
        at = _field(buf, pos, _DT_FIELDS)
        return {"kind": "struct", "fields": _fields_at(buf, _ref(buf, at), f"{where}.fields") if at else []}
    if kind == "decimal":
        p = _field(buf, pos, _DT_PRECISION)
        s = _field(buf, pos, _DT_SCALE)
        return {"kind": "decimal", "precision": _I32(buf, p)[0] if p else 0, "scale": _I32(buf, s)[0] if s else 0}
    if kind == "map":
        k = _field(buf, pos, _DT_KEY)
        v = _field(buf, pos, _DT_VALUE)
        if not k or not v:
            raise _malformed(f"{where}: a Map type needs a key and a value type")
        cn = _field(buf, pos, _DT_VALUE_CONTAINS_NULL)
        return {"kind": "map", "key": _data_type_at(buf, _ref(buf, k), f"{where}.key"),
                "value": _data_type_at(buf, _ref(buf, v), f"{where}.value"),
                "valueContainsNull": bool(buf[cn]) if cn else _DEFAULT_TRUE}
    if kind != "array":
        return {"kind": kind}
    at = _field(buf, pos, _DT_ELEMENT)
    if not at:
        raise _malformed(f"{where}: an Array type needs an element type")
    cn = _field(buf, pos, _DT_CONTAINS_NULL)
    return {"kind": "array", "element": _data_type_at(buf, _ref(buf, at), f"{where}.element"),
            "containsNull": bool(buf[cn]) if cn else _DEFAULT_TRUE}


def decode_data_type(t: Any, where: str = "DataType") -> dict:
    """Reads a DataType table (a generated accessor object of a verified frame) into a type_dict."""
    return _data_type_at(t._tab.Bytes, t._tab.Pos, where)


def decode_schema(fb_schema: Any) -> List[SchemaField]:
    """Reads a Schema table (a generated accessor object of a verified frame) into ``(name, type_dict, nullable)``s.

    Reads the buffer directly (the generated accessors cost ~15 µs for a one-column schema, on every
    transformation's answer); the verifier has already bounds-checked every offset followed here.
    """
    buf, pos = fb_schema._tab.Bytes, fb_schema._tab.Pos
    at = _field(buf, pos, _S_FIELDS)
    if not at:
        return []
    return _fields_at(buf, _ref(buf, at), "Schema.fields")


def _fields_at(buf: Any, vec: int, where: str) -> List[SchemaField]:
    out: List[SchemaField] = []
    for i in range(_U32(buf, vec)[0]):
        fpos = _ref(buf, vec + 4 + 4 * i)
        name_at = _field(buf, fpos, _F_NAME)
        type_at = _field(buf, fpos, _F_TYPE)
        if not name_at or not type_at:
            raise _malformed(f"{where}[{i}]: a field needs a name and a type")
        s = _ref(buf, name_at)
        name = bytes(buf[s + 4:s + 4 + _U32(buf, s)[0]]).decode("utf-8")
        nl = _field(buf, fpos, _F_NULLABLE)
        out.append((name, _data_type_at(buf, _ref(buf, type_at), f"{where}[{i}] ({name}).type"),
                    bool(buf[nl]) if nl else _DEFAULT_TRUE))
    return out
