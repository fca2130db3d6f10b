"""Higher-order array functions, re-exported by :mod:`kindling.sql.functions` under PySpark's names.

As in PySpark, a Python function becomes a lambda by calling it once with placeholder columns named ``x_0``,
``y_1``… (a fresh name per variable); the engine binds and evaluates the expression it returns.
"""

from __future__ import annotations

import inspect
import itertools
from typing import Callable, Union

from kindling.sql import _expr as E
from kindling.sql._utils import errors as _err
from kindling.sql.column import Column, _call, _to_col

ColumnOrName = Union[Column, str]

__all__ = ["transform", "filter", "exists", "forall", "aggregate", "reduce", "zip_with"]

_var_ids = itertools.count()
_POSITIONAL = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.POSITIONAL_ONLY)


def _lambda(f: Callable[..., Column]) -> E.LambdaFunction:
    """``f`` as a lambda: PySpark's ``_create_lambda``, with its checks and error classes."""
    params = inspect.signature(f).parameters.values()
    name = getattr(f, "__name__", type(f).__name__)
    if not 1 <= len(params) <= 3:
        raise _err.value_error("WRONG_NUM_ARGS_FOR_HIGHER_ORDER_FUNCTION", func_name=name, num_args=str(len(params)))
    if not all(p.kind in _POSITIONAL for p in params):
        raise _err.value_error("UNSUPPORTED_PARAM_TYPE_FOR_HIGHER_ORDER_FUNCTION", func_name=name)
    names = tuple(f"{n}_{next(_var_ids)}" for n in ("x", "y", "z")[: len(params)])
    result = f(*(Column(E.LambdaVariable(n)) for n in names))
    if not isinstance(result, Column):
        raise _err.value_error("HIGHER_ORDER_FUNCTION_SHOULD_RETURN_COLUMN", func_name=name,
                               return_type=type(result).__name__)
    return E.LambdaFunction(names, result._expr)


def _invoke(name: str, cols: tuple, funs: tuple) -> Column:
    return _call(name, *(_to_col(c) for c in cols), *(_lambda(f) for f in funs))


def transform(col: ColumnOrName, f: Callable[..., Column]) -> Column:
    """The array of ``f`` applied to each element (and, if ``f`` takes two arguments, its 0-based index).

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    f : function
        ``(x: Column) -> Column`` or ``(x: Column, i: Column) -> Column``.

    Returns
    -------
    :class:`Column`
        An array of ``f``'s results; NULL where ``col`` is NULL.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2, 3, 4],), (None,)], "xs array<int>")
    >>> [r[0] for r in df.select(transform("xs", lambda x: x * 2)).collect()]
    [[2, 4, 6, 8], None]
    >>> from kindling.sql.functions import when
    >>> df.select(transform("xs", lambda x, i: when(i % 2 == 0, x).otherwise(-x)).alias("alt")).first().alt
    [1, -2, 3, -4]
    """
    return _invoke("transform", (col,), (f,))


def filter(col: ColumnOrName, f: Callable[..., Column]) -> Column:
    """The elements for which the predicate ``f`` (of the element, and its index if it takes two) is true.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    f : function
        ``(x: Column) -> Column`` or ``(x: Column, i: Column) -> Column`` returning a boolean.

    Returns
    -------
    :class:`Column`
        The kept elements, in order (a NULL predicate drops the element).

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2, None, 3],)], "xs array<int>")
    >>> df.select(filter("xs", lambda x: x > 1)).first()[0]
    [2, 3]
    >>> df.select(filter("xs", lambda x, i: i > 1)).first()[0]
    [None, 3]
    """
    return _invoke("filter", (col,), (f,))


def exists(col: ColumnOrName, f: Callable[[Column], Column]) -> Column:
    """True if ``f`` holds for some element; NULL if it holds for none but is NULL for some.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    f : function
        ``(x: Column) -> Column`` returning a boolean.

    Returns
    -------
    :class:`Column`
        A boolean.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2],), ([1, None],), ([],)], "xs array<int>")
    >>> [r[0] for r in df.select(exists("xs", lambda x: x > 1)).collect()]
    [True, None, False]
    """
    return _invoke("exists", (col,), (f,))


def forall(col: ColumnOrName, f: Callable[[Column], Column]) -> Column:
    """True if ``f`` holds for every element; NULL if it fails for none but is NULL for some.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    f : function
        ``(x: Column) -> Column`` returning a boolean.

    Returns
    -------
    :class:`Column`
        A boolean (true for an empty array).

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2],), ([1, None],), ([0, None],), ([],)], "xs array<int>")
    >>> [r[0] for r in df.select(forall("xs", lambda x: x > 0)).collect()]
    [True, None, False, True]
    """
    return _invoke("forall", (col,), (f,))


def aggregate(
    col: ColumnOrName,
    initialValue: ColumnOrName,
    merge: Callable[[Column, Column], Column],
    finish: Union[Callable[[Column], Column], None] = None,
) -> Column:
    """Folds the array into one value: ``merge(acc, x)`` for each element from ``initialValue``, then ``finish(acc)``.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    initialValue : :class:`Column` or str
        The starting accumulator; ``merge`` must return its type.
    merge : function
        ``(acc: Column, x: Column) -> Column``.
    finish : function, optional
        ``(acc: Column) -> Column``, applied to the final accumulator.

    Returns
    -------
    :class:`Column`
        The folded value; NULL where ``col`` is NULL.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([([20.0, 4.0, 2.0, 6.0, 10.0],)], "xs array<double>")
    >>> df.select(aggregate("xs", lit(0.0), lambda acc, x: acc + x)).first()[0]
    42.0
    >>> df.select(aggregate("xs", lit(0.0), lambda acc, x: acc + x, lambda acc: acc / 2)).first()[0]
    21.0
    """
    if finish is None:
        return _invoke("aggregate", (col, initialValue), (merge,))
    return _invoke("aggregate", (col, initialValue), (merge, finish))


def reduce(
    col: ColumnOrName,
    initialValue: ColumnOrName,
    merge: Callable[[Column, Column], Column],
    finish: Union[Callable[[Column], Column], None] = None,
) -> Column:
    """:func:`aggregate` by its other name.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    initialValue : :class:`Column` or str
        The starting accumulator; ``merge`` must return its type.
    merge : function
        ``(acc: Column, x: Column) -> Column``.
    finish : function, optional
        ``(acc: Column) -> Column``, applied to the final accumulator.

    Returns
    -------
    :class:`Column`
        The folded value; NULL where ``col`` is NULL.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([([1, 2, 3],)], "xs array<int>")
    >>> df.select(reduce("xs", lit(0), lambda acc, x: acc + x)).first()[0]
    6
    """
    if finish is None:
        return _invoke("reduce", (col, initialValue), (merge,))
    return _invoke("reduce", (col, initialValue), (merge, finish))


def zip_with(left: ColumnOrName, right: ColumnOrName, f: Callable[[Column, Column], Column]) -> Column:
    """Merges two arrays element-wise with ``f``; the shorter one is padded with NULLs.

    Parameters
    ----------
    left : :class:`Column` or str
        The first array column.
    right : :class:`Column` or str
        The second array column.
    f : function
        ``(x: Column, y: Column) -> Column``.

    Returns
    -------
    :class:`Column`
        An array as long as the longer input; NULL where either is NULL.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 3, 5, 8], [0, 2, 4, 6])], "xs array<int>, ys array<int>")
    >>> df.select(zip_with("xs", "ys", lambda x, y: x + y)).first()[0]
    [1, 5, 9, 14]
    >>> df = spark.createDataFrame([([1, 2], [10])], "xs array<int>, ys array<int>")
    >>> df.select(zip_with("xs", "ys", lambda x, y: x * y)).first()[0]
    [10, None]
    """
    return _invoke("zip_with", (left, right), (f,))
