"""Request bodies of the data sources: the ``ReadFiles`` relation op and ``WriteRequest``.

Kept beside ``readwriter.py`` (``spark.read`` / ``df.write``); each returns a ``build(builder) -> offset`` function.
"""

from __future__ import annotations

from typing import Dict, Optional, Sequence

from .._client.requests import Build, _offsets_vector, _strings, _transform
from .._gen.kindling.protocol import KeyValue as _KeyValue
from .._gen.kindling.protocol import ReadFiles as _ReadFiles
from .._gen.kindling.protocol import WriteRequest as _WriteRequest
from .._gen.kindling.protocol.RelationOp import RelationOp

__all__ = ["read_files", "write"]


def _options(b, options: Dict[str, str]) -> int:
    offs = []
    for k, v in options.items():
        ko = b.CreateString(k)
        vo = b.CreateString(v)
        _KeyValue.Start(b)
        _KeyValue.AddKey(b, ko)
        _KeyValue.AddValue(b, vo)
        offs.append(_KeyValue.End(b))
    return _offsets_vector(b, offs)


def read_files(fmt: str, paths: Sequence[str], schema=None, schema_ddl: Optional[str] = None,
               options: Optional[Dict[str, str]] = None) -> Build:
    """``spark.read…load(paths)``: ``schema`` a StructType or ``schema_ddl`` a DDL string (or neither: inferred)."""
    def build(b):
        p = _strings(b, paths)
        o = _options(b, options or {})
        s = 0
        if schema is not None:
            from ._expr import encode_schema

            s = encode_schema(b, schema)
        d = b.CreateString(schema_ddl) if schema_ddl is not None else 0
        f = b.CreateString(fmt)
        _ReadFiles.Start(b)
        _ReadFiles.AddFormat(b, f)
        _ReadFiles.AddPaths(b, p)
        if s:
            _ReadFiles.AddSchema(b, s)
        if d:
            _ReadFiles.AddSchemaDdl(b, d)
        _ReadFiles.AddOptions(b, o)
        return _transform(b, RelationOp.ReadFiles, _ReadFiles.End(b))

    return build


def write(df: int, fmt: str, path: str, mode: str, options: Dict[str, str], partition_by: Sequence[str]) -> Build:
    def build(b):
        o = _options(b, options)
        pb = _strings(b, partition_by)
        p = b.CreateString(path)
        m = b.CreateString(mode)
        f = b.CreateString(fmt)
        _WriteRequest.Start(b)
        _WriteRequest.AddDf(b, df)
        _WriteRequest.AddFormat(b, f)
        _WriteRequest.AddPath(b, p)
        _WriteRequest.AddMode(b, m)
        _WriteRequest.AddOptions(b, o)
        _WriteRequest.AddPartitionBy(b, pb)
        return _WriteRequest.End(b)

    return build
