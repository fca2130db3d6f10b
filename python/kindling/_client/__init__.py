"""The client side of the Python ↔ engine bridge: launching the engine, the connection, requests and results.

Private to the package: users see :mod:`kindling.sql`.
"""

from .client import Client

__all__ = ["Client"]
