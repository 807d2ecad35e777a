"""Reorganisation la ops: matmul, transpose, reshape, cbind, rbind, slice
(0-based half-open right indexing), insert (left indexing), diag, rev, and the
element-type cast and format conversion.

Run-time checks (the compiled code's cf.assert messages): inner dimensions of
a product, cell counts of a reshape, rows/columns of binds, slice and insert
ranges, squareness for diag, a 1x1 input for matrix -> scalar casts.
"""

import numpy as np

from .mlir_types import TensorType
from .numerics import cast_elements, finish
from .registry import implements
from .values import dense, is_sparse, to_csr


@implements("la.matmul")
def la_matmul(ctx, op, args):
    a, b = args
    if a.shape[1] != b.shape[0]:
        ctx.fail("inner dimensions differ")
    elem = op.result_types[0].elem.name
    with np.errstate(all="ignore"):
        if is_sparse(a) or is_sparse(b):
            # SciPy visits only stored entries, like the sparse kernels:
            # implicit zeros times inf/NaN give no contribution.
            r = a @ b
            r = r.tocsr() if is_sparse(r) else np.asarray(r)
        else:
            r = np.matmul(a, b)
    if elem == "bf16":
        # bf16 values are held in float32: products and sums in float32,
        # rounded to bf16 once (the compiled code rounds every multiply-add,
        # in an unspecified order).
        if is_sparse(r):
            r.data = np.asarray(finish(r.data, elem), dtype=np.float32)
            return [r]
        return [finish(r, elem)]
    return [r]


@implements("la.transpose")
def la_transpose(ctx, op, args):
    v = args[0]
    return [v.T.tocsr() if is_sparse(v) else np.ascontiguousarray(v.T)]


@implements("la.reshape")
def la_reshape(ctx, op, args):
    x = dense(args[0])
    sizes = ctx.explicit_sizes(op.result_types[0], args[1:])
    if x.shape[0] * x.shape[1] != sizes[0] * sizes[1]:
        ctx.fail("reshape changes the number of cells")
    return [x.reshape(sizes).copy()]


def _bind(ctx, args, along_cols):
    mats = [dense(v) for v in args]
    keep = 0 if along_cols else 1
    for m in mats:
        if m.shape[keep] != mats[0].shape[keep]:
            ctx.fail("operands have different row counts" if along_cols
                     else "operands have different column counts")
    return np.concatenate(mats, axis=1 if along_cols else 0)


@implements("la.cbind")
def la_cbind(ctx, op, args):
    return [_bind(ctx, args, True)]


@implements("la.rbind")
def la_rbind(ctx, op, args):
    return [_bind(ctx, args, False)]


def _check_range(ctx, begin, end, size, what):
    if not (0 <= begin <= end <= size):
        ctx.fail(f"{what} range out of bounds")


@implements("la.slice")
def la_slice(ctx, op, args):
    x = args[0]
    rb, re_, cb, ce = (int(v) for v in args[1:])
    _check_range(ctx, rb, re_, x.shape[0], "row")
    _check_range(ctx, cb, ce, x.shape[1], "column")
    return [dense(x)[rb:re_, cb:ce].copy()]


@implements("la.insert")
def la_insert(ctx, op, args):
    src, dst = dense(args[0]), dense(args[1])
    r0, c0 = int(args[2]), int(args[3])
    _check_range(ctx, r0, r0 + src.shape[0], dst.shape[0], "row")
    _check_range(ctx, c0, c0 + src.shape[1], dst.shape[1], "column")
    out = dst.copy()
    out[r0:r0 + src.shape[0], c0:c0 + src.shape[1]] = src
    return [out]


@implements("la.diag")
def la_diag(ctx, op, args):
    x = dense(args[0])
    if op.operand_types[0].shape[1] == 1:  # a column vector by type
        return [np.diag(x[:, 0]).astype(x.dtype)]
    if x.shape[0] != x.shape[1]:
        ctx.fail("input is not square")
    return [np.diagonal(x).reshape(-1, 1).copy()]


@implements("la.rev")
def la_rev(ctx, op, args):
    return [dense(args[0])[::-1].copy()]


@implements("la.cast")
def la_cast(ctx, op, args):
    src_t, dst_t = op.operand_types[0], op.result_types[0]
    v = args[0]
    src = src_t.elem.name if isinstance(src_t, TensorType) else src_t.name
    dst = dst_t.elem.name if isinstance(dst_t, TensorType) else dst_t.name
    if isinstance(src_t, TensorType) and not isinstance(dst_t, TensorType):
        x = dense(v)
        if x.shape != (1, 1):
            ctx.fail("input is not 1x1")
        return [cast_elements(x[0, 0], src, dst)]
    if not isinstance(src_t, TensorType) and isinstance(dst_t, TensorType):
        return [np.full((1, 1), cast_elements(v, src, dst))]
    if is_sparse(v):
        # Cast the stored entries; implicit zeros stay zero for every cast.
        out = v.copy()
        out = out.astype(dst_t.dtype)
        out.data = np.asarray(cast_elements(v.data, src, dst))
        return [to_csr(out)]
    return [cast_elements(dense(v), src, dst)]


@implements("la.convert")
def la_convert(ctx, op, args):
    return [args[0]]  # the interpreter conforms the value to the result type
