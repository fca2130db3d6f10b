"""The client's expression trees (what a Column holds), their FlatBuffers encoding, and Spark's printed form.

Nodes mirror ``expressions.fbs``: names stay unresolved, operators are ``Call``s named as in BRIDGE.md
(``+ - * / % = != <=> < <= > >= and or not negate isNull isNotNull in``); the engine resolves and type-checks them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional, Tuple

from kindling.sql._utils import errors as _err
from kindling.sql._utils.gen import gen
from kindling.sql._utils.temporal import format_date, format_double, format_timestamp
from kindling.sql.types import (
    ArrayType,
    BooleanType,
    DataType,
    DateType,
    DecimalType,
    DoubleType,
    IntegerType,
    LongType,
    NullType,
    StringType,
    StructType,
    TimestampType,
)

# --------------------------------------------------------------------------------------------------------------------
# Nodes

# Every node keeps its encoded Expression table once written (``_expr_wire.subtree``): nodes are immutable, so the
# bytes stay right; the field takes no part in construction, equality, hashing or printing.
def _wire_field() -> Any:
    return field(default=None, init=False, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class ColumnRef:
    """A column by name (``a``, ``t.a``, ```a.b```); ``plan_id`` > 0 pins it to the DataFrame with that handle."""

    name: str
    plan_id: int = 0
    _wire: Any = _wire_field()


@dataclass(frozen=True, slots=True)
class Star:
    """``*`` or ``qualifier.*``."""

    qualifier: Optional[str] = None
    _wire: Any = _wire_field()


LITERAL_KINDS = ("null", "boolean", "int32", "int64", "float64", "string", "date", "timestamp", "decimal")


@dataclass(frozen=True, slots=True)
class Literal:
    """One value of ``kind`` (one of ``LITERAL_KINDS``); date = days since the epoch, timestamp = µs since the epoch
    (UTC), decimal = its plain text (``1.50``, whose digits give its type); ``value`` None is a NULL of that kind."""

    kind: str
    value: Any
    _wire: Any = _wire_field()


@dataclass(frozen=True, slots=True)
class Call:
    """An operator or a function by name; ``distinct`` for ``count(DISTINCT …)``; ``count`` with no args is
    ``count(*)``."""

    name: str
    args: Tuple[Any, ...] = ()
    distinct: bool = False
    _wire: Any = _wire_field()


@dataclass(frozen=True, slots=True)
class Alias:
    child: Any
    name: str
    # ``AS (a, b)``: every name, for a generator with several output columns (``name`` is the first).
    names: Tuple[str, ...] = ()
    _wire: Any = _wire_field()


@dataclass(frozen=True, slots=True)
class SqlExpr:
    """A SQL expression string (``F.expr``, ``selectExpr``, ``filter("…")``), parsed by the engine."""

    text: str
    _wire: Any = _wire_field()


@dataclass(frozen=True, slots=True)
class Cast:
    child: Any
    to: DataType
    _wire: Any = _wire_field()


@dataclass(frozen=True, slots=True)
class CaseWhen:
    """``CASE WHEN c1 THEN v1 … [ELSE otherwise] END``; ``otherwise`` None = no ELSE."""

    conditions: Tuple[Any, ...]
    values: Tuple[Any, ...]
    otherwise: Any = None
    _wire: Any = _wire_field()


@dataclass(frozen=True, slots=True)
class SortOrder:
    child: Any
    descending: bool
    nulls_first: bool
    _wire: Any = _wire_field()


@dataclass(frozen=True, slots=True)
class WindowExpr:
    """``function OVER (PARTITION BY … ORDER BY … frame)``; ``frame`` is None (Spark's default) or
    ``(frame_type, lower, upper)`` with frame_type ``"rows"``/``"range"`` and bounds as ints (0 = CURRENT ROW,
    negative = PRECEDING) or None for UNBOUNDED."""
    function: Any
    partition_spec: Tuple[Any, ...] = ()
    order_spec: Tuple[Any, ...] = ()
    frame: Optional[Tuple[str, Optional[int], Optional[int]]] = None
    _wire: Any = _wire_field()


@dataclass(frozen=True, slots=True, eq=False)
class PythonUdf:
    """A call of a Python function: ``command`` is the cloudpickled function, run by the engine's Python workers;
    ``eval_type`` is a ``PythonEvalType`` value of the protocol schema."""

    name: str
    eval_type: int
    command: bytes
    return_type: DataType
    args: Tuple[Any, ...] = ()
    deterministic: bool = True
    #: Ids of the broadcast variables the command refers to (``sc.broadcast``), shipped once per worker.
    broadcast_ids: Tuple[int, ...] = ()
    _wire: Any = _wire_field()


@dataclass(frozen=True, slots=True)
class LambdaFunction:
    """``(x_0, y_1) -> body``: an argument of a higher-order function's ``Call``, after its other arguments."""

    params: Tuple[str, ...]
    body: Any
    _wire: Any = _wire_field()


@dataclass(frozen=True, slots=True)
class LambdaVariable:
    """A parameter of an enclosing :class:`LambdaFunction`, by name."""

    name: str
    _wire: Any = _wire_field()


Expr = Any  # one of the node classes above

# --------------------------------------------------------------------------------------------------------------------
# Encoding

_TYPE_KIND_NAMES = {
    "null": "Null",
    "boolean": "Boolean",
    "int32": "Int32",
    "int64": "Int64",
    "float64": "Float64",
    "string": "String",
    "date": "Date",
    "timestamp": "Timestamp",
    "array": "Array",
    "binary": "Binary",
    "struct": "Struct",
    "decimal": "Decimal",
    "map": "Map",
}


def _type_kind(kind: str) -> int:
    return getattr(gen("TypeKind").TypeKind, _TYPE_KIND_NAMES[kind])


def _kind_of(dt: DataType) -> str:
    from kindling.sql.types import to_protocol_type_kind

    return to_protocol_type_kind(dt)


def encode_data_type(builder: Any, dt: DataType) -> int:
    """Writes ``dt`` as a ``kindling.protocol.DataType`` table; returns its offset."""
    m = gen("DataType")
    element = encode_data_type(builder, dt.elementType) if isinstance(dt, ArrayType) else None
    fields = _encode_fields(builder, dt, m.StartFieldsVector) if isinstance(dt, StructType) else None
    is_map = _kind_of(dt) == "map"
    key = encode_data_type(builder, dt.keyType) if is_map else None  # type: ignore[attr-defined]
    value = encode_data_type(builder, dt.valueType) if is_map else None  # type: ignore[attr-defined]
    kind = _type_kind(_kind_of(dt))
    m.Start(builder)
    m.AddKind(builder, kind)
    if element is not None:
        m.AddElement(builder, element)
        m.AddContainsNull(builder, bool(dt.containsNull))
    if fields is not None:
        m.AddFields(builder, fields)
    if key is not None:
        m.AddKey(builder, key)
        m.AddValue(builder, value)
        m.AddValueContainsNull(builder, bool(dt.valueContainsNull))  # type: ignore[attr-defined]
    if isinstance(dt, DecimalType):
        m.AddPrecision(builder, int(dt.precision))
        m.AddScale(builder, int(dt.scale))
    return m.End(builder)


def encode_schema(builder: Any, schema: StructType) -> int:
    """Writes a StructType as a ``kindling.protocol.Schema`` table (name, type, nullable per field); returns its
    offset."""
    sm = gen("Schema")
    vec = _encode_fields(builder, schema, sm.StartFieldsVector)
    sm.Start(builder)
    sm.AddFields(builder, vec)
    return sm.End(builder)


def _encode_fields(builder: Any, schema: StructType, start: Any) -> int:
    """The vector of Field tables of a schema or struct type; ``start`` is the owning table's StartFieldsVector."""
    fm = gen("Field")
    offsets = []
    for f in schema.fields:
        name = builder.CreateString(f.name)
        t = encode_data_type(builder, f.dataType)
        fm.Start(builder)
        fm.AddName(builder, name)
        fm.AddType(builder, t)
        fm.AddNullable(builder, bool(f.nullable))
        offsets.append(fm.End(builder))
    return _offset_vector(builder, start, offsets)


def _offset_vector(builder: Any, start: Any, offsets: list) -> int:
    start(builder, len(offsets))
    for off in reversed(offsets):
        builder.PrependUOffsetTRelative(off)
    return builder.EndVector()


def _encode_literal(builder: Any, e: Literal) -> int:
    m = gen("Literal")
    if e.kind not in LITERAL_KINDS:
        raise _err.type_error("UNSUPPORTED_DATA_TYPE", data_type=e.kind)
    s = builder.CreateString(e.value) if e.kind in ("string", "decimal") and e.value is not None else None
    m.Start(builder)
    m.AddType(builder, _type_kind(e.kind))
    if e.value is None or e.kind == "null":
        m.AddIsNull(builder, True)
    elif e.kind == "boolean":
        m.AddBoolValue(builder, bool(e.value))
    elif e.kind in ("int32", "int64", "date", "timestamp"):
        m.AddLongValue(builder, int(e.value))
    elif e.kind == "float64":
        m.AddDoubleValue(builder, float(e.value))
    else:
        m.AddStringValue(builder, s)
    return m.End(builder)


def _encode_node(builder: Any, e: Expr) -> Tuple[str, int]:
    """Writes the node table of ``e``; returns (ExprNode member name, offset)."""
    if isinstance(e, ColumnRef):
        m = gen("ColumnRef")
        name = builder.CreateString(e.name)
        m.Start(builder)
        m.AddName(builder, name)
        if e.plan_id:
            m.AddPlanId(builder, e.plan_id)
        return "ColumnRef", m.End(builder)
    if isinstance(e, Star):
        m = gen("Star")
        q = builder.CreateString(e.qualifier) if e.qualifier is not None else None
        m.Start(builder)
        if q is not None:
            m.AddQualifier(builder, q)
        return "Star", m.End(builder)
    if isinstance(e, Literal):
        return "Literal", _encode_literal(builder, e)
    if isinstance(e, Call):
        m = gen("Call")
        args = [encode_expression(builder, a) for a in e.args]
        name = builder.CreateString(e.name)
        vec = _offset_vector(builder, m.StartArgsVector, args)
        m.Start(builder)
        m.AddName(builder, name)
        m.AddArgs(builder, vec)
        if e.distinct:
            m.AddDistinct(builder, True)
        return "Call", m.End(builder)
    if isinstance(e, Alias):
        m = gen("Alias")
        child = encode_expression(builder, e.child)
        name = builder.CreateString(e.name)
        names = _offset_vector(builder, m.StartNamesVector, [builder.CreateString(n) for n in e.names]) if e.names else None
        m.Start(builder)
        m.AddChild(builder, child)
        m.AddName(builder, name)
        if names is not None:
            m.AddNames(builder, names)
        return "Alias", m.End(builder)
    if isinstance(e, SqlExpr):
        m = gen("SqlExpression")
        text = builder.CreateString(e.text)
        m.Start(builder)
        m.AddText(builder, text)
        return "SqlExpression", m.End(builder)
    if isinstance(e, Cast):
        m = gen("Cast")
        child = encode_expression(builder, e.child)
        to = encode_data_type(builder, e.to)
        m.Start(builder)
        m.AddChild(builder, child)
        m.AddTo(builder, to)
        return "Cast", m.End(builder)
    if isinstance(e, CaseWhen):
        m = gen("CaseWhen")
        conds = [encode_expression(builder, c) for c in e.conditions]
        vals = [encode_expression(builder, v) for v in e.values]
        other = encode_expression(builder, e.otherwise) if e.otherwise is not None else None
        cvec = _offset_vector(builder, m.StartConditionsVector, conds)
        vvec = _offset_vector(builder, m.StartValuesVector, vals)
        m.Start(builder)
        m.AddConditions(builder, cvec)
        m.AddValues(builder, vvec)
        if other is not None:
            m.AddOtherwise(builder, other)
        return "CaseWhen", m.End(builder)
    if isinstance(e, PythonUdf):
        m = gen("PythonUdf")
        args = [encode_expression(builder, a) for a in e.args]
        name = builder.CreateString(e.name)
        command = builder.CreateByteVector(e.command)
        rt = encode_data_type(builder, e.return_type)
        vec = _offset_vector(builder, m.StartArgsVector, args)
        bids = 0
        if e.broadcast_ids:
            m.StartBroadcastIdsVector(builder, len(e.broadcast_ids))
            for bid in reversed(e.broadcast_ids):
                builder.PrependInt64(bid)
            bids = builder.EndVector()
        m.Start(builder)
        m.AddName(builder, name)
        m.AddEvalType(builder, e.eval_type)
        m.AddCommand(builder, command)
        m.AddReturnType(builder, rt)
        m.AddArgs(builder, vec)
        m.AddDeterministic(builder, bool(e.deterministic))
        if bids:
            m.AddBroadcastIds(builder, bids)
        return "PythonUdf", m.End(builder)
    if isinstance(e, SortOrder):
        m = gen("SortOrder")
        child = encode_expression(builder, e.child)
        m.Start(builder)
        m.AddChild(builder, child)
        m.AddDescending(builder, bool(e.descending))
        m.AddNullsFirst(builder, bool(e.nulls_first))
        return "SortOrder", m.End(builder)
    if isinstance(e, WindowExpr):
        return "WindowExpr", _encode_window(builder, e)
    if isinstance(e, LambdaFunction):
        m = gen("LambdaFunction")
        body = encode_expression(builder, e.body)
        params = _offset_vector(builder, m.StartParamsVector, [builder.CreateString(p) for p in e.params])
        m.Start(builder)
        m.AddParams(builder, params)
        m.AddBody(builder, body)
        return "LambdaFunction", m.End(builder)
    if isinstance(e, LambdaVariable):
        m = gen("LambdaVariable")
        name = builder.CreateString(e.name)
        m.Start(builder)
        m.AddName(builder, name)
        return "LambdaVariable", m.End(builder)
    raise TypeError(f"not an expression node: {e!r}")


def _encode_window(builder: Any, e: "WindowExpr") -> int:
    m = gen("WindowExpr")
    fn = encode_expression(builder, e.function)
    parts = [encode_expression(builder, p) for p in e.partition_spec]
    orders = [encode_expression(builder, o) for o in e.order_spec]
    pvec = _offset_vector(builder, m.StartPartitionSpecVector, parts)
    ovec = _offset_vector(builder, m.StartOrderSpecVector, orders)
    frame_type = gen("FrameType").FrameType
    m.Start(builder)
    m.AddWindowFunction(builder, fn)
    m.AddPartitionSpec(builder, pvec)
    m.AddOrderSpec(builder, ovec)
    if e.frame is None:
        m.AddFrameType(builder, frame_type.Default)
    else:
        kind, lower, upper = e.frame
        m.AddFrameType(builder, frame_type.Rows if kind == "rows" else frame_type.Range)
        m.AddLowerUnbounded(builder, lower is None)
        m.AddUpperUnbounded(builder, upper is None)
        m.AddLower(builder, lower or 0)
        m.AddUpper(builder, upper or 0)
    return m.End(builder)


def encode_expression(builder: Any, e: Expr) -> int:
    """Writes ``e`` as a ``kindling.protocol.Expression`` table into ``builder``; returns its offset."""
    member, node = _encode_node(builder, e)
    m = gen("Expression")
    m.Start(builder)
    m.AddNodeType(builder, getattr(gen("ExprNode").ExprNode, member))
    m.AddNode(builder, node)
    return m.End(builder)


# --------------------------------------------------------------------------------------------------------------------
# Printing: Spark's toPrettySQL, as Column.__repr__ and generated column names show expressions

_PLAIN_IDENTIFIER = re.compile(r"[A-Za-z0-9_]+")
_BINARY = {"+", "-", "*", "/", "%", "=", "<=>", "<", "<=", ">", ">="}
# Functions Spark prints under another name in generated column names.
_PRETTY_FUNCTION_NAMES = {"floor": "FLOOR", "ceil": "CEIL", "ceiling": "CEIL", "sqrt": "SQRT"}


def _quote_part(part: str) -> str:
    return f"`{part.replace('`', '``')}`" if "." in part else part


def _name_parts(name: str) -> list:
    """``a.b`` / ```a.b`.c`` split as Spark's ``UnresolvedAttribute.parseAttributeName``."""
    parts, cur, quoted, i = [], "", False, 0
    while i < len(name):
        ch = name[i]
        if ch == "`":
            if quoted and i + 1 < len(name) and name[i + 1] == "`":
                cur += "`"
                i += 2
                continue
            quoted = not quoted
        elif ch == "." and not quoted:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    parts.append(cur)
    return parts


def _literal_text(e: Literal) -> str:
    v = e.value
    if v is None or e.kind == "null":
        return "NULL"
    if e.kind == "boolean":
        return "true" if v else "false"
    if e.kind == "float64":
        return format_double(float(v))
    if e.kind == "date":
        return f"DATE '{format_date(int(v))}'"
    if e.kind == "timestamp":
        return f"TIMESTAMP '{format_timestamp(int(v))}'"
    return str(v)


def type_sql(dt: DataType) -> str:
    """A type as Spark's SQL prints it in ``CAST(… AS INT)``."""
    if isinstance(dt, ArrayType):
        return f"ARRAY<{type_sql(dt.elementType)}>"
    if isinstance(dt, StructType):
        return "STRUCT<" + ", ".join(f"{f.name}: {type_sql(f.dataType)}" for f in dt.fields) + ">"
    return dt.simpleString().upper()


def pretty(e: Expr) -> str:
    """Spark's printed form of an expression: ``(a + 1)``, ``sum(b)``, ``count(1)``, ``(a = x)``, ``(NOT a)``,
    ``CAST(a AS INT)``, ``a AS b``, ``a ASC NULLS FIRST``."""
    if isinstance(e, ColumnRef):
        return ".".join(_quote_part(p) for p in _name_parts(e.name))
    if isinstance(e, Star):
        return "*" if e.qualifier is None else f"{e.qualifier}.*"
    if isinstance(e, Literal):
        return _literal_text(e)
    if isinstance(e, Alias):
        if len(e.names) > 1:
            return f"{pretty(e.child)} AS ({', '.join(_quote_alias(n) for n in e.names)})"
        return f"{pretty(e.child)} AS {_quote_alias(e.name)}"
    if isinstance(e, SqlExpr):
        return e.text
    if isinstance(e, Cast):
        return f"CAST({pretty(e.child)} AS {type_sql(e.to)})"
    if isinstance(e, CaseWhen):
        parts = "".join(f" WHEN {pretty(c)} THEN {pretty(v)}" for c, v in zip(e.conditions, e.values))
        other = f" ELSE {pretty(e.otherwise)}" if e.otherwise is not None else ""
        return f"CASE{parts}{other} END"
    if isinstance(e, SortOrder):
        direction = "DESC" if e.descending else "ASC"
        nulls = "NULLS FIRST" if e.nulls_first else "NULLS LAST"
        return f"{pretty(e.child)} {direction} {nulls}"
    if isinstance(e, WindowExpr):
        return f"{pretty(e.function)} OVER ({_window_text(e)})"
    if isinstance(e, Call):
        return _pretty_call(e)
    if isinstance(e, PythonUdf):
        return f"{e.name}({', '.join(pretty(a) for a in e.args)})"
    if isinstance(e, LambdaFunction):
        return f"lambdafunction({', '.join([pretty(e.body), *e.params])})"
    if isinstance(e, LambdaVariable):
        return e.name
    raise TypeError(f"not an expression node: {e!r}")


def _window_text(e: "WindowExpr") -> str:
    parts = []
    if e.partition_spec:
        parts.append("PARTITION BY " + ", ".join(pretty(p) for p in e.partition_spec))
    if e.order_spec:
        parts.append("ORDER BY " + ", ".join(pretty(o) for o in e.order_spec))
    if e.frame is not None:
        kind, lower, upper = e.frame

        def bound(b: Optional[int], unbounded: str) -> str:
            if b is None:
                return unbounded
            if b == 0:
                return "CURRENT ROW"
            return f"{abs(b)} {'PRECEDING' if b < 0 else 'FOLLOWING'}"

        parts.append(f"{kind.upper()} BETWEEN {bound(lower, 'UNBOUNDED PRECEDING')} AND "
                     f"{bound(upper, 'UNBOUNDED FOLLOWING')}")
    return " ".join(parts)


def _quote_alias(name: str) -> str:
    # Spark's quoteIfNeeded: plain ASCII identifiers stay bare.
    if _PLAIN_IDENTIFIER.fullmatch(name) and not name.isdigit():
        return name
    return f"`{name.replace('`', '``')}`"


def _pretty_call(e: Call) -> str:
    n, a = e.name, [pretty(x) for x in e.args]
    if n == "get_field" and len(a) == 2 and isinstance(e.args[1], Literal):
        return f"{a[0]}.{e.args[1].value}"
    if n == "subscript" and len(a) == 2:
        return f"{a[0]}[{a[1]}]"
    if n in _BINARY and len(a) == 2:
        return f"({a[0]} {n} {a[1]})"
    if n == "!=" and len(a) == 2:
        return f"(NOT ({a[0]} = {a[1]}))"
    if n in ("and", "or") and len(a) == 2:
        return f"({a[0]} {n.upper()} {a[1]})"
    if n == "not" and len(a) == 1:
        return f"(NOT {a[0]})"
    if n == "negate" and len(a) == 1:
        return f"(- {a[0]})"
    if n == "isNull" and len(a) == 1:
        return f"({a[0]} IS NULL)"
    if n == "isNotNull" and len(a) == 1:
        return f"({a[0]} IS NOT NULL)"
    if n == "in" and a:
        return f"({a[0]} IN ({', '.join(a[1:])}))"
    if n == "like" and len(a) == 2:
        return f"{a[0]} LIKE {a[1]}"
    if n == "count" and not a:
        return "count(1)"
    if n == "first" and len(a) == 2 and isinstance(e.args[1], Literal) and e.args[1].kind == "boolean":
        # Spark's First keeps ignoreNulls out of its SQL text: first(a).
        return f"first({a[0]})"
    name = _PRETTY_FUNCTION_NAMES.get(n, n)
    return f"{name}({'DISTINCT ' if e.distinct else ''}{', '.join(a)})"


# Types of literal kinds, for callers that need the DataType of a literal.
LITERAL_TYPES = {
    "null": NullType(),
    "boolean": BooleanType(),
    "int32": IntegerType(),
    "int64": LongType(),
    "float64": DoubleType(),
    "string": StringType(),
    "date": DateType(),
    "timestamp": TimestampType(),
}
