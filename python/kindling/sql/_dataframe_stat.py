"""DataFrame statistics: ``df.describe``, ``df.corr``, ``df.cov`` and ``df.stat`` (:class:`DataFrameStatFunctions`),
as PySpark's. They build engine aggregates (``corr``, ``covar_samp``, ``count``/``avg``/``stddev``/``min``/``max``);
the Python side only shapes the request and the answer. As in Spark's StatFunctions, ``corr``/``cov`` read NULLs as
0.0 and divide by zero into NaN."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional

from ..errors import IllegalArgumentException, PySparkTypeError, PySparkValueError
from .types import NumericType, StringType

if TYPE_CHECKING:
    from .dataframe import DataFrame

__all__ = ["DataFrameStatFunctions"]

_DESCRIBE = ("count", "mean", "stddev", "min", "max")


def _require_str(value: Any, arg_name: str) -> None:
    if not isinstance(value, str):
        raise PySparkTypeError(error_class="NOT_EXPECTED_TYPE",
                               message_parameters={"arg_name": arg_name, "expected_type": "str", "arg_type": type(value).__name__})


def _require_numeric(df: "DataFrame", cols: List[str], function: str) -> None:
    """Spark's StatFunctions check: every column numeric (``requirement failed: …`` as IllegalArgumentException)."""
    for c in cols:
        t = df.schema[c].dataType
        if not isinstance(t, NumericType):
            raise IllegalArgumentException(f"requirement failed: Currently {function} calculation for columns with dataType {t.simpleString()} not supported.")


def corr(df: "DataFrame", col1: str, col2: str, method: Optional[str] = None) -> Optional[float]:
    _require_str(col1, "col1")
    _require_str(col2, "col2")
    if not method:
        method = "pearson"
    if method != "pearson":
        raise PySparkValueError(error_class="VALUE_NOT_ALLOWED", message_parameters={"arg_name": "method", "allowed_values": "['pearson']"})
    _require_numeric(df, [col1, col2], "correlation")
    from . import functions as F

    value = df.agg(F.corr(_as_double(col1), _as_double(col2))).first()[0]
    # Spark's CovarianceCounter divides plainly: no rows, one row or no spread give 0 / 0.
    return float("nan") if value is None else value


def cov(df: "DataFrame", col1: str, col2: str) -> Optional[float]:
    _require_str(col1, "col1")
    _require_str(col2, "col2")
    _require_numeric(df, [col1, col2], "covariance")
    from . import functions as F

    value, n = df.agg(F.covar_samp(_as_double(col1), _as_double(col2)), F.count(F.lit(1))).first()
    # Spark's CovarianceCounter divides plainly: Ck / (n - 1) is -0.0 without rows and 0 / 0 for one.
    if value is None:
        return -0.0 if n == 0 else float("nan")
    return value


def _as_double(c: str) -> Any:
    """Spark's StatFunctions read each row with getDouble, so a NULL counts as 0.0."""
    from . import functions as F

    return F.coalesce(F.col(c).cast("double"), F.lit(0.0))


def describe(df: "DataFrame", cols: List[str]) -> "DataFrame":
    """Spark's ``Dataset.describe``: one row per statistic (count, mean, stddev, min, max), a ``summary`` column then
    one string column per input column; without columns, every numeric and string column."""
    from . import functions as F

    if not cols:
        cols = [f.name for f in df.schema.fields if isinstance(f.dataType, (NumericType, StringType))]
    stat = {"count": F.count, "mean": F.avg, "stddev": F.stddev, "min": F.min, "max": F.max}
    aggs = [stat[s](F.col(c)).cast("string").alias(f"_{k}_{j}") for k, s in enumerate(_DESCRIBE) for j, c in enumerate(cols)]
    rows = [F.struct(F.lit(s).alias("summary"), *[F.col(f"_{k}_{j}").alias(f"_{j}") for j in range(len(cols))]) for k, s in enumerate(_DESCRIBE)]
    one = df.agg(*aggs) if aggs else df.agg(F.count(F.lit(1)).alias("_n"))
    out = one.select(F.explode(F.array(*rows)).alias("_s"))
    return out.select(F.col("_s").getField("summary").alias("summary"), *[F.col("_s").getField(f"_{j}").alias(c) for j, c in enumerate(cols)])


class DataFrameStatFunctions:
    """``df.stat``: the statistics of a DataFrame (``corr``, ``cov``, ``approxQuantile``, ``crosstab``, ``freqItems``, ``sampleBy``), as PySpark's."""

    def __init__(self, df: "DataFrame") -> None:
        self.df = df

    def corr(self, col1: str, col2: str, method: Optional[str] = None) -> Optional[float]:
        """Pearson's correlation coefficient of two numeric columns (see :meth:`DataFrame.corr`).

        Parameters
        ----------
        col1 : str
            The first column.
        col2 : str
            The second column.
        method : str, optional
            Only ``"pearson"`` (the default).

        Returns
        -------
        float
            The coefficient; None for fewer than two rows or a column that does not vary.

        Examples
        --------
        >>> df = spark.createDataFrame([(1, 2), (2, 4), (3, 7)], "x int, y int").coalesce(1)
        >>> df.stat.corr("x", "y")
        0.9933992677987827
        """
        return corr(self.df, col1, col2, method)

    def cov(self, col1: str, col2: str) -> Optional[float]:
        """The sample covariance of two numeric columns (see :meth:`DataFrame.cov`).

        Parameters
        ----------
        col1 : str
            The first column.
        col2 : str
            The second column.

        Returns
        -------
        float
            The covariance; None for fewer than two rows.

        Examples
        --------
        >>> df = spark.createDataFrame([(1, 2), (2, 4), (3, 7)], "x int, y int").coalesce(1)
        >>> df.stat.cov("x", "y")
        2.5
        """
        return cov(self.df, col1, col2)

    def approxQuantile(self, col: Any, probabilities: Any, relativeError: float) -> Any:
        """Approximate quantiles of numeric columns (see :meth:`DataFrame.approxQuantile`).

        Parameters
        ----------
        col : str, list or tuple
            A column name, or several.
        probabilities : list or tuple of floats
            Each in [0, 1].
        relativeError : float
            The relative target precision (0 is exact).

        Returns
        -------
        list
            The quantiles (a list per column when ``col`` is a list).

        Examples
        --------
        >>> df = spark.createDataFrame([(1.0,), (2.0,), (None,), (4.5,)], "d double")
        >>> df.stat.approxQuantile("d", [0.5], 0.0)
        [2.0]
        """
        return self.df.approxQuantile(col, probabilities, relativeError)

    def crosstab(self, col1: str, col2: str) -> "DataFrame":
        """The pair frequencies of two columns (see :meth:`DataFrame.crosstab`).

        Parameters
        ----------
        col1 : str
            The rows' column.
        col2 : str
            The columns' column.

        Returns
        -------
        :class:`DataFrame`
            The contingency table.

        Examples
        --------
        >>> df = spark.createDataFrame([("x", True), ("x", False), ("y", True)], "k string, b boolean")
        >>> df.stat.crosstab("k", "b").collect()
        [Row(k_b='x', false=1, true=1), Row(k_b='y', false=0, true=1)]
        """
        return self.df.crosstab(col1, col2)

    def freqItems(self, cols: Any, support: Optional[float] = None) -> "DataFrame":
        """Frequent items of columns (see :meth:`DataFrame.freqItems`).

        Parameters
        ----------
        cols : list or tuple of str
            The columns.
        support : float, optional
            The minimum frequency, in [1e-4, 1] (default 1%).

        Returns
        -------
        :class:`DataFrame`
            One row of ``<col>_freqItems`` arrays.

        Examples
        --------
        >>> df = spark.createDataFrame([(1,), (1,), (2,), (3,), (1,), (None,), (None,), (None,)], "a int").coalesce(1)
        >>> sorted(df.stat.freqItems(["a"], 0.3).first()[0], key=str)
        [1, None]
        """
        return self.df.freqItems(cols, support)

    def sampleBy(self, col: Any, fractions: Any, seed: Optional[int] = None) -> "DataFrame":
        """A stratified sample (see :meth:`DataFrame.sampleBy`).

        Parameters
        ----------
        col : :class:`Column` or str
            The stratum of each row.
        fractions : dict
            Stratum to fraction in [0, 1].
        seed : int, optional
            The random seed.

        Returns
        -------
        :class:`DataFrame`
            The sampled rows.

        Examples
        --------
        >>> df = spark.createDataFrame([("a",), ("b",), ("a",)], "s string")
        >>> df.stat.sampleBy("s", {"a": 1.0}, 1).count()
        2
        """
        return self.df.sampleBy(col, fractions, seed)
