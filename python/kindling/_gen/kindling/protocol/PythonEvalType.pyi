from __future__ import annotations

import flatbuffers
import numpy as np

import typing
from typing import cast

uoffset: typing.TypeAlias = flatbuffers.number_types.UOffsetTFlags.py_type

class PythonEvalType(object):
  NonUdf = cast(int, ...)
  Batched = cast(int, ...)
  ArrowBatched = cast(int, ...)
  ScalarPandas = cast(int, ...)
  GroupedMapPandas = cast(int, ...)
  GroupedAggPandas = cast(int, ...)
  ScalarPandasIter = cast(int, ...)
  MapPandasIter = cast(int, ...)
  MapArrowIter = cast(int, ...)

