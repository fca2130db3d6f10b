"""Lazy access to the generated FlatBuffers modules (python/kindling/_gen), one module per protocol type."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Dict

_PACKAGE = "kindling._gen.kindling.protocol"
_cache: Dict[str, ModuleType] = {}


def gen(name: str) -> ModuleType:
    """The generated module of protocol type ``name`` (``gen("Call").Start(builder)``)."""
    mod = _cache.get(name)
    if mod is None:
        mod = importlib.import_module(f"{_PACKAGE}.{name}")
        _cache[name] = mod
    return mod
