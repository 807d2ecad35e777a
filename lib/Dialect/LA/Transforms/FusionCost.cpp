//===- FusionCost.cpp - costs and DOT drawing of fusion plans -------------===//

#include "FusionCost.h"

#include "lauryn/Dialect/LA/Transforms/EstimateSparsity.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Format.h"

using namespace mlir;

namespace lauryn::la {

ValueStats fusionStatsOf(Value v) {
  ValueStats s;
  auto t = dyn_cast<RankedTensorType>(v.getType());
  Type element = t ? t.getElementType() : v.getType();
  s.elementBytes = element.isIntOrFloat() ? std::max<unsigned>(1, element.getIntOrFloatBitWidth() / 8) : 8;
  if (!t) {
    s.isScalar = true;
    return s;
  }
  auto dim = [&](int64_t d) {
    return ShapedType::isDynamic(t.getDimSize(d)) ? kUnknownDimension : t.getDimSize(d);
  };
  s.rows = dim(0);
  s.cols = dim(1);
  s.isSparse = t.getEncoding() != nullptr;
  if (SparsityAttr estimate = getEstimate(v))
    if (std::optional<double> d = estimate.getDensityFor(int64_t(s.cells())))
      s.density = *d;
  return s;
}

/// FLOPs of one body op over `cells` cells.
static double cellFlops(Operation &op, double cells) {
  auto cost = dyn_cast<CostOpInterface>(op);
  return cost ? cost.getCellFlops() * cells : 0;
}

double fusionCostSeconds(Operation *op, const fusion::CostRates &rates) {
  double read = 0, write = 0, flops = 0;
  for (Value v : op->getOperands())
    if (isa<RankedTensorType>(v.getType()))
      read += fusionStatsOf(v).bytes();
  for (Value v : op->getResults())
    write += fusionStatsOf(v).bytes();
  if (auto fused = dyn_cast<FusedOp>(op)) {
    double cells = fusionStatsOf(fused.getYielded()[0]).cells();
    if (RankedTensorType space = getIterationType(fused)) {
      ValueStats s;
      s.rows = ShapedType::isDynamic(space.getDimSize(0)) ? kUnknownDimension : space.getDimSize(0);
      s.cols = ShapedType::isDynamic(space.getDimSize(1)) ? kUnknownDimension : space.getDimSize(1);
      cells = s.cells();
      // A sparse driver visits its stored entries only.
      if (iteratesSparseDriver(fused))
        cells *= fusionStatsOf(fused.getInputs()[fused.getDriver()]).density;
    }
    for (Operation &inner : fused.getBodyBlock().without_terminator())
      flops += cellFlops(inner, cells);
  } else if (auto cost = dyn_cast<CostOpInterface>(op)) {
    SmallVector<ValueStats> operands;
    for (Value v : op->getOperands())
      operands.push_back(fusionStatsOf(v));
    ValueStats result = op->getNumResults() ? fusionStatsOf(op->getResult(0)) : ValueStats();
    flops = cost.estimateCost(operands, result).flops;
  }
  return write / rates.writeBandwidth + std::max(read / rates.readBandwidth, flops / rates.flopRate);
}

static std::string formatSeconds(double s) {
  std::string out;
  llvm::raw_string_ostream os(out);
  if (s >= 1e-3)
    os << llvm::format("%.3g ms", s * 1e3);
  else
    os << llvm::format("%.3g us", s * 1e6);
  return out;
}

static std::string escape(StringRef s) {
  std::string out;
  for (char c : s)
    out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out;
}

void writeFusionDot(ModuleOp module, const fusion::CostRates &rates, llvm::raw_ostream &os) {
  os << "digraph fusion {\n  node [shape=box, fontname=\"monospace\"];\n";
  unsigned cluster = 0, nextNode = 0;
  for (auto f : module.getOps<func::FuncOp>()) {
    if (f.isExternal())
      continue;
    llvm::DenseMap<Operation *, std::string> id;
    // The node a value comes from: its producer, or for a fused result the
    // producer of the yielded value inside the cluster.
    llvm::DenseMap<Value, std::string> source;
    auto nodeId = [&](Operation *op) {
      auto [it, inserted] = id.try_emplace(op, "");
      if (inserted)
        it->second = "n" + std::to_string(nextNode++);
      return it->second;
    };
    os << "  subgraph \"cluster_f_" << escape(f.getSymName()) << "\" {\n    label=\"@"
       << escape(f.getSymName()) << "\";\n";
    SmallVector<std::pair<std::string, Operation *>> edgesTo;
    f.walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (!isa_and_nonnull<LADialect>(op->getDialect()) || isa<YieldOp>(op))
        return;
      if (auto fused = dyn_cast<FusedOp>(op)) {
        os << "    subgraph cluster_" << ++cluster << " {\n      style=filled; color=lightgrey;\n"
           << "      label=\"fused #" << cluster << ": " << stringifyFusionTemplate(fused.getKind())
           << (fused.getSparseSafe() ? ", sparse-safe" : "") << ", "
           << formatSeconds(fusionCostSeconds(op, rates)) << "\";\n";
        Block &body = fused.getBodyBlock();
        for (auto [arg, operand] : llvm::zip(body.getArguments(), fused.getInputs()))
          if (Operation *def = operand.getDefiningOp())
            source[arg] = source.count(operand) ? source[operand] : nodeId(def);
        for (Operation &inner : body.without_terminator()) {
          if (inner.hasTrait<OpTrait::ConstantLike>())
            continue;
          os << "      " << nodeId(&inner) << " [label=\"" << inner.getName().getStringRef()
             << "\"];\n";
          for (Value v : inner.getResults())
            source[v] = nodeId(&inner);
        }
        os << "    }\n";
        for (auto [r, y] : llvm::zip(fused.getResults(), fused.getYielded()))
          source[r] = source.count(y) ? source[y] : "";
        for (Operation &inner : body.without_terminator())
          for (Value v : inner.getOperands())
            if (source.count(v) && !source[v].empty())
              os << "    " << source[v] << " -> " << nodeId(&inner) << ";\n";
        return;
      }
      if (op->getParentOfType<FusedOp>())
        return;
      os << "    " << nodeId(op) << " [label=\"" << op->getName().getStringRef() << "\\n"
         << formatSeconds(fusionCostSeconds(op, rates)) << "\"];\n";
      for (Value v : op->getResults())
        source[v] = nodeId(op);
      for (Value v : op->getOperands())
        if (source.count(v) && !source[v].empty())
          os << "    " << source[v] << " -> " << nodeId(op) << ";\n";
    });
    os << "  }\n";
  }
  os << "}\n";
}

} // namespace lauryn::la
