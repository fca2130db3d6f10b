"""Reads any table of a verified frame into plain dicts, driven by LAYOUT (for tests, logging and debugging).

Keys are the schema's field names; strings are str, 64-bit ints int, unions ``{"type": member, ...fields}``.
"""

from __future__ import annotations

from typing import Any

from kindling._gen.layout import LAYOUT

from .envelope import union_member


def _pascal(name: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in name.split("_"))


def to_dict(obj: Any, table: str) -> dict:
    """Every field of ``obj`` (an instance of the generated class of ``table``), recursively."""
    out: dict = {}
    for f in LAYOUT["tables"][table]["fields"]:
        name, kind = f["name"], f["kind"]
        acc = getattr(obj, _pascal(name))
        if kind == "scalar":
            out[name] = acc()
        elif kind == "string":
            s = acc()
            out[name] = None if s is None else s.decode("utf-8")
        elif kind == "table":
            child = acc()
            out[name] = None if child is None else to_dict(child, f["table"])
        elif kind == "union":
            t = getattr(obj, _pascal(name) + "Type")()
            member = union_member(f["union"], t, acc())
            out[name] = None if member is None else {"type": LAYOUT["unions"][f["union"]][t], **to_dict(member, LAYOUT["unions"][f["union"]][t])}
        else:
            n = getattr(obj, _pascal(name) + "Length")()
            if kind == "vector_scalar":
                out[name] = [acc(j) for j in range(n)]
            elif kind == "vector_string":
                out[name] = [acc(j).decode("utf-8") for j in range(n)]
            else:
                out[name] = [to_dict(acc(j), f["table"]) for j in range(n)]
    return out
