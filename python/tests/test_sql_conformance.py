"""The sqllogictest corpus (tools/conformance/slt/*.slt) run through the Python client: the same files, the same
cell rendering and the same expectations as the TypeScript runner (tools/conformance/src/slt), one fresh engine-side
session per file (``spark.newSession()``)."""

from __future__ import annotations

import datetime
import decimal
import math
import re
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
from kindling.sql.types import Row

ROOT = Path(__file__).resolve().parents[2]
SLT_DIR = ROOT / "tools" / "conformance" / "slt"


# ---------------------------------------------------------------------- the .slt format


def parse_slt(text: str, file: str) -> List[Dict[str, Any]]:
    """Records as tools/conformance/src/slt/slt-file.ts reads them."""
    lines = text.split("\n")
    out: List[Dict[str, Any]] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if line == "" or line.startswith("#"):
            i += 1
            continue
        start = i
        words = line.split()

        def read_sql(stop_at_dashes: bool) -> str:
            nonlocal i
            i += 1
            sql = []
            while i < len(lines) and lines[i].strip() != "" and not (stop_at_dashes and lines[i].strip() == "----"):
                sql.append(lines[i])
                i += 1
            assert sql, f"{file}:{start + 1}: record without SQL"
            return "\n".join(sql)

        if words[0] == "statement":
            error = re.sub(r"^statement\s+error\s*", "", line) if words[1] == "error" else None
            assert words[1] in ("ok", "error"), f"{file}:{start + 1}: bad statement line"
            out.append({"kind": "statement", "sql": read_sql(False), "error": error, "line": start + 1})
        elif words[0] == "query":
            if words[1] == "error":
                error = re.sub(r"^query\s+error\s*", "", line)
                out.append({"kind": "query", "sql": read_sql(False), "error": error, "line": start + 1})
                continue
            types, opts = words[1], words[2:]
            sql = read_sql(True)
            expected = []
            if i < len(lines) and lines[i].strip() == "----":
                i += 1
                while i < len(lines) and lines[i].strip() != "":
                    expected.append(lines[i].rstrip())
                    i += 1
            out.append({"kind": "query", "sql": sql, "error": None, "types": types, "rowsort": "rowsort" in opts,
                        "colnames": "colnames" in opts, "expected": expected, "line": start + 1})
        else:
            raise AssertionError(f"{file}:{start + 1}: unknown record {line!r}")
    return out


# ---------------------------------------------------------------------- rendering (same rules as render.ts)


def type_letter(simple: str) -> str:
    if simple.startswith("decimal("):
        return "R"
    return {"int": "I", "bigint": "I", "double": "R", "string": "T", "boolean": "B", "date": "D",
            "timestamp": "P"}.get(simple, "?")


def render_double(v: float) -> str:
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    r = float(f"{v:.12g}")
    if r == 0:
        return "0.0"
    if r.is_integer() and abs(r) < 1e15:
        return f"{r:.1f}"
    return repr(r)


def struct_field_types(simple: str) -> list:
    """The field types of a ``struct<a:int,b:array<string>>`` simpleString, in order."""
    m = re.fullmatch(r"struct<(.*)>", simple)
    if not m:
        return []
    out, depth, cur = [], 0, ""
    for ch in m.group(1):
        # `decimal(2,1)` holds a comma too.
        depth += ch in "<("
        depth -= ch in ">)"
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    if cur:
        out.append(cur)
    return [f[f.index(":") + 1:] for f in out]


def map_types(simple: str) -> tuple:
    """The key and value types of a ``map<k,v>`` simpleString."""
    m = re.fullmatch(r"map<(.*)>", simple)
    if not m:
        return "", ""
    depth = 0
    for i, ch in enumerate(m.group(1)):
        depth += ch in "<("
        depth -= ch in ">)"
        if ch == "," and depth == 0:
            return m.group(1)[:i], m.group(1)[i + 1:]
    return m.group(1), ""


def render_cell(v: Any, simple: str, top: bool = True) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, Row):
        types = struct_field_types(simple)
        return "{" + ", ".join(render_cell(x, types[k] if k < len(types) else "", False) for k, x in enumerate(v)) + "}"
    if isinstance(v, dict):
        # As Spark's show(): {k -> v, ...}.
        kt, vt = map_types(simple)
        return "{" + ", ".join(f"{render_cell(k, kt, False)} -> {render_cell(x, vt, False)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        inner = re.fullmatch(r"array<(.*)>", simple)
        return "[" + ", ".join(render_cell(x, inner.group(1) if inner else "", False) for x in v) + "]"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, datetime.datetime):
        base = v.strftime("%Y-%m-%d %H:%M:%S")
        ms = v.microsecond // 1000
        return base if ms == 0 else f"{base}.{ms:03d}".rstrip("0")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, float):
        return render_double(v) if simple == "double" else str(v)
    if isinstance(v, decimal.Decimal):
        # Every scale digit, never an exponent (`0.0000000000`, not Decimal's `0E-10`), as render.ts.
        return format(v, "f")
    if isinstance(v, str):
        return "(empty)" if top and v == "" else v
    return str(v)


# ---------------------------------------------------------------------- running


FILES = sorted(SLT_DIR.glob("*.slt"))
RECORDS = [(f.name, r) for f in FILES for r in parse_slt(f.read_text(), f.name)]


def test_corpus_holds_at_least_200_records():
    assert len(RECORDS) >= 200


@pytest.fixture(scope="module")
def sessions(spark):
    """One fresh session per .slt file, created on first use, stopped at the end of the module."""
    made: Dict[str, Any] = {}

    def get(file: str):
        if file not in made:
            s = spark.newSession()
            s.conf.set("spark.sql.session.timeZone", "UTC")
            s.conf.set("spark.sql.shuffle.partitions", "3")
            made[file] = s
        return made[file]

    yield get
    for s in made.values():
        s.stop()


def run_record(spark, r: Dict[str, Any]) -> Optional[str]:
    """None when the record holds, else what differs."""
    try:
        df = spark.sql(r["sql"])
        rows = df.collect()
    except Exception as e:  # noqa: BLE001 - the error is the result under test
        if r["error"] is None:
            return f"unexpected error: {e}"
        return None if r["error"] in str(e) else f"error {str(e)!r} does not contain {r['error']!r}"
    if r["error"] is not None:
        return f"expected an error containing {r['error']!r}, but the statement succeeded"
    if r["kind"] == "statement":
        return None
    types = [f.dataType.simpleString() for f in df.schema.fields]
    lines = [" ".join(render_cell(v, types[i]) for i, v in enumerate(row)).rstrip() for row in rows]
    if r["rowsort"]:
        lines.sort()
    if r["colnames"]:
        lines = [" ".join(df.columns)] + lines
    letters = "".join(type_letter(t) for t in types)
    if len(letters) != len(r["types"]) or any(t != "?" and t != letters[i] for i, t in enumerate(r["types"])):
        return f"column types {letters} ({', '.join(types)}) differ from the expected {r['types']}"
    if lines != r["expected"]:
        return "results differ\n--- expected\n" + "\n".join(r["expected"]) + "\n--- actual\n" + "\n".join(lines)
    return None


@pytest.mark.parametrize("file,record", RECORDS, ids=[f"{f}:{r['line']}" for f, r in RECORDS])
def test_slt_record(sessions, file, record):
    problem = run_record(sessions(file), record)
    assert problem is None, f"{file}:{record['line']}\n{record['sql']}\n{problem}"
