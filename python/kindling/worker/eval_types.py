"""How each eval type calls the user's function over a task's input (PySpark's ``worker.py`` read_udfs, by type).

Scalar types evaluate every function of the task per batch, feeding chained functions from earlier results, so
``g(f(x))`` costs one trip. Results are coerced to the declared types (``coercion``) before they leave.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, List

import pyarrow as pa
import pyarrow.compute as pc

from kindling._gen.kindling.protocol.PythonEvalType import PythonEvalType as E

from . import coercion, rdd_eval
from .worker import UdfFailure, _Task


def run(task: _Task) -> None:
    handlers: Dict[int, Callable[[_Task], None]] = {
        E.Batched: _row_udfs_pickled,
        E.ArrowBatched: _row_udfs_arrow,
        E.ScalarPandas: _scalar_pandas,
        E.ScalarPandasIter: _scalar_pandas_iter,
        E.GroupedAggPandas: _grouped_agg_pandas,
        E.GroupedMapPandas: _grouped_map_pandas,
        E.MapPandasIter: _map_in_pandas,
        E.MapArrowIter: _map_in_arrow,
        E.NonUdf: rdd_eval.run,
    }
    handler = handlers.get(task.eval_type)
    if handler is None:
        raise RuntimeError(f"unknown eval type {task.eval_type}")
    handler(task)


def _outputs(task: _Task) -> List[int]:
    return [i for i, u in enumerate(task.udfs) if u.is_output]


# ---- row-at-a-time UDFs (pickled rows or Arrow batches: same calls, same coercion)


def _eval_rows(task: _Task, columns: List[List[Any]], n: int) -> List[List[Any]]:
    """Calls every function once per row; returns the coerced values of the output functions, column by column."""
    results: List[List[Any]] = []
    for u in task.udfs:
        args = [columns[a] if a >= 0 else results[-a - 1] for a in u.args]
        fn = u.func
        # map() keeps the per-row cost to the call itself (no argument list built per row).
        results.append(task.call(u.name, lambda: list(map(fn, *args)) if args else [fn() for _ in range(n)]))
    return [results[i] for i in _outputs(task)]


def _checked(task: _Task, u: Any, convert: Callable[[dict, List[Any]], Any], values: List[Any]) -> Any:
    try:
        return task.from_python(convert, u.return_type, values)
    except coercion.CoercionError as e:
        raise task.coercion_failure(u.name, e) from None


def _row_udfs_pickled(task: _Task) -> None:
    outs = [task.udfs[i] for i in _outputs(task)]
    for rows in task.inputs():
        n = len(rows)
        width = max((a + 1 for u in task.udfs for a in u.args if a >= 0), default=0)
        columns = task.to_python(lambda: [[r[c] for r in rows] for c in range(width)])
        cols = [_checked(task, u, coercion.coerce_list, col) for u, col in zip(outs, _eval_rows(task, columns, n))]
        wire = [col if not coercion.needs_wire_conversion(u.return_type) else
                task.from_python(lambda t, c: [coercion.to_wire_value(t, v) for v in c], u.return_type, col)
                for u, col in zip(outs, cols)]
        task.send_pickled(list(zip(*wire)) if wire else [() for _ in range(n)])


def _row_udfs_arrow(task: _Task) -> None:
    outs = [task.udfs[i] for i in _outputs(task)]
    for batch in task.inputs():
        columns = [task.to_python(coercion.from_arrow, c) for c in batch.columns]
        cols = _eval_rows(task, columns, batch.num_rows)
        arrays = [_checked(task, u, coercion.to_arrow, col) for u, col in zip(outs, cols)]
        task.send_arrow(pa.RecordBatch.from_arrays(arrays, names=[f"_{i}" for i in range(len(arrays))]))


# ---- pandas UDFs


def _to_pandas(col: pa.Array) -> Any:
    """A column as the pandas value a scalar pandas UDF gets: a Series, or for a struct a DataFrame of its fields
    (as PySpark's ``df_for_struct``)."""
    if pa.types.is_struct(col.type):
        import pandas as pd

        if isinstance(col, pa.ChunkedArray):
            col = col.combine_chunks()
        # A NULL struct gives NULL fields (its children may hold anything at that row).
        fields = [_to_pandas(pc.if_else(col.is_valid(), col.field(i), pa.scalar(None, col.type.field(i).type))
                              if col.null_count else col.field(i))
                  for i in range(col.type.num_fields)]
        frame = pd.concat(fields, axis=1) if fields else pd.DataFrame(index=range(len(col)))
        frame.columns = [f.name for f in col.type]
        return frame
    if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
        import pandas as pd

        # The same object Series (str, None for NULL) as to_pandas gives, without its de-duplication of equal
        # strings (a hash lookup per value), which costs more than the conversion.
        return pd.Series(col.to_numpy(zero_copy_only=False), dtype=object)
    s = col.to_pandas()
    if pa.types.is_timestamp(col.type) and getattr(s.dt, "tz", None) is not None:
        s = s.dt.tz_convert("UTC").dt.tz_localize(None)
    return s


def _check_length(task: _Task, name: str, result: Any, n: int) -> None:
    if hasattr(result, "__len__") and len(result) != n:
        raise UdfFailure(name, f"Result vector from pandas_udf {name} was not the required length: expected {n}, got {len(result)}.", "")


def _to_arrow(task: _Task, name: str, t: dict, series: Any) -> pa.Array:
    try:
        return task.from_python(coercion.series_to_arrow, t, series)
    except coercion.CoercionError as e:
        raise task.coercion_failure(name, e) from None


def _scalar_pandas(task: _Task) -> None:
    for batch in task.inputs():
        series = [task.to_python(_to_pandas, c) for c in batch.columns]
        results: List[Any] = []
        arrays: List[pa.Array] = []
        for u in task.udfs:
            args = [series[a] if a >= 0 else results[-a - 1] for a in u.args]
            r = task.call(u.name, u.func, *args)
            _check_length(task, u.name, r, batch.num_rows)
            results.append(r)
            if u.is_output:
                arrays.append(_to_arrow(task, u.name, u.return_type, r))
        task.send_arrow(pa.RecordBatch.from_arrays(arrays, names=[f"_{i}" for i in range(len(arrays))]))


def _scalar_pandas_iter(task: _Task) -> None:
    u = task.udfs[0]
    multi = len(u.args) > 1

    def batches() -> Iterator[Any]:
        for b in task.inputs():
            cols = [_to_pandas(b.column(a)) for a in u.args]
            yield tuple(cols) if multi else cols[0]

    def drive() -> None:
        for r in u.func(batches()):
            task.send_arrow(pa.RecordBatch.from_arrays([_to_arrow(task, u.name, u.return_type, r)], names=["_0"]))

    task.call(u.name, drive)


def _grouped_agg_pandas(task: _Task) -> None:
    values: List[List[Any]] = [[] for _ in task.udfs]
    for group in task.inputs():
        series = [_to_pandas(c) for c in group.columns]
        for k, u in enumerate(task.udfs):
            values[k].append(task.call(u.name, u.func, *[series[a] for a in u.args]))
    arrays = []
    for u, vals in zip(task.udfs, values):
        conv = coercion.converter(u.return_type)
        try:
            arrays.append(pa.array([conv(_scalar(v)) for v in vals], type=coercion.arrow_type(u.return_type)))
        except coercion.CoercionError as e:
            raise task.coercion_failure(u.name, e) from None
    if arrays:
        task.send_arrow(pa.RecordBatch.from_arrays(arrays, names=[f"_{i}" for i in range(len(arrays))]))


def _scalar(v: Any) -> Any:
    """numpy scalars as Python values (``np.float64(1.5)`` → 1.5); NaN of a float stays NaN."""
    item = getattr(v, "item", None)
    return item() if callable(item) and not isinstance(v, (list, tuple)) else v


def _frame_to_batch(task: _Task, name: str, pdf: Any) -> pa.RecordBatch:
    """A returned pandas DataFrame as a batch of the declared schema: columns by name when they are labelled with
    strings (as Spark matches them), by position otherwise."""
    import pandas as pd

    schema = task.output_schema or []
    if not isinstance(pdf, pd.DataFrame):
        raise UdfFailure(name, f"The function {name} must return a pandas.DataFrame, got {type(pdf).__name__}.", "")
    by_name = all(isinstance(c, str) for c in pdf.columns)
    if len(pdf.columns) != len(schema) and not by_name:
        raise UdfFailure(name, f"Number of columns of the returned pandas.DataFrame doesn't match the specified schema: expected {len(schema)}, got {len(pdf.columns)}.", "")
    arrays = []
    for i, (fname, t, _nullable) in enumerate(schema):
        if by_name:
            if fname not in pdf.columns:
                raise UdfFailure(name, f"Column names of the returned pandas.DataFrame do not match the specified schema: missing {fname!r} (has {list(pdf.columns)}).", "")
            s = pdf[fname]
        else:
            s = pdf.iloc[:, i]
        arrays.append(_column_to_arrow(task, name, fname, t, s.reset_index(drop=True)))
    return pa.RecordBatch.from_arrays(arrays, names=[f for f, _, _ in schema])


def _column_to_arrow(task: _Task, name: str, column: str, t: dict, series: Any) -> pa.Array:
    """One column of a returned DataFrame: a struct column holds Rows/dicts/tuples, checked value by value."""
    try:
        return task.from_python(lambda tt, s: coercion.column_to_arrow(tt, s, column), t, series)
    except coercion.CoercionError as e:
        raise task.coercion_failure(name, e) from None


def _grouped_map_pandas(task: _Task) -> None:
    """Each input batch is one group: its key columns first (``args[0]`` of them), then the group's rows.
    ``func(pdf)`` gets the rows; ``func(key, pdf)`` also the key tuple, as in PySpark."""
    import inspect

    u = task.udfs[0]
    nkeys = u.args[0] if u.args else 0
    try:
        with_key = len(inspect.signature(u.func).parameters) == 2
    except (TypeError, ValueError):
        with_key = False
    for group in task.inputs():
        rows = pa.RecordBatch.from_arrays(group.columns[nkeys:], names=group.schema.names[nkeys:])
        pdf = task.to_python(lambda: rows.to_pandas(deduplicate_objects=False))
        if with_key:
            key = tuple(group.column(i)[0].as_py() for i in range(nkeys))
            out = task.call(u.name, u.func, key, pdf)
        else:
            out = task.call(u.name, u.func, pdf)
        task.send_arrow(_frame_to_batch(task, u.name, out))


def _map_in_pandas(task: _Task) -> None:
    u = task.udfs[0]

    def frames() -> Iterator[Any]:
        for b in task.inputs():
            yield b.to_pandas(deduplicate_objects=False)

    def drive() -> None:
        for pdf in u.func(frames()):
            task.send_arrow(_frame_to_batch(task, u.name, pdf))

    task.call(u.name, drive)


def _map_in_arrow(task: _Task) -> None:
    u = task.udfs[0]
    schema = task.output_schema or []
    target = pa.schema([pa.field(n, coercion.arrow_type(t), True) for n, t, _ in schema])

    def drive() -> None:
        for rb in u.func(iter(task.inputs())):
            if not isinstance(rb, pa.RecordBatch):
                raise UdfFailure(u.name, f"The function {u.name} must yield pyarrow.RecordBatch, got {type(rb).__name__}.", "")
            try:
                cols = [rb.column(n).cast(f.type, safe=True) for n, f in zip(target.names, target)]
            except (KeyError, pa.ArrowInvalid, pa.ArrowNotImplementedError) as e:
                raise task.coercion_failure(u.name, coercion.CoercionError(f"expected columns {target}, got {rb.schema}: {e}")) from None
            task.send_arrow(pa.RecordBatch.from_arrays(cols, schema=target))

    task.call(u.name, drive)
