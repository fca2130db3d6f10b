"""Unit tests of kindling.sql.functions that need no engine: the expressions each function builds, argument
checking, printed names, and the docstrings (numpydoc sections and doctest syntax)."""

from __future__ import annotations

import doctest
import inspect

import pytest

from kindling.errors import PySparkTypeError, PySparkValueError
from kindling.sql import _expr as E
from kindling.sql import functions as F
from kindling.sql.column import Column

A = E.ColumnRef("a")
B = E.ColumnRef("b")


def lit(kind, value):
    return E.Literal(kind, value)


def call(name, *args, distinct=False):
    return E.Call(name, tuple(args), distinct)


# name, function applied to ("a") or (col("a")), expected node, printed form
ONE_ARG = [
    ("isnull", F.isnull, call("isNull", A), "(a IS NULL)"),
    ("isnotnull", F.isnotnull, call("isNotNull", A), "(a IS NOT NULL)"),
    ("isnan", F.isnan, call("isnan", A), "isnan(a)"),
    ("upper", F.upper, call("upper", A), "upper(a)"),
    ("lower", F.lower, call("lower", A), "lower(a)"),
    ("length", F.length, call("length", A), "length(a)"),
    ("trim", F.trim, call("trim", A), "trim(a)"),
    ("ltrim", F.ltrim, call("ltrim", A), "ltrim(a)"),
    ("rtrim", F.rtrim, call("rtrim", A), "rtrim(a)"),
    ("abs", F.abs, call("abs", A), "abs(a)"),
    ("round", F.round, call("round", A, lit("int32", 0)), "round(a, 0)"),
    ("floor", F.floor, call("floor", A), "FLOOR(a)"),
    ("ceil", F.ceil, call("ceil", A), "CEIL(a)"),
    ("sqrt", F.sqrt, call("sqrt", A), "SQRT(a)"),
    ("count", F.count, call("count", A), "count(a)"),
    ("sum", F.sum, call("sum", A), "sum(a)"),
    ("sum_distinct", F.sum_distinct, call("sum", A, distinct=True), "sum(DISTINCT a)"),
    ("avg", F.avg, call("avg", A), "avg(a)"),
    ("mean", F.mean, call("avg", A), "avg(a)"),
    ("min", F.min, call("min", A), "min(a)"),
    ("max", F.max, call("max", A), "max(a)"),
    ("first", F.first, call("first", A), "first(a)"),
    ("collect_list", F.collect_list, call("collect_list", A), "collect_list(a)"),
    ("countDistinct", F.countDistinct, call("count", A, distinct=True), "count(DISTINCT a)"),
    ("count_distinct", F.count_distinct, call("count", A, distinct=True), "count(DISTINCT a)"),
    ("asc", F.asc, E.SortOrder(A, False, True), "a ASC NULLS FIRST"),
    ("desc", F.desc, E.SortOrder(A, True, False), "a DESC NULLS LAST"),
    ("asc_nulls_first", F.asc_nulls_first, E.SortOrder(A, False, True), "a ASC NULLS FIRST"),
    ("asc_nulls_last", F.asc_nulls_last, E.SortOrder(A, False, False), "a ASC NULLS LAST"),
    ("desc_nulls_first", F.desc_nulls_first, E.SortOrder(A, True, True), "a DESC NULLS FIRST"),
    ("desc_nulls_last", F.desc_nulls_last, E.SortOrder(A, True, False), "a DESC NULLS LAST"),
]


@pytest.mark.parametrize("name, fn, node, text", ONE_ARG, ids=[x[0] for x in ONE_ARG])
def test_one_column_functions(name, fn, node, text):
    by_name = fn("a")
    by_column = fn(F.col("a"))
    assert isinstance(by_name, Column)
    assert by_name._expr == node
    assert by_column._expr == node
    assert repr(by_name) == f"Column<'{text}'>"


@pytest.mark.parametrize("name, fn, node, text", ONE_ARG, ids=[x[0] for x in ONE_ARG])
def test_one_column_functions_reject_other_types(name, fn, node, text):
    with pytest.raises(PySparkTypeError) as e:
        fn(1)
    assert e.value.getErrorClass() == "NOT_COLUMN_OR_STR"


def test_col_and_column():
    assert F.col("a")._expr == A
    assert F.column is F.col
    assert F.col("t.a")._expr == E.ColumnRef("t.a")
    assert F.col("*")._expr == E.Star(None)
    assert F.col("t.*")._expr == E.Star("t")
    with pytest.raises(PySparkTypeError) as e:
        F.col(1)  # type: ignore[arg-type]
    assert str(e.value) == "[NOT_STR] Argument `col` should be a str, got int."


def test_lit():
    c = F.col("a")
    assert F.lit(c) is c
    assert F.lit(1)._expr == lit("int32", 1)
    assert F.lit("a")._expr == lit("string", "a")  # a literal, not a column
    assert repr(F.lit(None)) == "Column<'NULL'>"


def test_when():
    c = F.when(F.col("a") > 1, "x")
    assert c._expr == E.CaseWhen((call(">", A, lit("int32", 1)),), (lit("string", "x"),), None)
    assert F.when(F.col("a") > 1, F.col("b"))._expr.values == (B,)
    with pytest.raises(PySparkTypeError) as e:
        F.when("a", 1)  # type: ignore[arg-type]
    assert e.value.getErrorClass() == "NOT_COLUMN"


def test_count_star():
    assert F.count("*")._expr == call("count")
    assert F.count(F.col("*"))._expr == call("count")
    assert repr(F.count("*")) == "Column<'count(1)'>"
    assert F.count("t.*")._expr == call("count", E.Star("t"))
    assert F.count(F.lit(1))._expr == call("count", lit("int32", 1))


def test_variadic_functions():
    assert F.coalesce("a", F.col("b"))._expr == call("coalesce", A, B)
    assert repr(F.coalesce("a", "b")) == "Column<'coalesce(a, b)'>"
    assert F.concat("a", "b", F.lit("-"))._expr == call("concat", A, B, lit("string", "-"))
    assert repr(F.concat("a", F.lit("-"), "b")) == "Column<'concat(a, -, b)'>"
    assert F.greatest("a", "b")._expr == call("greatest", A, B)
    assert F.least("a", "b", "c")._expr == call("least", A, B, E.ColumnRef("c"))
    assert F.countDistinct("a", "b")._expr == call("count", A, B, distinct=True)
    assert repr(F.count_distinct(F.col("a"), "b")) == "Column<'count(DISTINCT a, b)'>"
    for fn in (F.greatest, F.least):
        with pytest.raises(PySparkValueError) as e:
            fn("a")
        assert e.value.getErrorClass() == "WRONG_NUM_COLUMNS"
    with pytest.raises(PySparkTypeError):
        F.coalesce("a", 1)  # type: ignore[arg-type]


def test_two_column_functions():
    assert F.nvl("a", "b")._expr == call("nvl", A, B)
    assert F.ifnull("a", F.lit(0))._expr == call("ifnull", A, lit("int32", 0))
    assert repr(F.ifnull("a", F.lit(8))) == "Column<'ifnull(a, 8)'>"
    # In PySpark these take columns on both sides: a string is a column name.
    assert F.startswith("a", "b")._expr == call("startswith", A, B)
    assert F.endswith(F.col("a"), F.lit("x"))._expr == call("endswith", A, lit("string", "x"))
    assert F.contains("a", "b")._expr == call("contains", A, B)
    with pytest.raises(PySparkTypeError) as e:
        F.startswith("a", 1)  # type: ignore[arg-type]
    assert e.value.getMessageParameters()["arg_name"] == "prefix"


def test_substring_and_round():
    assert F.substring("a", 1, 2)._expr == call("substring", A, lit("int32", 1), lit("int32", 2))
    assert F.substring(F.col("a"), F.col("b"), 3)._expr == call("substring", A, B, lit("int32", 3))
    assert repr(F.substring("a", -3, 2)) == "Column<'substring(a, -3, 2)'>"
    with pytest.raises(PySparkTypeError) as e:
        F.substring("a", 1.5, 2)  # type: ignore[arg-type]
    assert e.value.getErrorClass() == "NOT_COLUMN_OR_INT"
    with pytest.raises(PySparkTypeError):
        F.substring("a", True, 2)
    assert F.round("a", 2)._expr == call("round", A, lit("int32", 2))
    assert F.round("a", -1)._expr == call("round", A, lit("int32", -1))
    assert F.round("a", F.col("b"))._expr == call("round", A, B)
    assert repr(F.round(F.lit(1.2345), 2)) == "Column<'round(1.2345, 2)'>"


def test_first_ignorenulls():
    assert F.first("a", ignorenulls=True)._expr == call("first", A, lit("boolean", True))
    assert F.first("a", False)._expr == call("first", A)
    assert repr(F.first("a", True)) == "Column<'first(a)'>"
    with pytest.raises(PySparkTypeError):
        F.first("a", ignorenulls="yes")  # type: ignore[arg-type]


def test_sort_functions_keep_columns():
    c = F.col("a") + 1
    assert F.desc(c)._expr == E.SortOrder(c._expr, True, False)
    assert repr(F.asc_nulls_last(c)) == "Column<'(a + 1) ASC NULLS LAST'>"


def test_aggregates_nest_expressions():
    c = F.sum(F.col("a") * 2).alias("s")
    assert c._expr == E.Alias(call("sum", call("*", A, lit("int32", 2))), "s")
    assert repr(c) == "Column<'sum((a * 2)) AS s'>"
    assert repr(F.max(F.upper("a"))) == "Column<'max(upper(a))'>"


def test_public_names():
    assert sorted(F.__all__) == sorted(set(F.__all__))
    for name in F.__all__:
        assert callable(getattr(F, name)), name
    # Features the engine does not have yet are absent, not broken.
    for missing in ("sentences", "make_interval"):
        assert not hasattr(F, missing), missing
    public = {
        n for n, v in vars(F).items() if inspect.isfunction(v) and not n.startswith("_") and v.__module__ == F.__name__
    }
    assert public <= set(F.__all__)


@pytest.mark.parametrize("name", sorted(F.__all__))
def test_docstrings(name):
    fn = getattr(F, name)
    doc = fn.__doc__ or ""
    for section in ("Parameters\n", "Returns\n", "Examples\n"):
        assert section in doc, f"{name} lacks {section!r}"
    examples = doctest.DocTestParser().get_examples(doc)
    assert examples, f"{name} has no doctest example"
    for ex in examples:
        compile(ex.source, f"<{name} example>", "exec")
