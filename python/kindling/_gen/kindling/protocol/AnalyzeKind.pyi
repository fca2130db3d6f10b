from __future__ import annotations

import flatbuffers
import numpy as np

import typing
from typing import cast

uoffset: typing.TypeAlias = flatbuffers.number_types.UOffsetTFlags.py_type

class AnalyzeKind(object):
  Schema = cast(int, ...)
  Explain = cast(int, ...)
  IsCached = cast(int, ...)
  JobMetrics = cast(int, ...)
  NumPartitions = cast(int, ...)
  SemanticHash = cast(int, ...)
  InputFiles = cast(int, ...)
  IsLocal = cast(int, ...)

