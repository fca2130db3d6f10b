"""The client's lazy answer path: ``handle_answer`` accepts only frames the verifier accepts (and reads the same ids),
a lazy verification differs from the full one only below a DataFrameHandle's Schema, and that Schema is verified
before it is decoded."""

from __future__ import annotations

import random

import pytest

import kindling._gen.kindling.protocol.DataFrameHandle as H
from kindling._client import wire
from kindling._gen.kindling.protocol.Body import Body
from kindling._gen.kindling.protocol.Envelope import Envelope
from kindling._protocol import envelope as env
from kindling._protocol.verify import handle_answer, read_envelope, verify_envelope, verify_table
from kindling.errors import SparkConnectionError
from kindling.sql._expr import encode_schema
from kindling.sql.dataframe import _schema_of
from kindling.sql.types import ArrayType, LongType, StringType, StructField, StructType

from .gen_frames import Mutator, random_envelopes

SCHEMA_PREFIX = "Envelope.body > DataFrameHandle.schema > "


def _handle(request_id: int, handle_id: int, schema: StructType) -> bytes:
    def build(b):
        s = encode_schema(b, schema)
        H.Start(b)
        H.AddId(b, handle_id)
        H.AddSchema(b, s)
        return H.End(b)

    return env.build_envelope(request_id, Body.DataFrameHandle, build)


def _schemas(rnd: random.Random):
    for _ in range(30):
        yield StructType([StructField(rnd.choice(["id", "naïve", "x" * 30]),
                                      rnd.choice([LongType(), StringType(), ArrayType(LongType(), True)]),
                                      rnd.random() < 0.5) for _ in range(rnd.randrange(4))])


def _corpus():
    rnd = random.Random(21)
    handles = [_handle(rnd.choice([0, 1, 2**64 - 1]), rnd.choice([0, 3, 2**63]), s) for s in _schemas(rnd)]
    others = [f for f in random_envelopes(22, 400) if read_envelope(f).BodyType() == Body.DataFrameHandle]
    return handles + others + random_envelopes(23, 60)


def test_handle_answer_reads_what_the_accessors_read():
    for frame in _corpus():
        env_ = read_envelope(frame)
        got = handle_answer(frame)
        if env_.BodyType() != Body.DataFrameHandle:
            assert got is None
            continue
        _, body = env.body_of(env_)
        assert got == (env_.RequestId(), body.Id(), body.Schema()._tab.Pos)


def test_on_mutated_frames_the_shortcut_never_accepts_what_the_verifier_rejects():
    corpus = _corpus()
    mut = Mutator(24, corpus)
    shortcut = lazy_only = 0
    for _ in range(6000):
        frame = mut.next()[0]
        full, lazy = verify_envelope(frame), verify_envelope(frame, lazy=True)
        if full is None:
            assert lazy is None
        elif lazy is None:
            # Only the deferred Schema may hold the fault, and verify_table finds the same one.
            assert full.startswith(SCHEMA_PREFIX), full
            got = handle_answer(frame)
            pos = got[2] if got else wire.parse(frame)[2].schema_pos
            assert verify_table(frame, pos, "Schema", 3) == full[len(SCHEMA_PREFIX):]
            lazy_only += 1
        got = handle_answer(frame)
        if got is not None:
            shortcut += 1
            assert lazy is None, frame.hex()
            opened = _open_lazily(frame)
            _, body = env.body_of(opened)
            assert got == (opened.RequestId(), body.Id(), body.Schema()._tab.Pos)
    assert shortcut > 100 and lazy_only > 10


def _open_lazily(frame: bytes):
    assert verify_envelope(frame, lazy=True) is None
    return Envelope.GetRootAs(frame, 0)


def test_a_damaged_schema_fails_when_first_read():
    frame = bytearray(_handle(9, 4, StructType([StructField("id", LongType(), False)])))
    rid, body_type, answer = wire.parse(bytes(frame))
    assert (rid, body_type, answer.id) == (9, Body.DataFrameHandle, 4)
    assert _schema_of(wire.handle_schema(answer)) == StructType([StructField("id", LongType(), False)])
    # The field's name string: its length now runs past the end of the buffer.
    at = bytes(frame).index(b"id\0") - 4
    frame[at:at + 4] = (len(frame)).to_bytes(4, "little")
    rid, body_type, answer = wire.parse(bytes(frame))
    assert answer.id == 4
    with pytest.raises(SparkConnectionError, match="DataFrameHandle.schema > Schema.fields\\[0\\] > Field.name"):
        wire.handle_schema(answer)
    assert verify_envelope(bytes(frame)).startswith(SCHEMA_PREFIX)
