"""Test helpers: random valid envelopes generated generically from LAYOUT (every table, union member and field
kind), a frame mutator for fuzzing, and the node bridge to libs/protocol's built dist (frames.mjs)."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path
from typing import Iterable, List, Optional, Tuple

import flatbuffers

from kindling._gen.layout import LAYOUT

ROOT = Path(__file__).resolve().parents[3]
FRAMES_MJS = Path(__file__).with_name("frames.mjs")
WORDS = ["", "a", "id", "naïve", "☃", "𝄞 clef", "x" * 40, "spark.sql.shuffle.partitions"]
_SAFE = 2**53 - 1


def norm(value):
    """The JSON form both languages agree on: ints beyond 2**53 as strings, recursively."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value if -_SAFE <= value <= _SAFE else str(value)
    if isinstance(value, dict):
        return {k: norm(v) for k, v in value.items()}
    if isinstance(value, list):
        return [norm(v) for v in value]
    return value


def _min_depths() -> dict:
    depth: dict = {}
    changed = True
    while changed:
        changed = False
        for name, t in LAYOUT["tables"].items():
            d = 0
            for f in t["fields"]:
                if not f["required"]:
                    continue
                if f["kind"] == "table":
                    d = max(d, 1 + depth.get(f["table"], float("inf")))
                elif f["kind"] == "union":
                    d = max(d, 1 + min(depth.get(m, float("inf")) for m in LAYOUT["unions"][f["union"]] if m))
            if d != float("inf") and depth.get(name) != d:
                depth[name] = d
                changed = True
    return depth


_MIN_DEPTH = _min_depths()
_PREPEND = {1: "PrependUint8", 2: "PrependUint16", 4: "PrependUint32", 8: "PrependUint64"}


def _table(b: flatbuffers.Builder, rnd: random.Random, table: str, depth: int) -> int:
    deep = depth >= 6
    fields = LAYOUT["tables"][table]["fields"]

    def present(f) -> bool:
        if f["required"]:
            return True
        if not deep:
            return rnd.random() < 0.7
        return f["kind"] not in ("table", "union", "vector_table") and rnd.random() < 0.5

    offsets, union_types = {}, {}
    for f in fields:
        kind = f["kind"]
        if kind == "scalar" or not present(f):
            continue
        if kind == "string":
            offsets[f["name"]] = b.CreateString(rnd.choice(WORDS))
        elif kind == "table":
            offsets[f["name"]] = _table(b, rnd, f["table"], depth + 1)
        elif kind == "union":
            members = LAYOUT["unions"][f["union"]]
            t = rnd.randrange(1, len(members))
            if deep:
                t = members.index(min((m for m in members if m), key=lambda m: _MIN_DEPTH[m]))
            union_types[f["name"]] = t
            offsets[f["name"]] = _table(b, rnd, members[t], depth + 1)
        elif kind == "vector_scalar":
            size = f["size"]
            vals = [rnd.randrange(2**31) & ((1 << (8 * size)) - 1) for _ in range(rnd.randrange(3 if deep else 12))]
            b.StartVector(size, len(vals), size)
            for v in reversed(vals):
                getattr(b, _PREPEND[size])(v)
            offsets[f["name"]] = b.EndVector()
        else:
            n = rnd.randrange(2 if deep else 4)
            if kind == "vector_string":
                elems = [b.CreateString(rnd.choice(WORDS)) for _ in range(n)]
            else:
                elems = [_table(b, rnd, f["table"], depth + 1) for _ in range(n)]
            b.StartVector(4, n, 4)
            for e in reversed(elems):
                b.PrependUOffsetTRelative(e)
            offsets[f["name"]] = b.EndVector()
    b.StartObject(len(fields))
    for f in fields:
        if f["kind"] == "scalar":
            if f["name"].endswith("_type") and f["name"][:-5] in {u["name"] for u in fields if u["kind"] == "union"}:
                if f["name"][:-5] in union_types:
                    b.PrependUint8Slot(f["slot"], union_types[f["name"][:-5]], 0)
                continue
            if rnd.random() < 0.3:
                continue
            size = f["size"]
            v = rnd.randrange(2**31) & ((1 << (8 * size)) - 1)
            getattr(b, _PREPEND[size] + "Slot")(f["slot"], v, None)
        elif f["name"] in offsets:
            b.PrependUOffsetTRelativeSlot(f["slot"], offsets[f["name"]], 0)
    return b.EndObject()


def random_envelopes(seed: int, count: int, builder=flatbuffers.Builder) -> List[bytes]:
    """Random valid envelopes built with the Python flatbuffers builder (or another of the same API)."""
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        b = builder(256)
        b.Finish(_table(b, rnd, LAYOUT["root"], 1), file_identifier=LAYOUT["identifier"].encode())
        out.append(bytes(b.Output()))
    return out


_INTERESTING_U32 = [0, 1, 2, 3, 4, 7, 8, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFC, 0xFFFFFFFF]


class Mutator:
    """Random, bit-flipped, truncated, extended, offset-corrupted and spliced variants of valid frames."""

    def __init__(self, seed: int, corpus: List[bytes]) -> None:
        self.rnd = random.Random(seed)
        self.corpus = corpus

    def next(self) -> Tuple[bytes, str]:
        rnd = self.rnd
        r = rnd.randrange(100)
        if r < 5:
            return rnd.randbytes(rnd.randrange(160)), "random"
        if r < 10:
            u = bytearray(rnd.randbytes(8 + rnd.randrange(200)))
            u[0:4] = (8 + 4 * rnd.randrange(8)).to_bytes(4, "little")
            u[4:8] = b"KDL1"
            return bytes(u), "random-with-header"
        u = bytearray(rnd.choice(self.corpus))
        names = []
        for _ in range(1 + rnd.randrange(3)):
            m = rnd.randrange(8)
            names.append(["bitflip", "byte", "truncate", "extend", "u32", "u16", "splice", "delta"][m])
            u = self._mutate(u, m)
        return bytes(u), "+".join(names)

    def _mutate(self, u: bytearray, m: int) -> bytearray:
        rnd = self.rnd
        if not u:
            return u
        if m == 0:
            for _ in range(1 + rnd.randrange(8)):
                u[rnd.randrange(len(u))] ^= 1 << rnd.randrange(8)
        elif m == 1:
            u[rnd.randrange(len(u))] = rnd.choice([0, 1, 0x7F, 0x80, 0xFE, 0xFF])
        elif m == 2:
            return u[: rnd.randrange(len(u))]
        elif m == 3:
            n = 1 + rnd.randrange(64)
            u += rnd.randbytes(n) if rnd.randrange(2) == 0 else bytes(n)
        elif m == 4 and len(u) >= 4:
            at = 4 * rnd.randrange(len(u) >> 2)
            v = rnd.choice(_INTERESTING_U32) if rnd.randrange(2) == 0 else rnd.randrange(len(u) * 2)
            u[at : at + 4] = v.to_bytes(4, "little")
        elif m == 5 and len(u) >= 2:
            at = 2 * rnd.randrange(len(u) >> 1)
            v = rnd.choice([0, 2, 4, 6, 8, 0x7FFF, 0x8000, 0xFFFF, rnd.randrange(len(u)) & 0xFFFF])
            u[at : at + 2] = v.to_bytes(2, "little")
        elif m == 6:
            other = rnd.choice(self.corpus)
            return u[: rnd.randrange(len(u))] + other[rnd.randrange(len(other)) :]
        elif m == 7 and len(u) >= 4:
            at = 4 * rnd.randrange(len(u) >> 2)
            v = (int.from_bytes(u[at : at + 4], "little", signed=True) + rnd.randrange(33) - 16) & 0xFFFFFFFF
            u[at : at + 4] = v.to_bytes(4, "little")
        return u


def node(args: List[str], stdin: Optional[str] = None) -> List[dict]:
    """Runs frames.mjs with node; returns its JSON lines."""
    proc = subprocess.run(
        ["node", str(FRAMES_MJS), *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    if proc.returncode != 0:
        raise AssertionError(f"node frames.mjs {' '.join(args)} failed:\n{proc.stderr}")
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def node_check(frames: Iterable[bytes]) -> List[dict]:
    """TypeScript's verdict (and walk, when valid) for each frame."""
    return node(["check"], "".join(json.dumps({"hex": f.hex()}) + "\n" for f in frames))
