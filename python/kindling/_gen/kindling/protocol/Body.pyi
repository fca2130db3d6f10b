from __future__ import annotations

import flatbuffers
import numpy as np

import typing
from typing import cast

uoffset: typing.TypeAlias = flatbuffers.number_types.UOffsetTFlags.py_type

class Body(object):
  NONE = cast(int, ...)
  Hello = cast(int, ...)
  Handshake = cast(int, ...)
  HandshakeOk = cast(int, ...)
  ConfigRequest = cast(int, ...)
  ConfigResponse = cast(int, ...)
  Transform = cast(int, ...)
  DataFrameHandle = cast(int, ...)
  AnalyzeRequest = cast(int, ...)
  AnalyzeResponse = cast(int, ...)
  ExecuteRequest = cast(int, ...)
  ExecuteResponse = cast(int, ...)
  PersistRequest = cast(int, ...)
  Release = cast(int, ...)
  Cancel = cast(int, ...)
  Stop = cast(int, ...)
  Ack = cast(int, ...)
  Error = cast(int, ...)
  Progress = cast(int, ...)
  WorkerHello = cast(int, ...)
  WorkerAuth = cast(int, ...)
  WorkerAuthOk = cast(int, ...)
  TaskStart = cast(int, ...)
  InputBatch = cast(int, ...)
  EndOfInput = cast(int, ...)
  OutputBatch = cast(int, ...)
  TaskDone = cast(int, ...)
  TaskFailed = cast(int, ...)
  CatalogRequest = cast(int, ...)
  CatalogResponse = cast(int, ...)
  BroadcastRequest = cast(int, ...)
  WorkerRing = cast(int, ...)
  WorkerRingAck = cast(int, ...)
  WriteRequest = cast(int, ...)

