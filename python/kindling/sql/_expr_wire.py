"""An expression's encoded Expression table, written once and kept on the (immutable) node for every later frame.

The common nodes (column, star, literal, call, alias, SQL text, sort order, cast) are written front to back from
LAYOUT templates (:mod:`kindling._protocol.forward`), reusing their children's cached pieces, so ``col("x") > 1``
costs the ``>`` node only; the rare ones (CASE WHEN, UDFs, windows) go through the generic builder once and are
cached the same way. The decoded result is the same as ``encode_expression`` writes (tests compare both).
"""

from __future__ import annotations

import struct
from typing import Any, Callable

from kindling._protocol import forward as fw
from kindling._protocol.fast_builder import FastBuilder

from . import _expr as E

_T = fw.Template
_EXPRESSION = _T("Expression", ["node_type", "node"])
_ROOT = _EXPRESSION.table
_INTEGRAL_KINDS = ("int32", "int64", "date", "timestamp")
_INT64 = (-(2**63), 2**63 - 1)
_U8, _U32, _I64, _U64, _F64 = fw.PACK_U8, fw.PACK_U32, fw.PACK_I64, fw.PACK_U64, fw.PACK_F64
_TYPE_KIND = {k: E._type_kind(k) for k in E.LITERAL_KINDS}


class _Node:
    """An Expression table and its node table as one blob (``pre``): the Expression already points at the node,
    the node's fields are at ``at[name]``; a child written right after the blob starts at ``len(pre)``."""

    __slots__ = ("pre", "at")

    def __init__(self, member: str, table: str, present, scalars=()) -> None:
        t = _T(table, present)
        buf = bytearray(_EXPRESSION.blob)
        _U8(buf, _EXPRESSION.at["node_type"], fw.union_index("ExprNode", member))
        field = _EXPRESSION.at["node"]
        _U32(buf, field, len(buf) + t.table - field)
        base = len(buf)
        buf += t.blob
        self.at = {name: base + off for name, off in t.at.items()}
        for name, pack, value in scalars:
            pack(buf, self.at[name], value)
        self.pre = bytes(buf)

    def build(self, scalars=(), children=()) -> fw.Subtree:
        """The blob with ``scalars`` (name, pack_into, value) set and ``children`` (name, piece, root in it) after."""
        buf = bytearray(self.pre)
        at = self.at
        for name, pack, value in scalars:
            pack(buf, at[name], value)
        for name, data, root in children:
            field = at[name]
            _U32(buf, field, len(buf) + root - field)
            buf += data
        return fw.Subtree(bytes(buf), _ROOT)


_COLUMN_REF = _Node("ColumnRef", "ColumnRef", ["name"])
_COLUMN_REF_PLAN = _Node("ColumnRef", "ColumnRef", ["name", "plan_id"])
_STAR = _Node("Star", "Star", [])
_STAR_QUALIFIED = _Node("Star", "Star", ["qualifier"])
_CALL = _Node("Call", "Call", ["name", "args"])
_CALL_DISTINCT = _Node("Call", "Call", ["name", "args", "distinct"], [("distinct", _U8, 1)])
_ALIAS = _Node("Alias", "Alias", ["child", "name"])
_ALIAS_NAMES = _Node("Alias", "Alias", ["child", "name", "names"])
_SQL = _Node("SqlExpression", "SqlExpression", ["text"])
_SORT_ORDER = _Node("SortOrder", "SortOrder", ["child", "descending", "nulls_first"])
_CAST = _Node("Cast", "Cast", ["child", "to"])
_LITERAL_NULL = {k: _Node("Literal", "Literal", ["type", "is_null"], [("type", _U8, v), ("is_null", _U8, 1)])
                 for k, v in _TYPE_KIND.items()}
_LITERAL_TRUE = _Node("Literal", "Literal", ["type", "bool_value"],
                      [("type", _U8, _TYPE_KIND["boolean"]), ("bool_value", _U8, 1)])
_LITERAL_FALSE = _Node("Literal", "Literal", ["type", "bool_value"], [("type", _U8, _TYPE_KIND["boolean"])])
_LITERAL_LONG = {k: _Node("Literal", "Literal", ["type", "long_value"], [("type", _U8, _TYPE_KIND[k])])
                 for k in _INTEGRAL_KINDS}
_LITERAL_DOUBLE = _Node("Literal", "Literal", ["type", "double_value"], [("type", _U8, _TYPE_KIND["float64"])])
_LITERAL_STRING = _Node("Literal", "Literal", ["type", "string_value"], [("type", _U8, _TYPE_KIND["string"])])
# A decimal travels as its plain text (`1.50`), whose digits give its type.
_LITERAL_DECIMAL = _Node("Literal", "Literal", ["type", "string_value"], [("type", _U8, _TYPE_KIND["decimal"])])
_CALL_AT = (_CALL.pre, _CALL.at["name"], _CALL.at["args"])
_CALL_DISTINCT_AT = (_CALL_DISTINCT.pre, _CALL_DISTINCT.at["name"], _CALL_DISTINCT.at["args"])
_CR_NAME = _COLUMN_REF.at["name"]
_CR_PRE = _COLUMN_REF.pre
_LONG_AT = _LITERAL_LONG["int64"].at["long_value"]
_string_piece = fw.string_piece
_name_piece = fw.name_piece
_Subtree = fw.Subtree


def subtree(e: Any) -> fw.Subtree:
    """``e`` as an encoded Expression table (cached on the node: nodes are immutable)."""
    try:
        w = e._wire
    except AttributeError:  # not a node: the builder raises the generic error
        return builder_piece(lambda b: E.encode_expression(b, e))
    if w is None:
        w = _expression(e)
        object.__setattr__(e, "_wire", w)
    return w


def _expression(e: Any) -> fw.Subtree:
    try:
        w = _node(e)
    except (AttributeError, TypeError, ValueError, OverflowError, struct.error):
        w = None  # a value the templates cannot hold: the builder writes it, or raises its usual error
    return builder_piece(lambda b: E.encode_expression(b, e)) if w is None else w


def builder_piece(write: Callable[[Any], int]) -> fw.Subtree:
    """What ``write(builder)`` writes, as a spliceable piece: the builder aligns against the end of its buffer, so
    front padding to a multiple of 8 keeps every alignment once the piece is placed 8-aligned."""
    b = FastBuilder(128)
    off = write(b)
    data = b.Bytes[b.head:]
    pad = (-len(data)) & 7
    return fw.Subtree(bytes(pad) + bytes(data), pad + len(data) - off)


def _string(s: str) -> Any:
    return _string_piece(s), 0


def _child(e: Any) -> Any:
    w = subtree(e)
    return w.data, w.root


def _node(e: Any):
    """The Expression piece of the nodes written from templates; None for the ones left to the builder."""
    t = type(e)
    if t is E.ColumnRef:
        if not e.plan_id:
            # The hot case (every column name): the name string right after the fixed blob.
            buf = bytearray(_CR_PRE)
            _U32(buf, _CR_NAME, len(buf) - _CR_NAME)
            buf += _string_piece(e.name)
            return _Subtree(bytes(buf), _ROOT)
        if not 0 < e.plan_id < 2**64:
            return None  # the builder raises the range error
        return _COLUMN_REF_PLAN.build([("plan_id", _U64, e.plan_id)], [("name", *_string(e.name))])
    if t is E.Call:
        pre, at_name, at_args = _CALL_DISTINCT_AT if e.distinct else _CALL_AT
        name = _name_piece(e.name)  # function and operator names: a small set, used over and over
        pieces = [subtree(a) for a in e.args]
        buf = bytearray(pre)
        vec = len(buf)
        _U32(buf, at_name, vec - at_name)
        buf += name
        vec += len(name)
        _U32(buf, at_args, vec - at_args)
        pos = (4 + 4 * len(pieces) + 7) & ~7
        targets = []
        for p in pieces:
            targets.append(pos + p.root)
            pos += len(p.data)
        buf += fw.vector_head(targets)
        for p in pieces:
            buf += p.data
        return _Subtree(bytes(buf), _ROOT)
    if t is E.Literal:
        return _literal(e)
    if t is E.Alias:
        if e.names:
            return _ALIAS_NAMES.build((), [("child", *_child(e.child)), ("name", *_string(e.name)),
                                           ("names", fw.vector_of_strings(e.names), 0)])
        return _ALIAS.build((), [("child", *_child(e.child)), ("name", *_string(e.name))])
    if t is E.Star:
        if e.qualifier is None:
            return _STAR.build()
        return _STAR_QUALIFIED.build((), [("qualifier", *_string(e.qualifier))])
    if t is E.SqlExpr:
        return _SQL.build((), [("text", *_string(e.text))])
    if t is E.SortOrder:
        return _SORT_ORDER.build([("descending", _U8, bool(e.descending)), ("nulls_first", _U8, bool(e.nulls_first))],
                                 [("child", *_child(e.child))])
    if t is E.Cast:
        to = builder_piece(lambda b: E.encode_data_type(b, e.to))
        return _CAST.build((), [("child", *_child(e.child)), ("to", to.data, to.root)])
    return None


def _literal(e: Any):
    kind, v = e.kind, e.value
    if kind not in _TYPE_KIND:
        return None  # the builder raises the error naming the kind
    if v is None or kind == "null":
        return _LITERAL_NULL[kind].build()
    if kind == "boolean":
        return (_LITERAL_TRUE if v else _LITERAL_FALSE).build()
    if kind in _INTEGRAL_KINDS:
        n = int(v)
        if not _INT64[0] <= n <= _INT64[1]:
            return None
        buf = bytearray(_LITERAL_LONG[kind].pre)
        _I64(buf, _LONG_AT, n)
        return _Subtree(bytes(buf), _ROOT)
    if kind == "float64":
        return _LITERAL_DOUBLE.build([("double_value", _F64, float(v))])
    if not isinstance(v, str):
        return None
    return (_LITERAL_DECIMAL if kind == "decimal" else _LITERAL_STRING).build((), [("string_value", *_string(v))])
