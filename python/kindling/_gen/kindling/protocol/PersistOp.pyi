from __future__ import annotations

import flatbuffers
import numpy as np

import typing
from typing import cast

uoffset: typing.TypeAlias = flatbuffers.number_types.UOffsetTFlags.py_type

class PersistOp(object):
  Cache = cast(int, ...)
  Unpersist = cast(int, ...)
  ClearCache = cast(int, ...)
  RefreshByPath = cast(int, ...)

