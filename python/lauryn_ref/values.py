"""Run-time values: dense matrices are 2-D NumPy arrays, sparse ones (any
#sparse_tensor encoding) SciPy CSR matrices, scalars NumPy scalars (index
values Python ints). Helpers to move between them and to fit a value to a
declared type."""

import numpy as np
import scipy.sparse

from .mlir_types import ScalarType, TensorType
from .numerics import finish


def is_sparse(v):
    return scipy.sparse.issparse(v)


def dense(v):
    """The value as a NumPy array (sparse values densified)."""
    if is_sparse(v):
        return np.asarray(v.toarray())
    return v


def to_csr(a, dtype=None):
    m = scipy.sparse.csr_matrix(a, dtype=dtype if dtype is not None else a.dtype)
    m.sort_indices()
    return m


def stored_mask(s):
    """Boolean mask of the stored entries of a sparse matrix."""
    mask = np.zeros(s.shape, dtype=bool)
    coo = s.tocoo()
    mask[coo.row, coo.col] = True
    return mask


def conform(v, typ):
    """The value in the representation of `typ`: CSR for a sparse tensor type,
    an array for a dense one, a scalar of the element type for scalars."""
    if isinstance(typ, TensorType):
        if typ.sparse:
            if not is_sparse(v):
                return to_csr(np.asarray(v), typ.dtype)
            return v if v.format == "csr" else v.tocsr()
        return dense(v)
    if isinstance(typ, ScalarType):
        if typ.name == "index":
            return int(v)
        if typ.name == "i1":
            return np.bool_(v)
        return finish(v, typ.name)
    return v


def shape_matches(v, typ):
    """True if a tensor value has the static dims of `typ`."""
    if typ.shape is None:
        return True
    shape = np.shape(v) if not is_sparse(v) else v.shape
    if len(shape) != len(typ.shape):
        return False
    return all(d is None or d == s for d, s in zip(typ.shape, shape))
