"""Kindling's wire protocol for the Python client: framing, the schema-driven verifier, envelope builders,
schema conversion and the handshake proof (mirroring libs/protocol/src in TypeScript)."""

from .auth import check_proof, new_secret, proof_for
from .envelope import (
    FILE_IDENTIFIER,
    PROTOCOL_VERSION,
    ack,
    body_name,
    body_of,
    build_envelope,
    error_response,
    handshake,
    hello,
    table_class,
    union_member,
)
from .errors import ConnectionClosedError, FrameError, ProtocolError
from .framing import MAX_FRAME_BYTES, encode_frame, read_frame, send_frame
from .schema_codec import decode_data_type, decode_schema, encode_data_type, encode_schema
from .verify import MAX_DEPTH, MAX_TABLES, read_envelope, verify_envelope

__all__ = [
    "FILE_IDENTIFIER",
    "MAX_DEPTH",
    "MAX_FRAME_BYTES",
    "MAX_TABLES",
    "PROTOCOL_VERSION",
    "ConnectionClosedError",
    "FrameError",
    "ProtocolError",
    "ack",
    "body_name",
    "body_of",
    "build_envelope",
    "check_proof",
    "decode_data_type",
    "decode_schema",
    "encode_data_type",
    "encode_frame",
    "encode_schema",
    "error_response",
    "handshake",
    "hello",
    "new_secret",
    "proof_for",
    "read_envelope",
    "read_frame",
    "send_frame",
    "table_class",
    "union_member",
    "verify_envelope",
]
