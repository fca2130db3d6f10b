"""The handshake's shared-secret proof: HMAC-SHA256(secret, nonce)."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_secret() -> bytes:
    """A fresh 256-bit session secret."""
    return secrets.token_bytes(32)


def proof_for(secret: bytes, nonce: bytes) -> bytes:
    """The proof a client sends for a Hello nonce."""
    return hmac.new(secret, nonce, hashlib.sha256).digest()


def check_proof(secret: bytes, nonce: bytes, proof: bytes) -> bool:
    """True when ``proof`` is the right proof for ``nonce`` (constant-time compare)."""
    return hmac.compare_digest(proof_for(secret, nonce), bytes(proof))
