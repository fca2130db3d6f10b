"""PySpark-style exceptions: a stable error class, message parameters, and ``str()`` = ``[CLASS] message``.

Engine errors arrive as ``Error {kind, error_class, message, parameters}`` frames and become the class of their kind
(:func:`from_engine_error`); client-side argument checks raise ``PySparkTypeError``/``PySparkValueError`` as PySpark does.
"""

from __future__ import annotations

import re
from typing import Dict, Optional

__all__ = [
    "KindlingException",
    "PySparkException",
    "AnalysisException",
    "ParseException",
    "IllegalArgumentException",
    "SparkRuntimeException",
    "ArithmeticException",
    "NumberFormatException",
    "PySparkValueError",
    "PySparkTypeError",
    "PySparkIndexError",
    "PySparkNotImplementedError",
    "PySparkRuntimeError",
    "PySparkAttributeError",
    "PySparkKeyError",
    "PythonException",
    "SparkConnectionError",
    "EngineDiedError",
]

# Message templates of the client-side error classes (PySpark's error-conditions.json wording).
_TEMPLATES: Dict[str, str] = {
    "NOT_BOOL": "Argument `<arg_name>` should be a bool, got <arg_type>.",
    "NOT_INT": "Argument `<arg_name>` should be an int, got <arg_type>.",
    "NOT_STR": "Argument `<arg_name>` should be a str, got <arg_type>.",
    "NOT_EXPECTED_TYPE": "Argument `<arg_name>` should be <expected_type>, got <arg_type>.",
    "VALUE_NOT_ALLOWED": "Value for `<arg_name>` has to be amongst the following values: <allowed_values>.",
    "INVALID_TYPE": "Argument `<arg_name>` should not be a <arg_type>.",
    "NOT_DICT": "Argument `<arg_name>` should be a dict, got <arg_type>.",
    "NOT_COLUMN": "Argument `<arg_name>` should be a Column, got <arg_type>.",
    "NOT_COLUMN_OR_STR": "Argument `<arg_name>` should be a Column or str, got <arg_type>.",
    "NOT_COLUMN_OR_INT_OR_STR": "Argument `<arg_name>` should be a Column, int or str, got <arg_type>.",
    "NOT_COLUMN_OR_INT_OR_LIST_OR_STR_OR_TUPLE": (
        "Argument `<arg_name>` should be a Column, int, list, str or tuple, got <arg_type>."
    ),
    "NOT_DATAFRAME": "Argument `<arg_name>` should be a DataFrame, got <arg_type>.",
    "NOT_BOOL_OR_STR": "Argument `<arg_name>` should be a bool or str, got <arg_type>.",
    "NOT_BOOL_OR_LIST": "Argument `<arg_name>` should be a bool or list, got <arg_type>.",
    "NOT_LIST_OR_TUPLE": "Argument `<arg_name>` should be a list or tuple, got <arg_type>.",
    "NOT_LIST_OF_STR": "Argument `<arg_name>` should be a list[str], got <arg_type>.",
    "NOT_STR_OR_LIST_OF_RDD": "Argument `<arg_name>` should be a str or list[RDD], got <arg_type>.",
    "CANNOT_SET_TOGETHER": "<arg_list> should not be set together.",
    "CANNOT_INFER_EMPTY_SCHEMA": "Can not infer schema from empty dataset.",
    "CANNOT_BE_EMPTY": "At least one <item> must be specified.",
    "INDEX_OUT_OF_RANGE": "<arg_name> index out of range, got '<index>'.",
    "NOT_IMPLEMENTED": "<feature> is not implemented.",
    "SESSION_STOPPED": "This SparkSession has been stopped; create a new one with SparkSession.builder.getOrCreate().",
}


def _format(template: str, params: Dict[str, str]) -> str:
    out = template
    for k, v in params.items():
        out = out.replace(f"<{k}>", str(v))
    return out


class KindlingException(Exception):
    """Base of every error Kindling raises: ``getErrorClass()``, ``getMessageParameters()``, ``getMessage()``.

    Accepts PySpark 3.5 keywords (``error_class``, ``message_parameters``) and PySpark 4 ones
    (``errorClass``, ``messageParameters``); without a message, the class's template is filled in.
    """

    def __init__(
        self,
        message: Optional[str] = None,
        error_class: Optional[str] = None,
        message_parameters: Optional[Dict[str, str]] = None,
        *,
        errorClass: Optional[str] = None,
        messageParameters: Optional[Dict[str, str]] = None,
    ) -> None:
        self._error_class = error_class if error_class is not None else errorClass
        params = message_parameters if message_parameters is not None else messageParameters
        self._message_parameters: Dict[str, str] = dict(params or {})
        if message is None:
            template = _TEMPLATES.get(self._error_class or "")
            message = _format(template, self._message_parameters) if template else (self._error_class or "")
        self._message = message
        super().__init__(str(self))

    def getErrorClass(self) -> Optional[str]:
        return self._error_class

    def getCondition(self) -> Optional[str]:
        """PySpark 4's name for :meth:`getErrorClass`."""
        return self._error_class

    def getMessageParameters(self) -> Dict[str, str]:
        return dict(self._message_parameters)

    def getSqlState(self) -> Optional[str]:
        return None

    def getMessage(self) -> str:
        """The full message, ``[CLASS] message``, as the JVM's ``getMessage()``."""
        return str(self)

    @property
    def message(self) -> str:
        """The message without the ``[CLASS]`` prefix."""
        return self._message

    def __str__(self) -> str:
        if self._error_class:
            return f"[{self._error_class}] {self._message}"
        return self._message

    def __reduce__(self):  # picklable despite the keyword-only constructor arguments
        return (_rebuild, (type(self), self._message, self._error_class, self._message_parameters))


def _rebuild(cls, message, error_class, params):
    return cls(message, error_class, params)


# PySpark's name for the base class.
PySparkException = KindlingException


class AnalysisException(KindlingException):
    """A query cannot be analysed (unknown or ambiguous column, type mismatch); raised at the transformation call."""


class ParseException(AnalysisException):
    """A DDL or SQL text cannot be parsed."""


class IllegalArgumentException(KindlingException):
    """The engine rejected an argument (unknown join type, bad config value…)."""


class NumberFormatException(IllegalArgumentException):
    """A string could not be cast to a number (ANSI mode)."""


class SparkRuntimeException(KindlingException):
    """A job failed while running."""


class ArithmeticException(SparkRuntimeException):
    """Division by zero or overflow under ANSI mode."""


class PySparkValueError(KindlingException, ValueError):
    """A client-side argument has the right type but a wrong value."""


class PySparkTypeError(KindlingException, TypeError):
    """A client-side argument has the wrong type."""


class PySparkIndexError(KindlingException, IndexError):
    """An index is out of range."""


class PySparkNotImplementedError(KindlingException, NotImplementedError):
    """A PySpark feature Kindling does not have yet."""


class PySparkRuntimeError(KindlingException, RuntimeError):
    """A client-side failure that is not the caller's fault."""


class PySparkAttributeError(KindlingException, AttributeError):
    """An attribute is not supported."""


class PySparkKeyError(KindlingException, KeyError):
    """A key (field name) does not exist."""

    # KeyError.__str__ would repr() the message; keep ``[CLASS] message``.
    __str__ = KindlingException.__str__


class PythonException(KindlingException):
    """A Python UDF raised in a worker, or returned a value its declared type cannot hold. The message holds the
    worker's traceback, trimmed to the user's own frames unless
    ``spark.sql.execution.pyspark.udf.simplifiedTraceback.enabled`` is false."""


class SparkConnectionError(KindlingException, ConnectionError):
    """The engine cannot be started, reached or authenticated, or the connection broke."""


class EngineDiedError(SparkConnectionError):
    """The engine process exited while the session was using it."""


# Engine ErrorKind values (messages.fbs): Analysis, Execution, IllegalArgument, Protocol, Internal, Cancelled.
_KIND_ANALYSIS, _KIND_EXECUTION, _KIND_ILLEGAL, _KIND_PROTOCOL, _KIND_INTERNAL, _KIND_CANCELLED, _KIND_PYTHON = range(7)

_EXECUTION_SUBCLASSES = {
    "DIVIDE_BY_ZERO": ArithmeticException,
    "ARITHMETIC_OVERFLOW": ArithmeticException,
    "CAST_OVERFLOW": ArithmeticException,
    "CAST_INVALID_INPUT": NumberFormatException,
}


# A failed job names the task's error last: "... most recent failure: [CLASS] message".
_TASK_CAUSE = re.compile(r"most recent failure: \[([A-Z0-9_.]+)\] (.*)\Z", re.S)


def from_engine_error(kind: int, error_class: Optional[str], message: str, parameters: Dict[str, str]) -> KindlingException:
    """The exception for an engine ``Error`` frame (its message comes without the ``[CLASS]`` prefix).

    A failed job (an Execution error whose message ends with the task's ``[CLASS] message``) gets the task's
    error as ``__cause__``, as Spark's SparkException wraps it.
    """
    exc = _from_engine_error(kind, error_class, message, parameters)
    if kind == _KIND_EXECUTION:
        m = _TASK_CAUSE.search(message)
        if m and m.group(1) != error_class:
            exc.__cause__ = _from_engine_error(kind, m.group(1), m.group(2), {})
    return exc


def _from_engine_error(kind: int, error_class: Optional[str], message: str, parameters: Dict[str, str]) -> KindlingException:
    error_class = error_class or None
    if kind == _KIND_ANALYSIS:
        # Spark raises these classes from its parser only (QueryParsingErrors).
        cls = ParseException if (error_class or "").startswith(("PARSE_", "INVALID_SQL_SYNTAX")) else AnalysisException
    elif kind == _KIND_ILLEGAL:
        cls = IllegalArgumentException
    elif kind == _KIND_PROTOCOL:
        cls = SparkConnectionError
    elif kind == _KIND_PYTHON:
        cls = PythonException
    elif kind == _KIND_EXECUTION:
        base = (error_class or "").split(".")[0]
        cls = _EXECUTION_SUBCLASSES.get(base, SparkRuntimeException)
    else:  # Internal, Cancelled (when not caused by our own Ctrl-C), or a kind newer than this client
        cls = SparkRuntimeException
    return cls(message, error_class, parameters)
