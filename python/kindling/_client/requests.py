"""Body builders of every request the client sends: each returns a `build(builder) -> offset` function.

Relation ops (Transform) take expression nodes of :mod:`kindling.sql._expr` and encode them with its
``encode_expression``; everything else is plain scalars and strings.
"""

from __future__ import annotations

from typing import Callable, Iterable, List, Optional, Sequence

import flatbuffers

from .._gen.kindling.protocol import Aggregate as _Aggregate
from .._gen.kindling.protocol import GroupingSet as _GroupingSet
from .._gen.kindling.protocol import AnalyzeRequest as _AnalyzeRequest
from .._gen.kindling.protocol import BroadcastRequest as _BroadcastRequest
from .._gen.kindling.protocol import Cancel as _Cancel
from .._gen.kindling.protocol import ConfigRequest as _ConfigRequest
from .._gen.kindling.protocol import Distinct as _Distinct
from .._gen.kindling.protocol import Drop as _Drop
from .._gen.kindling.protocol import ExecuteRequest as _ExecuteRequest
from .._gen.kindling.protocol import Filter as _Filter
from .._gen.kindling.protocol import Join as _Join
from .._gen.kindling.protocol import FlatMapGroupsInPython as _FlatMapGroupsInPython
from .._gen.kindling.protocol import Limit as _Limit
from .._gen.kindling.protocol import MapInPython as _MapInPython
from .._gen.kindling.protocol import LocalData as _LocalData
from .._gen.kindling.protocol import PersistRequest as _PersistRequest
from .._gen.kindling.protocol import Project as _Project
from .._gen.kindling.protocol import Range as _Range
from .._gen.kindling.protocol import Release as _Release
from .._gen.kindling.protocol import Repartition as _Repartition
from .._gen.kindling.protocol import SetOp as _SetOp
from .._gen.kindling.protocol import ShmRef as _ShmRef
from .._gen.kindling.protocol import Sort as _Sort
from .._gen.kindling.protocol import Stop as _Stop
from .._gen.kindling.protocol import SubqueryAlias as _SubqueryAlias
from .._gen.kindling.protocol import Transform as _Transform
from .._gen.kindling.protocol import WithColumns as _WithColumns
from .._gen.kindling.protocol import WithColumnsRenamed as _WithColumnsRenamed
from .._gen.kindling.protocol.GroupType import GroupType
from .._gen.kindling.protocol.RelationOp import RelationOp
from . import template_frames as _frames

Build = Callable[[flatbuffers.Builder], int]


def _encode_expression(b: flatbuffers.Builder, expr) -> int:
    # Imported late: the sql package imports the client, and the expression codec lives in the sql package.
    from ..sql._expr import encode_expression

    return encode_expression(b, expr)


def _offsets_vector(b: flatbuffers.Builder, offsets: Sequence[int]) -> int:
    b.StartVector(4, len(offsets), 4)
    for off in reversed(offsets):
        b.PrependUOffsetTRelative(off)
    return b.EndVector()


def _exprs(b: flatbuffers.Builder, exprs: Iterable) -> int:
    return _offsets_vector(b, [_encode_expression(b, e) for e in exprs])


def _strings(b: flatbuffers.Builder, names: Iterable[str]) -> int:
    return _offsets_vector(b, [b.CreateString(n) for n in names])


def _transform(b: flatbuffers.Builder, op_type: int, op: int) -> int:
    _Transform.Start(b)
    _Transform.AddOpType(b, op_type)
    _Transform.AddOp(b, op)
    return _Transform.End(b)


# ---------------------------------------------------------------------- Transform ops


def range_op(start: int, end: int, step: int, num_partitions: int) -> Build:
    def build(b):
        _Range.Start(b)
        _Range.AddStart(b, start)
        _Range.AddEnd(b, end)
        _Range.AddStep(b, step)
        _Range.AddNumPartitions(b, num_partitions)
        return _transform(b, RelationOp.Range, _Range.End(b))

    return build


def local_data(arrow_ipc: Optional[bytes] = None, shm_name: Optional[str] = None, shm_size: int = 0,
               pickled_rows: Optional[bytes] = None, pickled: bool = False, schema=None) -> Build:
    """LocalData: an Arrow IPC stream (inline or in segment ``shm_name``), or with ``pickled`` a pickle of row tuples
    (inline in ``pickled_rows`` or in the segment) whose StructType ``schema`` is required."""

    def build(b):
        data = b.CreateByteVector(arrow_ipc) if arrow_ipc is not None else 0
        rows = b.CreateByteVector(pickled_rows) if pickled_rows is not None else 0
        shm = 0
        if shm_name is not None:
            name = b.CreateString(shm_name)
            _ShmRef.Start(b)
            _ShmRef.AddName(b, name)
            _ShmRef.AddSize(b, shm_size)
            shm = _ShmRef.End(b)
        sch = 0
        if schema is not None:
            from ..sql._expr import encode_schema  # the sql package imports the client: late import

            sch = encode_schema(b, schema)
        _LocalData.Start(b)
        if data:
            _LocalData.AddArrowIpc(b, data)
        if shm:
            _LocalData.AddShm(b, shm)
        if sch:
            _LocalData.AddSchema(b, sch)
        if pickled:
            _LocalData.AddPickled(b, True)
        if rows:
            _LocalData.AddPickledRows(b, rows)
        return _transform(b, RelationOp.LocalData, _LocalData.End(b))

    return build


class _Framed:
    """A body builder that can also write its whole frame from templates (``frame(request_id)``, used by
    ``wire.frame``); calling it builds the same request through the generic builder."""

    __slots__ = ("build", "frame")

    def __init__(self, build: Build, frame: Callable[[int], bytes]) -> None:
        self.build = build
        self.frame = frame

    def __call__(self, b: flatbuffers.Builder) -> int:
        return self.build(b)


def project(input_id: int, exprs: Sequence) -> Build:
    def build(b):
        vec = _exprs(b, exprs)
        _Project.Start(b)
        _Project.AddInput(b, input_id)
        _Project.AddExprs(b, vec)
        return _transform(b, RelationOp.Project, _Project.End(b))

    return _Framed(build, lambda rid: _frames.project(rid, input_id, exprs))


def _python_function(b: flatbuffers.Builder, udf) -> int:
    from ..sql._expr import _encode_node

    return _encode_node(b, udf)[1]


def map_in_python(input_id: int, udf, schema) -> Build:
    """``mapInPandas`` / ``mapInArrow``: ``udf`` is a PythonUdf node (no args), ``schema`` a StructType."""
    def build(b):
        from ..sql._expr import encode_schema

        fn = _python_function(b, udf)
        sc = encode_schema(b, schema)
        _MapInPython.Start(b)
        _MapInPython.AddInput(b, input_id)
        _MapInPython.AddFunc(b, fn)
        _MapInPython.AddSchema(b, sc)
        return _transform(b, RelationOp.MapInPython, _MapInPython.End(b))

    return build


def flat_map_groups_in_python(input_id: int, grouping: Sequence, udf, schema) -> Build:
    """``groupBy(grouping).applyInPandas(udf, schema)``."""
    def build(b):
        from ..sql._expr import encode_schema

        keys = _exprs(b, grouping)
        fn = _python_function(b, udf)
        sc = encode_schema(b, schema)
        _FlatMapGroupsInPython.Start(b)
        _FlatMapGroupsInPython.AddInput(b, input_id)
        _FlatMapGroupsInPython.AddGrouping(b, keys)
        _FlatMapGroupsInPython.AddFunc(b, fn)
        _FlatMapGroupsInPython.AddSchema(b, sc)
        return _transform(b, RelationOp.FlatMapGroupsInPython, _FlatMapGroupsInPython.End(b))

    return build


def filter_op(input_id: int, condition) -> Build:
    def build(b):
        cond = _encode_expression(b, condition)
        _Filter.Start(b)
        _Filter.AddInput(b, input_id)
        _Filter.AddCondition(b, cond)
        return _transform(b, RelationOp.Filter, _Filter.End(b))

    return _Framed(build, lambda rid: _frames.filter_op(rid, input_id, condition))


def with_columns(input_id: int, names: Sequence[str], exprs: Sequence) -> Build:
    def build(b):
        ns = _strings(b, names)
        es = _exprs(b, exprs)
        _WithColumns.Start(b)
        _WithColumns.AddInput(b, input_id)
        _WithColumns.AddNames(b, ns)
        _WithColumns.AddExprs(b, es)
        return _transform(b, RelationOp.WithColumns, _WithColumns.End(b))

    return _Framed(build, lambda rid: _frames.with_columns(rid, input_id, names, exprs))


def with_columns_renamed(input_id: int, existing: Sequence[str], renamed: Sequence[str]) -> Build:
    def build(b):
        ex = _strings(b, existing)
        rn = _strings(b, renamed)
        _WithColumnsRenamed.Start(b)
        _WithColumnsRenamed.AddInput(b, input_id)
        _WithColumnsRenamed.AddExisting(b, ex)
        _WithColumnsRenamed.AddRenamed(b, rn)
        return _transform(b, RelationOp.WithColumnsRenamed, _WithColumnsRenamed.End(b))

    return build


def drop(input_id: int, names: Sequence[str], exprs: Sequence) -> Build:
    def build(b):
        ns = _strings(b, names)
        es = _exprs(b, exprs)
        _Drop.Start(b)
        _Drop.AddInput(b, input_id)
        _Drop.AddNames(b, ns)
        _Drop.AddExprs(b, es)
        return _transform(b, RelationOp.Drop, _Drop.End(b))

    return build


def aggregate(input_id: int, grouping: Sequence, aggregates: Sequence, group_type: int = GroupType.GroupBy,
              grouping_sets: Optional[Sequence[Sequence[int]]] = None) -> Build:
    """``groupBy``/``rollup``/``cube``/``groupingSets`` (``grouping_sets``: positions in ``grouping``) + ``agg``."""
    def build(b):
        sets = 0
        if grouping_sets is not None:
            offsets = []
            for s in grouping_sets:
                _GroupingSet.StartIndicesVector(b, len(s))
                for i in reversed(s):
                    b.PrependInt32(i)
                idx = b.EndVector()
                _GroupingSet.Start(b)
                _GroupingSet.AddIndices(b, idx)
                offsets.append(_GroupingSet.End(b))
            _Aggregate.StartGroupingSetsVector(b, len(offsets))
            for o in reversed(offsets):
                b.PrependUOffsetTRelative(o)
            sets = b.EndVector()
        gs = _exprs(b, grouping)
        ags = _exprs(b, aggregates)
        _Aggregate.Start(b)
        _Aggregate.AddInput(b, input_id)
        _Aggregate.AddGrouping(b, gs)
        _Aggregate.AddAggregates(b, ags)
        if group_type != GroupType.GroupBy:
            _Aggregate.AddGroupType(b, group_type)
        if sets:
            _Aggregate.AddGroupingSets(b, sets)
        return _transform(b, RelationOp.Aggregate, _Aggregate.End(b))

    return build


def join(left: int, right: int, how: str, condition=None, using: Optional[Sequence[str]] = None) -> Build:
    def build(b):
        h = b.CreateString(how)
        cond = _encode_expression(b, condition) if condition is not None else 0
        us = _strings(b, using) if using is not None else 0
        _Join.Start(b)
        _Join.AddLeft(b, left)
        _Join.AddRight(b, right)
        _Join.AddHow(b, h)
        if cond:
            _Join.AddCondition(b, cond)
        if us:
            _Join.AddUsingColumns(b, us)
        return _transform(b, RelationOp.Join, _Join.End(b))

    return build


def sort(input_id: int, order: Sequence, is_global: bool) -> Build:
    def build(b):
        os_ = _exprs(b, order)
        _Sort.Start(b)
        _Sort.AddInput(b, input_id)
        _Sort.AddOrder(b, os_)
        _Sort.AddGlobal(b, is_global)
        return _transform(b, RelationOp.Sort, _Sort.End(b))

    return build


def limit(input_id: int, n: int) -> Build:
    def build(b):
        _Limit.Start(b)
        _Limit.AddInput(b, input_id)
        _Limit.AddLimit(b, n)
        return _transform(b, RelationOp.Limit, _Limit.End(b))

    return build


def offset(input_id: int, n: int) -> Build:
    """``df.offset(n)``: a Limit request that skips ``n`` rows."""
    def build(b):
        _Limit.Start(b)
        _Limit.AddInput(b, input_id)
        _Limit.AddOffset(b, n)
        _Limit.AddIsOffset(b, True)
        return _transform(b, RelationOp.Limit, _Limit.End(b))

    return build


def distinct(input_id: int, subset: Optional[Sequence[str]]) -> Build:
    def build(b):
        ss = _strings(b, subset) if subset else 0
        _Distinct.Start(b)
        _Distinct.AddInput(b, input_id)
        if ss:
            _Distinct.AddSubset(b, ss)
        return _transform(b, RelationOp.Distinct, _Distinct.End(b))

    return build


def set_op(left: int, right: int, by_name: bool, allow_missing: bool) -> Build:
    def build(b):
        _SetOp.Start(b)
        _SetOp.AddLeft(b, left)
        _SetOp.AddRight(b, right)
        _SetOp.AddByName(b, by_name)
        _SetOp.AddAllowMissingColumns(b, allow_missing)
        return _transform(b, RelationOp.SetOp, _SetOp.End(b))

    return build


def repartition(input_id: int, num_partitions: int, shuffle: bool, exprs: Sequence, by_partition_id: bool = False,
                by_range: bool = False) -> Build:
    """``repartition`` / ``coalesce``; ``by_partition_id``: ``exprs[0]`` already is each row's partition (RDDs);
    ``by_range``: ``repartitionByRange`` (``exprs`` sort orders or columns)."""
    def build(b):
        es = _exprs(b, exprs) if exprs else 0
        _Repartition.Start(b)
        _Repartition.AddInput(b, input_id)
        _Repartition.AddNumPartitions(b, num_partitions)
        _Repartition.AddShuffle(b, shuffle)
        if by_partition_id:
            _Repartition.AddByPartitionId(b, True)
        if by_range:
            _Repartition.AddByRange(b, True)
        if es:
            _Repartition.AddExprs(b, es)
        return _transform(b, RelationOp.Repartition, _Repartition.End(b))

    return build


def broadcast(op: int, broadcast_id: int, data: Optional[bytes] = None, shm_name: Optional[str] = None,
              shm_size: int = 0) -> Build:
    """``sc.broadcast``: register (inline value or segment), unpersist or destroy broadcast ``broadcast_id``."""
    def build(b):
        d = b.CreateByteVector(data) if data else 0
        shm = 0
        if shm_name is not None:
            n = b.CreateString(shm_name)
            _ShmRef.Start(b)
            _ShmRef.AddName(b, n)
            _ShmRef.AddSize(b, shm_size)
            shm = _ShmRef.End(b)
        _BroadcastRequest.Start(b)
        _BroadcastRequest.AddOp(b, op)
        _BroadcastRequest.AddId(b, broadcast_id)
        if d:
            _BroadcastRequest.AddData(b, d)
        if shm:
            _BroadcastRequest.AddShm(b, shm)
        return _BroadcastRequest.End(b)

    return build


def subquery_alias(input_id: int, alias: str) -> Build:
    def build(b):
        a = b.CreateString(alias)
        _SubqueryAlias.Start(b)
        _SubqueryAlias.AddInput(b, input_id)
        _SubqueryAlias.AddAlias(b, a)
        return _transform(b, RelationOp.SubqueryAlias, _SubqueryAlias.End(b))

    return build


# ---------------------------------------------------------------------- other requests


def analyze(df: int, kind: int, explain_mode: Optional[str] = None) -> Build:
    def build(b):
        mode = b.CreateString(explain_mode) if explain_mode is not None else 0
        _AnalyzeRequest.Start(b)
        _AnalyzeRequest.AddDf(b, df)
        _AnalyzeRequest.AddKind(b, kind)
        if mode:
            _AnalyzeRequest.AddExplainMode(b, mode)
        return _AnalyzeRequest.End(b)

    return build


def execute(df: int, action: int, n: int = 0, truncate: int = 20, vertical: bool = False, fmt: int = 0) -> Build:
    def build(b):
        _ExecuteRequest.Start(b)
        _ExecuteRequest.AddDf(b, df)
        _ExecuteRequest.AddAction(b, action)
        _ExecuteRequest.AddN(b, n)
        _ExecuteRequest.AddTruncate(b, truncate)
        _ExecuteRequest.AddVertical(b, vertical)
        _ExecuteRequest.AddFormat(b, fmt)
        return _ExecuteRequest.End(b)

    return build


def config(op: int, key: Optional[str] = None, value: Optional[str] = None,
           default_value: Optional[str] = None) -> Build:
    def build(b):
        k = b.CreateString(key) if key is not None else 0
        v = b.CreateString(value) if value is not None else 0
        d = b.CreateString(default_value) if default_value is not None else 0
        _ConfigRequest.Start(b)
        _ConfigRequest.AddOp(b, op)
        if k:
            _ConfigRequest.AddKey(b, k)
        if v:
            _ConfigRequest.AddValue(b, v)
        if d:
            _ConfigRequest.AddDefaultValue(b, d)
        return _ConfigRequest.End(b)

    return build


def persist(df: int, op: int, path: Optional[str] = None) -> Build:
    def build(b):
        p = b.CreateString(path) if path is not None else 0
        _PersistRequest.Start(b)
        _PersistRequest.AddDf(b, df)
        _PersistRequest.AddOp(b, op)
        if p:
            _PersistRequest.AddPath(b, p)
        return _PersistRequest.End(b)

    return build


def release(ids: List[int]) -> Build:
    def build(b):
        _Release.StartIdsVector(b, len(ids))
        for i in reversed(ids):
            b.PrependUint64(i)
        vec = b.EndVector()
        _Release.Start(b)
        _Release.AddIds(b, vec)
        return _Release.End(b)

    return _Framed(build, lambda rid: _frames.release(rid, ids))


def cancel(request_id: int) -> Build:
    def build(b):
        _Cancel.Start(b)
        _Cancel.AddRequestId(b, request_id)
        return _Cancel.End(b)

    return build


def stop() -> Build:
    def build(b):
        _Stop.Start(b)
        return _Stop.End(b)

    return build
