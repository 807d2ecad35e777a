"""Argument values and result files for the command line, with lauryn-run's
conventions: files (.mtx/.mm as SciPy CSR, .npy, .csv/.tsv), numbers,
fill:RxC:V and rand:RxC[:density[:seed]] (std::mt19937_64 with
std::uniform_real_distribution<double>(0, 1), as lauryn-run draws them)."""

import pathlib
import re

import numpy as np
import scipy.io
import scipy.sparse

from .errors import LaurynRefError
from .values import is_sparse


def parse_arg_value(text):
    if text.startswith(("rand:", "fill:")):
        return generated(text)
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text)
    try:
        return float(text)
    except ValueError:
        pass
    return read_matrix(text)


def read_matrix(path):
    p = pathlib.Path(path)
    if not p.exists():
        raise LaurynRefError(f"{path}: cannot open for reading: No such file or directory")
    suffix = p.suffix.lower()
    if suffix in (".mtx", ".mm"):
        m = scipy.io.mmread(str(p))
        return scipy.sparse.csr_matrix(m, dtype=np.float64) if scipy.sparse.issparse(m) \
            else np.asarray(m, dtype=np.float64)
    if suffix == ".npy":
        a = np.load(str(p))
        return a.reshape(-1, 1) if a.ndim == 1 else a
    if suffix in (".csv", ".tsv"):
        a = np.loadtxt(str(p), delimiter="," if suffix == ".csv" else "\t", ndmin=2)
        return a
    raise LaurynRefError(f"{path}: unknown file type (expected .mtx .mm .csv .tsv .npy)")


class MT19937_64:
    """The 64-bit Mersenne Twister of C++ <random> (std::mt19937_64)."""
    N, M = 312, 156
    MASK = (1 << 64) - 1

    def __init__(self, seed):
        self.mt = [seed & self.MASK]
        for i in range(1, self.N):
            prev = self.mt[-1]
            self.mt.append((6364136223846793005 * (prev ^ (prev >> 62)) + i) & self.MASK)
        self.index = self.N

    def _twist(self):
        mt, n, m = self.mt, self.N, self.M
        upper, lower = 0xFFFFFFFF80000000, 0x7FFFFFFF
        for i in range(n):
            x = (mt[i] & upper) | (mt[(i + 1) % n] & lower)
            xa = x >> 1
            if x & 1:
                xa ^= 0xB5026F5AA96619E9
            mt[i] = mt[(i + m) % n] ^ xa
        self.index = 0

    def next(self):
        if self.index >= self.N:
            self._twist()
        y = self.mt[self.index]
        self.index += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        return y & self.MASK

    def uniform(self):
        """std::generate_canonical<double, 53>: one 64-bit draw / 2^64."""
        r = float(self.next()) / 18446744073709551616.0
        return r if r < 1.0 else np.nextafter(1.0, 0.0)


def generated(spec):
    parts = spec.split(":")
    bad = LaurynRefError(f"malformed generator '{spec}'; expected rand:ROWSxCOLS[:density[:seed]] "
                         "or fill:ROWSxCOLS:VALUE")
    m = re.fullmatch(r"(\d+)x(\d+)", parts[1]) if len(parts) > 1 else None
    if not m:
        raise bad
    rows, cols = int(m.group(1)), int(m.group(2))
    if parts[0] == "fill":
        if len(parts) != 3:
            raise bad
        return np.full((rows, cols), float(parts[2]))
    if parts[0] != "rand" or len(parts) > 4:
        raise bad
    density = float(parts[2]) if len(parts) > 2 else 1.0
    seed = int(parts[3]) if len(parts) > 3 else 42
    rng = MT19937_64(seed)
    cells = np.zeros(rows * cols)
    for k in range(rows * cols):
        x = rng.uniform()
        cells[k] = x if density >= 1.0 or rng.uniform() < density else 0.0
    return cells.reshape(rows, cols)


def boundary_dtype(elem):
    """Element types cross the entry boundary widened: bf16 as f32, i8 as i32."""
    return {"bf16": "f32", "i8": "i32", "i16": "i32", "f16": "f32"}.get(elem, elem)


def write_matrix(path, value, elem):
    dt = {"f64": np.float64, "f32": np.float32, "i64": np.int64, "i32": np.int32}[
        boundary_dtype(elem)]
    p = pathlib.Path(path)
    suffix = p.suffix.lower()
    if suffix in (".mtx", ".mm"):
        m = value if is_sparse(value) else scipy.sparse.csr_matrix(value)
        scipy.io.mmwrite(str(p), scipy.sparse.coo_matrix(m.astype(dt)), precision=17)
    elif suffix == ".npy":
        np.save(str(p), np.asarray(value.toarray() if is_sparse(value) else value, dtype=dt))
    elif suffix in (".csv", ".tsv"):
        a = np.asarray(value.toarray() if is_sparse(value) else value, dtype=dt)
        np.savetxt(str(p), a, delimiter="," if suffix == ".csv" else "\t",
                   fmt="%.17g" if a.dtype.kind == "f" else "%d")
    else:
        raise LaurynRefError(f"{path}: unknown file type (expected .mtx .mm .csv .tsv .npy)")
