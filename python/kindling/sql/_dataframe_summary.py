"""``df.summary``, ``df.approxQuantile``, ``df.crosstab``, ``df.freqItems`` and ``df.sampleBy`` (also on ``df.stat``),
as PySpark's. summary and approxQuantile are engine aggregates (approxQuantile runs Spark's G-K summaries with the
relative error as given); crosstab counts pairs in the engine and lays the table out here, as Spark's StatFunctions
does on the driver; freqItems runs Spark's one-pass frequent-items counter (Karp et al.) over the rows here and lists
the items in the order of Spark's Scala HashMap (emulated for numbers, strings and booleans), so as Spark does."""

from __future__ import annotations

import decimal
import math
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Union

from ..errors import IllegalArgumentException, PySparkTypeError, PySparkValueError
from .types import ArrayType, LongType, NumericType, StringType, StructField, StructType

if TYPE_CHECKING:
    from .dataframe import DataFrame

_SUMMARY_DEFAULT = ("count", "mean", "stddev", "min", "25%", "50%", "75%", "max")


def _not_expected(arg_name: str, expected: str, value: Any) -> PySparkTypeError:
    return PySparkTypeError(error_class="NOT_EXPECTED_TYPE",
                            message_parameters={"arg_name": arg_name, "expected_type": expected, "arg_type": type(value).__name__})


def _unrecognized(stat: str) -> IllegalArgumentException:
    return IllegalArgumentException(
        f"[UNRECOGNIZED_STATISTIC] The statistic '{stat}' is not recognized. Valid statistics include `count`, "
        "`count_distinct`, `approx_count_distinct`, `mean`, `stddev`, `min`, `max`, and percentile values. Percentile "
        "must be a numeric value followed by '%', within the range 0% to 100%.",
        error_class="UNRECOGNIZED_STATISTIC", message_parameters={"stats": stat})


def _percentile_of(stat: str) -> float:
    try:
        p = float(stat[:-1]) / 100.0
    except ValueError:
        raise _unrecognized(stat) from None
    if not 0.0 <= p <= 1.0:
        raise IllegalArgumentException("requirement failed: Percentiles must be in the range [0, 1]")
    return p


def summary(df: "DataFrame", statistics: Sequence[str]) -> "DataFrame":
    """Spark's ``Dataset.summary``: one row per statistic, a ``summary`` column then one string column per numeric
    or string column (strings are cast to double for mean, stddev and the percentiles)."""
    from . import functions as F

    stats = list(statistics) or list(_SUMMARY_DEFAULT)
    percentiles = [_percentile_of(s) for s in stats if s.endswith("%")]
    for s in stats:
        if not s.endswith("%") and s.lower() not in ("count", "count_distinct", "approx_count_distinct", "mean", "stddev", "min", "max"):
            raise _unrecognized(s)
    cols = [f.name for f in df.schema.fields if isinstance(f.dataType, (NumericType, StringType))]
    if not cols:
        return df.sparkSession.createDataFrame([(s,) for s in stats], "summary string")
    aggs = []
    for j, c in enumerate(cols):
        column = F.col(c)
        casted = column.cast("double") if isinstance(df.schema[c].dataType, StringType) else column
        pcts = F.percentile_approx(casted, percentiles, 10000) if percentiles else None
        k_pct = 0
        for k, s in enumerate(stats):
            low = s.lower()
            if low.endswith("%"):
                value = F.get(pcts, k_pct)
                k_pct += 1
            else:
                value = {"count": lambda: F.count(column), "count_distinct": lambda: F.count_distinct(column),
                         "approx_count_distinct": lambda: F.approx_count_distinct(column), "mean": lambda: F.avg(casted),
                         "stddev": lambda: F.stddev(casted), "min": lambda: F.min(column), "max": lambda: F.max(column)}[low]()
            aggs.append(value.cast("string").alias(f"_{k}_{j}"))
    rows = [F.struct(F.lit(s).alias("summary"), *[F.col(f"_{k}_{j}").alias(f"_{j}") for j in range(len(cols))]) for k, s in enumerate(stats)]
    out = df.agg(*aggs).select(F.explode(F.array(*rows)).alias("_s"))
    return out.select(F.col("_s").getField("summary").alias("summary"), *[F.col("_s").getField(f"_{j}").alias(c) for j, c in enumerate(cols)])


def approx_quantile(df: "DataFrame", col: Union[str, List[str], tuple], probabilities: Union[List[float], tuple],
                    relativeError: float) -> Union[List[float], List[List[float]]]:
    """Spark's ``approxQuantile``: per column, G-K summaries with ``relativeError`` (0 is exact) over the non-NULL,
    non-NaN values; an empty list for a column without any."""
    from . import functions as F
    from .column import _call, _literal

    if not isinstance(col, (str, list, tuple)):
        raise _not_expected("col", "list, str or tuple", col)
    single = isinstance(col, str)
    cols = [col] if single else list(col)
    for c in cols:
        if not isinstance(c, str):
            raise _not_expected("columns", "list[str]", c)
    if not isinstance(probabilities, (list, tuple)):
        raise _not_expected("probabilities", "list or tuple", probabilities)
    for p in probabilities:
        if not isinstance(p, (float, int)) or isinstance(p, bool) or not 0 <= p <= 1:
            raise _not_expected("probabilities", "list[float, int]", p)
    if not isinstance(relativeError, (float, int)) or isinstance(relativeError, bool):
        raise _not_expected("relativeError", "float, int", relativeError)
    if relativeError < 0:
        raise PySparkValueError(f"[NEGATIVE_VALUE] Value for `relativeError` must be greater than or equal to 0, got '{float(relativeError)}'.",
                                error_class="NEGATIVE_VALUE", message_parameters={"arg_name": "relativeError", "arg_value": str(float(relativeError))})
    for c in cols:
        t = df.schema[c].dataType
        if not isinstance(t, NumericType):
            raise IllegalArgumentException(f"requirement failed: Quantile calculation for column {c} with data type {type(t).__name__} is not supported.")
    if not probabilities:
        result: List[List[float]] = [[] for _ in cols]
    else:
        probs = F.array(*[F.lit(float(p)) for p in probabilities])
        aggs = [_call("approx_quantile$", F.col(c).cast("double")._expr, probs._expr, _literal(float(relativeError))).alias(f"_{j}")
                for j, c in enumerate(cols)]
        row = df.agg(*aggs).first()
        result = [list(row[j]) if row[j] is not None else [] for j in range(len(cols))]
    return result[0] if single else result


def _java_string(v: Any) -> str:
    """How Spark's crosstab prints a value (Scala's toString; NULL as "null")."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return _java_double(v)
    return str(v)


def _java_double(v: float) -> str:
    """Java's Double.toString: the shortest digits, in E notation outside [1e-3, 1e7)."""
    if v == 0:
        return "-0.0" if math.copysign(1.0, v) < 0 else "0.0"
    if 1e-3 <= abs(v) < 1e7:
        text = repr(v)
        return text if "." in text or "e" in text else text + ".0"
    sign, digits, exp = decimal.Decimal(repr(v)).as_tuple()
    ds = "".join(map(str, digits)).rstrip("0") or "0"
    e10 = len(digits) + int(exp) - 1
    return f"{'-' if sign else ''}{ds[0]}.{ds[1:] or '0'}E{e10}"


def crosstab(df: "DataFrame", col1: str, col2: str) -> "DataFrame":
    """Spark's ``crossTabulate``: a ``<col1>_<col2>`` string column of col1's values, then one bigint column per
    distinct value of col2 (sorted as strings) counting the pairs; rows ordered by col1's value as a string."""
    from . import functions as F

    for name, value in (("col1", col1), ("col2", col2)):
        if not isinstance(value, str):
            raise PySparkTypeError(error_class="NOT_STR", message_parameters={"arg_name": name, "arg_type": type(value).__name__})
    counts = df.groupBy(col1, col2).agg(F.count(F.lit(1)).alias("_n")).collect()
    names = sorted({_java_string(r[1]) for r in counts})
    if len(names) >= 1e4:
        raise IllegalArgumentException(f"requirement failed: The number of distinct values for {col2}, can't exceed 1e4. Currently {len(names)}")
    index = {n: k for k, n in enumerate(names)}
    table: Dict[str, List[int]] = {}
    for r in counts:
        table.setdefault(_java_string(r[0]), [0] * len(names))[index[_java_string(r[1])]] = r[2]
    # Placeholder names, then Spark's (createDataFrame's schema path cannot take names such as "1").
    schema = StructType([StructField("_0", StringType())] + [StructField(f"_{k + 1}", LongType()) for k in range(len(names))])
    out = df.sparkSession.createDataFrame([(k, *v) for k, v in sorted(table.items())], schema)
    return out.toDF(f"{col1}_{col2}".replace("`", ""), *[n.replace("`", "") for n in names])


def freq_items(df: "DataFrame", cols: Union[List[str], tuple], support: Optional[float]) -> "DataFrame":
    """Spark's ``singlePassFreqItems``: per column, the Karp–Schenker–Papadimitriou counter of at most
    ``1 / support`` items (NULL counts as an item), as one row of ``<col>_freqItems`` arrays."""
    if not isinstance(cols, (list, tuple)):
        raise PySparkTypeError(error_class="NOT_LIST_OR_TUPLE", message_parameters={"arg_name": "cols", "arg_type": type(cols).__name__})
    if support is None:
        support = 0.01
    if not 1e-4 <= support <= 1.0:
        raise IllegalArgumentException(f"requirement failed: Support must be in [1e-4, 1], but got {_java_string(float(support))}.")
    size = int(1 / support)
    names = list(cols)
    counters: List[Dict[Any, int]] = [{} for _ in names]
    keyed: List[Dict[Any, Any]] = [{} for _ in names]
    for row in df.select(*names).collect():
        for i, counts in enumerate(counters):
            v = row[i]
            key = _hashable(v)
            keyed[i].setdefault(key, v)
            if key in counts:
                counts[key] += 1
            elif len(counts) < size:
                counts[key] = 1
            else:
                # Every kept count drops by one; those reaching zero leave (Spark's FreqItemCounter.add).
                for k in [k for k, n in counts.items() if n <= 1]:
                    del counts[k]
                for k in counts:
                    counts[k] -= 1
    fields = [StructField(f"{c}_freqItems", ArrayType(df.schema[c].dataType, True)) for c in names]
    values = tuple(_scala_map_order([keyed[i][k] for k in counters[i]], df.schema[c].dataType) for i, c in enumerate(names))
    return df.sparkSession.createDataFrame([values], StructType(fields))


def _i32(x: int) -> int:
    x &= 0xFFFFFFFF
    return x - (1 << 32) if x >= 1 << 31 else x


def _murmur3_bytes(b: bytes, seed: int = 42) -> int:
    """Spark's Murmur3_x86_32.hashUnsafeBytes (UTF8String.hashCode): 4-byte words, then each byte sign-extended."""
    def mix_k1(k: int) -> int:
        k = (k * 0xCC9E2D51) & 0xFFFFFFFF
        k = ((k << 15) | (k >> 17)) & 0xFFFFFFFF
        return (k * 0x1B873593) & 0xFFFFFFFF

    def mix_h1(h: int, k: int) -> int:
        h ^= k
        h = ((h << 13) | (h >> 19)) & 0xFFFFFFFF
        return (h * 5 + 0xE6546B64) & 0xFFFFFFFF

    h = seed & 0xFFFFFFFF
    aligned = len(b) - len(b) % 4
    for i in range(0, aligned, 4):
        h = mix_h1(h, mix_k1(int.from_bytes(b[i:i + 4], "little")))
    for i in range(aligned, len(b)):
        h = mix_h1(h, mix_k1((b[i] - 256 if b[i] >= 128 else b[i]) & 0xFFFFFFFF))
    h ^= len(b)
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    h ^= h >> 16
    return _i32(h)


def _scala_hash(v: Any, t: Any) -> Optional[int]:
    """Scala's ``##`` of the value as Spark's buffer holds it (boxed numbers hash as the int they equal)."""
    from .types import BooleanType, DoubleType, IntegerType, LongType as _Long

    if v is None:
        return 0
    if isinstance(t, BooleanType):
        return 1231 if v else 1237
    if isinstance(t, (IntegerType, _Long)) or (isinstance(t, DoubleType) and not math.isnan(v) and v == int(v)):
        x = int(v)
        if -(1 << 31) <= x < 1 << 31:
            return x
        if -(1 << 63) <= x < 1 << 63:
            return _i32(x ^ ((x & 0xFFFFFFFFFFFFFFFF) >> 32))
    if isinstance(t, DoubleType):
        import struct

        if math.isnan(v) or (abs(v) < 3.4e38 and struct.unpack("<f", struct.pack("<f", v))[0] == v):
            # Scala hashes a double a float holds exactly as that float.
            return struct.unpack("<i", struct.pack("<f", v))[0]
        bits = struct.unpack("<q", struct.pack("<d", v))[0]
        return _i32(bits ^ ((bits & 0xFFFFFFFFFFFFFFFF) >> 32))
    if isinstance(t, StringType):
        return _murmur3_bytes(v.encode("utf-8"))
    return None


def _scala_map_order(items: List[Any], t: Any) -> List[Any]:
    """The items in the order Spark's result lists them: a Scala mutable.HashMap's (table of 16 doubling before it
    holds 3/4, bucket h ^ (h >>> 16) masked, a bucket's nodes by hash); the kept order for types not emulated."""
    hashes = [_scala_hash(v, t) for v in items]
    if any(h is None for h in hashes):
        return items
    size = 16
    while len(items) >= int(size * 0.75):
        size *= 2
    improved = [_i32(h ^ ((h & 0xFFFFFFFF) >> 16)) for h in hashes]  # type: ignore[operator]
    order = sorted(range(len(items)), key=lambda k: (improved[k] & (size - 1), improved[k]))
    return [items[k] for k in order]


def _hashable(v: Any) -> Any:
    if isinstance(v, (list, tuple)):
        return tuple(_hashable(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((k, _hashable(x)) for k, x in v.items()))
    if isinstance(v, bytearray):
        return bytes(v)
    return v


def sample_by(df: "DataFrame", col: Any, fractions: Dict[Any, float], seed: Optional[int]) -> "DataFrame":
    """Spark's ``sampleBy``: keeps each row with the probability its stratum's fraction gives (0 for strata not
    listed), deciding by ``rand(seed)``."""
    import random

    from . import functions as F
    from .column import Column

    if not isinstance(col, (str, Column)):
        raise PySparkTypeError(error_class="NOT_COLUMN_OR_STR", message_parameters={"arg_name": "col", "arg_type": type(col).__name__})
    if not isinstance(fractions, dict):
        raise _not_expected("fractions", "dict", fractions)
    for k, v in fractions.items():
        if not isinstance(k, (float, int, str)):
            raise PySparkTypeError(
                f"[DISALLOWED_TYPE_FOR_CONTAINER] Argument `fractions`(type: dict) should only contain a type in [float, int, str], got {type(k).__name__}",
                error_class="DISALLOWED_TYPE_FOR_CONTAINER",
                message_parameters={"arg_name": "fractions", "arg_type": "dict", "allowed_types": "float, int, str", "item_type": type(k).__name__})
        fractions[k] = float(v)
    bad = {k: v for k, v in fractions.items() if not 0.0 <= v <= 1.0}
    if bad:
        shown = ", ".join(f"{k} -> {v}" for k, v in fractions.items())
        raise IllegalArgumentException(f"requirement failed: Fractions must be in [0, 1], but got Map({shown}).")
    if seed is None:
        seed = random.randint(0, 2 ** 63 - 1)
    stratum = F.col(col) if isinstance(col, str) else col
    fraction: Any = F.lit(0.0)
    if fractions:
        cases = None
        for k, v in fractions.items():
            cases = F.when(stratum == F.lit(k), F.lit(v)) if cases is None else cases.when(stratum == F.lit(k), F.lit(v))
        fraction = cases.otherwise(F.lit(0.0))  # type: ignore[union-attr]
    return df.filter(F.rand(seed) < fraction)
