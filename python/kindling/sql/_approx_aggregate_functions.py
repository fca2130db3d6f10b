"""Spark's approximate and ordered-set aggregate functions (approx_count_distinct, percentile_approx,
approx_percentile, product, mode, listagg, listagg_distinct, string_agg, string_agg_distinct), re-exported by
:mod:`kindling.sql.functions`. The engine implements them as Spark does (HyperLogLog++, Greenwald–Khanna)."""

from __future__ import annotations

from typing import Optional, Sequence, Tuple, Union

from kindling.sql.column import Column, _call, _literal, _to_col
from kindling.errors import PySparkTypeError

ColumnOrName = Union[Column, str]

__all__ = ["approx_count_distinct", "approxCountDistinct", "percentile_approx", "approx_percentile", "product", "mode",
           "listagg", "listagg_distinct", "string_agg", "string_agg_distinct"]


def approx_count_distinct(col: ColumnOrName, rsd: Optional[float] = None) -> Column:
    """The estimated number of distinct non-NULL values, by Spark's HyperLogLog++ (the same estimates as Spark).

    Parameters
    ----------
    col : :class:`Column` or str
        The column.
    rsd : float, optional
        The maximum relative standard deviation allowed (default 0.05); below 0.39.

    Returns
    -------
    :class:`Column`
        A bigint, 0 for no values.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (2,), (2,), (None,)], "x int")
    >>> df.agg(approx_count_distinct("x")).first()[0]
    2
    >>> spark.range(100000).agg(approx_count_distinct("id", 0.1).alias("n")).first().n
    102065
    """
    if rsd is None:
        return _call("approx_count_distinct", _to_col(col))
    if not isinstance(rsd, (int, float)) or isinstance(rsd, bool):
        raise PySparkTypeError(error_class="NOT_FLOAT", message_parameters={"arg_name": "rsd", "arg_type": type(rsd).__name__})
    return _call("approx_count_distinct", _to_col(col), _literal(float(rsd), "rsd"))


def approxCountDistinct(col: ColumnOrName, rsd: Optional[float] = None) -> Column:
    """Deprecated alias of :func:`approx_count_distinct`.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.
    rsd : float, optional
        The maximum relative standard deviation allowed (default 0.05).

    Returns
    -------
    :class:`Column`
        A bigint.

    Examples
    --------
    >>> spark.createDataFrame([("a",), ("b",), ("a",)], "s string").agg(approxCountDistinct("s")).first()[0]
    2
    """
    import warnings

    warnings.warn("Deprecated in 2.1, use approx_count_distinct instead.", FutureWarning)
    return approx_count_distinct(col, rsd)


def _percentage(percentage: Union[Column, float, Sequence[float], Tuple[float, ...]]) -> object:
    if isinstance(percentage, Column):
        return percentage._expr
    if isinstance(percentage, (list, tuple)):
        return _call("array", *[_literal(float(v), "percentage") for v in percentage])._expr
    if isinstance(percentage, (int, float)) and not isinstance(percentage, bool):
        return _literal(float(percentage), "percentage")
    raise PySparkTypeError(error_class="NOT_COLUMN_OR_FLOAT_OR_LIST_OR_STR",
                           message_parameters={"arg_name": "percentage", "arg_type": type(percentage).__name__})


def _accuracy(accuracy: Union[Column, int]) -> object:
    if isinstance(accuracy, Column):
        return accuracy._expr
    if isinstance(accuracy, int) and not isinstance(accuracy, bool):
        return _literal(accuracy, "accuracy")
    raise PySparkTypeError(error_class="NOT_COLUMN_OR_INT", message_parameters={"arg_name": "accuracy", "arg_type": type(accuracy).__name__})


def percentile_approx(col: ColumnOrName, percentage: Union[Column, float, Sequence[float], Tuple[float, ...]],
                      accuracy: Union[Column, int] = 10000) -> Column:
    """Approximate percentile(s) of the non-NULL values, as Spark's ApproximatePercentile: the smallest value of a
    Greenwald–Khanna summary whose rank is within ``1 / accuracy`` of the requested one.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric, date or timestamp column.
    percentage : float, list of floats or :class:`Column`
        A constant in [0, 1], or several (the result is then an array).
    accuracy : int or :class:`Column`, optional
        Higher is more exact (relative error ``1 / accuracy``); default 10000.

    Returns
    -------
    :class:`Column`
        A value (or an array) of ``col``'s type.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (2,), (3,), (4,), (10,), (None,)], "x int")
    >>> df.agg(percentile_approx("x", 0.5), percentile_approx("x", [0.1, 0.9], 100)).first()
    Row(percentile_approx(x, 0.5, 10000)=3, percentile_approx(x, array(0.1, 0.9), 100)=[1, 10])
    """
    return _call("percentile_approx", _to_col(col), _percentage(percentage), _accuracy(accuracy))


def approx_percentile(col: ColumnOrName, percentage: Union[Column, float, Sequence[float], Tuple[float, ...]],
                      accuracy: Union[Column, int] = 10000) -> Column:
    """:func:`percentile_approx` under Spark's other name (the column is named ``approx_percentile(…)``).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric, date or timestamp column.
    percentage : float, list of floats or :class:`Column`
        A constant in [0, 1], or several.
    accuracy : int or :class:`Column`, optional
        Default 10000.

    Returns
    -------
    :class:`Column`
        A value (or an array) of ``col``'s type.

    Examples
    --------
    >>> df = spark.createDataFrame([(1.5,), (2.5,), (9.0,)], "x double")
    >>> df.agg(approx_percentile("x", 0.5)).first()
    Row(approx_percentile(x, 0.5, 10000)=2.5)
    """
    return _call("approx_percentile", _to_col(col), _percentage(percentage), _accuracy(accuracy))


def product(col: ColumnOrName) -> Column:
    """The product of the non-NULL values, as a double; NULL when there are none.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> df = spark.range(1, 6).withColumnRenamed("id", "x")
    >>> df.agg(product("x")).first()
    Row(product(x)=120.0)
    """
    # The engine's DataFrame-only name: Spark's SQL has no product.
    return _call("product$", _to_col(col))


def mode(col: ColumnOrName, deterministic: bool = False) -> Column:
    """The most frequent non-NULL value. With ``deterministic`` a tie goes to the smallest value (Spark then names
    the column ``mode() WITHIN GROUP (ORDER BY x DESC)``); without it, to the first maximum in Spark's hash map
    order (emulated for numbers, strings, booleans, dates and timestamps), so the same value as Spark's.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.
    deterministic : bool, optional
        Break ties by value (default False).

    Returns
    -------
    :class:`Column`
        A value of ``col``'s type; NULL when there are no values.

    Examples
    --------
    >>> df = spark.createDataFrame([(3,), (1,), (3,), (1,), (2,)], "x int")
    >>> df.agg(mode("x", True)).first()
    Row(mode() WITHIN GROUP (ORDER BY x DESC)=1)
    >>> spark.createDataFrame([("a",), ("b",), ("b",)], "s string").agg(mode("s")).first()[0]
    'b'
    >>> spark.range(5).agg(mode("id")).first()[0]
    4
    """
    if not isinstance(deterministic, bool):
        raise PySparkTypeError(error_class="NOT_BOOL", message_parameters={"arg_name": "deterministic", "arg_type": type(deterministic).__name__})
    return _call("mode", _to_col(col), _literal(deterministic, "deterministic"))


def _delimiter(delimiter: Union[Column, str, bytes, None]) -> object:
    if delimiter is None:
        return _literal(None)
    if isinstance(delimiter, Column):
        return delimiter._expr
    if isinstance(delimiter, str):
        return _literal(delimiter, "delimiter")
    if isinstance(delimiter, (bytes, bytearray)):
        return _call("unhex", _literal(bytes(delimiter).hex(), "delimiter"))._expr
    raise PySparkTypeError(error_class="NOT_COLUMN_OR_STR", message_parameters={"arg_name": "delimiter", "arg_type": type(delimiter).__name__})


def _listagg(name: str, col: ColumnOrName, delimiter: Union[Column, str, bytes, None], distinct: bool) -> Column:
    return _call(name, _to_col(col), _delimiter(delimiter), distinct=distinct)


def listagg(col: ColumnOrName, delimiter: Union[Column, str, bytes, None] = None) -> Column:
    """The non-NULL values joined by ``delimiter`` (nothing by default), in the order the rows arrive; NULL when
    there are none. Non-string values are cast to strings; binary values join as binary.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.
    delimiter : str, bytes or :class:`Column`, optional
        A constant separator.

    Returns
    -------
    :class:`Column`
        A string (or binary).

    Examples
    --------
    >>> df = spark.createDataFrame([("a",), ("b",), (None,), ("c",)], "s string").coalesce(1)
    >>> df.agg(listagg("s", ", ")).first()
    Row(listagg(s, , )='a, b, c')
    >>> df.agg(listagg("s")).first()
    Row(listagg(s, NULL)='abc')
    """
    return _listagg("listagg", col, delimiter, False)


def listagg_distinct(col: ColumnOrName, delimiter: Union[Column, str, bytes, None] = None) -> Column:
    """:func:`listagg` of the distinct non-NULL values.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.
    delimiter : str, bytes or :class:`Column`, optional
        A constant separator.

    Returns
    -------
    :class:`Column`
        A string (or binary).

    Examples
    --------
    >>> df = spark.createDataFrame([("a",), ("a",), ("a",)], "s string")
    >>> df.agg(listagg_distinct("s", "-")).first()
    Row(listagg(DISTINCT s, -)='a')
    """
    return _listagg("listagg", col, delimiter, True)


def string_agg(col: ColumnOrName, delimiter: Union[Column, str, bytes, None] = None) -> Column:
    """:func:`listagg` under its other name (the column is named ``string_agg(…)``).

    Parameters
    ----------
    col : :class:`Column` or str
        The column.
    delimiter : str, bytes or :class:`Column`, optional
        A constant separator.

    Returns
    -------
    :class:`Column`
        A string (or binary).

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (2,), (3,)], "x int").coalesce(1)
    >>> df.agg(string_agg("x", ",")).first()
    Row(string_agg(x, ,)='1,2,3')
    """
    return _listagg("string_agg", col, delimiter, False)


def string_agg_distinct(col: ColumnOrName, delimiter: Union[Column, str, bytes, None] = None) -> Column:
    """:func:`string_agg` of the distinct non-NULL values.

    Parameters
    ----------
    col : :class:`Column` or str
        The column.
    delimiter : str, bytes or :class:`Column`, optional
        A constant separator.

    Returns
    -------
    :class:`Column`
        A string (or binary).

    Examples
    --------
    >>> df = spark.createDataFrame([("x",), (None,), ("x",)], "s string")
    >>> df.agg(string_agg_distinct("s")).first()
    Row(string_agg(DISTINCT s, NULL)='x')
    """
    return _listagg("string_agg", col, delimiter, True)
