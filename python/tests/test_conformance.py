"""The language-neutral conformance cases (tools/conformance/cases/*.json) run through the Python client.

Same cases, same expectations and the same known failures (tools/conformance/known-failures.json) as the TypeScript
runner; see tools/conformance/README.md for the format. Each pipeline step is the PySpark call a user would write.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

from kindling.errors import KindlingException
from kindling.sql import Column
from kindling.sql import functions as F
from kindling.sql._expr import Literal

ROOT = Path(__file__).resolve().parents[2]
CASES_DIR = ROOT / "tools" / "conformance" / "cases"
KNOWN_FAILURES: Dict[str, str] = json.loads((ROOT / "tools" / "conformance" / "known-failures.json").read_text())
MULTI_PARTITION_FILES = ("aggregates.json", "joins.json", "distinct-union.json", "sort-limit.json")


class Unsupported(Exception):
    """The case uses something this runner cannot express (a case limitation, never blamed on the engine)."""


# ---------------------------------------------------------------------- loading


def load_cases() -> List[Dict[str, Any]]:
    out = []
    for path in sorted(CASES_DIR.glob("*.json")):
        data = json.loads(path.read_text())
        cases, tables = (data, {}) if isinstance(data, list) else (data["cases"], data.get("tables", {}))
        for c in cases:
            out.append({**c, "tables": {**tables, **c.get("tables", {})}, "file": path.name})
    return out


CASES = load_cases()

# ---------------------------------------------------------------------- DDL and values


def parse_type(text: str) -> Any:
    t = text.strip().lower()
    m = re.fullmatch(r"array\s*<(.*)>", t)
    if m:
        return ("array", parse_type(m.group(1)))
    aliases = {"int": "int", "integer": "int", "bigint": "bigint", "long": "bigint", "double": "double",
               "string": "string", "boolean": "boolean", "date": "date", "timestamp": "timestamp", "void": "void",
               "null": "void"}
    if t not in aliases:
        raise Unsupported(f"unknown type {text!r}")
    return aliases[t]


def type_string(t: Any) -> str:
    return f"array<{type_string(t[1])}>" if isinstance(t, tuple) else t


def parse_schema(ddl: str) -> List[Tuple[str, Any]]:
    parts, depth, quoted, cur = [], 0, False, ""
    for ch in ddl:
        if ch == "`":
            quoted = not quoted
        if not quoted and ch == "<":
            depth += 1
        if not quoted and ch == ">":
            depth -= 1
        if not quoted and depth == 0 and ch == ",":
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur)
    fields = []
    for p in parts:
        m = re.fullmatch(r"\s*(`(?:[^`]|``)*`|[^\s:]+)\s*:?\s*(.+?)\s*", p)
        if not m:
            raise Unsupported(f"bad DDL field {p!r}")
        name = m.group(1)
        if name.startswith("`"):
            name = name[1:-1].replace("``", "`")
        fields.append((name, parse_type(m.group(2))))
    return fields


TS_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?)?$")


def parse_ts(s: str) -> datetime.datetime:
    m = TS_RE.match(s)
    if not m:
        raise Unsupported(f"bad timestamp {s!r}")
    frac = int((m.group(7) or "").ljust(6, "0"))
    return datetime.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4) or 0),
                             int(m.group(5) or 0), int(m.group(6) or 0), frac)


def format_ts(d: datetime.datetime) -> str:
    base = d.strftime("%Y-%m-%d %H:%M:%S") if d.year >= 1000 else f"{d.year:04d}" + d.strftime("-%m-%d %H:%M:%S")
    return base + ("." + f"{d.microsecond:06d}".rstrip("0") if d.microsecond else "")


def to_double(v: Any) -> float:
    if isinstance(v, str):
        return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}[v]
    return float(v)


def to_input(v: Any, t: Any) -> Any:
    """A JSON cell as the Python value createDataFrame takes for type `t`."""
    if v is None:
        return None
    if isinstance(t, tuple):
        return [to_input(x, t[1]) for x in v]
    if t in ("int", "bigint"):
        return int(v)
    if t == "double":
        return to_double(v)
    if t == "date":
        return datetime.date.fromisoformat(v)
    if t == "timestamp":
        return parse_ts(v)
    return v


def expected_canon(v: Any, t: Any) -> Any:
    if v is None:
        return None
    if isinstance(t, tuple):
        return [expected_canon(x, t[1]) for x in v]
    if t in ("int", "bigint"):
        return int(v)
    if t == "double":
        return to_double(v)
    if t == "timestamp":
        return format_ts(parse_ts(v))
    return v


class Invalid:
    def __init__(self, what: str) -> None:
        self.what = what

    def __repr__(self) -> str:
        return f"<{self.what}>"


def actual_canon(v: Any, t: Any) -> Any:
    if v is None:
        return None
    bad = Invalid(f"{type(v).__name__} {v!r} where a {type_string(t)} was expected")
    if isinstance(t, tuple):
        return [actual_canon(x, t[1]) for x in v] if isinstance(v, list) else bad
    if t in ("int", "bigint"):
        return v if type(v) is int else bad
    if t == "double":
        return v if type(v) is float else bad
    if t == "string":
        return v if type(v) is str else bad
    if t == "boolean":
        return v if type(v) is bool else bad
    if t == "date":
        return v.isoformat() if type(v) is datetime.date else bad
    if t == "timestamp":
        return format_ts(v) if type(v) is datetime.datetime else bad
    return bad


def canon_equal(t: Any, e: Any, a: Any) -> bool:
    if e is None or a is None:
        return e is None and a is None
    if isinstance(a, Invalid):
        return False
    if isinstance(t, tuple):
        return len(e) == len(a) and all(canon_equal(t[1], x, y) for x, y in zip(e, a))
    if t == "double":
        if math.isnan(e) or math.isnan(a):
            return math.isnan(e) and math.isnan(a)
        if e == a:
            return True
        if math.isinf(e) or math.isinf(a):
            return False
        return abs(e - a) <= 1e-9 * max(abs(e), abs(a))
    return e == a


def canon_key(v: Any) -> str:
    if v is None:
        return "\x00null"
    if isinstance(v, Invalid):
        return "\x01" + v.what
    if isinstance(v, list):
        return "[" + ",".join(canon_key(x) for x in v) + "]"
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, float):
        return "n" + (f"{v:.12g}" if math.isfinite(v) else str(v))
    if isinstance(v, int):
        return "n" + (f"{float(v):.12g}" if abs(v) < 2**53 else str(v))
    return json.dumps(v)


def sort_arrays(v: Any) -> Any:
    return sorted((sort_arrays(x) for x in v), key=canon_key) if isinstance(v, list) else v


def compare_rows(types, expected, actual, ordered: bool, sort_arr: bool) -> Optional[str]:
    prep = (lambda r: [sort_arrays(x) for x in r]) if sort_arr else (lambda r: r)
    exp = [prep([expected_canon(v, t) for v, t in zip(r, types)]) for r in expected]
    act = [prep([actual_canon(v, t) for v, t in zip(r, types)] + [Invalid("extra value")] * (len(r) - len(types)))
           for r in actual]

    def eq(e, a):
        return len(e) == len(a) and all(canon_equal(t, x, y) for t, x, y in zip(types, e, a))

    if ordered:
        bad = [i for i in range(max(len(exp), len(act)))
               if i >= len(exp) or i >= len(act) or not eq(exp[i], act[i])]
        return None if not bad else f"ordered rows differ at {bad[:5]}: expected {exp[:10]}, got {act[:10]}"
    key = lambda r: "\x02".join(canon_key(x) for x in r)  # noqa: E731
    e_sorted, a_sorted = sorted(exp, key=key), sorted(act, key=key)
    used = [False] * len(a_sorted)
    missing = []
    for row in e_sorted:
        j = next((k for k, x in enumerate(a_sorted) if not used[k] and eq(row, x)), -1)
        if j < 0:
            missing.append(row)
        else:
            used[j] = True
    unexpected = [x for k, x in enumerate(a_sorted) if not used[k]]
    if not missing and not unexpected:
        return None
    return f"rows differ: missing {missing[:10]}, unexpected {unexpected[:10]}"


# ---------------------------------------------------------------------- building pipelines


ENGINE_KIND = {"int": "int32", "bigint": "int64", "double": "float64", "string": "string", "boolean": "boolean",
               "date": "date", "timestamp": "timestamp", "void": "null"}
# Scala Column method names the cases use → PySpark's.
METHODS = {"startsWith": "startswith", "endsWith": "endswith"}
BINARY = {"+": "__add__", "-": "__sub__", "*": "__mul__", "/": "__truediv__", "%": "__mod__", "=": "__eq__",
          "!=": "__ne__", "<=>": "eqNullSafe", "<": "__lt__", "<=": "__le__", ">": "__gt__", ">=": "__ge__",
          "and": "__and__", "or": "__or__"}
EXPR_KEYS = ("col", "lit", "op", "fn", "method", "cast", "alias", "when", "in", "sort", "agg")


def is_expr(x: Any) -> bool:
    return isinstance(x, dict) and any(k in x for k in EXPR_KEYS)


class Builder:
    def __init__(self, spark, tables):
        self.spark = spark
        self.tables = tables
        self.refs: Dict[str, Any] = {}

    def table(self, name):
        spec = self.tables.get(name)
        if spec is None:
            raise Unsupported(f"no table {name!r}")
        fields = parse_schema(spec["schema"])
        rows = [tuple(to_input(v, t) for v, (_, t) in zip(r, fields)) for r in spec["rows"]]
        return self.spark.createDataFrame(rows, spec["schema"])

    def pipeline(self, steps):
        source, rest = steps[0], steps[1:]
        if "table" in source:
            df = self.table(source["table"])
        else:
            df = self.spark.range(*source["range"])
        if source.get("as"):
            self.refs[source["as"]] = df
        for step in rest:
            df = self.step(df, step)
        return df

    def colarg(self, c):
        return c if isinstance(c, str) else self.expr(c)

    def arg(self, a):
        return self.expr(a) if is_expr(a) else a

    def step(self, df, s):
        op = s["op"]
        if op == "select":
            return df.select(*[self.colarg(c) for c in s["cols"]])
        if op == "filter":
            return df.filter(self.expr(s["cond"]))
        if op == "withColumn":
            return df.withColumn(s["name"], self.expr(s["col"]))
        if op == "withColumnRenamed":
            return df.withColumnRenamed(s["existing"], s["new"])
        if op == "drop":
            return df.drop(*[self.colarg(c) for c in s["cols"]])
        if op == "groupBy":
            g = df.groupBy(*[self.colarg(c) for c in s["keys"]])
            if "agg" in s:
                return g.agg(*[self.expr(e) for e in s["agg"]])
            return getattr(g, s["shorthand"])(*s.get("cols", []))
        if op == "agg":
            return df.agg(*[self.expr(e) for e in s["agg"]])
        if op == "join":
            right = self.pipeline(s["right"])
            on = s.get("on")
            if is_expr(on):
                on = self.expr(on)
            return df.join(right, on, s["how"]) if "how" in s else df.join(right, on)
        if op == "crossJoin":
            return df.crossJoin(self.pipeline(s["right"]))
        if op == "orderBy":
            return df.orderBy(*[self.colarg(c) for c in s["keys"]])
        if op == "limit":
            return df.limit(s["n"])
        if op == "distinct":
            return df.distinct()
        if op == "dropDuplicates":
            return df.dropDuplicates(s.get("subset"))
        if op == "union":
            return df.union(self.pipeline(s["other"]))
        if op == "unionByName":
            return df.unionByName(self.pipeline(s["other"]), s.get("allowMissingColumns", False))
        if op == "repartition":
            return df.repartition(s["n"], *[self.colarg(c) for c in s.get("cols", [])])
        if op == "coalesce":
            return df.coalesce(s["n"])
        if op == "alias":
            return df.alias(s["name"])
        if op == "as":
            self.refs[s["ref"]] = df
            return df
        raise Unsupported(f"unknown step {op}")

    def literal(self, v, type_name):
        t = parse_type(type_name)
        if isinstance(t, tuple):
            raise Unsupported("array literals")
        kind = ENGINE_KIND[t]
        if v is None:
            return Column(Literal(kind, None))
        value = to_input(v, t)
        if t == "date":
            value = (value - datetime.date(1970, 1, 1)).days
        elif t == "timestamp":
            value = (value - datetime.datetime(1970, 1, 1)) // datetime.timedelta(microseconds=1)
        return Column(Literal(kind, value))

    def expr(self, e) -> Column:
        if "col" in e:
            if "df" in e:
                if e["df"] not in self.refs:
                    raise Unsupported(f"no DataFrame registered as {e['df']!r}")
                return self.refs[e["df"]][e["col"]]
            return F.col(e["col"])
        if "lit" in e:
            if "type" in e:
                return self.literal(e["lit"], e["type"])
            v = e["lit"]
            if isinstance(v, list):
                raise Unsupported("array literals")
            if isinstance(v, float) and v.is_integer() and -2**31 <= v < 2**31:
                v = int(v)  # JSON does not tell 1.0 from 1: integral numbers in int range are ints
            return F.lit(v)
        if "op" in e:
            args = [self.arg(a) for a in e["args"]]
            first = args[0] if isinstance(args[0], Column) else F.lit(args[0])
            unary = {"not": lambda c: ~c, "neg": lambda c: -c, "isNull": lambda c: c.isNull(),
                     "isNotNull": lambda c: c.isNotNull()}
            if e["op"] in unary:
                return unary[e["op"]](first)
            if e["op"] not in BINARY:
                raise Unsupported(f"operator {e['op']}")
            return getattr(first, BINARY[e["op"]])(args[1])
        if "fn" in e:
            f = getattr(F, e["fn"], None)
            if f is None:
                raise Unsupported(f"functions has no {e['fn']}")
            return f(*[self.arg(a) for a in e["args"]])
        if "method" in e:
            target = self.expr(e["on"])
            name = METHODS.get(e["method"], e["method"])
            m = getattr(target, name, None)
            if m is None:
                raise Unsupported(f"Column has no method {name}")
            return m(*[self.arg(a) for a in e["args"]])
        if "cast" in e:
            return self.expr(e["cast"]).cast(e["to"])
        if "alias" in e:
            return self.expr(e["alias"]).alias(e["name"])
        if "when" in e:
            (c0, v0), *rest = e["when"]
            c = F.when(self.expr(c0), self.arg(v0))
            for cond, val in rest:
                c = c.when(self.expr(cond), self.arg(val))
            return c if "otherwise" not in e else c.otherwise(self.arg(e["otherwise"]))
        if "in" in e:
            return self.expr(e["in"]).isin(*[self.arg(a) for a in e["list"]])
        if "sort" in e:
            c = F.col(e["sort"]) if isinstance(e["sort"], str) else self.expr(e["sort"])
            method = e["dir"] if "nulls" not in e else f"{e['dir']}_nulls_{e['nulls']}"
            return getattr(c, method)()
        if "agg" in e:
            args = [a if isinstance(a, str) else self.expr(a) for a in e["args"]]
            name = e["agg"]
            if name == "count" and not args:
                return F.count("*")
            if e.get("distinct"):
                if name == "count":
                    return F.countDistinct(*args)
                if name == "sum":
                    return F.sum_distinct(args[0])
                raise Unsupported(f"no DISTINCT form of {name}")
            f = getattr(F, name, None)
            if f is None:
                raise Unsupported(f"functions has no aggregate {name}")
            return f(*args)
        raise Unsupported(f"unknown expression {e}")


# ---------------------------------------------------------------------- running


def error_problems(expect: Dict[str, Any], err: BaseException, phase: str) -> List[str]:
    """Checks class (on the error or its __cause__ chain, as a failed job wraps the task's error), message, phase."""
    out = []
    chain, x = [], err
    while x is not None and x not in chain:
        chain.append(x)
        x = x.__cause__
    classes = [e.getErrorClass() for e in chain if isinstance(e, KindlingException) and e.getErrorClass()]
    message = "\ncaused by: ".join(str(e) for e in chain)
    if "class" in expect:
        want = expect["class"]
        if not any(c == want or c.startswith(want + ".") for c in classes):
            out.append(f"expected error class {want}, got {type(err).__name__} {classes}: {err}")
    wanted = expect.get("messageContains", [])
    for w in [wanted] if isinstance(wanted, str) else wanted:
        if w not in message:
            out.append(f"expected the message to contain {w!r}, got: {message}")
    if expect.get("at") not in (None, phase):
        out.append(f"expected the error at {expect['at']}, raised at {phase}: {err}")
    return out


def run_case(spark, case) -> List[str]:
    expect = case["expect"]
    try:
        df = Builder(spark, case["tables"]).pipeline(case["pipeline"])
    except Unsupported:
        raise
    except Exception as err:  # noqa: BLE001
        if "error" in expect:
            return error_problems(expect["error"], err, "transform")
        return [f"unexpected {type(err).__name__} at transform: {err}"]
    if "error" in expect:
        try:
            df.collect()
        except Exception as err:  # noqa: BLE001
            return error_problems(expect["error"], err, "action")
        return [f"expected an error {expect['error']}, but building and collecting succeeded"]

    problems = []
    if "columns" in expect and df.columns != expect["columns"]:
        problems.append(f"columns: expected {expect['columns']}, got {df.columns}")
    types = None
    if "schema" in expect:
        fields = parse_schema(expect["schema"])
        types = [t for _, t in fields]
        exp = [f"{n}: {type_string(t)}" for n, t in fields]
        act = [f"{n}: {t}" for n, t in df.dtypes]
        if exp != act:
            problems.append(f"schema: expected {exp}, got {act}")
    try:
        if "rows" in expect:
            row_types = types or [parse_type(t) for _, t in df.dtypes]
            actual = [list(r) for r in df.collect()]
            diff = compare_rows(row_types, expect["rows"], actual, expect.get("ordered", False),
                                expect.get("sortArrays", False))
            if diff:
                problems.append(diff)
        if "show" in expect:
            a = expect.get("args", {})
            text = df._show_string(a.get("n", 20), a.get("truncate", True), a.get("vertical", False))
            if text != expect["show"]:
                problems.append(f"show text differs:\n--- expected\n{expect['show']}--- actual\n{text}---")
        if "count" in expect and df.count() != expect["count"]:
            problems.append(f"count: expected {expect['count']}, got {df.count()}")
    except Unsupported:
        raise
    except Exception as err:  # noqa: BLE001
        problems.append(f"unexpected {type(err).__name__} at action: {err}")
    return problems


@pytest.fixture(scope="module")
def cspark(spark):
    saved = spark.conf.get("spark.sql.session.timeZone", None)
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    yield spark
    if saved is None:
        spark.conf.unset("spark.sql.session.timeZone")
    else:
        spark.conf.set("spark.sql.session.timeZone", saved)


def check(spark, case) -> None:
    conf = case.get("conf", {})
    saved = {k: spark.conf.get(k, None) for k in conf}
    for k, v in conf.items():
        spark.conf.set(k, v)
    try:
        problems = run_case(spark, case)
    except Unsupported as why:
        pytest.skip(f"cannot express: {why}")
    finally:
        for k, v in saved.items():
            if v is None:
                spark.conf.unset(k)
            else:
                spark.conf.set(k, v)
    assert not problems, f"{case['name']}:\n" + "\n".join(problems)


# Cases the engine gets right through the TypeScript SDK but not (yet) through the bridge: server-side bugs.
# Cases the bridge gets wrong (none at the moment); reasons are shown by pytest -rx.
BRIDGE_FAILURES: Dict[str, str] = {}


def params(cases, suffix=""):
    out = []
    for c in cases:
        reason = KNOWN_FAILURES.get(c["name"]) or BRIDGE_FAILURES.get(c["name"])
        marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
        out.append(pytest.param(c, id=f"{c['file']}::{c['name']}{suffix}", marks=marks))
    return out


@pytest.mark.parametrize("case", params(CASES))
def test_case(cspark, case):
    check(cspark, case)


@pytest.mark.parametrize("case", params([c for c in CASES if c["file"] in MULTI_PARTITION_FILES], "@3-partitions"))
def test_case_with_three_shuffle_partitions(cspark, case):
    check(cspark, {**case, "conf": {**case.get("conf", {}), "spark.sql.shuffle.partitions": "3"}})


def test_cases_are_loaded():
    assert len(CASES) >= 160
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
