from __future__ import annotations

import flatbuffers
import numpy as np

import typing
from typing import cast

uoffset: typing.TypeAlias = flatbuffers.number_types.UOffsetTFlags.py_type

class RelationOp(object):
  NONE = cast(int, ...)
  Range = cast(int, ...)
  LocalData = cast(int, ...)
  Project = cast(int, ...)
  Filter = cast(int, ...)
  WithColumns = cast(int, ...)
  WithColumnsRenamed = cast(int, ...)
  Drop = cast(int, ...)
  Aggregate = cast(int, ...)
  Join = cast(int, ...)
  Sort = cast(int, ...)
  Limit = cast(int, ...)
  Distinct = cast(int, ...)
  SetOp = cast(int, ...)
  Repartition = cast(int, ...)
  SubqueryAlias = cast(int, ...)
  MapInPython = cast(int, ...)
  FlatMapGroupsInPython = cast(int, ...)
  Sql = cast(int, ...)
  ReadTable = cast(int, ...)
  ReadFiles = cast(int, ...)

