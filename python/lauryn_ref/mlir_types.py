"""MLIR types as the interpreter sees them: scalars (f64, f32, bf16, i64, i32,
i8, i1, index) and tensors (static/dynamic dims, optional encoding).

Element values are held in NumPy "compute" dtypes; bf16 is held as float32
whose values are all representable in bf16 (see numerics.round_bf16)."""

import functools
import re
from dataclasses import dataclass
from typing import Optional, Tuple

import numpy as np

from .errors import LaurynRefError

# Element type name -> NumPy dtype the values are stored in.
COMPUTE_DTYPE = {
    "f64": np.dtype(np.float64),
    "f32": np.dtype(np.float32),
    "bf16": np.dtype(np.float32),
    "f16": np.dtype(np.float16),
    "i64": np.dtype(np.int64),
    "i32": np.dtype(np.int32),
    "i16": np.dtype(np.int16),
    "i8": np.dtype(np.int8),
    "i1": np.dtype(np.bool_),
    "index": np.dtype(np.int64),
}
FLOAT_TYPES = ("f64", "f32", "bf16", "f16")
INT_TYPES = ("i64", "i32", "i16", "i8", "i1", "index")


@dataclass(frozen=True)
class ScalarType:
    name: str  # "f64", "i64", "index", ...

    @property
    def is_float(self):
        return self.name in FLOAT_TYPES

    @property
    def dtype(self):
        return COMPUTE_DTYPE[self.name]

    @property
    def elem(self):
        """Itself: scalars and tensors both answer .elem and .dtype."""
        return self

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class TensorType:
    shape: Optional[Tuple[Optional[int], ...]]  # None: unranked; None dim: dynamic
    elem: ScalarType
    encoding: Optional[str] = None  # raw encoding text; any encoding = sparse

    @property
    def sparse(self):
        return self.encoding is not None

    @property
    def rank(self):
        return None if self.shape is None else len(self.shape)

    @property
    def dtype(self):
        return self.elem.dtype

    def __str__(self):
        if self.shape is None:
            return f"tensor<*x{self.elem}>"
        dims = "".join(("?" if d is None else str(d)) + "x" for d in self.shape)
        enc = f", {self.encoding}" if self.encoding else ""
        return f"tensor<{dims}{self.elem}{enc}>"


@dataclass(frozen=True)
class OtherType:
    """A type the interpreter only passes around (e.g. !llvm.ptr)."""
    text: str

    def __str__(self):
        return self.text


_SCALAR_RE = re.compile(r"^(f64|f32|bf16|f16|i64|i32|i16|i8|i1|index)$")


@functools.lru_cache(maxsize=None)
def parse_type(text):
    text = text.strip()
    if _SCALAR_RE.match(text):
        return ScalarType(text)
    if text.startswith("tensor<") and text.endswith(">"):
        body = text[len("tensor<"):-1]
        encoding = None
        comma = _top_level_comma(body)
        if comma >= 0:
            body, encoding = body[:comma].strip(), body[comma + 1:].strip()
        m = re.match(r"^(\*x|(?:(?:\d+|\?)x)*)(.+)$", body)
        elem = parse_type(m.group(2))
        if not isinstance(elem, ScalarType):
            raise LaurynRefError(f"unsupported tensor element type in {text}")
        if m.group(1) == "*x":
            return TensorType(None, elem, encoding)
        dims = tuple(None if p == "?" else int(p) for p in m.group(1).split("x")[:-1])
        return TensorType(dims, elem, encoding)
    return OtherType(text)


def _top_level_comma(s):
    depth = 0
    i = 0
    while i < len(s):
        c = s[i]
        if c == "-" and s.startswith("->", i):
            i += 2
            continue
        if c in "<([{":
            depth += 1
        elif c in ">)]}":
            depth -= 1
        elif c == "," and depth == 0:
            return i
        i += 1
    return -1
