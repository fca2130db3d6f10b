"""A parser for Spark's DDL type strings: ``"a int, b string"``, ``"a: int"``, ``"struct<a:int>"``, ``"array<int>"``,
``"map<string,int>"``.

It follows ``pyspark.sql.types._parse_datatype_string``: a column list first, then a single data type, then the text
wrapped in ``struct<…>``; when all fail, the first error is raised (``ParseException``, as Spark's parser raises).
Type names Kindling has no exact type for are widened: tinyint/smallint → int, float/real → double.
"""

from __future__ import annotations

import re
from typing import Callable, List, Optional, Tuple

from kindling.sql._utils.errors import ParseException

_TOKEN = re.compile(r"\s*(?:(`(?:[^`]|``)*`)|('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")|(\w+)|([<>,:()]))", re.UNICODE)

Token = Tuple[str, str, int]  # kind ('bq', 'str', 'word', 'sym', 'eof', 'bad'), text, position


def _tokenize(s: str) -> List[Token]:
    out: List[Token] = []
    pos = 0
    while True:
        while pos < len(s) and s[pos].isspace():
            pos += 1
        if pos >= len(s):
            break
        m = _TOKEN.match(s, pos)
        if m is None:
            out.append(("bad", s[pos], pos))
            break
        start = m.start(m.lastindex)
        kind = ("bq", "str", "word", "sym")[m.lastindex - 1]
        out.append((kind, m.group(m.lastindex), start))
        pos = m.end()
    out.append(("eof", "", len(s)))
    return out


def _error(sql: str, error_class: str, text: str, pos: int) -> ParseException:
    msg = f"{text}(line 1, pos {pos})\n\n== SQL ==\n{sql}\n{'-' * pos}^^^\n"
    return ParseException(msg, error_class, {})


class _Parser:
    def __init__(self, sql: str, types: "TypeFactory") -> None:
        self.sql = sql
        self.toks = _tokenize(sql)
        self.i = 0
        self.t = types

    def peek(self) -> Token:
        return self.toks[self.i]

    def next(self) -> Token:
        tok = self.toks[self.i]
        if tok[0] != "eof":
            self.i += 1
        return tok

    def syntax_error(self, tok: Token) -> ParseException:
        near = "end of input" if tok[0] == "eof" else f"'{tok[1]}'"
        return _error(self.sql, "PARSE_SYNTAX_ERROR", f"Syntax error at or near {near}.", tok[2])

    def expect_sym(self, sym: str) -> None:
        tok = self.next()
        if tok[0] != "sym" or tok[1] != sym:
            raise self.syntax_error(tok)

    def at_sym(self, sym: str) -> bool:
        tok = self.peek()
        return tok[0] == "sym" and tok[1] == sym

    def at_word(self, word: str) -> bool:
        tok = self.peek()
        return tok[0] == "word" and tok[1].lower() == word

    def identifier(self) -> str:
        tok = self.next()
        if tok[0] == "bq":
            return tok[1][1:-1].replace("``", "`")
        if tok[0] == "word":
            return tok[1]
        raise self.syntax_error(tok)

    def end(self) -> None:
        tok = self.peek()
        if tok[0] != "eof":
            raise self.syntax_error(tok)

    def data_type(self):
        tok = self.next()
        if tok[0] != "word":
            raise self.syntax_error(tok)
        name = tok[1].lower()
        if name == "array":
            self.expect_sym("<")
            element = self.data_type()
            self.expect_sym(">")
            return self.t.array(element)
        if name == "map" and self.t.map is not None:
            self.expect_sym("<")
            key = self.data_type()
            self.expect_sym(",")
            value = self.data_type()
            self.expect_sym(">")
            return self.t.map(key, value)
        if name == "struct":
            self.expect_sym("<")
            fields = []
            if not self.at_sym(">"):
                while True:
                    fname = self.identifier()
                    if self.at_sym(":"):
                        self.next()
                    fields.append(self.field_rest(fname))
                    if not self.at_sym(","):
                        break
                    self.next()
            self.expect_sym(">")
            return self.t.struct(fields)
        params: List[str] = []
        if self.at_sym("("):
            self.next()
            while True:
                p = self.next()
                if p[0] != "word" or not p[1].isdigit():
                    raise self.syntax_error(p)
                params.append(p[1])
                if not self.at_sym(","):
                    break
                self.next()
            self.expect_sym(")")
        dt = self.t.primitive(name, params)
        if dt is None:
            text = tok[1].upper() + (f"({','.join(params)})" if params else "")
            raise _error(self.sql, "UNSUPPORTED_DATATYPE", f'Unsupported data type "{text}".', tok[2])
        return dt

    def field_rest(self, name: str):
        """The type and options of a column or struct field whose name was read."""
        dt = self.data_type()
        nullable = True
        if self.at_word("not"):
            self.next()
            tok = self.next()
            if tok[0] != "word" or tok[1].lower() != "null":
                raise self.syntax_error(tok)
            nullable = False
        if self.at_word("comment"):
            self.next()
            tok = self.next()
            if tok[0] != "str":
                raise self.syntax_error(tok)
        return self.t.field(name, dt, nullable)

    def column_list(self):
        fields = [self.field_rest(self.identifier())]
        while self.at_sym(","):
            self.next()
            fields.append(self.field_rest(self.identifier()))
        self.end()
        return self.t.struct(fields)

    def single_type(self):
        dt = self.data_type()
        self.end()
        return dt


class TypeFactory:
    """How parsed types are built (types.py supplies its classes)."""

    def __init__(
        self,
        primitive: Callable[[str, List[str]], Optional[object]],
        array: Callable[[object], object],
        struct: Callable[[list], object],
        field: Callable[[str, object, bool], object],
        map: Optional[Callable[[object, object], object]] = None,
    ) -> None:
        self.primitive = primitive
        self.array = array
        self.struct = struct
        self.field = field
        self.map = map


def parse_schema_or_type(s: str, types: TypeFactory):
    """PySpark's ``_parse_datatype_string``: column list, else data type, else ``struct<s>``; else the first error."""
    try:
        return _Parser(s, types).column_list()
    except ParseException as first:
        try:
            return _Parser(s, types).single_type()
        except ParseException:
            try:
                return _Parser("struct<%s>" % s.strip(), types).single_type()
            except ParseException:
                raise first from None


def parse_data_type(s: str, types: TypeFactory):
    """One data type (``Column.cast("int")``)."""
    return _Parser(s, types).single_type()
