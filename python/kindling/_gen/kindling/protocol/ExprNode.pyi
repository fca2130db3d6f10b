from __future__ import annotations

import flatbuffers
import numpy as np

import typing
from typing import cast

uoffset: typing.TypeAlias = flatbuffers.number_types.UOffsetTFlags.py_type

class ExprNode(object):
  NONE = cast(int, ...)
  ColumnRef = cast(int, ...)
  Star = cast(int, ...)
  Literal = cast(int, ...)
  Call = cast(int, ...)
  Alias = cast(int, ...)
  Cast = cast(int, ...)
  CaseWhen = cast(int, ...)
  SortOrder = cast(int, ...)
  PythonUdf = cast(int, ...)
  WindowExpr = cast(int, ...)
  SqlExpression = cast(int, ...)
  LambdaFunction = cast(int, ...)
  LambdaVariable = cast(int, ...)

