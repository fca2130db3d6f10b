"""Array functions, re-exported by :mod:`kindling.sql.functions` under PySpark's names."""

from __future__ import annotations

from typing import Any, Callable, List, Optional, Union

from kindling.sql.column import Column, _call, _int_or_col, _literal, _to_col, _to_expr

ColumnOrName = Union[Column, str]

__all__ = [
    "array", "size", "cardinality", "array_contains", "array_sort", "sort_array", "array_distinct", "array_max",
    "array_min", "array_position", "array_remove", "array_union", "array_intersect", "array_except", "arrays_overlap",
    "array_join", "slice", "flatten", "element_at", "try_element_at", "get", "arrays_zip", "sequence", "array_append",
    "array_prepend", "array_compact", "array_insert", "array_size",
]


def array(*cols: Union[ColumnOrName, List[ColumnOrName]]) -> Column:
    """An array of the columns, brought to their common type.

    Parameters
    ----------
    cols : :class:`Column` or str, or one list of them
        The elements of each row's array.

    Returns
    -------
    :class:`Column`
        An array column.

    Examples
    --------
    >>> df = spark.createDataFrame([(1, 2), (3, None)], "a int, b int")
    >>> [r.xs for r in df.select(array("a", "b").alias("xs")).collect()]
    [[1, 2], [3, None]]
    """
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        cols = tuple(cols[0])
    return _call("array", *(_to_col(c) for c in cols))  # type: ignore[arg-type]


def size(col: ColumnOrName) -> Column:
    """The number of elements of an array or entries of a map; -1 for NULL (Spark's legacy ``sizeOfNull``, unless
    ANSI mode is on).

    Parameters
    ----------
    col : :class:`Column` or str
        An array or map column.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2, 3],), (None,)], "xs array<int>")
    >>> [r[0] for r in df.select(size("xs")).collect()]
    [3, -1]
    """
    return _call("size", _to_col(col))


def cardinality(col: ColumnOrName) -> Column:
    """The number of elements of an array, as :func:`size`.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(cardinality(array(lit(1), lit(2)))).first()[0]
    2
    """
    return _call("cardinality", _to_col(col))


def array_contains(col: ColumnOrName, value: Any) -> Column:
    """True if the array holds ``value``; NULL if it does not but holds a NULL, or if either is NULL.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    value : :class:`Column` or a literal
        The value to look for.

    Returns
    -------
    :class:`Column`
        A boolean.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2],), ([3, None],), ([],)], "xs array<int>")
    >>> [r[0] for r in df.select(array_contains("xs", 2)).collect()]
    [True, None, False]
    """
    v = value if isinstance(value, Column) else _literal(value, "value")
    return _call("array_contains", _to_col(col), v)


def array_sort(col: ColumnOrName, comparator: Optional[Callable[[Column, Column], Column]] = None) -> Column:
    """The array sorted ascending with NULLs last, or by ``comparator(left, right)`` returning a negative, zero or
    positive int.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    comparator : function, optional
        ``(left: Column, right: Column) -> Column`` returning an int.

    Returns
    -------
    :class:`Column`
        The sorted array.

    Examples
    --------
    >>> df = spark.createDataFrame([([2, None, 1, 3],)], "xs array<int>")
    >>> df.select(array_sort("xs")).first()[0]
    [1, 2, 3, None]
    >>> from kindling.sql.functions import when
    >>> df.select(array_sort("xs", lambda l, r: when(l.isNull(), 1).when(r.isNull(), -1).otherwise(r - l))).first()[0]
    [3, 2, 1, None]
    """
    if comparator is None:
        return _call("array_sort", _to_col(col))
    from kindling.sql._higher_order_functions import _lambda

    return _call("array_sort", _to_col(col), _lambda(comparator))


def sort_array(col: ColumnOrName, asc: bool = True) -> Column:
    """The array sorted ascending (NULLs first) or descending (NULLs last).

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    asc : bool, optional
        Ascending (the default) or descending.

    Returns
    -------
    :class:`Column`
        The sorted array.

    Examples
    --------
    >>> df = spark.createDataFrame([([2, None, 1],)], "xs array<int>")
    >>> df.select(sort_array("xs"), sort_array("xs", asc=False)).first()
    Row(sort_array(xs, true)=[None, 1, 2], sort_array(xs, false)=[2, 1, None])
    """
    return _call("sort_array", _to_col(col), _literal(asc, "asc"))


def _one_array(name: str, doc: str) -> Callable[[ColumnOrName], Column]:
    def fn(col: ColumnOrName) -> Column:
        return _call(name, _to_col(col))

    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = doc
    return fn


array_distinct = _one_array("array_distinct", """The array without duplicates (one NULL kept), in first-seen order.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.

    Returns
    -------
    :class:`Column`
        An array.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2, 2, None, None, 3],)], "xs array<int>")
    >>> df.select(array_distinct("xs")).first()[0]
    [1, 2, None, 3]
    """)

array_max = _one_array("array_max", """The greatest non-NULL element (NaN above every number); NULL when there is none.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.

    Returns
    -------
    :class:`Column`
        A value of the element type.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, None, 3],), ([],)], "xs array<int>")
    >>> [r[0] for r in df.select(array_max("xs")).collect()]
    [3, None]
    """)

array_min = _one_array("array_min", """The least non-NULL element; NULL when there is none.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.

    Returns
    -------
    :class:`Column`
        A value of the element type.

    Examples
    --------
    >>> df = spark.createDataFrame([([2, None, 1],)], "xs array<int>")
    >>> df.select(array_min("xs")).first()[0]
    1
    """)

flatten = _one_array("flatten", """The arrays of an array of arrays concatenated; NULL if any of them is NULL.

    Parameters
    ----------
    col : :class:`Column` or str
        An array of arrays.

    Returns
    -------
    :class:`Column`
        An array.

    Examples
    --------
    >>> df = spark.createDataFrame([([[1, 2], [3]],), ([[1], None],)], "xss array<array<int>>")
    >>> [r[0] for r in df.select(flatten("xss")).collect()]
    [[1, 2, 3], None]
    """)

array_compact = _one_array("array_compact", """The array without its NULL elements.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.

    Returns
    -------
    :class:`Column`
        An array.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, None, 2, None],)], "xs array<int>")
    >>> df.select(array_compact("xs")).first()[0]
    [1, 2]
    """)

array_size = _one_array("array_size", """The number of elements; NULL for NULL (unlike :func:`size`).

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.

    Returns
    -------
    :class:`Column`
        An int.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2],), (None,)], "xs array<int>")
    >>> [r[0] for r in df.select(array_size("xs")).collect()]
    [2, None]
    """)


def _two_arrays(name: str, doc: str) -> Callable[[ColumnOrName, ColumnOrName], Column]:
    def fn(col1: ColumnOrName, col2: ColumnOrName) -> Column:
        return _call(name, _to_col(col1, "col1"), _to_col(col2, "col2"))

    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = doc
    return fn


array_union = _two_arrays("array_union", """The distinct elements of both arrays, the first array's first.

    Parameters
    ----------
    col1 : :class:`Column` or str
        An array column.
    col2 : :class:`Column` or str
        An array column of the same element type.

    Returns
    -------
    :class:`Column`
        An array.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2, None], [2, 3, None])], "a array<int>, b array<int>")
    >>> df.select(array_union("a", "b")).first()[0]
    [1, 2, None, 3]
    """)

array_intersect = _two_arrays("array_intersect", """The distinct elements of the first array that the second holds too.

    Parameters
    ----------
    col1 : :class:`Column` or str
        An array column.
    col2 : :class:`Column` or str
        An array column of the same element type.

    Returns
    -------
    :class:`Column`
        An array.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2, 2, None], [2, None])], "a array<int>, b array<int>")
    >>> df.select(array_intersect("a", "b")).first()[0]
    [2, None]
    """)

array_except = _two_arrays("array_except", """The distinct elements of the first array that the second does not hold.

    Parameters
    ----------
    col1 : :class:`Column` or str
        An array column.
    col2 : :class:`Column` or str
        An array column of the same element type.

    Returns
    -------
    :class:`Column`
        An array.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2, None, 3, 2], [2])], "a array<int>, b array<int>")
    >>> df.select(array_except("a", "b")).first()[0]
    [1, None, 3]
    """)

arrays_overlap = _two_arrays("arrays_overlap", """True if the arrays share a non-NULL element; NULL if they do not,
    both are non-empty and one holds a NULL; false otherwise.

    Parameters
    ----------
    col1 : :class:`Column` or str
        An array column.
    col2 : :class:`Column` or str
        An array column of the same element type.

    Returns
    -------
    :class:`Column`
        A boolean.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2], [2, 3]), ([1, None], [3]), ([1], [])], "a array<int>, b array<int>")
    >>> [r[0] for r in df.select(arrays_overlap("a", "b")).collect()]
    [True, None, False]
    """)


def array_position(col: ColumnOrName, value: Any) -> Column:
    """The 1-based position of the first element equal to ``value`` (a bigint); 0 when there is none.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    value : :class:`Column` or a literal
        The value to look for.

    Returns
    -------
    :class:`Column`
        A bigint; NULL if the array or the value is NULL.

    Examples
    --------
    >>> df = spark.createDataFrame([([3, 2, 1, 2],)], "xs array<int>")
    >>> df.select(array_position("xs", 2), array_position("xs", 7)).first()
    Row(array_position(xs, 2)=2, array_position(xs, 7)=0)
    """
    return _call("array_position", _to_col(col), _to_expr(value, "value"))


def array_remove(col: ColumnOrName, element: Any) -> Column:
    """The array without the elements equal to ``element``.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    element : :class:`Column` or a literal
        The value to remove.

    Returns
    -------
    :class:`Column`
        An array.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2, None, 2],)], "xs array<int>")
    >>> df.select(array_remove("xs", 2)).first()[0]
    [1, None]
    """
    return _call("array_remove", _to_col(col), _to_expr(element, "element"))


def array_join(col: ColumnOrName, delimiter: str, null_replacement: Optional[str] = None) -> Column:
    """The elements as strings joined by ``delimiter``; NULLs are skipped, or replaced by ``null_replacement``.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    delimiter : str
        What goes between elements.
    null_replacement : str, optional
        What stands for a NULL element.

    Returns
    -------
    :class:`Column`
        A string.

    Examples
    --------
    >>> df = spark.createDataFrame([(["a", None, "b"],)], "xs array<string>")
    >>> df.select(array_join("xs", ","), array_join("xs", ",", "N")).first()
    Row(array_join(xs, ,)='a,b', array_join(xs, ,, N)='a,N,b')
    """
    if null_replacement is None:
        return _call("array_join", _to_col(col), _literal(delimiter, "delimiter"))
    return _call("array_join", _to_col(col), _literal(delimiter, "delimiter"),
                 _literal(null_replacement, "null_replacement"))


def slice(x: ColumnOrName, start: Union[ColumnOrName, int], length: Union[ColumnOrName, int]) -> Column:
    """The ``length`` elements from the 1-based ``start`` (negative counts from the end).

    Parameters
    ----------
    x : :class:`Column` or str
        An array column.
    start : :class:`Column`, str or int
        The first position (not 0).
    length : :class:`Column`, str or int
        How many elements (not negative).

    Returns
    -------
    :class:`Column`
        An array.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2, 3, 4],)], "xs array<int>")
    >>> df.select(slice("xs", 2, 2), slice("xs", -2, 5)).first()
    Row(slice(xs, 2, 2)=[2, 3], slice(xs, -2, 5)=[3, 4])
    """
    return _call("slice", _to_col(x, "x"), _int_or_col(start, "start"), _int_or_col(length, "length"))


def element_at(col: ColumnOrName, extraction: Any) -> Column:
    """The element at a 1-based index (negative counts from the end), NULL beyond the array unless ANSI mode is on;
    of a map, the value under the key ``extraction`` (NULL when absent).

    Parameters
    ----------
    col : :class:`Column` or str
        An array or map column.
    extraction : :class:`Column` or a literal
        The index (0 is an error), or the map key.

    Returns
    -------
    :class:`Column`
        A value of the element type.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2, 3],)], "xs array<int>")
    >>> df.select(element_at("xs", 1), element_at("xs", -1), element_at("xs", 5)).first()
    Row(element_at(xs, 1)=1, element_at(xs, -1)=3, element_at(xs, 5)=None)
    >>> spark.sql("SELECT map('a', 1) AS m").select(element_at("m", "a"), element_at("m", "z")).first()
    Row(element_at(m, a)=1, element_at(m, z)=None)
    """
    return _call("element_at", _to_col(col), _to_expr(extraction, "extraction"))


def try_element_at(col: ColumnOrName, extraction: ColumnOrName) -> Column:
    """As :func:`element_at`, but NULL beyond the array in ANSI mode too.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    extraction : :class:`Column` or str
        The 1-based index.

    Returns
    -------
    :class:`Column`
        A value of the element type.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> df = spark.createDataFrame([([1, 2, 3],)], "xs array<int>")
    >>> df.select(try_element_at("xs", lit(2)), try_element_at("xs", lit(7))).first()
    Row(try_element_at(xs, 2)=2, try_element_at(xs, 7)=None)
    """
    return _call("try_element_at", _to_col(col), _to_col(extraction, "extraction"))


def get(col: ColumnOrName, index: Union[ColumnOrName, int]) -> Column:
    """The element at a 0-based index; NULL outside the array.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    index : :class:`Column`, str or int
        The 0-based index.

    Returns
    -------
    :class:`Column`
        A value of the element type.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2, 3],)], "xs array<int>")
    >>> df.select(get("xs", 0), get("xs", 3)).first()
    Row(get(xs, 0)=1, get(xs, 3)=None)
    """
    return _call("get", _to_col(col), _int_or_col(index, "index"))


def arrays_zip(*cols: ColumnOrName) -> Column:
    """An array of structs whose k-th holds the k-th element of each array (NULL past a shorter one); fields are
    named after the columns.

    Parameters
    ----------
    cols : :class:`Column` or str
        Array columns.

    Returns
    -------
    :class:`Column`
        An array of structs.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2], ["a"])], "xs array<int>, ys array<string>")
    >>> df.select(arrays_zip("xs", "ys").alias("z")).first().z
    [Row(xs=1, ys='a'), Row(xs=2, ys=None)]
    """
    return _call("arrays_zip", *(_to_col(c, "cols") for c in cols))


def sequence(start: ColumnOrName, stop: ColumnOrName, step: Optional[ColumnOrName] = None) -> Column:
    """The integers (or dates, day by day) from ``start`` to ``stop`` inclusive, by ``step`` (1 or -1 by default).

    Parameters
    ----------
    start : :class:`Column` or str
        The first value.
    stop : :class:`Column` or str
        The last value.
    step : :class:`Column` or str, optional
        The increment.

    Returns
    -------
    :class:`Column`
        An array.

    Examples
    --------
    >>> from kindling.sql.functions import lit
    >>> spark.range(1).select(sequence(lit(1), lit(10), lit(3)), sequence(lit(3), lit(1))).first()
    Row(sequence(1, 10, 3)=[1, 4, 7, 10], sequence(3, 1)=[3, 2, 1])
    """
    args = [_to_col(start, "start"), _to_col(stop, "stop")]
    if step is not None:
        args.append(_to_col(step, "step"))
    return _call("sequence", *args)


def array_append(col: ColumnOrName, value: Any) -> Column:
    """The array with ``value`` added at its end.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    value : :class:`Column` or a literal
        The new element.

    Returns
    -------
    :class:`Column`
        An array; NULL if ``col`` is NULL.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2],)], "xs array<int>")
    >>> df.select(array_append("xs", 3)).first()[0]
    [1, 2, 3]
    """
    return _call("array_append", _to_col(col), _to_expr(value, "value"))


def array_prepend(col: ColumnOrName, value: Any) -> Column:
    """The array with ``value`` added at its start.

    Parameters
    ----------
    col : :class:`Column` or str
        An array column.
    value : :class:`Column` or a literal
        The new element.

    Returns
    -------
    :class:`Column`
        An array; NULL if ``col`` is NULL.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2],)], "xs array<int>")
    >>> df.select(array_prepend("xs", 0)).first()[0]
    [0, 1, 2]
    """
    return _call("array_prepend", _to_col(col), _to_expr(value, "value"))


def array_insert(arr: ColumnOrName, pos: Union[ColumnOrName, int], value: Any) -> Column:
    """The array with ``value`` inserted at the 1-based ``pos`` (negative counts from the end, -1 appends); NULLs
    pad a position beyond the array.

    Parameters
    ----------
    arr : :class:`Column` or str
        An array column.
    pos : :class:`Column`, str or int
        The position (not 0).
    value : :class:`Column` or a literal
        The new element.

    Returns
    -------
    :class:`Column`
        An array.

    Examples
    --------
    >>> df = spark.createDataFrame([([1, 2, 3],)], "xs array<int>")
    >>> row = df.select(array_insert("xs", 2, 9), array_insert("xs", 5, 9), array_insert("xs", -1, 9)).first()
    >>> [list(v) for v in row]
    [[1, 9, 2, 3], [1, 2, 3, None, 9], [1, 2, 3, 9]]
    """
    return _call("array_insert", _to_col(arr, "arr"), _int_or_col(pos, "pos"), _to_expr(value, "value"))
