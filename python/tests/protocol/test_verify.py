"""The Python verifier: valid frames pass and read back; damage is named; TS and Python agree frame by frame."""

from __future__ import annotations

import re
import struct

import flatbuffers
import pytest

from kindling._gen.kindling.protocol.Body import Body
from kindling._gen.layout import LAYOUT
from kindling._protocol import (
    ProtocolError,
    ack,
    build_envelope,
    error_response,
    handshake,
    hello,
    read_envelope,
    verify_envelope,
)
from kindling._protocol.walk import to_dict

from .gen_frames import Mutator, node, node_check, norm, random_envelopes


def _raw_envelope(body_type: int, body_fn, with_body: bool = True) -> bytes:
    b = flatbuffers.Builder(64)
    off = body_fn(b)
    b.StartObject(3)
    b.PrependUint64Slot(0, 9, 0)
    b.PrependUint8Slot(1, body_type, 0)
    if with_body:
        b.PrependUOffsetTRelativeSlot(2, off, 0)
    b.Finish(b.EndObject(), file_identifier=b"KDL1")
    return bytes(b.Output())


def _empty(b):
    b.StartObject(0)
    return b.EndObject()


def test_builders_make_valid_frames():
    frames = [
        ack(1),
        handshake(2, bytes(32), "pytest"),
        hello(bytes(range(32)), "0.1.0"),
        error_response(3, 1, "DIVIDE_BY_ZERO", "Division by zero.", {"a": "1", "b": "é"}),
        error_response(4, 3, "", "m"),
    ]
    for f in frames:
        assert verify_envelope(f) is None
    assert to_dict(read_envelope(frames[3]), "Envelope") == {
        "request_id": 3,
        "body_type": Body.Error,
        "body": {
            "type": "Error",
            "kind": 1,
            "error_class": "DIVIDE_BY_ZERO",
            "message": "Division by zero.",
            "parameters": [{"key": "a", "value": "1"}, {"key": "b", "value": "é"}],
        },
    }


def test_random_envelopes_of_every_shape_verify():
    frames = random_envelopes(7, 400)
    seen = set()
    for f in frames:
        assert verify_envelope(f) is None
        d = to_dict(read_envelope(f), "Envelope")
        seen.add(d["body"]["type"])
    assert seen == {m for m in LAYOUT["unions"]["Body"] if m}


def test_accepts_bytearray_and_memoryview():
    f = handshake(2, bytes(32), "x")
    assert verify_envelope(bytearray(f)) is None
    assert verify_envelope(memoryview(b"pad" + f)[3:]) is None


def test_header_checks():
    ok = ack(1)
    assert verify_envelope(ok[:7]) == "frame of 7 bytes is shorter than a FlatBuffer header"
    assert verify_envelope(ok[:4] + b"XDL1" + ok[8:]) == 'frame does not carry the file identifier "KDL1"'
    assert verify_envelope(struct.pack("<I", len(ok) + 4) + ok[4:]) == "root offset out of bounds"


def test_required_fields_and_unions():
    def error_without_message(b):
        cls = b.CreateString("C")
        b.StartObject(4)
        b.PrependUOffsetTRelativeSlot(1, cls, 0)
        return b.EndObject()

    bad = _raw_envelope(Body.Error, error_without_message)
    assert verify_envelope(bad) == "Envelope.body > Error.message: required field is missing"
    with pytest.raises(ProtocolError) as e:
        read_envelope(bad)
    assert e.value.error_class == "PROTOCOL_MALFORMED_FRAME"
    assert "Error.message" in str(e.value)
    assert verify_envelope(_raw_envelope(0, _empty, with_body=False)) == "Envelope.body: required field is missing"
    assert verify_envelope(_raw_envelope(0, _empty)) == "Envelope.body: value present but type is NONE"
    assert verify_envelope(_raw_envelope(200, _empty)) == "Envelope.body: unknown Body type 200"
    assert verify_envelope(_raw_envelope(Body.Ack, _empty)) is None


def test_strings_must_be_utf8_and_terminated():
    for seq in [b"\xff", b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82"]:

        def build(b, seq=seq):
            m = b.CreateString(seq)
            b.StartObject(4)
            b.PrependUOffsetTRelativeSlot(2, m, 0)
            return b.EndObject()

        assert verify_envelope(_raw_envelope(Body.Error, build)) == "Envelope.body > Error.message: string is not valid UTF-8"
    ok = error_response(1, 4, "C", "zzzz")
    at = ok.index(b"zzzz")
    assert verify_envelope(ok[: at + 4] + b"A" + ok[at + 5 :]).endswith("Error.message: string is not NUL-terminated")
    grown = ok[: at - 4] + struct.pack("<I", 1_000_000) + ok[at:]
    assert verify_envelope(grown).endswith("Error.message: string of 1000000 bytes overruns the buffer")


def test_shared_subtrees_are_bounded():
    # Six levels of Calls whose 100 args all point at the level below: 100**6 paths through a few kB.
    b = flatbuffers.Builder(1024)
    name = b.CreateString("a")
    b.StartObject(2)
    b.PrependUOffsetTRelativeSlot(0, name, 0)
    node_off, node_type = b.EndObject(), 1
    fname = b.CreateString("f")
    for _ in range(6):
        b.StartObject(2)
        b.PrependUint8Slot(0, node_type, 0)
        b.PrependUOffsetTRelativeSlot(1, node_off, 0)
        expr = b.EndObject()
        b.StartVector(4, 100, 4)
        for _ in range(100):
            b.PrependUOffsetTRelative(expr)
        args = b.EndVector()
        b.StartObject(3)
        b.PrependUOffsetTRelativeSlot(0, fname, 0)
        b.PrependUOffsetTRelativeSlot(1, args, 0)
        node_off, node_type = b.EndObject(), 4  # Call
    b.StartObject(2)
    b.PrependUint8Slot(0, node_type, 0)
    b.PrependUOffsetTRelativeSlot(1, node_off, 0)
    expr = b.EndObject()
    b.StartVector(4, 1, 4)
    b.PrependUOffsetTRelative(expr)
    exprs = b.EndVector()
    b.StartObject(2)
    b.PrependUOffsetTRelativeSlot(1, exprs, 0)
    project = b.EndObject()
    b.StartObject(2)
    b.PrependUint8Slot(0, 3, 0)
    b.PrependUOffsetTRelativeSlot(1, project, 0)
    transform = b.EndObject()
    b.StartObject(3)
    b.PrependUint8Slot(1, Body.Transform, 0)
    b.PrependUOffsetTRelativeSlot(2, transform, 0)
    b.Finish(b.EndObject(), file_identifier=b"KDL1")
    import time

    t0 = time.perf_counter()
    err = verify_envelope(bytes(b.Output()))
    assert err is not None and re.search(r"more than 1000000 tables|too many (vector elements|string bytes)", err), err
    assert time.perf_counter() - t0 < 5


def test_vector_and_table_damage():
    rel = build_envelope(1, Body.Release, _release([1, 2]))
    at = rel.index(struct.pack("<QQ", 1, 2))
    grown = rel[: at - 4] + struct.pack("<I", 3) + rel[at:]
    assert verify_envelope(grown) == "Envelope.body > Release.ids: vector of 3 elements overruns the buffer"
    root = struct.unpack_from("<I", rel)[0]
    vt = root - struct.unpack_from("<i", rel, root)[0]

    def patched(at, fmt, value):
        u = bytearray(rel)
        struct.pack_into(fmt, u, at, value)
        return bytes(u)

    assert verify_envelope(patched(vt, "<H", 5)) == "Envelope: bad vtable size 5"
    assert verify_envelope(patched(vt, "<H", 0x8000)) == "Envelope: bad vtable size 32768"
    assert verify_envelope(patched(vt + 2, "<H", 0xFFF0)) == "Envelope: bad table size 65520"
    assert verify_envelope(patched(vt + 4, "<H", 2)) == "Envelope.request_id: field lies outside its table"
    assert verify_envelope(patched(root, "<i", root + 1000)) == "Envelope: vtable out of bounds or misaligned"
    assert verify_envelope(patched(0, "<I", root + 2)).startswith("Envelope: ")


def _release(ids):
    def build(b):
        b.StartVector(8, len(ids), 8)
        for i in reversed(ids):
            b.PrependUint64(i)
        vec = b.EndVector()
        b.StartObject(1)
        b.PrependUOffsetTRelativeSlot(0, vec, 0)
        return b.EndObject()

    return build


def test_depth_limit():
    def nested(levels):
        def build(b):
            name = b.CreateString("a")
            b.StartObject(2)
            b.PrependUOffsetTRelativeSlot(0, name, 0)
            node_off = b.EndObject()
            node_type = 1  # ColumnRef
            for i in range(levels):
                b.StartObject(2)
                b.PrependUint8Slot(0, node_type, 0)
                b.PrependUOffsetTRelativeSlot(1, node_off, 0)
                expr = b.EndObject()
                alias_name = b.CreateString(f"n{i}")
                b.StartObject(2)
                b.PrependUOffsetTRelativeSlot(0, expr, 0)
                b.PrependUOffsetTRelativeSlot(1, alias_name, 0)
                node_off, node_type = b.EndObject(), 5  # Alias
            b.StartObject(2)
            b.PrependUint8Slot(0, node_type, 0)
            b.PrependUOffsetTRelativeSlot(1, node_off, 0)
            expr = b.EndObject()
            b.StartVector(4, 1, 4)
            b.PrependUOffsetTRelative(expr)
            exprs = b.EndVector()
            b.StartObject(2)
            b.PrependUOffsetTRelativeSlot(1, exprs, 0)
            project = b.EndObject()
            b.StartObject(2)
            b.PrependUint8Slot(0, 3, 0)  # RelationOp.Project
            b.PrependUOffsetTRelativeSlot(1, project, 0)
            return b.EndObject()

        return _raw_envelope(Body.Transform, build)

    # 5 + 2 * levels tables deep: 125 Alias levels are the most that fit in 256.
    assert verify_envelope(nested(125)) is None
    assert verify_envelope(nested(126)).endswith("ColumnRef: nesting deeper than 256 tables")
    assert verify_envelope(nested(126), max_depth=300) is None


def test_typescript_frames_verify_and_read_the_same_in_python(ts_dist):
    lines = node(["random", "11", "300"])
    assert len(lines) == 300
    for line in lines:
        frame = bytes.fromhex(line["hex"])
        assert verify_envelope(frame) is None
        assert norm(to_dict(read_envelope(frame), "Envelope")) == line["walk"]


def test_python_frames_verify_and_read_the_same_in_typescript(ts_dist):
    frames = random_envelopes(12, 300) + [ack(1), handshake(2, bytes(32), "py"), error_response(3, 0, "X", "é", {"k": "v"})]
    results = node_check(frames)
    assert len(results) == len(frames)
    for frame, res in zip(frames, results):
        assert res["error"] is None
        assert res["walk"] == norm(to_dict(read_envelope(frame), "Envelope"))


def test_both_verifiers_give_the_same_verdict_and_message_on_mutated_frames(ts_dist):
    corpus = random_envelopes(13, 100) + [bytes.fromhex(x["hex"]) for x in node(["random", "14", "100"])]
    mut = Mutator(15, corpus)
    frames = [mut.next()[0] for _ in range(3000)]
    results = node_check(frames)
    accepted = 0
    for frame, res in zip(frames, results):
        assert verify_envelope(frame) == res["error"], frame.hex()
        if res["error"] is None:
            accepted += 1
            assert norm(to_dict(read_envelope(frame), "Envelope")) == res["walk"]
    assert 0 < accepted < len(frames)
