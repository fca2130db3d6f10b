"""The RDD eval type (PySpark's NON_UDF): ``func(partition_index, iterator) -> iterator`` over Python objects.

The client composes a pipeline of narrow RDD functions into one ``func`` and pickles it with how its input and
output travel (``rdd_io``): input is pickled blocks (a ``data: binary`` column, each value a pickled list) or a
DataFrame's rows (``df.rdd``); output is pickled blocks, ``(partition id, block)`` pairs for a shuffle, or rows of a
declared schema (``toDF``). Blocks grow until they hold about 64 KiB, as PySpark's AutoBatchedSerializer does.
"""

from __future__ import annotations

import pickle
import time
from typing import Any, Iterator, List

import pyarrow as pa

from kindling.rdd_io import IN_PICKLED, IN_ROWS, OUT_KEYED, OUT_PICKLED, OUT_ROWS

from . import coercion
from .worker import UdfFailure, _Task

#: Serialized block size the batching aims at, and the Arrow batch size (bytes) blocks are sent in.
_BLOCK_TARGET = 1 << 16
_FRAME_TARGET = 4 << 20
_BINARY = pa.binary()


def run(task: _Task) -> None:
    u = task.udfs[0]
    func, in_kind, out_kind = u.func
    t0 = time.perf_counter_ns()
    before = task.deser_ns + task.ser_ns
    try:
        out = func(task.partition, _objects(task, in_kind))
        if out_kind == OUT_PICKLED:
            _write_blocks(task, out)
        elif out_kind == OUT_KEYED:
            _write_keyed(task, out)
        elif out_kind == OUT_ROWS:
            _write_rows(task, u.name, out)
        else:
            raise RuntimeError(f"unknown RDD output kind {out_kind!r}")
        # A function may stop reading early (take, a range's partitions): the rest of the input is still on the
        # wire and must be read before the next task.
        for _ in task.inputs():
            pass
    except UdfFailure:
        raise
    except Exception as e:  # noqa: BLE001 - any exception in the user's functions fails the task
        from .tracebacks import format_exception

        tb = format_exception(e, task.simplified)
        raise UdfFailure(u.name, f"An exception was thrown from the Python worker in {u.name}. Please see the stack trace below.\n{tb}", tb) from None
    finally:
        # The user's code runs interleaved with decoding and encoding (iterators): its time is the rest.
        task.compute_ns += time.perf_counter_ns() - t0 - (task.deser_ns + task.ser_ns - before)


def _objects(task: _Task, in_kind: str) -> Iterator[Any]:
    for batch in task.inputs():
        if in_kind == IN_PICKLED:
            t0 = time.perf_counter_ns()
            blocks = batch.column(batch.schema.get_field_index("data")).to_pylist()
            task.deser_ns += time.perf_counter_ns() - t0
            for blob in blocks:
                t0 = time.perf_counter_ns()
                items = pickle.loads(blob)
                task.deser_ns += time.perf_counter_ns() - t0
                yield from items
        elif in_kind == IN_ROWS:
            from kindling._client.results import table_columns
            from kindling.sql.types import _create_row

            t0 = time.perf_counter_ns()
            names = batch.schema.names
            columns = table_columns(pa.Table.from_batches([batch]))
            rows = [_create_row(names, values) for values in zip(*columns)] if columns else [_create_row([], ()) for _ in range(batch.num_rows)]
            task.deser_ns += time.perf_counter_ns() - t0
            yield from rows
        else:
            raise RuntimeError(f"unknown RDD input kind {in_kind!r}")


def _send_binary(task: _Task, blocks: List[bytes], pids: List[int] = None) -> None:
    t0 = time.perf_counter_ns()
    data = pa.array(blocks, type=_BINARY)
    if pids is None:
        batch = pa.RecordBatch.from_arrays([data], names=["data"])
    else:
        batch = pa.RecordBatch.from_arrays([pa.array(pids, type=pa.int32()), data], names=["pid", "data"])
    task.ser_ns += time.perf_counter_ns() - t0
    task.send_arrow(batch)


def _write_blocks(task: _Task, out: Iterator[Any]) -> None:
    """Pickles results in blocks whose item count adapts towards ~64 KiB each."""
    size = 1
    buf: List[Any] = []
    blocks: List[bytes] = []
    pending = 0
    for item in out:
        buf.append(item)
        if len(buf) < size:
            continue
        t0 = time.perf_counter_ns()
        blob = pickle.dumps(buf, protocol=pickle.HIGHEST_PROTOCOL)
        task.ser_ns += time.perf_counter_ns() - t0
        blocks.append(blob)
        pending += len(blob)
        buf = []
        if len(blob) < _BLOCK_TARGET:
            size = min(size * 2, 1 << 16)
        elif len(blob) > _BLOCK_TARGET * 16 and size > 1:
            size //= 2
        if pending >= _FRAME_TARGET:
            _send_binary(task, blocks)
            blocks, pending = [], 0
    if buf:
        t0 = time.perf_counter_ns()
        blocks.append(pickle.dumps(buf, protocol=pickle.HIGHEST_PROTOCOL))
        task.ser_ns += time.perf_counter_ns() - t0
    if blocks:
        _send_binary(task, blocks)


def _write_keyed(task: _Task, out: Iterator[Any]) -> None:
    """A shuffle's map side: the function yields ``(partition id, pickled block)`` pairs."""
    pids: List[int] = []
    blocks: List[bytes] = []
    pending = 0
    for pid, blob in out:
        pids.append(pid)
        blocks.append(blob)
        pending += len(blob)
        if pending >= _FRAME_TARGET:
            _send_binary(task, blocks, pids)
            pids, blocks, pending = [], [], 0
    if blocks:
        _send_binary(task, blocks, pids)


def _write_rows(task: _Task, name: str, out: Iterator[Any]) -> None:
    """``toDF``: rows (tuples, Rows, dicts) as Arrow batches of the declared schema, by the UDF coercion rules."""
    schema = task.output_schema or []
    names = [f[0] for f in schema]
    types = [f[1] for f in schema]
    limit = int(task.conf.get("spark.sql.execution.arrow.maxRecordsPerBatch", "10000") or 10000)
    rows: List[Any] = []

    def flush() -> None:
        t0 = time.perf_counter_ns()
        columns: List[List[Any]] = [[] for _ in names]
        for r in rows:
            if isinstance(r, dict):
                values = [r.get(n) for n in names]
            elif isinstance(r, (tuple, list)):
                values = r
            else:
                values = [r]  # a bare value for a one-column schema, as createDataFrame takes them
            if len(values) != len(names):
                raise UdfFailure(name, f"A row of the RDD has {len(values)} fields but the schema has {len(names)}: {r!r}.", "")
            for c, v in zip(columns, values):
                c.append(v)
        try:
            arrays = [coercion.to_arrow(t, c) for t, c in zip(types, columns)]
        except coercion.CoercionError as e:
            raise UdfFailure(name, f"A row of the RDD does not match the schema: {e}", "") from None
        task.ser_ns += time.perf_counter_ns() - t0
        task.send_arrow(pa.RecordBatch.from_arrays(arrays, names=names))
        rows.clear()

    for r in out:
        rows.append(r)
        if len(rows) >= limit:
            flush()
    if rows:
        flush()
