"""Spark's statistical aggregate functions, re-exported by :mod:`kindling.sql.functions` under PySpark's names.
Arguments are cast to double (strings too); NULLs are skipped; no rows give NULL, and so does a division by zero
(one row for the sample variants), as Spark 4 does."""

from __future__ import annotations

from typing import Union

from kindling.sql.column import Column, _call, _to_col

ColumnOrName = Union[Column, str]

__all__ = ["stddev", "std", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "skewness", "kurtosis", "corr", "covar_pop", "covar_samp", "regr_count", "regr_avgx", "regr_avgy", "regr_sxx", "regr_syy", "regr_sxy", "regr_slope", "regr_intercept", "regr_r2"]


def stddev(col: ColumnOrName) -> Column:
    """The sample standard deviation of the non-NULL values (alias of :func:`stddev_samp`); NULL for fewer than two.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``stddev(col)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (2,), (3,), (4,), (10,), (None,)], "x int").coalesce(1)
    >>> df.agg(stddev("x")).first()[0]
    3.5355339059327378
    >>> df.agg(stddev("x")).columns
    ['stddev(x)']
    """
    return _call("stddev", _to_col(col))


def std(col: ColumnOrName) -> Column:
    """The sample standard deviation of the non-NULL values (alias of :func:`stddev_samp`, named ``std(x)``).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``std(col)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (2,), (3,), (4,), (10,), (None,)], "x int").coalesce(1)
    >>> df.agg(std("x")).first()[0]
    3.5355339059327378
    >>> df.agg(std("x")).columns
    ['std(x)']
    """
    return _call("std", _to_col(col))


def stddev_samp(col: ColumnOrName) -> Column:
    """The sample standard deviation of the non-NULL values; NULL for fewer than two.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``stddev_samp(col)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (2,), (3,), (4,), (10,), (None,)], "x int").coalesce(1)
    >>> df.agg(stddev_samp("x")).first()[0]
    3.5355339059327378
    >>> df.agg(stddev_samp("x")).columns
    ['stddev_samp(x)']
    """
    return _call("stddev_samp", _to_col(col))


def stddev_pop(col: ColumnOrName) -> Column:
    """The population standard deviation of the non-NULL values; NULL when there are none.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``stddev_pop(col)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (2,), (3,), (4,), (10,), (None,)], "x int").coalesce(1)
    >>> df.agg(stddev_pop("x")).first()[0]
    3.1622776601683795
    >>> df.agg(stddev_pop("x")).columns
    ['stddev_pop(x)']
    """
    return _call("stddev_pop", _to_col(col))


def variance(col: ColumnOrName) -> Column:
    """The sample variance of the non-NULL values (alias of :func:`var_samp`); NULL for fewer than two.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``variance(col)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (2,), (3,), (4,), (10,), (None,)], "x int").coalesce(1)
    >>> df.agg(variance("x")).first()[0]
    12.5
    >>> df.agg(variance("x")).columns
    ['variance(x)']
    """
    return _call("variance", _to_col(col))


def var_samp(col: ColumnOrName) -> Column:
    """The sample variance of the non-NULL values; NULL for fewer than two.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``var_samp(col)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (2,), (3,), (4,), (10,), (None,)], "x int").coalesce(1)
    >>> df.agg(var_samp("x")).first()[0]
    12.5
    >>> df.agg(var_samp("x")).columns
    ['var_samp(x)']
    """
    return _call("var_samp", _to_col(col))


def var_pop(col: ColumnOrName) -> Column:
    """The population variance of the non-NULL values; NULL when there are none.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``var_pop(col)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (2,), (3,), (4,), (10,), (None,)], "x int").coalesce(1)
    >>> df.agg(var_pop("x")).first()[0]
    10.0
    >>> df.agg(var_pop("x")).columns
    ['var_pop(x)']
    """
    return _call("var_pop", _to_col(col))


def skewness(col: ColumnOrName) -> Column:
    """The skewness of the non-NULL values; NULL when they do not vary.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``skewness(col)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (2,), (3,), (4,), (10,), (None,)], "x int").coalesce(1)
    >>> df.agg(skewness("x")).first()[0]
    1.1384199576606164
    >>> df.agg(skewness("x")).columns
    ['skewness(x)']
    """
    return _call("skewness", _to_col(col))


def kurtosis(col: ColumnOrName) -> Column:
    """The excess kurtosis of the non-NULL values; NULL when they do not vary.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``kurtosis(col)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,), (2,), (3,), (4,), (10,), (None,)], "x int").coalesce(1)
    >>> df.agg(kurtosis("x")).first()[0]
    -0.2120000000000002
    >>> df.agg(kurtosis("x")).columns
    ['kurtosis(x)']
    """
    return _call("kurtosis", _to_col(col))


def corr(col1: ColumnOrName, col2: ColumnOrName) -> Column:
    """Pearson's correlation coefficient of the pairs where both values are non-NULL; NULL for fewer than two pairs or when a column does not vary.

    Parameters
    ----------
    col1 : :class:`Column` or str
        The first numeric column (cast to double).
    col2 : :class:`Column` or str
        The second numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``corr(col1, col2)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 2), (2, 4), (3, 7), (None, 1), (4, None)], "x int, y int").coalesce(1)
    >>> df.agg(corr("x", "y")).first()[0]
    0.9933992677987827
    >>> df.agg(corr("x", "y")).columns
    ['corr(x, y)']
    """
    return _call("corr", _to_col(col1), _to_col(col2))


def covar_pop(col1: ColumnOrName, col2: ColumnOrName) -> Column:
    """The population covariance of the pairs where both values are non-NULL.

    Parameters
    ----------
    col1 : :class:`Column` or str
        The first numeric column (cast to double).
    col2 : :class:`Column` or str
        The second numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``covar_pop(col1, col2)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 2), (2, 4), (3, 7), (None, 1), (4, None)], "x int, y int").coalesce(1)
    >>> df.agg(covar_pop("x", "y")).first()[0]
    1.6666666666666667
    >>> df.agg(covar_pop("x", "y")).columns
    ['covar_pop(x, y)']
    """
    return _call("covar_pop", _to_col(col1), _to_col(col2))


def covar_samp(col1: ColumnOrName, col2: ColumnOrName) -> Column:
    """The sample covariance of the pairs where both values are non-NULL; NULL for fewer than two pairs.

    Parameters
    ----------
    col1 : :class:`Column` or str
        The first numeric column (cast to double).
    col2 : :class:`Column` or str
        The second numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``covar_samp(col1, col2)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 2), (2, 4), (3, 7), (None, 1), (4, None)], "x int, y int").coalesce(1)
    >>> df.agg(covar_samp("x", "y")).first()[0]
    2.5
    >>> df.agg(covar_samp("x", "y")).columns
    ['covar_samp(x, y)']
    """
    return _call("covar_samp", _to_col(col1), _to_col(col2))


def regr_count(y: ColumnOrName, x: ColumnOrName) -> Column:
    """The number of rows where both ``y`` and ``x`` are non-NULL.

    Parameters
    ----------
    y : :class:`Column` or str
        The dependent variable (cast to a number).
    x : :class:`Column` or str
        The independent variable (cast to a number).

    Returns
    -------
    :class:`Column`
        A bigint, named ``regr_count(y, x)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 2), (2, 4), (3, 7), (None, 1), (4, None)], "y int, x int").coalesce(1)
    >>> df.agg(regr_count("y", "x")).first()[0]
    3
    >>> df.agg(regr_count("y", "x")).columns
    ['regr_count(y, x)']
    """
    return _call("regr_count", _to_col(y), _to_col(x))


def regr_avgx(y: ColumnOrName, x: ColumnOrName) -> Column:
    """The mean of ``x`` over the rows where both ``y`` and ``x`` are non-NULL.

    Parameters
    ----------
    y : :class:`Column` or str
        The dependent variable (cast to a number).
    x : :class:`Column` or str
        The independent variable (cast to a number).

    Returns
    -------
    :class:`Column`
        A double (a decimal for a decimal argument), named ``regr_avgx(y, x)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 2), (2, 4), (3, 7), (None, 1), (4, None)], "y int, x int").coalesce(1)
    >>> df.agg(regr_avgx("y", "x")).first()[0]
    4.333333333333333
    >>> df.agg(regr_avgx("y", "x")).columns
    ['regr_avgx(y, x)']
    """
    return _call("regr_avgx", _to_col(y), _to_col(x))


def regr_avgy(y: ColumnOrName, x: ColumnOrName) -> Column:
    """The mean of ``y`` over the rows where both ``y`` and ``x`` are non-NULL.

    Parameters
    ----------
    y : :class:`Column` or str
        The dependent variable (cast to a number).
    x : :class:`Column` or str
        The independent variable (cast to a number).

    Returns
    -------
    :class:`Column`
        A double (a decimal for a decimal argument), named ``regr_avgy(y, x)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 2), (2, 4), (3, 7), (None, 1), (4, None)], "y int, x int").coalesce(1)
    >>> df.agg(regr_avgy("y", "x")).first()[0]
    2.0
    >>> df.agg(regr_avgy("y", "x")).columns
    ['regr_avgy(y, x)']
    """
    return _call("regr_avgy", _to_col(y), _to_col(x))


def regr_sxx(y: ColumnOrName, x: ColumnOrName) -> Column:
    """``regr_count(y, x) * var_pop(x)`` over the rows where both are non-NULL.

    Parameters
    ----------
    y : :class:`Column` or str
        The dependent variable (cast to double).
    x : :class:`Column` or str
        The independent variable (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``regr_sxx(y, x)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 2), (2, 4), (3, 7), (None, 1), (4, None)], "y int, x int").coalesce(1)
    >>> df.agg(regr_sxx("y", "x")).first()[0]
    12.666666666666668
    >>> df.agg(regr_sxx("y", "x")).columns
    ['regr_sxx(y, x)']
    """
    return _call("regr_sxx", _to_col(y), _to_col(x))


def regr_syy(y: ColumnOrName, x: ColumnOrName) -> Column:
    """``regr_count(y, x) * var_pop(y)`` over the rows where both are non-NULL.

    Parameters
    ----------
    y : :class:`Column` or str
        The dependent variable (cast to double).
    x : :class:`Column` or str
        The independent variable (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``regr_syy(y, x)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 2), (2, 4), (3, 7), (None, 1), (4, None)], "y int, x int").coalesce(1)
    >>> df.agg(regr_syy("y", "x")).first()[0]
    2.0
    >>> df.agg(regr_syy("y", "x")).columns
    ['regr_syy(y, x)']
    """
    return _call("regr_syy", _to_col(y), _to_col(x))


def regr_sxy(y: ColumnOrName, x: ColumnOrName) -> Column:
    """``regr_count(y, x) * covar_pop(y, x)`` over the rows where both are non-NULL.

    Parameters
    ----------
    y : :class:`Column` or str
        The dependent variable (cast to double).
    x : :class:`Column` or str
        The independent variable (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``regr_sxy(y, x)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 2), (2, 4), (3, 7), (None, 1), (4, None)], "y int, x int").coalesce(1)
    >>> df.agg(regr_sxy("y", "x")).first()[0]
    5.0
    >>> df.agg(regr_sxy("y", "x")).columns
    ['regr_sxy(y, x)']
    """
    return _call("regr_sxy", _to_col(y), _to_col(x))


def regr_slope(y: ColumnOrName, x: ColumnOrName) -> Column:
    """The slope of the least-squares line of ``y`` on ``x``; NULL when ``x`` does not vary.

    Parameters
    ----------
    y : :class:`Column` or str
        The dependent variable (cast to double).
    x : :class:`Column` or str
        The independent variable (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``regr_slope(y, x)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 2), (2, 4), (3, 7), (None, 1), (4, None)], "y int, x int").coalesce(1)
    >>> df.agg(regr_slope("y", "x")).first()[0]
    0.3947368421052631
    >>> df.agg(regr_slope("y", "x")).columns
    ['regr_slope(y, x)']
    """
    return _call("regr_slope", _to_col(y), _to_col(x))


def regr_intercept(y: ColumnOrName, x: ColumnOrName) -> Column:
    """The y-intercept of the least-squares line of ``y`` on ``x``; NULL when ``x`` does not vary.

    Parameters
    ----------
    y : :class:`Column` or str
        The dependent variable (cast to double).
    x : :class:`Column` or str
        The independent variable (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``regr_intercept(y, x)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 2), (2, 4), (3, 7), (None, 1), (4, None)], "y int, x int").coalesce(1)
    >>> df.agg(regr_intercept("y", "x")).first()[0]
    0.28947368421052655
    >>> df.agg(regr_intercept("y", "x")).columns
    ['regr_intercept(y, x)']
    """
    return _call("regr_intercept", _to_col(y), _to_col(x))


def regr_r2(y: ColumnOrName, x: ColumnOrName) -> Column:
    """The coefficient of determination of the least-squares line of ``y`` on ``x``; NULL when ``x`` does not vary, 1 when ``y`` does not.

    Parameters
    ----------
    y : :class:`Column` or str
        The dependent variable (cast to double).
    x : :class:`Column` or str
        The independent variable (cast to double).

    Returns
    -------
    :class:`Column`
        A double, named ``regr_r2(y, x)``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 2), (2, 4), (3, 7), (None, 1), (4, None)], "y int, x int").coalesce(1)
    >>> df.agg(regr_r2("y", "x")).first()[0]
    0.9868421052631576
    >>> df.agg(regr_r2("y", "x")).columns
    ['regr_r2(y, x)']
    """
    return _call("regr_r2", _to_col(y), _to_col(x))
