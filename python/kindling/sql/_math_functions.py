"""Math functions over doubles, re-exported by :mod:`kindling.sql.functions` under PySpark's names. Arguments are
cast to double; NULL gives NULL; the logarithms give NULL at or below their asymptote, the others NaN outside their
domain, as Spark's do."""

from __future__ import annotations

from typing import Optional, Union

from kindling.sql.column import Column, _call, _literal, _to_col

ColumnOrName = Union[Column, str]
ColumnOrNumber = Union[Column, str, int, float]

__all__ = ["exp", "expm1", "ln", "log10", "log2", "log1p", "sin", "cos", "tan", "cot", "sec", "csc", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "cbrt", "degrees", "radians", "signum", "rint", "atan2", "pow", "hypot", "power", "log", "pi", "e"]


def _num(v: ColumnOrNumber, arg_name: str) -> Column:
    """A column, a column name, or a number (a literal, as PySpark's math functions accept)."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return _literal(float(v), arg_name)
    return _to_col(v)


def exp(col: ColumnOrName) -> Column:
    """Euler's number raised to the power of the value.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(exp(lit(0))).first()[0]
    1.0
    """
    return _call("exp", _to_col(col))

def expm1(col: ColumnOrName) -> Column:
    """``exp(x) - 1``, exact for small values.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(expm1(lit(0))).first()[0]
    0.0
    """
    return _call("expm1", _to_col(col))

def ln(col: ColumnOrName) -> Column:
    """The natural logarithm; NULL for values <= 0.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(ln(lit(1))).first()[0]
    0.0
    """
    return _call("ln", _to_col(col))

def log10(col: ColumnOrName) -> Column:
    """The base-10 logarithm; NULL for values <= 0.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(log10(lit(1000))).first()[0]
    3.0
    """
    return _call("log10", _to_col(col))

def log2(col: ColumnOrName) -> Column:
    """The base-2 logarithm; NULL for values <= 0.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(log2(lit(8))).first()[0]
    3.0
    """
    return _call("log2", _to_col(col))

def log1p(col: ColumnOrName) -> Column:
    """``ln(1 + x)``; NULL for values <= -1.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(log1p(lit(0))).first()[0]
    0.0
    """
    return _call("log1p", _to_col(col))

def sin(col: ColumnOrName) -> Column:
    """The sine of an angle in radians.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(sin(lit(0))).first()[0]
    0.0
    """
    return _call("sin", _to_col(col))

def cos(col: ColumnOrName) -> Column:
    """The cosine of an angle in radians.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(cos(lit(0))).first()[0]
    1.0
    """
    return _call("cos", _to_col(col))

def tan(col: ColumnOrName) -> Column:
    """The tangent of an angle in radians.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(tan(lit(0))).first()[0]
    0.0
    """
    return _call("tan", _to_col(col))

def cot(col: ColumnOrName) -> Column:
    """The cotangent of an angle in radians.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(cot(lit(1))).first()[0]
    0.6420926159343306
    """
    return _call("cot", _to_col(col))

def sec(col: ColumnOrName) -> Column:
    """The secant of an angle in radians.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(sec(lit(0))).first()[0]
    1.0
    """
    return _call("sec", _to_col(col))

def csc(col: ColumnOrName) -> Column:
    """The cosecant of an angle in radians.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(csc(lit(1))).first()[0]
    1.1883951057781212
    """
    return _call("csc", _to_col(col))

def asin(col: ColumnOrName) -> Column:
    """The inverse sine in radians (NaN outside [-1, 1]).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(asin(lit(1))).first()[0]
    1.5707963267948966
    """
    return _call("asin", _to_col(col))

def acos(col: ColumnOrName) -> Column:
    """The inverse cosine in radians (NaN outside [-1, 1]).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(acos(lit(1))).first()[0]
    0.0
    """
    return _call("acos", _to_col(col))

def atan(col: ColumnOrName) -> Column:
    """The inverse tangent in radians.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(atan(lit(1))).first()[0]
    0.7853981633974483
    """
    return _call("atan", _to_col(col))

def sinh(col: ColumnOrName) -> Column:
    """The hyperbolic sine.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(sinh(lit(0))).first()[0]
    0.0
    """
    return _call("sinh", _to_col(col))

def cosh(col: ColumnOrName) -> Column:
    """The hyperbolic cosine.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(cosh(lit(0))).first()[0]
    1.0
    """
    return _call("cosh", _to_col(col))

def tanh(col: ColumnOrName) -> Column:
    """The hyperbolic tangent.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(tanh(lit(0))).first()[0]
    0.0
    """
    return _call("tanh", _to_col(col))

def asinh(col: ColumnOrName) -> Column:
    """The inverse hyperbolic sine.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(asinh(lit(0))).first()[0]
    0.0
    """
    return _call("asinh", _to_col(col))

def acosh(col: ColumnOrName) -> Column:
    """The inverse hyperbolic cosine (NaN below 1).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(acosh(lit(1))).first()[0]
    0.0
    """
    return _call("acosh", _to_col(col))

def atanh(col: ColumnOrName) -> Column:
    """The inverse hyperbolic tangent (NaN outside [-1, 1]).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(atanh(lit(0))).first()[0]
    0.0
    """
    return _call("atanh", _to_col(col))

def cbrt(col: ColumnOrName) -> Column:
    """The cube root.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(cbrt(lit(27))).first()[0]
    3.0
    """
    return _call("cbrt", _to_col(col))

def degrees(col: ColumnOrName) -> Column:
    """Radians converted to degrees.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(degrees(lit(0))).first()[0]
    0.0
    """
    return _call("degrees", _to_col(col))

def radians(col: ColumnOrName) -> Column:
    """Degrees converted to radians.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(radians(lit(180))).first()[0]
    3.141592653589793
    """
    return _call("radians", _to_col(col))

def signum(col: ColumnOrName) -> Column:
    """The sign of the value: -1.0, 0.0 or 1.0.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(signum(lit(-5))).first()[0]
    -1.0
    """
    return _call("signum", _to_col(col))

def rint(col: ColumnOrName) -> Column:
    """The integer-valued double closest to the value (ties to even).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to double).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(rint(lit(2.5))).first()[0]
    2.0
    """
    return _call("rint", _to_col(col))

def atan2(col1: ColumnOrNumber, col2: ColumnOrNumber) -> Column:
    """The angle in radians of the point (``col2``, ``col1``), as ``java.lang.Math.atan2(col1, col2)``.

    Parameters
    ----------
    col1 : :class:`Column`, str or number
        Y coordinate.
    col2 : :class:`Column`, str or number
        X coordinate.

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> spark.range(1).select(atan2(1, 1)).first()[0]
    0.7853981633974483
    """
    return _call("atan2", _num(col1, "col1"), _num(col2, "col2"))

def pow(col1: ColumnOrNumber, col2: ColumnOrNumber) -> Column:
    """``col1`` raised to the power of ``col2``.

    Parameters
    ----------
    col1 : :class:`Column`, str or number
        The base.
    col2 : :class:`Column`, str or number
        The exponent.

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> spark.range(1).select(pow(2, 10)).first()[0]
    1024.0
    """
    return _call("power", _num(col1, "col1"), _num(col2, "col2"))

def hypot(col1: ColumnOrNumber, col2: ColumnOrNumber) -> Column:
    """``sqrt(col1^2 + col2^2)`` without intermediate overflow.

    Parameters
    ----------
    col1 : :class:`Column`, str or number
        One side.
    col2 : :class:`Column`, str or number
        The other side.

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> spark.range(1).select(hypot(3, 4)).first()[0]
    5.0
    """
    return _call("hypot", _num(col1, "col1"), _num(col2, "col2"))


power = pow


def log(arg1: ColumnOrNumber, arg2: Optional[ColumnOrName] = None) -> Column:
    """The natural logarithm of ``arg1``, or with two arguments the logarithm of ``arg2`` to the base ``arg1``;
    NULL where the value or the base is <= 0.

    Parameters
    ----------
    arg1 : :class:`Column`, str or number
        The value, or the base when ``arg2`` is given.
    arg2 : :class:`Column` or str, optional
        The value.

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(log(2, lit(8)), log(lit(1))).first()
    Row(LOG(2.0, 8)=3.0, LOG(E(), 1)=0.0)
    """
    if arg2 is None:
        return _call("log", _to_col(arg1))  # type: ignore[arg-type]
    return _call("log", _num(arg1, "arg1"), _to_col(arg2))


def pi() -> Column:
    """The constant pi.

    Parameters
    ----------
    None
        It takes no arguments.

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> spark.range(1).select(pi()).first()[0]
    3.141592653589793
    """
    return _call("pi")


def e() -> Column:
    """Euler's number.

    Parameters
    ----------
    None
        It takes no arguments.

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> spark.range(1).select(e()).first()[0]
    2.718281828459045
    """
    return _call("e")
