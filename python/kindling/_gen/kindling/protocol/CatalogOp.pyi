from __future__ import annotations

import flatbuffers
import numpy as np

import typing
from typing import cast

uoffset: typing.TypeAlias = flatbuffers.number_types.UOffsetTFlags.py_type

class CatalogOp(object):
  CreateTempView = cast(int, ...)
  CreateOrReplaceTempView = cast(int, ...)
  CreateGlobalTempView = cast(int, ...)
  CreateOrReplaceGlobalTempView = cast(int, ...)
  DropTempView = cast(int, ...)
  DropGlobalTempView = cast(int, ...)
  ListTables = cast(int, ...)
  TableExists = cast(int, ...)
  RegisterFunction = cast(int, ...)
  ListFunctions = cast(int, ...)
  CacheTable = cast(int, ...)
  UncacheTable = cast(int, ...)
  IsCachedTable = cast(int, ...)

