"""Independent oracle for liblauryn_rt (the runtime I/O library).

Loads build/lib/liblauryn_rt.so with ctypes (build directory from the
environment variable LAURYN_BUILD_DIR, default: the checkout's build/) and compares
what Lauryn reads and writes with SciPy and NumPy:

* every real matrix of ../shared/data/matrices: Lauryn's CSR against
  scipy.io.mmread(...).tocsr() (shape, row positions, column indices, values,
  bit for bit; symmetric files expanded);
* .npy files written by numpy.save (every dtype, C and Fortran order, 1-D and
  2-D, format versions 1.0/2.0/3.0) and .npy files written by Lauryn read
  back with numpy.load;
* CSV written by numpy.savetxt, and CSV written by Lauryn read by
  numpy.loadtxt;
* Matrix Market written by Lauryn read by scipy.io.mmread.

Run with:  /usr/bin/python3 -m pytest python/tests
"""

import ctypes
import io
import os
import pathlib
import subprocess

import numpy as np
import pytest
import scipy.io
import scipy.sparse

REPO = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("LAURYN_BUILD_DIR") or REPO / "build")
LIB_PATH = BUILD / "lib" / "liblauryn_rt.so"
DATA = pathlib.Path(os.environ.get("LAURYN_SHARED_DATA", REPO.parent / "shared" / "data"))

F64, F32, I64, I32 = 0, 1, 2, 3
AUTO, DENSE, CSR = 0, 1, 2
HEADER_AUTO, HEADER_ABSENT, HEADER_PRESENT = 0, 1, 2
OK, ERR_INVALID_ARGUMENT, ERR_IO, ERR_PARSE, ERR_UNSUPPORTED, ERR_RANGE = range(6)

NP_TYPE = {F64: np.float64, F32: np.float32, I64: np.int64, I32: np.int32}
DTYPE_OF = {np.dtype(v): k for k, v in NP_TYPE.items()}


class Matrix(ctypes.Structure):
    _fields_ = [
        ("rows", ctypes.c_int64),
        ("cols", ctypes.c_int64),
        ("dtype", ctypes.c_int32),
        ("format", ctypes.c_int32),
        ("nnz", ctypes.c_int64),
        ("values", ctypes.c_void_p),
        ("positions", ctypes.POINTER(ctypes.c_int64)),
        ("coordinates", ctypes.POINTER(ctypes.c_int64)),
    ]


class ReadOptions(ctypes.Structure):
    _fields_ = [
        ("format", ctypes.c_int32),
        ("dtype", ctypes.c_int32),
        ("csv_header", ctypes.c_int32),
        ("csv_empty", ctypes.c_int32),
        ("csv_delimiter", ctypes.c_char),
        ("reserved", ctypes.c_char * 7),
        ("max_bytes", ctypes.c_int64),
    ]


class WriteOptions(ctypes.Structure):
    _fields_ = [
        ("csv_header", ctypes.c_int32),
        ("csv_delimiter", ctypes.c_char),
        ("reserved", ctypes.c_char * 3),
    ]


def _load():
    if not LIB_PATH.exists():
        pytest.fail(f"{LIB_PATH} does not exist: build the lauryn_rt target "
                    f"(or set LAURYN_BUILD_DIR)", pytrace=False)
    lib = ctypes.CDLL(str(LIB_PATH))
    mp = ctypes.POINTER(Matrix)
    for name in ("read", "read_matrix_market", "read_csv", "read_npy"):
        f = getattr(lib, "lauryn_rt_" + name)
        f.argtypes = [ctypes.c_char_p, ctypes.POINTER(ReadOptions), ctypes.POINTER(mp)]
        f.restype = ctypes.c_int
    for name in ("write", "write_matrix_market", "write_csv", "write_npy"):
        f = getattr(lib, "lauryn_rt_" + name)
        f.argtypes = [ctypes.c_char_p, mp, ctypes.POINTER(WriteOptions)]
        f.restype = ctypes.c_int
    lib.lauryn_rt_last_error.restype = ctypes.c_char_p
    lib.lauryn_rt_matrix_free.argtypes = [mp]
    lib.lauryn_rt_matrix_create_dense.argtypes = [ctypes.c_int64, ctypes.c_int64,
                                                  ctypes.c_int, ctypes.POINTER(mp)]
    lib.lauryn_rt_matrix_create_csr.argtypes = [ctypes.c_int64, ctypes.c_int64,
                                                ctypes.c_int64, ctypes.c_int,
                                                ctypes.POINTER(mp)]
    return lib


LIB = None


@pytest.fixture(scope="module", autouse=True)
def lib():
    global LIB
    LIB = _load()
    return LIB


def last_error():
    return LIB.lauryn_rt_last_error().decode()


def _copy(ptr, count, dtype):
    if count == 0:
        return np.zeros(0, dtype=dtype)
    buf = (ctypes.c_char * (count * np.dtype(dtype).itemsize)).from_address(ptr)
    return np.frombuffer(buf, dtype=dtype).copy()


def to_python(m):
    """A library matrix as a NumPy array (dense) or a SciPy CSR matrix."""
    c = m.contents
    vals = _copy(c.values, c.nnz, NP_TYPE[c.dtype])
    if c.format == DENSE:
        return vals.reshape(c.rows, c.cols)
    indptr = _copy(ctypes.addressof(c.positions.contents), c.rows + 1, np.int64)
    indices = _copy(ctypes.addressof(c.coordinates.contents), c.nnz, np.int64) \
        if c.nnz else np.zeros(0, np.int64)
    return scipy.sparse.csr_matrix((vals, indices, indptr), shape=(c.rows, c.cols))


def read(fn, path, fmt=AUTO, dtype=F64, header=HEADER_AUTO, delimiter=b"\0"):
    """Calls lauryn_rt_<fn>; returns (status, result or message)."""
    opts = ReadOptions(format=fmt, dtype=dtype, csv_header=header,
                       csv_delimiter=delimiter)
    out = ctypes.POINTER(Matrix)()
    status = getattr(LIB, "lauryn_rt_" + fn)(str(path).encode(), ctypes.byref(opts),
                                             ctypes.byref(out))
    if status != OK:
        assert not out, "a failed read must return NULL"
        return status, last_error()
    try:
        return status, to_python(out)
    finally:
        LIB.lauryn_rt_matrix_free(out)


def read_ok(fn, path, **kw):
    status, result = read(fn, path, **kw)
    assert status == OK, result
    return result


def make_matrix(a, fmt):
    """A library matrix holding `a` (2-D NumPy array) as DENSE or CSR."""
    dtype = DTYPE_OF[a.dtype]
    out = ctypes.POINTER(Matrix)()
    if fmt == DENSE:
        assert LIB.lauryn_rt_matrix_create_dense(a.shape[0], a.shape[1], dtype,
                                                 ctypes.byref(out)) == OK
        flat = np.ascontiguousarray(a).ravel()
        ctypes.memmove(out.contents.values, flat.ctypes.data, flat.nbytes)
        return out
    s = scipy.sparse.csr_matrix(a)
    s.sort_indices()
    assert LIB.lauryn_rt_matrix_create_csr(a.shape[0], a.shape[1], s.nnz, dtype,
                                           ctypes.byref(out)) == OK
    c = out.contents
    ctypes.memmove(c.positions, s.indptr.astype(np.int64).ctypes.data, 8 * (a.shape[0] + 1))
    if s.nnz:
        ctypes.memmove(c.coordinates, s.indices.astype(np.int64).ctypes.data, 8 * s.nnz)
        ctypes.memmove(c.values, s.data.ctypes.data, s.data.nbytes)
    return out


def write(fn, path, a, fmt=DENSE, header=0, delimiter=b"\0"):
    m = make_matrix(a, fmt)
    try:
        opts = WriteOptions(csv_header=header, csv_delimiter=delimiter)
        status = getattr(LIB, "lauryn_rt_" + fn)(str(path).encode(), m, ctypes.byref(opts))
        assert status == OK, last_error()
    finally:
        LIB.lauryn_rt_matrix_free(m)


def same(a, b):
    """Equal shapes and values (NaN == NaN), compared exactly."""
    a, b = np.asarray(a), np.asarray(b)
    assert a.shape == b.shape
    if a.dtype.kind == "f" or b.dtype.kind == "f":
        return np.array_equal(a.astype(np.float64), b.astype(np.float64), equal_nan=True)
    return np.array_equal(a, b)


# --------------------------------------------------------------------------
# The library itself.

def test_library_links_no_mlir_or_llvm():
    needed = subprocess.run(["ldd", str(LIB_PATH)], capture_output=True, text=True).stdout
    assert "MLIR" not in needed and "LLVM" not in needed, needed


def test_missing_file_names_the_file(tmp_path):
    status, msg = read("read_matrix_market", tmp_path / "nope.mtx")
    assert status == ERR_IO
    assert msg == f"{tmp_path / 'nope.mtx'}: cannot open for reading: No such file or directory"


# --------------------------------------------------------------------------
# The 27 real matrices against scipy.io.mmread.

MATRICES = sorted(p.name for p in (DATA / "matrices").glob("*.mtx")) if (DATA / "matrices").is_dir() else []


def test_shared_data_present():
    assert (DATA / "matrices").is_dir(), f"shared data missing: {DATA}"
    assert len(MATRICES) == 27, MATRICES


@pytest.mark.parametrize("name", MATRICES)
def test_matrix_market_csr_matches_scipy(name):
    path = DATA / "matrices" / name
    ref = scipy.sparse.csr_matrix(scipy.io.mmread(str(path)))
    ref.sum_duplicates()  # also sorts the column indices
    ours = read_ok("read_matrix_market", path)
    assert isinstance(ours, scipy.sparse.csr_matrix)
    assert ours.shape == ref.shape
    assert np.array_equal(ours.indptr, ref.indptr)
    assert np.array_equal(ours.indices, ref.indices)
    assert ours.dtype == np.float64
    assert np.array_equal(ours.data, ref.data.astype(np.float64), equal_nan=True)
    if ref.dtype.kind == "i":  # integer files: exact as i64 too
        ours64 = read_ok("read_matrix_market", path, dtype=I64)
        assert np.array_equal(ours64.data, ref.data)
    if ref.shape[0] * ref.shape[1] <= 2_000_000:
        dense = read_ok("read_matrix_market", path, fmt=DENSE)
        assert same(dense, ref.toarray())


# --------------------------------------------------------------------------
# .npy against numpy.

def _sample(dtype, shape, rng):
    if np.dtype(dtype).kind == "f":
        a = rng.standard_normal(shape) * 10.0 ** rng.integers(-30, 30, shape)
        a = a.astype(dtype)
        if a.size:
            a.flat[0] = np.nan
        if a.size > 2:
            a.flat[1], a.flat[2] = np.inf, 0
    elif np.dtype(dtype) == np.bool_:
        a = rng.integers(0, 2, shape).astype(bool)
    else:
        info = np.iinfo(dtype)
        a = rng.integers(info.min, info.max, shape, dtype=dtype, endpoint=True)
        if a.size > 1:
            a.flat[0], a.flat[1] = info.min, info.max
    return a


NPY_DTYPES = ["<f8", "<f4", "<i8", "<i4", "|u1", "|i1", "|b1"]


@pytest.mark.parametrize("descr", NPY_DTYPES)
@pytest.mark.parametrize("fortran", [False, True])
@pytest.mark.parametrize("shape", [(5, 7), (6,), (1, 9), (0, 3)])
def test_npy_written_by_numpy(tmp_path, descr, fortran, shape):
    rng = np.random.default_rng(7)
    a = _sample(np.dtype(descr), shape, rng)
    if fortran:
        a = np.asfortranarray(a)
    path = tmp_path / "a.npy"
    np.save(path, a)
    if fortran and len(shape) == 2 and shape[0] > 1:
        assert b"'fortran_order': True" in path.read_bytes()[:128]
    want = a.reshape(shape[0], 1) if len(shape) == 1 else a
    got = read_ok("read_npy", path)  # default target: f64
    assert got.dtype == np.float64 and same(got, want)
    native = DTYPE_OF.get(np.dtype(descr).newbyteorder("="))
    if native is not None:  # the same element type: bit-exact
        got = read_ok("read_npy", path, dtype=native)
        assert got.dtype == np.dtype(descr) and same(got, want)
    csr = read_ok("read_npy", path, fmt=CSR)
    assert same(csr.toarray(), want)


@pytest.mark.parametrize("version", [(1, 0), (2, 0), (3, 0)])
def test_npy_versions(tmp_path, version):
    a = np.arange(12, dtype=np.float64).reshape(3, 4) / 7
    path = tmp_path / "v.npy"
    with open(path, "wb") as f:
        np.lib.format.write_array(f, a, version=version)
    assert path.read_bytes()[6] == version[0]
    assert same(read_ok("read_npy", path), a)


def test_npy_rejections(tmp_path):
    cases = [
        (np.arange(3, dtype=">f8"), ERR_UNSUPPORTED, "big-endian dtype '>f8' is not supported"),
        (np.arange(3, dtype="<u4"), ERR_UNSUPPORTED, "unsupported dtype '<u4'"),
        (np.arange(3, dtype=np.complex128), ERR_UNSUPPORTED, "unsupported dtype '<c16'"),
        (np.zeros((2, 2, 2)), ERR_UNSUPPORTED, "3-D arrays are not supported"),
        (np.float64(3.0), ERR_UNSUPPORTED, "0-d (scalar) arrays are not supported"),
        (np.zeros(2, dtype=[("a", "<f8")]), ERR_UNSUPPORTED, "structured (record) dtypes"),
    ]
    for a, status, message in cases:
        path = tmp_path / "r.npy"
        np.save(path, a)
        got_status, msg = read("read_npy", path)
        assert got_status == status, msg
        assert msg.startswith(f"{path}: ") and message in msg, msg
    path = tmp_path / "t.npy"
    np.save(path, np.ones((4, 4)))
    path.write_bytes(path.read_bytes()[:-5])
    status, msg = read("read_npy", path)
    assert status == ERR_PARSE and "file truncated" in msg, msg


@pytest.mark.parametrize("dtype", [F64, F32, I64, I32])
@pytest.mark.parametrize("fmt", [DENSE, CSR])
def test_npy_written_by_lauryn(tmp_path, dtype, fmt):
    rng = np.random.default_rng(11)
    a = _sample(NP_TYPE[dtype], (6, 4), rng)
    a[2, :] = 0
    path = tmp_path / "w.npy"
    write("write_npy", path, a, fmt)
    got = np.load(path)
    assert got.dtype == NP_TYPE[dtype] and got.flags.c_contiguous
    assert same(got, a)
    # Byte for byte what numpy.save writes.
    buf = io.BytesIO()
    np.save(buf, a)
    assert path.read_bytes() == buf.getvalue()


# --------------------------------------------------------------------------
# CSV against numpy.savetxt / numpy.loadtxt.

@pytest.mark.parametrize("dtype", [F64, F32, I64, I32])
@pytest.mark.parametrize("delimiter", [",", ";", "\t", " "])
def test_csv_written_by_numpy(tmp_path, dtype, delimiter):
    rng = np.random.default_rng(3)
    a = _sample(NP_TYPE[dtype], (7, 5), rng)
    if np.dtype(NP_TYPE[dtype]).kind == "f":
        a[~np.isfinite(a)] = 1.5  # savetxt writes nan/inf, tested separately
    path = tmp_path / "n.csv"
    fmt = "%d" if np.dtype(NP_TYPE[dtype]).kind == "i" else "%.18e"
    np.savetxt(path, a, fmt=fmt, delimiter=delimiter)
    got = read_ok("read_csv", path, dtype=dtype, delimiter=delimiter.encode())
    assert got.dtype == NP_TYPE[dtype] and same(got, a)
    # A header row (auto-detected) and a '# comment' header line.
    np.savetxt(path, a, fmt=fmt, delimiter=delimiter,
               header=delimiter.join(f"c{j}" for j in range(5)), comments="")
    got = read_ok("read_csv", path, dtype=dtype, delimiter=delimiter.encode())
    assert same(got, a)
    np.savetxt(path, a, fmt=fmt, delimiter=delimiter, header="produced by numpy")
    got = read_ok("read_csv", path, dtype=dtype, delimiter=delimiter.encode(),
                  header=HEADER_ABSENT)
    assert same(got, a)


def test_csv_non_finite_from_numpy(tmp_path):
    a = np.array([[np.nan, np.inf], [-np.inf, -0.0]])
    path = tmp_path / "nf.csv"
    np.savetxt(path, a, delimiter=",")
    got = read_ok("read_csv", path)
    assert same(got, a) and np.signbit(got[1, 1])


@pytest.mark.parametrize("dtype", [F64, F32, I64, I32])
@pytest.mark.parametrize("fmt", [DENSE, CSR])
def test_csv_written_by_lauryn(tmp_path, dtype, fmt):
    rng = np.random.default_rng(5)
    a = _sample(NP_TYPE[dtype], (5, 6), rng)
    a[1, :] = 0
    path = tmp_path / "w.csv"
    write("write_csv", path, a, fmt)
    got = np.loadtxt(path, delimiter=",", dtype=NP_TYPE[dtype], ndmin=2)
    assert same(got, a)
    write("write_csv", path, a, fmt, header=HEADER_PRESENT, delimiter=b";")
    got = np.loadtxt(path, delimiter=";", dtype=NP_TYPE[dtype], skiprows=1, ndmin=2)
    assert same(got, a)
    assert path.read_text().splitlines()[0] == ";".join(f"V{j + 1}" for j in range(6))


def test_csv_errors_name_file_and_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("1,2,3\n4,,6\n")
    status, msg = read("read_csv", path)
    assert status == ERR_PARSE
    assert msg.startswith(f"{path}:2: empty cell in column 2"), msg


# --------------------------------------------------------------------------
# Matrix Market written by Lauryn, read by scipy.

@pytest.mark.parametrize("dtype", [F64, F32, I64, I32])
@pytest.mark.parametrize("fmt", [DENSE, CSR])
def test_matrix_market_written_by_lauryn(tmp_path, dtype, fmt):
    rng = np.random.default_rng(9)
    a = _sample(NP_TYPE[dtype], (6, 5), rng)
    if np.dtype(NP_TYPE[dtype]).kind == "f":
        a[~np.isfinite(a)] = -2.25  # keep scipy's parser on plain numbers
    a[:, 3] = 0
    path = tmp_path / "w.mtx"
    write("write_matrix_market", path, a, fmt)
    ref = scipy.io.mmread(str(path))
    if fmt == CSR:
        assert scipy.sparse.issparse(ref)
        ref = ref.toarray()
    if dtype == F32:
        # Lauryn prints the shortest decimal that reads back as the same f32;
        # scipy parses it as f64, so round to f32 before comparing.
        ref = ref.astype(np.float32)
    assert same(ref, a)
    # And back through Lauryn, bit for bit.
    assert same(read_ok("read_matrix_market", path, dtype=dtype, fmt=DENSE), a)


def test_symmetric_file_written_by_scipy(tmp_path):
    a = scipy.sparse.random(30, 30, density=0.2, random_state=1, format="csr")
    a = a + a.T
    path = tmp_path / "s.mtx"
    scipy.io.mmwrite(str(path), a, symmetry="symmetric")
    assert "symmetric" in path.read_text().splitlines()[0]
    got = read_ok("read_matrix_market", path)
    ref = scipy.sparse.csr_matrix(scipy.io.mmread(str(path)))
    ref.sum_duplicates()
    assert np.array_equal(got.indptr, ref.indptr)
    assert np.array_equal(got.indices, ref.indices)
    assert np.array_equal(got.data, ref.data)
