"""Errors of the wire protocol: a stable Spark-like error class plus a message naming the frame part at fault.

The client package wraps these into its own exception types.
"""

from __future__ import annotations


class ProtocolError(Exception):
    """A frame or message from the peer cannot be accepted (malformed, truncated, too large...)."""

    def __init__(self, error_class: str, message: str) -> None:
        super().__init__(message)
        self.error_class = error_class
        self.message = message


class FrameError(ProtocolError):
    """A frame header announced an unacceptable length (0, or more than the limit)."""


class ConnectionClosedError(ProtocolError):
    """The peer closed the connection cleanly between two frames."""
