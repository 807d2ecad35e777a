//===- InputStatistics.cpp - sparsity estimates from the actual inputs ----===//

#include "lauryn/Execution/InputStatistics.h"

#include "lauryn/Analysis/Sparsity/MatrixStructure.h"
#include "lauryn/Dialect/LA/IR/LAAttrs.h"
#include "lauryn/Dialect/LA/Transforms/EstimateSparsity.h"
#include "lauryn/Dialect/LA/Transforms/Passes.h"
#include "lauryn/Pipelines/Passes.h"

#include "mlir/Pass/PassManager.h"

using namespace mlir;
using namespace lauryn::sparsity;

namespace lauryn {
namespace {

bool nonZero(const lauryn_matrix &m, int64_t k) {
  switch (m.dtype) {
  case LAURYN_F64:
    return static_cast<const double *>(m.values)[k] != 0;
  case LAURYN_F32:
    return static_cast<const float *>(m.values)[k] != 0;
  case LAURYN_I64:
    return static_cast<const int64_t *>(m.values)[k] != 0;
  default:
    return static_cast<const int32_t *>(m.values)[k] != 0;
  }
}

/// The non-zero pattern of a dense or CSR matrix (stored zeros dropped).
MatrixStructure patternOf(const lauryn_matrix &m) {
  MatrixStructure s = MatrixStructure::empty(m.rows, m.cols);
  for (int64_t r = 0; r < m.rows; ++r) {
    if (m.format == LAURYN_FORMAT_CSR) {
      for (int64_t p = m.positions[r]; p < m.positions[r + 1]; ++p)
        if (nonZero(m, p))
          s.colIdx.push_back(m.coordinates[p]);
    } else {
      for (int64_t c = 0; c < m.cols; ++c)
        if (nonZero(m, r * m.cols + c))
          s.colIdx.push_back(c);
    }
    s.rowPtr[r + 1] = s.nnz();
  }
  return s;
}

} // namespace

llvm::Error checkEstimatorName(llvm::StringRef name) {
  if (parseEstimatorKind(name))
    return llvm::Error::success();
  std::string names;
  for (EstimatorKind k : allEstimatorKinds())
    names += (names.empty() ? "" : ", ") + std::string(sparsity::estimatorName(k));
  return llvm::createStringError("--estimator " + name.str() + ": unknown (one of " + names + ")");
}

void annotateInputStatistics(func::FuncOp entry, ArrayRef<HostValue> args) {
  MLIRContext *ctx = entry.getContext();
  for (auto [i, a] : llvm::enumerate(args)) {
    if (!a.matrix || i >= entry.getNumArguments())
      continue;
    const lauryn_matrix &m = *a.matrix;
    // Estimates need static shapes; a dynamic size of 1 stays dynamic
    // (specializeEntryParameters), so such parameters get none.
    auto type = dyn_cast<RankedTensorType>(entry.getArgumentTypes()[i]);
    if (!type || (type.isDynamicDim(0) && m.rows == 1) || (type.isDynamicDim(1) && m.cols == 1))
      continue;
    SmallVector<int64_t> rowNnz(m.rows, 0), colNnz(m.cols, 0);
    for (int64_t r = 0; r < m.rows; ++r) {
      auto count = [&](int64_t k, int64_t c) {
        if (nonZero(m, k)) {
          ++rowNnz[r];
          ++colNnz[c];
        }
      };
      if (m.format == LAURYN_FORMAT_CSR)
        for (int64_t p = m.positions[r]; p < m.positions[r + 1]; ++p)
          count(p, m.coordinates[p]);
      else
        for (int64_t c = 0; c < m.cols; ++c)
          count(r * m.cols + c, c);
    }
    int64_t nnz = 0;
    for (int64_t n : rowNnz)
      nnz += n;
    NamedAttribute counts[] = {
        NamedAttribute(StringAttr::get(ctx, "rows"), DenseI64ArrayAttr::get(ctx, rowNnz)),
        NamedAttribute(StringAttr::get(ctx, "cols"), DenseI64ArrayAttr::get(ctx, colNnz))};
    entry.setArgAttr(i, la::kSketchAttrName, DictionaryAttr::get(ctx, counts));
    entry.setArgAttr(i, la::kSparsityAttrName,
                     la::SparsityAttr::get(ctx, nnz, std::nullopt, "exact"));
  }
}

llvm::Error explainForInputs(ModuleOp module, llvm::StringRef entryName, ArrayRef<HostValue> args,
                             const LoweringOptions &options, llvm::StringRef estimatorName,
                             bool selectFormats) {
  if (llvm::Error err = checkEstimatorName(estimatorName))
    return err;
  std::optional<EstimatorKind> kind = parseEstimatorKind(estimatorName);
  OwningOpRef<ModuleOp> copy(module.clone());
  auto entry = copy->lookupSymbol<func::FuncOp>(entryName);
  if (!entry)
    return llvm::createStringError("no function @" + entryName.str() + " to explain");
  if (llvm::Error err = specializeEntryParameters(entry, options))
    return err;
  // As compiled: the la optimizations fold, merge and hoist first.
  PassManager optimize(module.getContext());
  optimize.addPass(la::createOptimizePass());
  if (failed(optimize.run(*copy)))
    return llvm::createStringError("la-explain: optimizing the program failed (see above)");

  std::unique_ptr<Estimator> estimator = createEstimator(*kind);
  auto fromData = [&](func::FuncOp f) -> FailureOr<SmallVector<SynopsisRef>> {
    SmallVector<SynopsisRef> out(f.getNumArguments());
    if (f.getSymName() != entryName)
      return out; // other entries: no data
    for (auto [i, a] : llvm::enumerate(args)) {
      if (a.matrix)
        out[i] = estimator->build(patternOf(*a.matrix));
      else if (a.kind == ValueKind::Scalar)
        out[i] = estimator->build((a.f != 0 || a.i != 0)
                                      ? MatrixStructure::fromCoordinates(1, 1, {{0, 0}})
                                      : MatrixStructure::empty(1, 1));
    }
    return out;
  };
  if (failed(la::estimateSparsity(*copy, *estimator, fromData)))
    return llvm::createStringError("la-explain: estimating the program failed (see above)");
  PassManager report(module.getContext());
  if (selectFormats)
    addSelectFormats(report, options.rates);
  if (options.optimize)
    buildLAFusionPipeline(report, options.fuseSelector, options.rates);
  report.addPass(la::createExplainPass());
  if (failed(report.run(*copy)))
    return llvm::createStringError("la-explain failed (see above)");
  return llvm::Error::success();
}

} // namespace lauryn
