//===- PatternReorganization.cpp - exact reorganisations of patterns ------===//

#include "Estimators.h"

namespace lauryn::sparsity {

static MatrixStructure broadcast(const MatrixStructure &a, int64_t rows, int64_t cols) {
  MatrixStructure m = MatrixStructure::empty(rows, cols);
  for (int64_t r = 0; r < rows; ++r) {
    int64_t src = a.rows == 1 ? 0 : r;
    if (a.cols == 1) {
      if (a.rowNnz(src))
        for (int64_t c = 0; c < cols; ++c)
          m.colIdx.push_back(c);
    } else {
      m.colIdx.insert(m.colIdx.end(), a.colIdx.begin() + a.rowPtr[src],
                      a.colIdx.begin() + a.rowPtr[src + 1]);
    }
    m.rowPtr[r + 1] = m.nnz();
  }
  return m;
}

std::optional<MatrixStructure> reorganize(const OpDescriptor &op, const MatrixStructure &a,
                                          const MatrixStructure *b) {
  switch (op.op) {
  case StructuralOp::Transpose:
    return exact::transpose(a);
  case StructuralOp::Reshape:
    return exact::reshape(a, op.rows, op.cols);
  case StructuralOp::CBind:
    return exact::cbind(a, *b);
  case StructuralOp::RBind:
    return exact::rbind(a, *b);
  case StructuralOp::Diag:
    return exact::diag(a);
  case StructuralOp::NotEqualZero:
    return a;
  case StructuralOp::Slice:
    return exact::slice(a, op.rowBegin, op.rowBegin + op.rows, op.colBegin, op.colBegin + op.cols);
  case StructuralOp::Broadcast: {
    // Replicated patterns can get huge: keep them only below 2^26 non-zeros.
    double copies = (a.rows == 1 ? double(op.rows) : 1.0) * (a.cols == 1 ? double(op.cols) : 1.0);
    if (double(a.nnz()) * copies > double(int64_t(1) << 26))
      return std::nullopt;
    return broadcast(a, op.rows, op.cols);
  }
  case StructuralOp::MatMul:
  case StructuralOp::Multiply:
  case StructuralOp::Add:
  case StructuralOp::EqualZero:
    break;
  }
  return std::nullopt;
}

} // namespace lauryn::sparsity
