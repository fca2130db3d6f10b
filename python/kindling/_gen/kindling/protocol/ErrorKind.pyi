from __future__ import annotations

import flatbuffers
import numpy as np

import typing
from typing import cast

uoffset: typing.TypeAlias = flatbuffers.number_types.UOffsetTFlags.py_type

class ErrorKind(object):
  Analysis = cast(int, ...)
  Execution = cast(int, ...)
  IllegalArgument = cast(int, ...)
  Protocol = cast(int, ...)
  Internal = cast(int, ...)
  Cancelled = cast(int, ...)
  Python = cast(int, ...)

