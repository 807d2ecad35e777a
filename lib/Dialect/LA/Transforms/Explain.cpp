//===- Explain.cpp - per-op report: shape, format, estimate, memory -------===//
//
// `la-explain` prints, per function, one line per op producing a matrix:
// the op, its location, shape, storage format, the sparsity estimate attached
// by la-estimate-sparsity and the memory of the result (dense cells, or CSR
// values + 64-bit column indices + row pointers at the estimated nnz), and
// the lineage ID when la-assign-lineage ran; fused operators (la-fuse) with
// their template, driver and ops. It changes nothing.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Dialect/LA/IR/LAAttrs.h"
#include "lauryn/Dialect/LA/IR/LAOps.h"
#include "lauryn/Dialect/LA/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SparseTensor/IR/SparseTensor.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

namespace lauryn::la {
#define GEN_PASS_DEF_EXPLAINPASS
#include "lauryn/Dialect/LA/Transforms/Passes.h.inc"
} // namespace lauryn::la

using namespace mlir;
using namespace lauryn::la;

namespace {

std::string humanBytes(double bytes) {
  const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  while (bytes >= 1024 && u < 4)
    bytes /= 1024, ++u;
  std::string s;
  llvm::raw_string_ostream os(s);
  os << llvm::format(u ? "%.1f %s" : "%.0f %s", bytes, units[u]);
  return s;
}

std::string location(Location loc) {
  if (auto file = dyn_cast<FileLineColLoc>(loc))
    return (file.getFilename().getValue() + ":" + llvm::Twine(file.getLine())).str();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location inner : fused.getLocations())
      if (std::string s = location(inner); s != "?")
        return s;
  if (auto named = dyn_cast<NameLoc>(loc))
    return location(named.getChildLoc());
  // An op inlined from a function: where it is written.
  if (auto site = dyn_cast<CallSiteLoc>(loc))
    return location(site.getCallee());
  return "?";
}

/// The estimate of result `i` of `op`, if la-estimate-sparsity attached one.
SparsityAttr estimateOf(Operation *op, unsigned i) {
  Attribute attr = op->getAttr(kSparsityAttrName);
  if (auto array = dyn_cast_or_null<ArrayAttr>(attr))
    return i < array.size() ? dyn_cast<SparsityAttr>(array[i]) : SparsityAttr();
  return i == 0 ? dyn_cast_or_null<SparsityAttr>(attr) : SparsityAttr();
}

/// One report line: `what` (an op name or `argument #i`) at `loc`.
void explainValue(StringRef what, Location loc, RankedTensorType type, SparsityAttr estimate,
                  Attribute lineage, llvm::raw_ostream &os) {
  bool sparse = sparse_tensor::getSparseTensorEncoding(type) != nullptr;
  std::string shape;
  for (int64_t d = 0; d < type.getRank(); ++d)
    shape += (d ? "x" : "") + (type.isDynamicDim(d) ? std::string("?")
                                                    : std::to_string(type.getDimSize(d)));
  os << "  " << llvm::left_justify(what, 16) << " "
     << llvm::left_justify(location(loc), 24) << " "
     << llvm::left_justify(shape, 13) << " " << llvm::left_justify(sparse ? "CSR" : "dense", 6)
     << " ";
  std::optional<double> density;
  if (estimate && estimate.getDensity())
    density = estimate.getDensity()->convertToDouble();
  else if (estimate && type.hasStaticShape())
    density = estimate.getDensityFor(type.getNumElements());
  if (estimate && estimate.getNnz())
    os << llvm::left_justify(("nnz " + llvm::Twine(*estimate.getNnz())).str(), 14);
  else
    os << llvm::left_justify("nnz ?", 14);
  os << llvm::left_justify(density ? llvm::formatv("{0:F4}", *density).str() : "?", 11) << " "
     << llvm::left_justify(estimate && !estimate.getEstimator().empty() ? estimate.getEstimator().str() : "-", 14) << " ";
  if (type.hasStaticShape() && (density || !sparse)) {
    ValueStats stats;
    stats.rows = type.getRank() == 2 ? type.getDimSize(0) : 1;
    stats.cols = type.getRank() == 2 ? type.getDimSize(1) : type.getNumElements();
    stats.density = density.value_or(1.0);
    stats.elementBytes = std::max<unsigned>(1, type.getElementTypeBitWidth() / 8);
    stats.isSparse = sparse;
    os << humanBytes(stats.bytes());
  } else if (estimate && estimate.getNnz() && density && *density > 0) {
    // A dynamic type whose shape the estimate knows: cells = nnz / density
    // (CSR without its row pointers).
    double nnz = double(*estimate.getNnz());
    double elementBytes = std::max<unsigned>(1, type.getElementTypeBitWidth() / 8);
    os << "~" << humanBytes(sparse ? nnz * (elementBytes + 8) : nnz / *density * elementBytes);
  } else {
    os << "?";
  }
  if (lineage) {
    os << "  ";
    lineage.print(os);
  }
  os << "\n";
}

void explainResult(Operation *op, unsigned i, StringRef prefix, llvm::raw_ostream &os) {
  Attribute lineage = op->getAttr(kLineageAttrName);
  if (auto array = dyn_cast_or_null<ArrayAttr>(lineage))
    lineage = i < array.size() ? array[i] : Attribute();
  explainValue((prefix + op->getName().getStringRef()).str(), op->getLoc(),
               cast<RankedTensorType>(op->getResult(i).getType()), estimateOf(op, i), lineage,
               os);
}

struct ExplainPass : lauryn::la::impl::ExplainPassBase<ExplainPass> {
  using ExplainPassBase::ExplainPassBase;

  void runOnOperation() override {
    llvm::raw_ostream &os = llvm::errs();
    for (func::FuncOp f : getOperation().getOps<func::FuncOp>()) {
      if (f.isExternal())
        continue;
      os << "la-explain: @" << f.getSymName() << "\n";
      os << "  " << llvm::left_justify("op", 16) << " " << llvm::left_justify("location", 24)
         << " " << llvm::left_justify("shape", 13) << " " << llvm::left_justify("format", 6)
         << " " << llvm::left_justify("estimate", 14) << llvm::left_justify("density", 11) << " "
         << llvm::left_justify("estimator", 14) << " memory\n";
      for (BlockArgument arg : f.getArguments())
        if (auto type = dyn_cast<RankedTensorType>(arg.getType()))
          explainValue(("argument #" + llvm::Twine(arg.getArgNumber())).str(), arg.getLoc(), type,
                       f.getArgAttrOfType<SparsityAttr>(arg.getArgNumber(), kSparsityAttrName),
                       Attribute(), os);
      // Fused operators (la-fuse) first name their template, driver and ops;
      // the ops of their bodies follow, marked with the operator's number.
      DenseMap<Operation *, unsigned> fusedNumber;
      f.walk<WalkOrder::PreOrder>([&](Operation *op) {
        std::string prefix;
        if (auto parent = op->getParentOfType<FusedOp>())
          prefix = "[#" + std::to_string(fusedNumber.lookup(parent)) + "] ";
        if (auto fused = dyn_cast<FusedOp>(op)) {
          unsigned k = fusedNumber.size() + 1;
          fusedNumber[op] = k;
          unsigned ops = 0;
          for (Operation &inner : fused.getBodyBlock().without_terminator())
            ops += !inner.hasTrait<OpTrait::ConstantLike>();
          os << "  " << llvm::left_justify(("fused #" + llvm::Twine(k)).str(), 16) << " "
             << llvm::left_justify(location(op->getLoc()), 24) << " "
             << stringifyFusionTemplate(fused.getKind()) << " template, " << ops
             << " ops in one pass, driver operand #" << fused.getDriver()
             << (fused.getSparseSafe() ? " (sparse-safe)" : "") << "\n";
        }
        for (unsigned i = 0; i < op->getNumResults(); ++i)
          if (isa<RankedTensorType>(op->getResult(i).getType()))
            explainResult(op, i, prefix, os);
      });
    }
    markAllAnalysesPreserved();
  }
};

} // namespace
