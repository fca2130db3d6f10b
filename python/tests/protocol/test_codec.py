"""Schema codec, handshake proof and body_of."""

from __future__ import annotations

import flatbuffers
import pytest

from kindling._gen.kindling.protocol.Body import Body
from kindling._gen.kindling.protocol.DataFrameHandle import DataFrameHandle
from kindling._gen.kindling.protocol.Error import Error
from kindling._gen.kindling.protocol.Handshake import Handshake
from kindling._gen.kindling.protocol.Schema import Schema
from kindling._protocol import (
    PROTOCOL_VERSION,
    ProtocolError,
    ack,
    body_name,
    body_of,
    build_envelope,
    check_proof,
    decode_schema,
    encode_schema,
    error_response,
    handshake,
    new_secret,
    proof_for,
    read_envelope,
)

FIELDS = [
    ("b", {"kind": "boolean"}, True),
    ("i", {"kind": "int32"}, False),
    ("l", {"kind": "int64"}, True),
    ("d", {"kind": "float64"}, False),
    ("s", {"kind": "string"}, True),
    ("dt", {"kind": "date"}, True),
    ("ts", {"kind": "timestamp"}, False),
    ("n", {"kind": "null"}, True),
    ("dec", {"kind": "decimal", "precision": 38, "scale": 10}, True),
    ("dec0", {"kind": "decimal", "precision": 10, "scale": 0}, False),
    ("a", {"kind": "array", "element": {"kind": "int64"}, "containsNull": False}, True),
    ("aa", {"kind": "array", "element": {"kind": "array", "element": {"kind": "string"}, "containsNull": True}, "containsNull": False}, False),
    ("st", {"kind": "struct", "fields": [
        ("x", {"kind": "int64"}, False),
        ("y", {"kind": "struct", "fields": [("z", {"kind": "array", "element": {"kind": "string"}, "containsNull": True}, True)]}, True),
    ]}, True),
    ("empty", {"kind": "struct", "fields": []}, False),
    ("naïve ☃", {"kind": "string"}, True),
    ("", {"kind": "string"}, True),
]


def _handle_frame(fields):
    def build(b):
        schema = encode_schema(b, fields)
        import kindling._gen.kindling.protocol.DataFrameHandle as H

        H.Start(b)
        H.AddId(b, 5)
        H.AddSchema(b, schema)
        return H.End(b)

    return build_envelope(1, Body.DataFrameHandle, build)


def test_schema_round_trip():
    t, handle = body_of(read_envelope(_handle_frame(FIELDS)))
    assert t == Body.DataFrameHandle and isinstance(handle, DataFrameHandle)
    assert handle.Id() == 5
    assert decode_schema(handle.Schema()) == FIELDS
    t, handle = body_of(read_envelope(_handle_frame([])))
    assert decode_schema(handle.Schema()) == []


def test_encode_rejects_unknown_kinds():
    with pytest.raises(ValueError, match="interval"):
        encode_schema(flatbuffers.Builder(64), [("x", {"kind": "interval"}, True)])


def test_decode_rejects_array_without_element_and_unknown_kind():
    import kindling._gen.kindling.protocol.DataType as D
    import kindling._gen.kindling.protocol.Field as F
    import kindling._gen.kindling.protocol.Schema as S

    def schema_with(kind):
        b = flatbuffers.Builder(64)
        D.Start(b)
        D.AddKind(b, kind)
        dt = D.End(b)
        name = b.CreateString("x")
        F.Start(b)
        F.AddName(b, name)
        F.AddType(b, dt)
        field = F.End(b)
        S.StartFieldsVector(b, 1)
        b.PrependUOffsetTRelative(field)
        vec = b.EndVector()
        S.Start(b)
        S.AddFields(b, vec)
        b.Finish(S.End(b))
        return Schema.GetRootAs(bytes(b.Output()), 0)

    with pytest.raises(ProtocolError, match=r"Schema.fields\[0\] \(x\).type: an Array type needs an element type"):
        decode_schema(schema_with(8))
    with pytest.raises(ProtocolError, match="unknown TypeKind 99"):
        decode_schema(schema_with(99))


def test_proof_is_hmac_sha256():
    # RFC 4231 test case 2.
    assert proof_for(b"Jefe", b"what do ya want for nothing?").hex() == (
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    )
    secret = new_secret()
    assert len(secret) == 32 and secret != new_secret()
    nonce = bytes(range(32))
    proof = proof_for(secret, nonce)
    assert check_proof(secret, nonce, proof)
    assert not check_proof(secret, nonce, proof[:31])
    assert not check_proof(new_secret(), nonce, proof)


def test_handshake_and_body_of():
    t, hs = body_of(read_envelope(handshake(1, b"\x01\x02", "kindling-py")))
    assert (t, body_name(t)) == (Body.Handshake, "Handshake")
    assert isinstance(hs, Handshake)
    assert bytes(hs.ProofAsNumpy()) == b"\x01\x02"
    assert hs.Client() == b"kindling-py" and hs.ProtocolVersion() == PROTOCOL_VERSION
    t, err = body_of(read_envelope(error_response(7, 2, "C", "m", {"k": "v"})))
    assert isinstance(err, Error) and err.ErrorClass() == b"C" and err.Parameters(0).Key() == b"k"
    env = read_envelope(ack(9))
    assert env.RequestId() == 9 and body_name(body_of(env)[0]) == "Ack"
    assert body_name(0) == "NONE" and body_name(250) == "unknown(250)"
