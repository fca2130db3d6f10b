"""``DataFrame.sample`` and ``randomSplit`` as Spark computes them: a row of partition ``i`` is kept when the
``i``-th draw of XORShiftRandom(seed + i) falls in the split's range, which is exactly ``rand(seed)`` evaluated in a
projection of that partition (Spark's BernoulliCellSampler). ``randomSplit`` first sorts each partition by every
column, as Spark does, so the splits do not depend on the order rows arrive in."""

from __future__ import annotations

import random
import sys
from typing import TYPE_CHECKING, Any, List, Optional

from kindling.errors import PySparkNotImplementedError
from kindling.sql._utils import errors as _err

if TYPE_CHECKING:
    from kindling.sql.dataframe import DataFrame

_RAND = "__kindling_sample_rand"


def _random_seed() -> int:
    return int(random.random() * sys.maxsize)


def _in_range(df: "DataFrame", lb: float, ub: float, seed: int) -> "DataFrame":
    from kindling.sql import functions as F

    # The draw is a column of its own, so the lower and upper test read one value (a Project keeps rand's state).
    r = F.col(_RAND)
    return df.select("*", F.rand(seed).alias(_RAND)).filter((r >= F.lit(lb)) & (r < F.lit(ub))).drop(_RAND)


def sample(df: "DataFrame", withReplacement: Any = None, fraction: Any = None, seed: Any = None) -> "DataFrame":
    # PySpark's argument forms: sample(0.5[, seed]), sample(False, 0.5[, seed]), sample(fraction=0.5[, seed=…]).
    is_set = type(withReplacement) is bool and isinstance(fraction, float)
    omitted_kwargs = withReplacement is None and isinstance(fraction, float)
    omitted_args = isinstance(withReplacement, float)
    if not (is_set or omitted_kwargs or omitted_args):
        argtypes = [type(a).__name__ for a in (withReplacement, fraction, seed)]
        raise _err.type_error("NOT_EXPECTED_TYPE", arg_name="withReplacement (optional), fraction (required) and seed (optional)",
                              expected_type="bool, float or int", arg_type=", ".join(argtypes))
    if omitted_args:
        if fraction is not None:
            seed = fraction
        fraction = withReplacement
        withReplacement = None
    if withReplacement:
        raise _err.make(PySparkNotImplementedError, "UNSUPPORTED_OPERATION", operation="sample(withReplacement=True) (Spark's Poisson sampler)")
    if fraction < 0.0 or fraction > 1.0:
        raise _err.value_error("VALUE_NOT_BETWEEN", arg_name="fraction", min="0", max="1")
    return _in_range(df, 0.0, float(fraction), int(seed) if seed is not None else _random_seed())


def random_split(df: "DataFrame", weights: List[float], seed: Optional[int] = None) -> List["DataFrame"]:
    for w in weights:
        if w < 0.0:
            raise _err.value_error("VALUE_NOT_POSITIVE", arg_name="weights", arg_value=str(w))
    total = float(sum(weights))
    if total <= 0.0:
        raise _err.value_error("VALUE_NOT_POSITIVE", arg_name="sum(weights)", arg_value=str(total))
    s = int(seed) if seed is not None else _random_seed()
    sorted_df = df.sortWithinPartitions(*df.columns) if df.columns else df
    bounds = [0.0]
    for w in weights:
        bounds.append(bounds[-1] + w / total)
    return [_in_range(sorted_df, lo, hi, s) for lo, hi in zip(bounds, bounds[1:])]
