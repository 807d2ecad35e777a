//===- FusionCost.h - costs and DOT drawing of fusion plans -----*- C++ -*-===//
//
// Private to lib/Dialect/LA/Transforms: the value statistics la-fuse costs
// with, the cost of one (fused or plain) op under the fusion cost model, and
// the DOT drawing of a fused program.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_LIB_DIALECT_LA_TRANSFORMS_FUSIONCOST_H
#define LAURYN_LIB_DIALECT_LA_TRANSFORMS_FUSIONCOST_H

#include "lauryn/Analysis/Fusion/PlanSearch.h"
#include "lauryn/Dialect/LA/IR/LAOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace lauryn::la {

/// Size, density (from #la.sparsity) and format of `v`; dynamic dimensions
/// count as kUnknownDimension.
ValueStats fusionStatsOf(mlir::Value v);
inline constexpr int64_t kUnknownDimension = 1000;

/// Seconds of `op` under the fusion cost model: write(results) +
/// max(read(operands), compute); a fused op computes its body's ops over its
/// iteration space.
double fusionCostSeconds(mlir::Operation *op, const fusion::CostRates &rates);

/// Draws every function of `module` as a DOT graph: la ops as nodes, fused
/// operators as clusters of their body's ops, each labelled with its cost.
void writeFusionDot(mlir::ModuleOp module, const fusion::CostRates &rates, llvm::raw_ostream &os);

} // namespace lauryn::la

#endif // LAURYN_LIB_DIALECT_LA_TRANSFORMS_FUSIONCOST_H
