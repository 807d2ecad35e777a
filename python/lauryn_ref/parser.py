"""Parser of MLIR's *generic* operation form, as printed by
`lauryn-opt --mlir-print-op-generic --mlir-print-local-scope --mlir-print-debuginfo`.

The generic form is regular, so one small recursive-descent parser covers every
dialect:

    %r:2 = "dialect.op"(%a, %b#1) <{props}> ({ ^bb0(%x: t loc(..)): ... }) {attrs}
           : (operand types) -> (result types) loc("file":line:col)

Attribute values are kept as raw text (see attributes.py to interpret them);
types are parsed by mlir_types.parse_type.
"""

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from .errors import LaurynRefError
from .mlir_types import parse_type


@dataclass
class Block:
    arg_names: List[str]
    arg_types: list
    arg_locs: List[Optional[str]]
    ops: List["Op"] = field(default_factory=list)


@dataclass
class Region:
    blocks: List[Block]


@dataclass
class Op:
    name: str
    results: List[str]        # value names defined by the op, "%5" or "%5#0", ...
    operands: List[str]       # value names used, same spelling
    props: Dict[str, str]     # <{...}> entries, raw value text (None for unit)
    attrs: Dict[str, str]     # {...} entries, raw value text (None for unit)
    regions: List[Region]
    operand_types: list
    result_types: list
    loc: Optional[str]        # "file:line:col" or None

    def attr(self, key, default=None):
        """A property or attribute (raw text), properties first."""
        if key in self.props:
            return self.props[key]
        return self.attrs.get(key, default)


_LOC_RE = re.compile(r'^loc\("((?:[^"\\]|\\.)*)":(\d+):(\d+)')


def format_loc(text):
    """'loc("f.mlir":3:7)' -> 'f.mlir:3:7' (None for other locations)."""
    if not text:
        return None
    m = _LOC_RE.match(text)
    return f"{m.group(1)}:{m.group(2)}:{m.group(3)}" if m else None


class _Scanner:
    def __init__(self, text):
        self.s = text
        self.i = 0

    def error(self, what):
        line = self.s.count("\n", 0, self.i) + 1
        near = self.s[self.i:self.i + 60].replace("\n", " ")
        raise LaurynRefError(f"cannot parse generic MLIR at line {line} ({what}): near '{near}'")

    def ws(self):
        s, n = self.s, len(self.s)
        while self.i < n:
            c = s[self.i]
            if c.isspace():
                self.i += 1
            elif s.startswith("//", self.i):
                nl = s.find("\n", self.i)
                self.i = n if nl < 0 else nl
            else:
                break

    def peek(self, token):
        self.ws()
        return self.s.startswith(token, self.i)

    def accept(self, token):
        if self.peek(token):
            self.i += len(token)
            return True
        return False

    def expect(self, token):
        if not self.accept(token):
            self.error(f"expected '{token}'")

    def ident(self, pattern=r"[%^@#]?[\w$.\-]+"):
        self.ws()
        m = re.compile(pattern).match(self.s, self.i)
        if not m:
            self.error("expected a name")
        self.i = m.end()
        return m.group(0)

    def string(self):
        self.ws()
        m = re.compile(r'"((?:[^"\\]|\\.)*)"').match(self.s, self.i)
        if not m:
            self.error("expected a string")
        self.i = m.end()
        return m.group(1)

    def chunk(self, stops):
        """Text up to (not including) a character of `stops` at nesting depth
        0, skipping strings, nested brackets and the arrow '->'."""
        self.ws()
        s, start, depth = self.s, self.i, 0
        while self.i < len(s):
            c = s[self.i]
            if c == '"':
                m = re.compile(r'"(?:[^"\\]|\\.)*"').match(s, self.i)
                self.i = m.end()
                continue
            if c == "-" and s.startswith("->", self.i):
                self.i += 2
                continue
            if depth == 0 and c in stops:
                break
            if c in "<([{":
                depth += 1
            elif c in ">)]}":
                depth -= 1
                if depth < 0:
                    break
            self.i += 1
        return s[start:self.i].strip()


def _split_top(text):
    """Splits at top-level commas (respecting brackets, strings and '->')."""
    sc = _Scanner(text)
    parts = []
    while True:
        part = sc.chunk(",")
        if part:
            parts.append(part)
        if not sc.accept(","):
            break
    return parts


def split_function_type(text):
    """'(a, b) -> (c)' -> (['a', 'b'], ['c']), arrows inside types skipped."""
    sc = _Scanner(text)
    sc.expect("(")
    ins = _split_top(sc.chunk(")"))
    sc.expect(")")
    sc.expect("->")
    rest = text[sc.i:].strip()
    outs = _split_top(rest[1:-1]) if rest.startswith("(") else [rest]
    return ins, outs


def _strip_loc(text):
    """'type loc(...)' -> ('type', 'loc(...)')."""
    k = text.find(" loc(")
    if k < 0:
        return text, None
    return text[:k].strip(), text[k + 1:].strip()


class _Parser(_Scanner):
    def attr_dict(self, close):
        entries = {}
        while not self.accept(close):
            key = self.string() if self.peek('"') else self.ident(r"[\w$.\-]+")
            value = None
            if self.accept("="):
                value = self.chunk(",}")
            entries[key] = value
            self.accept(",")
        return entries

    def balanced(self):
        """One bracketed group starting at the current character, as text."""
        self.ws()
        start = self.i
        self.i += 1
        self.chunk("")
        if self.i >= len(self.s):
            self.error("unbalanced brackets")
        self.i += 1
        return self.s[start:self.i]

    def type_list(self):
        """'(t1, t2)' or a single type."""
        if self.peek("("):
            self.expect("(")
            text = self.chunk(")")
            self.expect(")")
            return [parse_type(t) for t in _split_top(text)]
        text = self.ident(r"!?[\w$.]+")
        if self.s.startswith("<", self.i):
            text += self.balanced()
        return [parse_type(text)]

    def region(self):
        self.expect("{")
        blocks = []
        block = None
        while not self.accept("}"):
            if self.peek("^"):
                self.ident(r"\^[\w$.\-]+")
                names, types, locs = [], [], []
                if self.accept("("):
                    for arg in _split_top(self.chunk(")")):
                        name, _, rest = arg.partition(":")
                        typ, loc = _strip_loc(rest.strip())
                        names.append(name.strip())
                        types.append(parse_type(typ))
                        locs.append(format_loc(loc))
                    self.expect(")")
                self.expect(":")
                block = Block(names, types, locs)
                blocks.append(block)
                continue
            if block is None:
                block = Block([], [], [])
                blocks.append(block)
            block.ops.append(self.op())
        return Region(blocks)

    def op(self):
        results = []
        if self.peek("%"):
            while True:
                name = self.ident(r"%[\w$.\-]+")
                if self.accept(":"):
                    n = int(self.ident(r"\d+"))
                    results += [f"{name}#{k}" for k in range(n)]
                else:
                    results.append(name)
                if not self.accept(","):
                    break
            self.expect("=")
        name = self.string()
        self.expect("(")
        operands = [o for o in _split_top(self.chunk(")"))]
        self.expect(")")
        if self.peek("["):
            self.error(f"'{name}' has successors (unstructured control flow is not supported)")
        props = {}
        if self.accept("<{"):
            props = self.attr_dict("}")
            self.expect(">")
        regions = []
        if self.peek("(") and self.s.startswith("{", self._after("(")):
            self.expect("(")
            while True:
                regions.append(self.region())
                if not self.accept(","):
                    break
            self.expect(")")
        attrs = {}
        if self.accept("{"):
            attrs = self.attr_dict("}")
        self.expect(":")
        operand_types = self.type_list()
        self.expect("->")
        result_types = self.type_list()
        loc = None
        if self.accept("loc"):
            loc = format_loc("loc" + self.balanced())
        return Op(name, results, operands, props, attrs, regions, operand_types,
                  result_types, loc)

    def _after(self, token):
        """Index of the first non-space character after `token` (at self.i)."""
        j = self.i + len(token)
        while j < len(self.s) and self.s[j].isspace():
            j += 1
        return j


def parse_generic(text):
    """Parses the generic form of a module; returns the top-level op."""
    p = _Parser(text)
    op = p.op()
    p.ws()
    if p.i != len(p.s):
        p.error("trailing text after the module")
    return op
