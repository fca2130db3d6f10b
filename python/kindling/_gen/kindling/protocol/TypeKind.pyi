from __future__ import annotations

import flatbuffers
import numpy as np

import typing
from typing import cast

uoffset: typing.TypeAlias = flatbuffers.number_types.UOffsetTFlags.py_type

class TypeKind(object):
  Null = cast(int, ...)
  Boolean = cast(int, ...)
  Int32 = cast(int, ...)
  Int64 = cast(int, ...)
  Float64 = cast(int, ...)
  String = cast(int, ...)
  Date = cast(int, ...)
  Timestamp = cast(int, ...)
  Array = cast(int, ...)
  Binary = cast(int, ...)
  Struct = cast(int, ...)
  Decimal = cast(int, ...)
  Map = cast(int, ...)

