"""An expression's encoded Expression table, written once and kept on the (immutable) node for every later frame.

The common nodes (column, star, literal, call, alias, SQL text, sort order, cast) are written front to back from
LAYOUT templates (:mod:`kindling._protocol.forward`), reusing their children's cached pieces, so ``col("x") > 1``
costs the ``>`` node only; the rare ones (CASE WHEN, UDFs, windows) go through the generic builder once and are
cached the same way. The decoded result is the same as ``encode_expression`` writes (tests compare both).
"""

from __future__ import annotations

from typing import Any, Callable

from kindling._protocol import forward as fw
from kindling._protocol.fast_builder import FastBuilder

from . import _expr as E

_T = fw.Template
_EXPRESSION = _T("Expression", ["node_type", "node"])
_NODE_TYPE = {m: fw.union_index("ExprNode", m) for m in
              ("ColumnRef", "Star", "Literal", "Call", "Alias", "Cast", "SortOrder", "SqlExpression")}
_COLUMN_REF = _T("ColumnRef", ["name"])
_COLUMN_REF_PLAN = _T("ColumnRef", ["name", "plan_id"])
_STAR = _T("Star", [])
_STAR_QUALIFIED = _T("Star", ["qualifier"])
_CALL = _T("Call", ["name", "args"])
_CALL_DISTINCT = _T("Call", ["name", "args", "distinct"])
_ALIAS = _T("Alias", ["child", "name"])
_ALIAS_NAMES = _T("Alias", ["child", "name", "names"])
_SQL = _T("SqlExpression", ["text"])
_SORT_ORDER = _T("SortOrder", ["child", "descending", "nulls_first"])
_CAST = _T("Cast", ["child", "to"])
_LITERAL_NULL = _T("Literal", ["type", "is_null"])
_LITERAL_BOOL = _T("Literal", ["type", "bool_value"])
_LITERAL_LONG = _T("Literal", ["type", "long_value"])
_LITERAL_DOUBLE = _T("Literal", ["type", "double_value"])
_LITERAL_STRING = _T("Literal", ["type", "string_value"])
_INTEGRAL_KINDS = ("int32", "int64", "date", "timestamp")
_INT64 = (-(2**63), 2**63 - 1)
_U8, _I64, _U64, _F64 = fw.PACK_U8, fw.PACK_I64, fw.PACK_U64, fw.PACK_F64
_TYPE_KIND = {k: E._type_kind(k) for k in E.LITERAL_KINDS}


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
    node = _node(e)
    if node is None:
        return builder_piece(lambda b: E.encode_expression(b, e))
    member, piece = node
    return fw.table(_EXPRESSION, [("node_type", _U8, _NODE_TYPE[member])], [("node", piece.data, piece.root)])


def builder_piece(write: Callable[[Any], int]) -> fw.Subtree:
    """What ``write(builder)`` writes, as a spliceable piece: the builder aligns against the end of its buffer, so
    front padding to a multiple of 8 keeps every alignment once the piece is placed 8-aligned."""
    b = FastBuilder(128)
    off = write(b)
    data = b.Bytes[b.head:]
    pad = (-len(data)) & 7
    return fw.Subtree(bytes(pad) + bytes(data), pad + len(data) - off)


def _string(s: str) -> Any:
    return fw.string_piece(s), 0


def _child(e: Any) -> Any:
    w = subtree(e)
    return w.data, w.root


def _node(e: Any):
    """(ExprNode member, piece) of the nodes written from templates; None for the ones left to the builder."""
    t = type(e)
    if t is E.ColumnRef:
        if e.plan_id:
            if not 0 < e.plan_id < 2**64:
                return None  # the builder raises the range error
            return "ColumnRef", fw.table(_COLUMN_REF_PLAN, [("plan_id", _U64, e.plan_id)], [("name", *_string(e.name))])
        return "ColumnRef", fw.table(_COLUMN_REF, (), [("name", *_string(e.name))])
    if t is E.Call:
        args = fw.vector_of_subtrees([subtree(a) for a in e.args])
        if e.distinct:
            return "Call", fw.table(_CALL_DISTINCT, [("distinct", _U8, 1)],
                                    [("name", *_string(e.name)), ("args", args, 0)])
        return "Call", fw.table(_CALL, (), [("name", *_string(e.name)), ("args", args, 0)])
    if t is E.Literal:
        return _literal(e)
    if t is E.Alias:
        if e.names:
            return "Alias", fw.table(_ALIAS_NAMES, (), [("child", *_child(e.child)), ("name", *_string(e.name)),
                                                        ("names", fw.vector_of_strings(e.names), 0)])
        return "Alias", fw.table(_ALIAS, (), [("child", *_child(e.child)), ("name", *_string(e.name))])
    if t is E.Star:
        if e.qualifier is None:
            return "Star", fw.table(_STAR)
        return "Star", fw.table(_STAR_QUALIFIED, (), [("qualifier", *_string(e.qualifier))])
    if t is E.SqlExpr:
        return "SqlExpression", fw.table(_SQL, (), [("text", *_string(e.text))])
    if t is E.SortOrder:
        return "SortOrder", fw.table(_SORT_ORDER, [("descending", _U8, bool(e.descending)),
                                                   ("nulls_first", _U8, bool(e.nulls_first))],
                                     [("child", *_child(e.child))])
    if t is E.Cast:
        to = builder_piece(lambda b: E.encode_data_type(b, e.to))
        return "Cast", fw.table(_CAST, (), [("child", *_child(e.child)), ("to", to.data, to.root)])
    return None


def _literal(e: Any):
    kind, v = e.kind, e.value
    if kind not in E.LITERAL_KINDS:
        return None  # the builder raises the error naming the kind
    type_kind = ("type", _U8, _TYPE_KIND[kind])
    if v is None or kind == "null":
        return "Literal", fw.table(_LITERAL_NULL, [type_kind, ("is_null", _U8, 1)])
    if kind == "boolean":
        return "Literal", fw.table(_LITERAL_BOOL, [type_kind, ("bool_value", _U8, bool(v))])
    if kind in _INTEGRAL_KINDS:
        n = int(v)
        if not _INT64[0] <= n <= _INT64[1]:
            return None
        return "Literal", fw.table(_LITERAL_LONG, [type_kind, ("long_value", _I64, n)])
    if kind == "float64":
        return "Literal", fw.table(_LITERAL_DOUBLE, [type_kind, ("double_value", _F64, float(v))])
    if not isinstance(v, str):
        return None
    return "Literal", fw.table(_LITERAL_STRING, [type_kind], [("string_value", *_string(v))])
