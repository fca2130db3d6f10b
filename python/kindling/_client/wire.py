"""The client's one doorway to the protocol package: framed envelopes out, verified envelopes in.

Everything else in ``_client`` goes through these few functions, so the framing/verifier/builders of
:mod:`kindling._protocol` are used in exactly one place.
"""

from __future__ import annotations

from typing import Any, Callable, Tuple

import flatbuffers

from .._gen.kindling.protocol.Body import Body
from .._protocol import auth as _auth
from .._protocol import envelope as _builders
from .._protocol import framing as _framing
from .._protocol import verify as _verify
from .._protocol.errors import ProtocolError
from ..errors import SparkConnectionError

MAX_FRAME_BYTES: int = _framing.MAX_FRAME_BYTES

BuildFn = Callable[[flatbuffers.Builder], int]


def frame(request_id: int, body_type: int, build: BuildFn) -> bytes:
    """One framed Envelope (length prefix + payload) around the body `build` writes."""
    return _framing.encode_frame(_builders.build_envelope(request_id, body_type, build))


def handshake_frame(request_id: int, proof: bytes, client: str) -> bytes:
    return _framing.encode_frame(_builders.handshake(request_id, proof, client))


def parse(payload: bytes) -> Tuple[int, int, Any]:
    """Verifies one received payload and returns (request_id, body type, body table)."""
    try:
        env = _verify.read_envelope(payload)
        body_type, body = _builders.body_of(env)
    except ProtocolError as err:
        raise SparkConnectionError(f"The engine sent a malformed frame: {err.message}", err.error_class) from None
    return env.RequestId(), body_type, body


def new_secret() -> bytes:
    return _auth.new_secret()


def proof_for(secret: bytes, nonce: bytes) -> bytes:
    return _auth.proof_for(secret, nonce)


BODY_NAMES = {v: k for k, v in vars(Body).items() if not k.startswith("_") and isinstance(v, int)}
