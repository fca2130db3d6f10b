"""FastBuilder writes exactly the bytes of the reference flatbuffers.Builder (random envelopes of every table and
field kind, the client's own requests, buffer growth, vtable sharing), and the result still verifies."""

from __future__ import annotations

import flatbuffers
import pytest

from kindling._client import requests as rq
from kindling._gen.kindling.protocol.Body import Body
from kindling._gen.kindling.protocol.Action import Action
from kindling._protocol import envelope as E
from kindling._protocol.fast_builder import FastBuilder
from kindling._protocol.verify import verify_envelope
from kindling.sql import functions as F

from .gen_frames import random_envelopes


def test_random_envelopes_are_byte_identical():
    ref = random_envelopes(1234, 1500)
    fast = random_envelopes(1234, 1500, builder=FastBuilder)
    assert len(ref) == len(fast)
    for i, (a, b) in enumerate(zip(ref, fast)):
        assert a == b, f"envelope {i} differs"
        assert verify_envelope(b) is None


@pytest.mark.parametrize("initial", [0, 1, 3, 16, 100, 256])
def test_growth_from_any_initial_size(initial):
    for a, b in zip(random_envelopes(7, 200, builder=lambda _: flatbuffers.Builder(initial)),
                    random_envelopes(7, 200, builder=lambda _: FastBuilder(initial))):
        assert a == b


def _requests():
    c = F.col("a")
    exprs = [c, F.lit(1), F.lit("x"), F.lit(None), F.lit(2.5), F.lit(True), (c + 1).alias("b"), c.cast("string"),
             F.when(c > 1, "big").otherwise("small"), c.desc_nulls_first(), F.count("*"), F.col("t.*")]
    return [
        (Body.Transform, rq.project(3, [e._expr for e in exprs])),
        (Body.Transform, rq.project(2**62, [F.col("id")._expr])),
        (Body.Transform, rq.range_op(-5, 2**40, 3, 7)),
        (Body.Transform, rq.filter_op(9, (c > 3)._expr)),
        (Body.ExecuteRequest, rq.execute(4, Action.Collect, 10, 20, True, 0)),
        (Body.Release, rq.release(list(range(1, 100)))),
        (Body.ConfigRequest, rq.config(0, "spark.sql.shuffle.partitions", None, None)),
        (Body.Cancel, rq.cancel(77)),
    ]


def test_client_requests_are_byte_identical(monkeypatch):
    fast = [E.build_envelope(i, t, build) for i, (t, build) in enumerate(_requests())]
    monkeypatch.setattr(E, "FastBuilder", flatbuffers.Builder)
    ref = [E.build_envelope(i, t, build) for i, (t, build) in enumerate(_requests())]
    assert fast == ref
    assert all(verify_envelope(f) is None for f in fast)


def test_misuse_raises_like_the_reference():
    b = FastBuilder(0)
    b.StartObject(1)
    with pytest.raises(flatbuffers.builder.IsNestedError):
        b.StartObject(1)
    with pytest.raises(flatbuffers.builder.IsNestedError):
        b.CreateString("x")
    b.EndObject()
    with pytest.raises(flatbuffers.builder.IsNotNestedError):
        b.EndObject()
    with pytest.raises(flatbuffers.builder.BuilderNotFinishedError):
        b.Output()
    with pytest.raises(TypeError):
        b.CreateString(3)
