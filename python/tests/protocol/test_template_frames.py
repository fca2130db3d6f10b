"""The template-written frames of Project / Filter / WithColumns / Release (and the cached expression pieces) read
exactly as the generic builder's frames do, in Python and in TypeScript, for random expression trees of every node
kind; they verify, and their pieces stay valid wherever they are spliced."""

from __future__ import annotations

import random

import pytest

from kindling._client import requests as rq
from kindling._client import template_frames as tf
from kindling._client import wire
from kindling._gen.kindling.protocol.Body import Body
from kindling._protocol import envelope as env
from kindling._protocol import framing
from kindling._protocol.verify import verify_envelope
from kindling._protocol.walk import to_dict
from kindling._protocol.verify import read_envelope
from kindling.sql import _expr as E
from kindling.sql import _expr_wire as W
from kindling.sql.types import ArrayType, IntegerType, LongType, StringType, StructField, StructType

from .gen_frames import node_check

NAMES = ["", "a", "id", "t.a", "`a.b`", "naïve ☃", "𝄞", "x" * 37, "yy" * 200]
TYPES = [IntegerType(), StringType(), ArrayType(LongType(), True),
         StructType([StructField("f", StringType(), True), StructField("g", ArrayType(IntegerType(), False), False)])]


def _literal(rnd: random.Random) -> E.Literal:
    kind = rnd.choice(E.LITERAL_KINDS)
    if rnd.random() < 0.15:
        return E.Literal(kind, None)
    value = {
        "null": None,
        "boolean": rnd.random() < 0.5,
        "int32": rnd.randint(-(2**31), 2**31 - 1),
        "int64": rnd.choice([0, 1, -1, 2**63 - 1, -(2**63), rnd.randint(-(2**62), 2**62)]),
        "float64": rnd.choice([0.0, -0.0, 1.5, float("inf"), float("-inf"), rnd.uniform(-1e300, 1e300)]),
        "string": rnd.choice(NAMES),
        "date": rnd.randint(-10**6, 10**6),
        "timestamp": rnd.randint(-(2**60), 2**60),
        "decimal": rnd.choice(["1.50", "-0.005", "0", "12345678901234567890123456789012345678"]),
    }[kind]
    return E.Literal(kind, value)


def random_expr(rnd: random.Random, depth: int = 0):
    """A random tree over every node kind (leaves get likelier with depth)."""
    leaf = depth >= 4 or rnd.random() < 0.3 + 0.15 * depth
    if leaf:
        pick = rnd.randrange(5)
        if pick == 0:
            return E.ColumnRef(rnd.choice(NAMES), rnd.choice([0, 0, 1, 2**63 + 5]))
        if pick == 1:
            return E.Star(rnd.choice([None, "t", "naïve"]))
        if pick == 2:
            return E.SqlExpr(rnd.choice(NAMES))
        return _literal(rnd)
    sub = lambda: random_expr(rnd, depth + 1)  # noqa: E731
    pick = rnd.randrange(9)
    if pick <= 2:
        return E.Call(rnd.choice(["+", ">", "and", "count", "coalesce", "naïve"]),
                      tuple(sub() for _ in range(rnd.randrange(4))), rnd.random() < 0.2)
    if pick == 3:
        names = tuple(rnd.choice(NAMES) for _ in range(rnd.randrange(3)))
        return E.Alias(sub(), names[0] if names else rnd.choice(NAMES), names)
    if pick == 4:
        return E.Cast(sub(), rnd.choice(TYPES))
    if pick == 5:
        return E.SortOrder(sub(), rnd.random() < 0.5, rnd.random() < 0.5)
    if pick == 6:
        n = 1 + rnd.randrange(2)
        return E.CaseWhen(tuple(sub() for _ in range(n)), tuple(sub() for _ in range(n)),
                          sub() if rnd.random() < 0.5 else None)
    if pick == 7:
        return E.WindowExpr(sub(), (sub(),), (E.SortOrder(sub(), True, False),),
                            rnd.choice([None, ("rows", None, 0), ("range", -3, None)]))
    return E.PythonUdf("f", 100, bytes(rnd.randrange(256) for _ in range(rnd.randrange(40))), rnd.choice(TYPES),
                       (sub(),), rnd.random() < 0.5, tuple(rnd.randrange(9) for _ in range(rnd.randrange(3))))


def _requests(rnd: random.Random):
    """(template-written frame, generic frame) pairs; some expressions are shared, so cached pieces get reused."""
    shared = [random_expr(rnd) for _ in range(5)]
    pick = lambda: rnd.choice(shared) if rnd.random() < 0.3 else random_expr(rnd)  # noqa: E731
    out = []
    for i in range(200):
        rid, input_id = rnd.choice([1, i, 2**64 - 1]), rnd.choice([0, 7, 2**63])
        kind = i % 4
        body = Body.Transform
        if kind == 3:
            body = Body.Release
            build = rq.release([rnd.choice([0, 1, rnd.randrange(2**64)]) for _ in range(rnd.choice([0, 1, 2, 3, 64]))])
        elif kind == 0:
            build = rq.project(input_id, [pick() for _ in range(rnd.randrange(5))])
        elif kind == 1:
            build = rq.filter_op(input_id, pick())
        else:
            n = rnd.randrange(4)
            build = rq.with_columns(input_id, [rnd.choice(NAMES) for _ in range(n)], [pick() for _ in range(n)])
        generic = framing.encode_frame(env.build_envelope(rid, body, build.build))
        out.append((wire.frame(rid, body, build), generic))
    return out


def _payload(frame: bytes) -> bytes:
    assert int.from_bytes(frame[:4], "little") == len(frame) - 4
    return frame[4:]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_template_frames_read_as_the_generic_ones(seed):
    for fast, generic in _requests(random.Random(seed)):
        p = _payload(fast)
        assert verify_envelope(p) is None
        assert to_dict(read_envelope(p), "Envelope") == to_dict(read_envelope(generic[4:]), "Envelope")


def test_template_frames_read_the_same_in_typescript(ts_dist):
    pairs = _requests(random.Random(9))
    results = node_check([_payload(f) for f, _ in pairs] + [g[4:] for _, g in pairs])
    assert len(results) == 2 * len(pairs)
    for fast, generic in zip(results[:len(pairs)], results[len(pairs):]):
        assert fast["error"] is None and generic["error"] is None
        assert fast["walk"] == generic["walk"]


def test_cached_pieces_are_position_independent():
    """A cached piece spliced at different 8-aligned positions (after 0..3 other expressions) reads the same."""
    rnd = random.Random(4)
    for _ in range(40):
        e = random_expr(rnd)
        expected = None
        for lead in range(4):
            exprs = [E.Literal("int64", 2**40 + k) for k in range(lead)] + [e]
            p = _payload(tf.project(1, 2, exprs))
            assert verify_envelope(p) is None
            got = to_dict(read_envelope(p), "Envelope")["body"]["op"]["exprs"][-1]
            expected = expected or got
            assert got == expected
        assert e._wire is not None and len(e._wire.data) % 8 == 0


def test_pieces_are_cached_on_the_node_and_invisible_to_equality():
    a = E.Call(">", (E.ColumnRef("x"), E.Literal("int32", 1)))
    piece = W.subtree(a)
    assert W.subtree(a) is piece
    assert a.args[0]._wire is not None  # the child's piece was made (and kept) on the way
    b = E.Call(">", (E.ColumnRef("x"), E.Literal("int32", 1)))
    assert a == b and hash(a) == hash(b) and repr(a) == repr(b)


def test_encoding_errors_are_the_generic_ones():
    with pytest.raises(Exception) as fast:
        wire.frame(1, Body.Transform, rq.project(1, [E.Literal("interval", 3)]))
    with pytest.raises(Exception) as generic:
        env.build_envelope(1, Body.Transform, rq.project(1, [E.Literal("interval", 3)]).build)
    assert type(fast.value) is type(generic.value) and str(fast.value) == str(generic.value)
    with pytest.raises(TypeError, match="not an expression node"):
        wire.frame(1, Body.Transform, rq.filter_op(1, object()))
    # Values the templates cannot hold go to the builder, which raises what it always raised.
    for bad in (E.ColumnRef(7), E.Call(">", (E.ColumnRef("a"), object())), E.ColumnRef("a", 2**64), E.Alias(E.Star(), 3)):
        with pytest.raises(Exception) as generic:
            env.build_envelope(1, Body.Transform, rq.project(1, [bad]).build)
        with pytest.raises(type(generic.value)):
            wire.frame(1, Body.Transform, rq.project(1, [bad]))


def test_names_and_small_ints_share_their_nodes_but_stay_distinct_values():
    from kindling.sql import column as C
    from kindling.sql import functions as F

    assert F.col("a")._expr is F.col("a")._expr
    assert C._name_expr("*") == E.Star(None) and C._name_expr("t.*") == E.Star("t")
    assert F.lit(1)._expr is F.lit(1)._expr
    # True == 1 and 1.0 == 1 in Python: neither may come back as the int node.
    assert F.lit(True)._expr == E.Literal("boolean", True)
    assert F.lit(1.0)._expr == E.Literal("float64", 1.0)
    assert F.lit(2**31)._expr == E.Literal("int64", 2**31)
    for i in range(C._NAME_EXPRS_MAX + 10):
        C._name_expr(f"c{i}")
    assert len(C._NAME_EXPRS) <= C._NAME_EXPRS_MAX
