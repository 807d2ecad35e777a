"""Interpretation of attribute text from the generic form: numbers (decimal
or hexadecimal bit patterns), booleans, enums such as #la.axis<row>, symbol
references, strings and dense elements."""

import re
import struct

import numpy as np

from .errors import LaurynRefError
from .mlir_types import ScalarType, TensorType, parse_type
from .numerics import finish


def split_typed(text):
    """'3 : index' -> ('3', ScalarType('index')); no type -> (text, None)."""
    k = _type_colon(text)
    if k < 0:
        return text.strip(), None
    return text[:k].strip(), parse_type(text[k + 1:].strip())


def _type_colon(text):
    depth = 0
    for i, c in enumerate(text):
        if c in "<([{":
            depth += 1
        elif c in ">)]}":
            depth -= 1
        elif c == ":" and depth == 0 and text[i - 1] != ":" and text[i + 1:i + 2] != ":":
            return i
    return -1


def _float_from_hex(h, elem):
    v = int(h, 16)
    if elem == "f64":
        return struct.unpack("<d", struct.pack("<Q", v))[0]
    if elem in ("f32",):
        return float(np.array([v], dtype=np.uint32).view(np.float32)[0])
    if elem == "bf16":
        return float(np.array([v << 16], dtype=np.uint32).view(np.float32)[0])
    if elem == "f16":
        return float(np.array([v], dtype=np.uint16).view(np.float16)[0])
    raise LaurynRefError(f"hexadecimal float of type {elem}")


def scalar_literal(text, elem):
    """One literal ('1.5e+00', '0x7FF8000000000000', '-3', 'true') as a
    Python number of element type `elem` (a type name)."""
    t = text.strip()
    if t in ("true", "false"):
        return 1 if t == "true" else 0
    if elem in ("f64", "f32", "bf16", "f16"):
        if t.lower().startswith("0x"):
            return _float_from_hex(t, elem)
        return float(t)
    return int(t, 0)


def scalar_value(text, typ):
    """A typed scalar attribute value in the interpreter's representation."""
    v = scalar_literal(text, typ.name)
    if typ.name == "index":
        return int(v)
    if typ.name == "i1":
        return np.bool_(v)
    if typ.is_float:
        return finish(np.float64(v), typ.name)
    # Integer literals are printed signed; wrap anyway.
    return finish(np.array(v & ((1 << 64) - 1), dtype=np.uint64).astype(np.int64), typ.name)


def typed_attr(text):
    """'2.0 : f64' -> value of that type; '7' (no type) -> int."""
    value, typ = split_typed(text)
    if typ is None:
        return scalar_literal(value, "i64")
    return scalar_value(value, typ)


def int_attr(text):
    value, _ = split_typed(text)
    return int(scalar_literal(value, "i64"))


def float_attr(text):
    value, typ = split_typed(text)
    return float(scalar_literal(value, typ.name if typ else "f64"))


def enum_attr(text):
    """'#la.axis<row>' -> 'row'; '#arith.fastmath<none>' -> 'none'."""
    m = re.match(r"^#[\w.]+<\s*([\w\s,]*)\s*>$", text.strip())
    if not m:
        raise LaurynRefError(f"unexpected enum attribute {text}")
    return m.group(1).strip()


def symbol_attr(text):
    return text.strip().lstrip("@").strip('"')


def string_attr(text):
    t = text.strip()
    if t.startswith('"') and t.endswith('"'):
        return bytes(t[1:-1], "utf-8").decode("unicode_escape")
    return t


def dense_attr(text):
    """'dense<...> : tensor<...>' -> NumPy array (compute dtype of the
    element type) of the tensor's shape."""
    body, typ = split_typed(text)
    if not isinstance(typ, TensorType) or not body.startswith("dense<"):
        raise LaurynRefError(f"unsupported elements attribute {text[:80]}")
    inner = body[len("dense<"):-1].strip()
    elem = typ.elem.name
    shape = typ.shape
    if inner.startswith('"0x'):  # raw little-endian bytes
        raw = bytes.fromhex(inner[3:-1])
        if elem == "bf16":
            bits = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
            flat = bits.view(np.float32)
        elif elem == "i1":
            flat = np.frombuffer(raw, dtype=np.uint8) != 0
        else:
            flat = np.frombuffer(raw, dtype=typ.dtype.newbyteorder("<")).astype(typ.dtype)
        if flat.size == 1:
            return np.full(shape, flat[0], dtype=typ.dtype)
        return flat.reshape(shape).copy()
    tokens = re.findall(r"0x[0-9A-Fa-f]+|[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|inf|nan)|true|false",
                        inner)
    values = [scalar_literal(tok, elem) for tok in tokens]
    if elem in ("f64", "f32", "bf16", "f16"):
        arr = np.array(values, dtype=np.float64)
    else:
        arr = np.array(values, dtype=object).astype(np.int64) if elem != "i1" \
            else np.array(values, dtype=np.bool_)
    if not inner.startswith("[") and arr.size == 1:  # splat
        arr = np.full(shape, arr[0])
    else:
        arr = arr.reshape(shape)
    return finish(arr, elem) if elem != "i1" else arr


def is_scalar_type(t):
    return isinstance(t, ScalarType)
