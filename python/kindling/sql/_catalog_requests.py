"""Request bodies of SQL and the catalog: ``Sql`` / ``ReadTable`` relation ops and ``CatalogRequest``.

Kept beside the SQL front end's Python API (``spark.sql``, temp views, ``spark.catalog``) rather than in the client's
general request module; each returns a ``build(builder) -> offset`` function as the client expects.
"""

from __future__ import annotations

from typing import Optional, Sequence

from .._client.requests import Build, _exprs, _strings, _transform
from .._gen.kindling.protocol import CatalogRequest as _CatalogRequest
from .._gen.kindling.protocol import ReadTable as _ReadTable
from .._gen.kindling.protocol import Sql as _Sql
from .._gen.kindling.protocol.CatalogOp import CatalogOp
from .._gen.kindling.protocol.RelationOp import RelationOp

__all__ = ["CatalogOp", "sql", "read_table", "catalog"]


def sql(query: str, args: Sequence = (), names: Sequence[str] = ()) -> Build:
    """``spark.sql(query, args)``: ``args`` bind the markers by position, or by name when ``names`` are given."""
    def build(b):
        a = _exprs(b, args) if args else 0
        n = _strings(b, names) if names else 0
        q = b.CreateString(query)
        _Sql.Start(b)
        _Sql.AddQuery(b, q)
        if a:
            _Sql.AddArgs(b, a)
        if n:
            _Sql.AddArgNames(b, n)
        return _transform(b, RelationOp.Sql, _Sql.End(b))

    return build


def read_table(name: str) -> Build:
    def build(b):
        n = b.CreateString(name)
        _ReadTable.Start(b)
        _ReadTable.AddName(b, n)
        return _transform(b, RelationOp.ReadTable, _ReadTable.End(b))

    return build


def catalog(op: int, df: int = 0, name: Optional[str] = None, database: Optional[str] = None) -> Build:
    def build(b):
        n = b.CreateString(name) if name is not None else 0
        d = b.CreateString(database) if database is not None else 0
        _CatalogRequest.Start(b)
        _CatalogRequest.AddOp(b, op)
        _CatalogRequest.AddDf(b, df)
        if n:
            _CatalogRequest.AddName(b, n)
        if d:
            _CatalogRequest.AddDatabase(b, d)
        return _CatalogRequest.End(b)

    return build


def register_function(op: int, name: str, udf) -> Build:
    """``spark.udf.register``: ``udf`` (a PythonUdf node without args) becomes callable by ``name``."""
    def build(b):
        from ._expr import _encode_node

        fn = _encode_node(b, udf)[1]
        n = b.CreateString(name)
        _CatalogRequest.Start(b)
        _CatalogRequest.AddOp(b, op)
        _CatalogRequest.AddName(b, n)
        _CatalogRequest.AddUdf(b, fn)
        return _CatalogRequest.End(b)

    return build
