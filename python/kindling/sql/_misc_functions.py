"""Conditional, arithmetic, bitwise and hash functions, re-exported by :mod:`kindling.sql.functions` under PySpark's
names: the NULL conditionals (``nullif``, ``nvl2``, …), the ``try_`` arithmetic that gives NULL instead of failing,
``pmod``/``bround``/``conv``…, the bit functions, and ``hash``/``xxhash64`` with Spark's exact values."""

from __future__ import annotations

from typing import Any, Optional, Union

from kindling.sql._utils import errors as _err
from kindling.sql.column import Column, _call, _int_or_col, _literal, _number_or_col, _to_col

ColumnOrName = Union[Column, str]

__all__ = ["nullif", "nullifzero", "zeroifnull", "nvl2", "equal_null", "nanvl", "try_add", "try_subtract", "try_multiply", "try_divide", "try_mod", "pmod", "mod", "div", "negative", "positive", "bround", "sign", "factorial", "conv", "bin", "width_bucket", "typeof", "bitwise_not", "shiftleft", "shiftright", "shiftrightunsigned", "bit_count", "bit_get", "getbit", "hash", "xxhash64", "negate", "shiftLeft", "shiftRight", "shiftRightUnsigned", "bitwiseNOT",
           "rand", "random", "randn", "monotonically_increasing_id", "spark_partition_id", "uuid", "current_database",
           "current_schema", "current_catalog", "current_user", "user", "session_user", "assert_true", "raise_error"]


def _fn(name: str, *cols: ColumnOrName) -> Column:
    return _call(name, *(_to_col(c) for c in cols))


def _fn2(name: str, a: Any, b: Any) -> Column:
    return _call(name, _number_or_col(a, "dividend"), _number_or_col(b, "divisor"))


def _scale(scale: Any) -> Any:
    if scale is None:
        return _literal(0, "scale")
    if isinstance(scale, Column):
        return scale._expr
    if isinstance(scale, int) and not isinstance(scale, bool):
        return _literal(scale, "scale")
    raise _err.type_error("NOT_COLUMN_OR_INT", arg_name="scale", arg_type=type(scale).__name__)


def nullif(col1: ColumnOrName, col2: ColumnOrName) -> Column:
    """NULL where ``col1`` equals ``col2``, else ``col1``.

    Parameters
    ----------
    col1 : :class:`Column` or str
        The value.
    col2 : :class:`Column` or str
        The value that becomes NULL.

    Returns
    -------
    :class:`Column`
        ``col1``'s type.

    Examples
    --------
    >>> df = spark.createDataFrame([(6, 6), (6, 7)], ["a", "b"])
    >>> df.select(nullif(df.a, df.b).alias("r")).collect()
    [Row(r=None), Row(r=6)]
    """
    return _fn("nullif", col1, col2)

def nullifzero(col: ColumnOrName) -> Column:
    """NULL where the value is 0, else the value.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        The column's type.

    Examples
    --------
    >>> df = spark.createDataFrame([(0,), (1,)], ["a"])
    >>> df.select(nullifzero(df.a).alias("r")).collect()
    [Row(r=None), Row(r=1)]
    """
    return _fn("nullifzero", col)

def zeroifnull(col: ColumnOrName) -> Column:
    """0 where the value is NULL, else the value.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        The column's type (int for a NULL literal).

    Examples
    --------
    >>> df = spark.createDataFrame([(None,), (1,)], "a int")
    >>> df.select(zeroifnull(df.a).alias("r")).collect()
    [Row(r=0), Row(r=1)]
    """
    return _fn("zeroifnull", col)

def nvl2(col1: ColumnOrName, col2: ColumnOrName, col3: ColumnOrName) -> Column:
    """``col2`` where ``col1`` is not NULL, else ``col3``.

    Parameters
    ----------
    col1 : :class:`Column` or str
        The column tested for NULL.
    col2 : :class:`Column` or str
        The value where ``col1`` is not NULL.
    col3 : :class:`Column` or str
        The value where ``col1`` is NULL.

    Returns
    -------
    :class:`Column`
        The common type of ``col2`` and ``col3``.

    Examples
    --------
    >>> df = spark.createDataFrame([(None, 8, 6), (1, 8, 6)], "a int, b int, c int")
    >>> df.select(nvl2(df.a, df.b, df.c).alias("r")).collect()
    [Row(r=6), Row(r=8)]
    """
    return _fn("nvl2", col1, col2, col3)

def equal_null(col1: ColumnOrName, col2: ColumnOrName) -> Column:
    """``col1 = col2``, but true when both are NULL and false when only one is (``<=>``).

    Parameters
    ----------
    col1 : :class:`Column` or str
        A column.
    col2 : :class:`Column` or str
        A column.

    Returns
    -------
    :class:`Column`
        A boolean, never NULL.

    Examples
    --------
    >>> df = spark.createDataFrame([(None, None), (1, 9)], "a int, b int")
    >>> df.select(equal_null(df.a, df.b).alias("r")).collect()
    [Row(r=True), Row(r=False)]
    """
    return _fn("equal_null", col1, col2)

def nanvl(col1: ColumnOrName, col2: ColumnOrName) -> Column:
    """``col1`` unless it is NaN, then ``col2``; both are doubles.

    Parameters
    ----------
    col1 : :class:`Column` or str
        A double column.
    col2 : :class:`Column` or str
        The replacement for NaN.

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> df = spark.createDataFrame([(1.0, float("nan")), (float("nan"), 2.0)], ("a", "b"))
    >>> df.select(nanvl("a", "b").alias("r1"), nanvl(df.b, df.a).alias("r2")).collect()
    [Row(r1=1.0, r2=1.0), Row(r1=2.0, r2=2.0)]
    """
    return _fn("nanvl", col1, col2)

def try_add(left: ColumnOrName, right: ColumnOrName) -> Column:
    """``left + right``, NULL where the result overflows (in either ANSI mode).

    Parameters
    ----------
    left : :class:`Column` or str
        The left operand.
    right : :class:`Column` or str
        The right operand.

    Returns
    -------
    :class:`Column`
        The type of ``left + right``.

    Examples
    --------
    >>> df = spark.createDataFrame([(2147483647, 1), (1, 2)], "a int, b int")
    >>> df.select(try_add(df.a, df.b).alias("r")).collect()
    [Row(r=None), Row(r=3)]
    """
    return _fn("try_add", left, right)

def try_subtract(left: ColumnOrName, right: ColumnOrName) -> Column:
    """``left - right``, NULL where the result overflows.

    Parameters
    ----------
    left : :class:`Column` or str
        The left operand.
    right : :class:`Column` or str
        The right operand.

    Returns
    -------
    :class:`Column`
        The type of ``left - right``.

    Examples
    --------
    >>> df = spark.createDataFrame([(-2147483648, 1), (3, 2)], "a int, b int")
    >>> df.select(try_subtract(df.a, df.b).alias("r")).collect()
    [Row(r=None), Row(r=1)]
    """
    return _fn("try_subtract", left, right)

def try_multiply(left: ColumnOrName, right: ColumnOrName) -> Column:
    """``left * right``, NULL where the result overflows.

    Parameters
    ----------
    left : :class:`Column` or str
        The left operand.
    right : :class:`Column` or str
        The right operand.

    Returns
    -------
    :class:`Column`
        The type of ``left * right``.

    Examples
    --------
    >>> df = spark.createDataFrame([(1073741824, 2), (3, 4)], "a int, b int")
    >>> df.select(try_multiply(df.a, df.b).alias("r")).collect()
    [Row(r=None), Row(r=12)]
    """
    return _fn("try_multiply", left, right)

def try_divide(left: ColumnOrName, right: ColumnOrName) -> Column:
    """``left / right``, NULL where ``right`` is 0. Integers divide as doubles.

    Parameters
    ----------
    left : :class:`Column` or str
        The left operand.
    right : :class:`Column` or str
        The right operand.

    Returns
    -------
    :class:`Column`
        The type of ``left / right``.

    Examples
    --------
    >>> df = spark.createDataFrame([(6, 0), (3, 2)], "a int, b int")
    >>> df.select(try_divide(df.a, df.b).alias("r")).collect()
    [Row(r=None), Row(r=1.5)]
    """
    return _fn("try_divide", left, right)

def try_mod(left: ColumnOrName, right: ColumnOrName) -> Column:
    """The remainder of ``left / right``, NULL where ``right`` is 0.

    Parameters
    ----------
    left : :class:`Column` or str
        The left operand.
    right : :class:`Column` or str
        The right operand.

    Returns
    -------
    :class:`Column`
        The type of ``left % right``.

    Examples
    --------
    >>> df = spark.createDataFrame([(5, 0), (-7, 3)], "a int, b int")
    >>> df.select(try_mod(df.a, df.b).alias("r")).collect()
    [Row(r=None), Row(r=-1)]
    """
    return _fn("try_mod", left, right)

def pmod(dividend: Union[ColumnOrName, float], divisor: Union[ColumnOrName, float]) -> Column:
    """The positive remainder of ``dividend / divisor``; NULL where ``divisor`` is 0.

    Parameters
    ----------
    dividend : :class:`Column`, str or number
        The dividend.
    divisor : :class:`Column`, str or number
        The divisor.

    Returns
    -------
    :class:`Column`
        The common type of the operands.

    Examples
    --------
    >>> df = spark.createDataFrame([(-7, 3), (7, -3), (5, 0)], "a int, b int")
    >>> df.select(pmod(df.a, df.b).alias("r")).collect()
    [Row(r=2), Row(r=1), Row(r=None)]
    """
    return _fn2("pmod", dividend, divisor)

def mod(dividend: Union[ColumnOrName, float], divisor: Union[ColumnOrName, float]) -> Column:
    """The remainder of ``dividend / divisor`` (SQL's ``mod`` and ``%``); NULL where ``divisor`` is 0.

    Parameters
    ----------
    dividend : :class:`Column`, str or number
        The dividend.
    divisor : :class:`Column`, str or number
        The divisor.

    Returns
    -------
    :class:`Column`
        The common type of the operands.

    Examples
    --------
    >>> df = spark.createDataFrame([(-7, 3)], "a int, b int")
    >>> df.select(mod(df.a, df.b)).collect()
    [Row(mod(a, b)=-1)]
    """
    return _fn2("mod", dividend, divisor)

def div(dividend: Union[ColumnOrName, float], divisor: Union[ColumnOrName, float]) -> Column:
    """Integral division (SQL's ``a div b``): the quotient truncated toward zero, a bigint; NULL where ``divisor`` is 0.

    Parameters
    ----------
    dividend : :class:`Column`, str or number
        The dividend.
    divisor : :class:`Column`, str or number
        The divisor.

    Returns
    -------
    :class:`Column`
        A bigint.

    Examples
    --------
    >>> df = spark.createDataFrame([(-7, 2)], "a int, b int")
    >>> df.select(div(df.a, df.b)).collect()
    [Row((a div b)=-3)]
    """
    return _fn2("div", dividend, divisor)

def negative(col: ColumnOrName) -> Column:
    """The negated value.

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        The column's type.

    Examples
    --------
    >>> df = spark.createDataFrame([(5,)], ["a"])
    >>> df.select(negative(df.a)).collect()
    [Row(negative(a)=-5)]
    """
    return _fn("negative", col)

def positive(col: ColumnOrName) -> Column:
    """The value itself (unary plus).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.

    Returns
    -------
    :class:`Column`
        The column's type.

    Examples
    --------
    >>> df = spark.createDataFrame([(-5,)], ["a"])
    >>> df.select(positive(df.a)).collect()
    [Row((+ a)=-5)]
    """
    return _fn("positive", col)

def bround(col: ColumnOrName, scale: Optional[Union[Column, int]] = None) -> Column:
    """Rounds to ``scale`` decimal places with HALF_EVEN rounding (to the tens, hundreds, … when ``scale`` < 0).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column.
    scale : :class:`Column` or int, optional
        The number of decimal places (0 by default); must be a constant.

    Returns
    -------
    :class:`Column`
        The column's type (a decimal gets Spark's rounded decimal type).

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(bround(lit(2.5)), bround(lit(3.5)), bround(lit(2.675), 2)).first()
    Row(bround(2.5, 0)=2.0, bround(3.5, 0)=4.0, bround(2.675, 2)=2.68)
    """
    return _call("bround", _to_col(col), _scale(scale))

def sign(col: ColumnOrName) -> Column:
    """The sign of the value: -1.0, 0.0 or 1.0 (same as :func:`signum`).

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
    >>> spark.range(1).select(sign(lit(-5)), sign(lit(6))).first()
    Row(sign(-5)=-1.0, sign(6)=1.0)
    """
    return _fn("sign", col)

def factorial(col: ColumnOrName) -> Column:
    """The factorial of an int in [0, 20]; NULL outside that range.

    Parameters
    ----------
    col : :class:`Column` or str
        An int column.

    Returns
    -------
    :class:`Column`
        A bigint.

    Examples
    --------
    >>> df = spark.createDataFrame([(5,), (21,)], ["n"])
    >>> df.select(factorial(df.n).alias("f")).collect()
    [Row(f=120), Row(f=None)]
    """
    return _fn("factorial", col)

def conv(col: ColumnOrName, fromBase: int, toBase: int) -> Column:
    """Converts a number written in base ``fromBase`` to its text in base ``toBase`` (a negative ``toBase`` writes it signed).

    Parameters
    ----------
    col : :class:`Column` or str
        A string column of digits.
    fromBase : int
        The base it is written in (2 to 36).
    toBase : int
        The base to write it in.

    Returns
    -------
    :class:`Column`
        A string; NULL for an invalid base.

    Examples
    --------
    >>> df = spark.createDataFrame([("010101",)], ["n"])
    >>> df.select(conv(df.n, 2, 16).alias("hex")).collect()
    [Row(hex='15')]
    """
    return _call("conv", _to_col(col), _literal(fromBase, "fromBase"), _literal(toBase, "toBase"))

def bin(col: ColumnOrName) -> Column:
    """The binary digits of a bigint (two's complement for negative values).

    Parameters
    ----------
    col : :class:`Column` or str
        A numeric column (cast to bigint).

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([(2,), (5,)], "a int")
    >>> df.select(bin(df.a).alias("b")).collect()
    [Row(b='10'), Row(b='101')]
    """
    return _fn("bin", col)

def width_bucket(v: ColumnOrName, min: ColumnOrName, max: ColumnOrName, numBucket: Union[ColumnOrName, int]) -> Column:
    """The bucket number of ``v`` among ``numBucket`` equal-width buckets over [``min``, ``max``]: 0 below, ``numBucket`` + 1 above.

    Parameters
    ----------
    v : :class:`Column` or str
        The value.
    min : :class:`Column` or str
        The lower bound.
    max : :class:`Column` or str
        The upper bound.
    numBucket : :class:`Column`, str or int
        The number of buckets.

    Returns
    -------
    :class:`Column`
        A bigint; NULL for no buckets or equal bounds.

    Examples
    --------
    >>> df = spark.createDataFrame([(5.3, 0.2, 10.6, 5), (-2.1, 1.3, 3.4, 3)], ["v", "lo", "hi", "n"])
    >>> df.select(width_bucket("v", "lo", "hi", "n").alias("b")).collect()
    [Row(b=3), Row(b=0)]
    """
    return _call("width_bucket", _to_col(v), _to_col(min), _to_col(max), _int_or_col(numBucket, "numBucket"))

def typeof(col: ColumnOrName) -> Column:
    """The type of the value as a DDL string (``int``, ``decimal(2,1)``, ``array<string>``).

    Parameters
    ----------
    col : :class:`Column` or str
        Any column.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([(1,)], ["a"])
    >>> df.select(typeof(df.a).alias("t")).collect()
    [Row(t='bigint')]
    """
    return _fn("typeof", col)

def bitwise_not(col: ColumnOrName) -> Column:
    """Bitwise NOT of an integral value (SQL's ``~``).

    Parameters
    ----------
    col : :class:`Column` or str
        An int or bigint column.

    Returns
    -------
    :class:`Column`
        The column's type.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(bitwise_not(lit(0))).first()
    Row(~0=-1)
    """
    return _fn("~", col)

def shiftleft(col: ColumnOrName, numBits: int) -> Column:
    """Shifts the bits left by ``numBits`` (Java's ``<<``; the count is taken modulo the width).

    Parameters
    ----------
    col : :class:`Column` or str
        An int or bigint column.
    numBits : int
        How many bits to shift.

    Returns
    -------
    :class:`Column`
        The column's type.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(shiftleft(lit(21), 1)).first()
    Row(shiftleft(21, 1)=42)
    """
    return _call("shiftleft", _to_col(col), _literal(numBits, "numBits"))

def shiftright(col: ColumnOrName, numBits: int) -> Column:
    """Shifts the bits right by ``numBits``, keeping the sign (Java's ``>>``).

    Parameters
    ----------
    col : :class:`Column` or str
        An int or bigint column.
    numBits : int
        How many bits to shift.

    Returns
    -------
    :class:`Column`
        The column's type.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(shiftright(lit(42), 1)).first()
    Row(shiftright(42, 1)=21)
    """
    return _call("shiftright", _to_col(col), _literal(numBits, "numBits"))

def shiftrightunsigned(col: ColumnOrName, numBits: int) -> Column:
    """Shifts the bits right by ``numBits``, filling with zeros (Java's ``>>>``).

    Parameters
    ----------
    col : :class:`Column` or str
        An int or bigint column.
    numBits : int
        How many bits to shift.

    Returns
    -------
    :class:`Column`
        The column's type.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(shiftrightunsigned(lit(-42), 1)).first()
    Row(shiftrightunsigned(-42, 1)=2147483627)
    """
    return _call("shiftrightunsigned", _to_col(col), _literal(numBits, "numBits"))

def bit_count(col: ColumnOrName) -> Column:
    """The number of bits set in the value, counted on its 64-bit form (booleans count 1 or 0).

    Parameters
    ----------
    col : :class:`Column` or str
        An integral or boolean column.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(bit_count(lit(7)), bit_count(lit(-1))).first()
    Row(bit_count(7)=3, bit_count(-1)=64)
    """
    return _fn("bit_count", col)

def bit_get(col: ColumnOrName, pos: ColumnOrName) -> Column:
    """The bit (0 or 1) at position ``pos``, counting from the least significant bit at 0; a position outside the value's width raises.

    Parameters
    ----------
    col : :class:`Column` or str
        An integral column.
    pos : :class:`Column` or str
        The bit position.

    Returns
    -------
    :class:`Column`
        An int (Spark's is a tinyint, which Kindling does not have; the values are the same).

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(bit_get(lit(5), lit(0)), bit_get(lit(5), lit(1))).first()
    Row(bit_get(5, 0)=1, bit_get(5, 1)=0)
    """
    return _fn("bit_get", col, pos)

def getbit(col: ColumnOrName, pos: ColumnOrName) -> Column:
    """The bit (0 or 1) at position ``pos``, counting from the least significant bit at 0; a position outside the value's width raises.

    Parameters
    ----------
    col : :class:`Column` or str
        An integral column.
    pos : :class:`Column` or str
        The bit position.

    Returns
    -------
    :class:`Column`
        An int (Spark's is a tinyint, which Kindling does not have; the values are the same).

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(getbit(lit(5), lit(0)), getbit(lit(5), lit(1))).first()
    Row(getbit(5, 0)=1, getbit(5, 1)=0)
    """
    return _fn("getbit", col, pos)

def hash(*cols: ColumnOrName) -> Column:
    """Spark's Murmur3 hash (seed 42) of the columns: the same int Spark gives for the same values.

    Parameters
    ----------
    cols : :class:`Column` or str
        One or more columns.

    Returns
    -------
    :class:`Column`
        An int, never NULL (NULLs are skipped).

    Examples
    --------
    >>> df = spark.createDataFrame([("ABC", "DEF")], ["c1", "c2"])
    >>> df.select(hash("c1").alias("h1"), hash("c1", "c2").alias("h2")).collect()
    [Row(h1=-757602832, h2=599895104)]
    """
    return _fn("hash", *cols)

def xxhash64(*cols: ColumnOrName) -> Column:
    """Spark's xxHash64 (seed 42) of the columns: the same bigint Spark gives for the same values.

    Parameters
    ----------
    cols : :class:`Column` or str
        One or more columns.

    Returns
    -------
    :class:`Column`
        A bigint, never NULL (NULLs are skipped).

    Examples
    --------
    >>> df = spark.createDataFrame([("ABC", "DEF")], ["c1", "c2"])
    >>> df.select(xxhash64("c1").alias("h1"), xxhash64("c1", "c2").alias("h2")).collect()
    [Row(h1=4105715581806190027, h2=3233247871021311208)]
    """
    return _fn("xxhash64", *cols)


def _seed(seed: Any) -> tuple:
    if seed is None:
        return ()
    if isinstance(seed, int) and not isinstance(seed, bool):
        return (_literal(seed, "seed"),)
    raise _err.type_error("NOT_INT", arg_name="seed", arg_type=type(seed).__name__)


def rand(seed: Optional[int] = None) -> Column:
    """Independent, uniformly distributed doubles in [0, 1): Spark's XORShiftRandom seeded with ``seed`` plus the
    partition index, so each partition's values are Spark's for the same partitioning.

    Parameters
    ----------
    seed : int, optional
        The seed; a random one when omitted (the column name shows it, as in Spark).

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> spark.range(0, 2, 1, 1).select(rand(42)).collect()
    [Row(rand(42)=0.619189370225301), Row(rand(42)=0.5096018842446481)]
    """
    return _call("rand", *_seed(seed))


def random(seed: Optional[int] = None) -> Column:
    """Same as :func:`rand`.

    Parameters
    ----------
    seed : int, optional
        The seed; a random one when omitted.

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> spark.range(0, 1, 1, 1).select(random(7)).collect()
    [Row(rand(7)=0.28188121484885875)]
    """
    return _call("random", *_seed(seed))


def randn(seed: Optional[int] = None) -> Column:
    """Independent standard normal doubles: Spark's XORShiftRandom (seed plus partition index) through
    ``java.util.Random.nextGaussian``.

    Parameters
    ----------
    seed : int, optional
        The seed; a random one when omitted.

    Returns
    -------
    :class:`Column`
        A double.

    Examples
    --------
    >>> spark.range(0, 2, 1, 1).select(randn(42)).collect()
    [Row(randn(42)=2.384479054241165), Row(randn(42)=0.1920934041293524)]
    """
    return _call("randn", *_seed(seed))


def monotonically_increasing_id() -> Column:
    """Increasing, unique 64-bit ids: the partition index in the upper 31 bits and the row's position within its
    partition in the lower 33, as Spark computes them.

    Parameters
    ----------
    None
        It takes no arguments.

    Returns
    -------
    :class:`Column`
        A bigint.

    Examples
    --------
    >>> spark.range(0, 4, 1, 2).select(monotonically_increasing_id().alias("id")).collect()
    [Row(id=0), Row(id=1), Row(id=8589934592), Row(id=8589934593)]
    """
    return _call("monotonically_increasing_id")


def spark_partition_id() -> Column:
    """The index of the partition the row is in.

    Parameters
    ----------
    None
        It takes no arguments.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> spark.range(0, 4, 1, 2).select(spark_partition_id().alias("p")).collect()
    [Row(p=0), Row(p=0), Row(p=1), Row(p=1)]
    """
    return _call("spark_partition_id")


def uuid() -> Column:
    """A random (version 4) UUID string per row.

    Parameters
    ----------
    None
        It takes no arguments.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> len(spark.range(1).select(uuid()).first()[0])
    36
    """
    return _call("uuid")


def _context_doc(name: str, what: str, value: str, column: str) -> str:
    return f"""{what}

    Parameters
    ----------
    None
        It takes no arguments.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> spark.range(1).select({name}()).collect()
    [Row({column}={value!r})]
    """


def current_database() -> Column:
    return _call("current_database")


def current_schema() -> Column:
    return _call("current_schema")


def current_catalog() -> Column:
    return _call("current_catalog")


current_database.__doc__ = _context_doc("current_database", "The current database of the session (``default``).", "default", "current_schema()")
current_schema.__doc__ = _context_doc("current_schema", "The current schema of the session (``default``).", "default", "current_schema()")
current_catalog.__doc__ = _context_doc("current_catalog", "The current catalog of the session (``spark_catalog``).", "spark_catalog", "current_catalog()")


def current_user() -> Column:
    """The user the engine runs as: ``SPARK_USER`` when set, else the operating system's user.

    Parameters
    ----------
    None
        It takes no arguments.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> import getpass, os
    >>> spark.range(1).select(current_user()).first()[0] == os.environ.get("SPARK_USER", getpass.getuser())
    True
    """
    return _call("current_user")


def user() -> Column:
    """Same as :func:`current_user`.

    Parameters
    ----------
    None
        It takes no arguments.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> spark.range(1).select(user()).columns
    ['user()']
    """
    return _call("user")


def session_user() -> Column:
    """Same as :func:`current_user`.

    Parameters
    ----------
    None
        It takes no arguments.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> spark.range(1).select(session_user()).columns
    ['session_user()']
    """
    return _call("session_user")


def _message(errMsg: Any) -> Any:
    if isinstance(errMsg, str):
        return _literal(errMsg, "errMsg")
    if isinstance(errMsg, Column):
        return errMsg._expr
    raise _err.type_error("NOT_COLUMN_OR_STR", arg_name="errMsg", arg_type=type(errMsg).__name__)


def assert_true(col: ColumnOrName, errMsg: Optional[Union[Column, str]] = None) -> Column:
    """NULL where ``col`` is true; raises ``USER_RAISED_EXCEPTION`` with ``errMsg`` (by default
    ``'<condition>' is not true!``) where it is false or NULL.

    Parameters
    ----------
    col : :class:`Column` or str
        A boolean condition.
    errMsg : :class:`Column` or str, optional
        The message of the error.

    Returns
    -------
    :class:`Column`
        A NULL column (type void).

    Examples
    --------
    >>> df = spark.createDataFrame([(0, 1)], ["a", "b"])
    >>> df.select(assert_true(df.a < df.b)).collect()
    [Row(assert_true((a < b), '(a < b)' is not true!)=None)]
    """
    if errMsg is None:
        return _call("assert_true", _to_col(col))
    return _call("assert_true", _to_col(col), _message(errMsg))


def raise_error(errMsg: Union[Column, str]) -> Column:
    """Raises ``USER_RAISED_EXCEPTION`` with the message, for each row it is evaluated on.

    Parameters
    ----------
    errMsg : :class:`Column` or str
        The message.

    Returns
    -------
    :class:`Column`
        A NULL column (type void); it never returns a value.

    Examples
    --------
    >>> try:
    ...     spark.range(1).select(raise_error("My error message")).collect()
    ... except Exception as e:
    ...     print("[USER_RAISED_EXCEPTION] My error message" in str(e))
    True
    """
    return _call("raise_error", _message(errMsg))


# PySpark's other spellings of the same functions.
negate = negative
shiftLeft = shiftleft
shiftRight = shiftright
shiftRightUnsigned = shiftrightunsigned
bitwiseNOT = bitwise_not
