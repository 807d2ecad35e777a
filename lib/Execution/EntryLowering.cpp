//===- EntryLowering.cpp - la module to LLVM dialect with C entry points --===//

#include "lauryn/Execution/EntryLowering.h"

#include "EntryBoundary.h"

#include "lauryn/Dialect/LA/IR/LADialect.h"
#include "lauryn/Dialect/LA/IR/LAOps.h"
#include "lauryn/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SparseTensor/IR/SparseTensor.h"
#include "mlir/Dialect/SparseTensor/Transforms/Passes.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ToolOutputFile.h"

#include <chrono>

using namespace mlir;

namespace lauryn {

static double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

/// Gives matrix parameters of `fn` the static shapes of the actual arguments
/// (and CSR storage for CSR arguments when formats are selected). la ops
/// accept the more static operands directly; other users see the declared
/// type through a tensor.cast (an la.convert if the format changed).
llvm::Error specializeEntryParameters(func::FuncOp fn, const LoweringOptions &options) {
  if (options.argumentShapes.empty())
    return llvm::Error::success();
  if (options.argumentShapes.size() != fn.getNumArguments())
    return llvm::createStringError("@" + fn.getName().str() + " takes " +
                                   std::to_string(fn.getNumArguments()) + " arguments, " +
                                   std::to_string(options.argumentShapes.size()) + " given");
  if (llvm::Error err = redirectCallers(fn))
    return err;
  Block &entry = fn.getBody().front();
  OpBuilder b = OpBuilder::atBlockBegin(&entry);
  SmallVector<Type> inputs(fn.getArgumentTypes());
  for (auto [i, shape] : llvm::enumerate(options.argumentShapes)) {
    auto type = dyn_cast<RankedTensorType>(inputs[i]);
    if (!shape || !type)
      continue;
    for (int d = 0; d < 2; ++d) {
      int64_t declared = type.getDimSize(d);
      int64_t actual = d == 0 ? shape->first : shape->second;
      std::string name = "#" + std::to_string(i);
      if (auto attr = fn.getArgAttrOfType<StringAttr>(i, kParamNameAttr))
        name = "'" + attr.getValue().str() + "'";
      if (!ShapedType::isDynamic(declared) && declared != actual)
        return llvm::createStringError(
            "argument " + name + " of @" + fn.getName().str() + " is " +
            std::to_string(shape->first) + "x" + std::to_string(shape->second) +
            ", but the parameter's type requires " +
            (type.isDynamicDim(0) ? std::string("?") : std::to_string(type.getDimSize(0))) + "x" +
            (type.isDynamicDim(1) ? std::string("?") : std::to_string(type.getDimSize(1))));
    }
    // A dimension typed 1 broadcasts, a dynamic one does not (even when it is
    // 1 at run time): specializing a dynamic size of 1 would turn an error into
    // a broadcast, so such sizes stay dynamic.
    auto staticSize = [&](int d, int64_t actual) {
      return type.isDynamicDim(d) && actual == 1 ? ShapedType::kDynamic : actual;
    };
    Attribute encoding = type.getEncoding();
    Type element = type.getElementType();
    if (!encoding && !options.formatEstimator.empty() && i < options.csrArguments.size() &&
        options.csrArguments[i] &&
        (element.isF64() || element.isF32() || element.isInteger(64) || element.isInteger(32)))
      encoding = la::getCSREncoding(fn.getContext());
    auto specialized = RankedTensorType::get(
        {staticSize(0, shape->first), staticSize(1, shape->second)}, element, encoding);
    if (specialized == type)
      continue;
    BlockArgument arg = entry.getArgument(i);
    arg.setType(specialized);
    inputs[i] = specialized;
    Value declared;
    for (OpOperand &use : llvm::make_early_inc_range(arg.getUses())) {
      // la.cast keeps its operand's format, and a CSR numerator of la.div
      // has structural zeros (0 / 0 = 0): both see the declared format.
      bool formatMatters =
          isa<la::CastOp>(use.getOwner()) ||
          (isa<la::DivOp>(use.getOwner()) && use.getOperandNumber() == 0 && isa<FloatType>(element));
      bool keepsFormat = formatMatters && encoding != type.getEncoding();
      if (isa<la::LADialect>(use.getOwner()->getDialect()) && !keepsFormat)
        continue;
      if (!declared)
        declared = encoding == type.getEncoding()
                       ? Value(tensor::CastOp::create(b, fn.getLoc(), type, arg))
                       : Value(la::ConvertOp::create(b, fn.getLoc(), type, arg));
      if (use.getOwner() != declared.getDefiningOp())
        use.set(declared);
    }
  }
  fn.setFunctionType(FunctionType::get(fn.getContext(), inputs, fn.getResultTypes()));
  return llvm::Error::success();
}

/// Writes `module` to `path` with its source locations (through a temporary
/// file: no half-written output on failure).
static llvm::Error writeModule(ModuleOp module, StringRef path) {
  std::error_code ec;
  llvm::ToolOutputFile out(path, ec, llvm::sys::fs::OF_Text);
  if (ec)
    return llvm::createStringError("cannot write " + path.str() + ": " + ec.message());
  // With locations: diagnostics of the written program name the source lines.
  module.print(out.os(), OpPrintingFlags().enableDebugInfo(/*enable=*/true, /*prettyForm=*/false));
  out.os().flush();
  if (out.os().has_error())
    return llvm::createStringError("cannot write " + path.str());
  out.keep();
  return llvm::Error::success();
}

llvm::Expected<SmallVector<EntrySignature>>
lowerToLLVMDialect(ModuleOp module, ArrayRef<std::string> entryNames,
                   const LoweringOptions &options, CompileTimes *times) {
  std::vector<std::string> names(entryNames.begin(), entryNames.end());
  if (names.empty())
    for (auto f : module.getOps<func::FuncOp>())
      if (!f.isExternal() && f.isPublic())
        names.push_back(f.getName().str());
  if (names.empty())
    return llvm::createStringError("the module has no public function with a body");

  SmallVector<EntrySignature> sigs;
  bool sparseBoundary = false;
  for (auto [k, name] : llvm::enumerate(names)) {
    auto fn = module.lookupSymbol<func::FuncOp>(name);
    if (!fn || fn.isExternal()) {
      std::string available;
      for (auto f : module.getOps<func::FuncOp>())
        if (!f.isExternal())
          available += (available.empty() ? "@" : ", @") + f.getName().str();
      return llvm::createStringError("no function @" + name + " with a body in the module" +
                                     (available.empty() ? "" : "; it defines " + available));
    }
    if (k == 0)
      if (llvm::Error err = specializeEntryParameters(fn, options))
        return std::move(err);
    auto sig = EntrySignature::of(fn);
    if (!sig)
      return sig.takeError();
    if (llvm::Error err = widenBoundaryTypes(fn))
      return std::move(err);
    for (const ValueKind &v : llvm::concat<const ValueKind>(sig->params, sig->results))
      sparseBoundary |= v.kind == ValueKind::SparseCSR;
    sigs.push_back(std::move(*sig));
  }

  MLIRContext *ctx = module.getContext();
  CompileTimes local;
  CompileTimes &t = times ? *times : local;
  auto start = std::chrono::steady_clock::now();
  PassManager decide(ctx);
  buildLADecisionPipeline(decide, options.optimize, options.formatEstimator,
                          /*fuseSelector=*/"none", options.rates, options.reuse);
  if (failed(decide.run(module)))
    return llvm::createStringError("optimizing the la program failed (see the errors above)");
  if (!options.laOutputFile.empty())
    if (llvm::Error err = writeModule(module, options.laOutputFile))
      return err;
  // The written program is the unfused one: fused operators compute what
  // their bodies compute (the difftest's oracle runs it).
  PassManager toLinalg(ctx);
  if (options.optimize)
    buildLAFusionPipeline(toLinalg, options.fuseSelector, options.rates);
  if (options.optimize && options.reuse)
    addInsertReuse(toLinalg, options.rates, options.reuseMargin);
  buildLALoweringPipeline(toLinalg, options.optimize, options.runtimeChecks);
  if (failed(toLinalg.run(module)))
    return llvm::createStringError("lowering la to linalg failed (see the errors above)");
  // Entries only read their parameters (the caller's buffers: a host calls
  // again with the same inputs, and the lineage cache identifies them once):
  // one-shot bufferization must not update one in place.
  for (const std::string &name : names) {
    auto fn = module.lookupSymbol<func::FuncOp>(name);
    for (unsigned i = 0; i < fn.getNumArguments(); ++i)
      if (isa<RankedTensorType>(fn.getArgumentTypes()[i]))
        fn.setArgAttr(i, "bufferization.writable", BoolAttr::get(ctx, false));
  }
  if (sparseBoundary) {
    // CSR parameters arrive as (positions, coordinates, values) buffers (and
    // their sizes if they are dynamic) and CSR results leave as such buffers
    // (owned by the caller) followed by their sizes. The sparse assembler
    // rewrites every public function; only entries are meant to be called
    // from outside.
    for (auto f : module.getOps<func::FuncOp>())
      if (!f.isExternal() && !llvm::is_contained(names, f.getName().str()))
        f.setPrivate();
    for (const std::string &name : names) {
      auto fn = module.lookupSymbol<func::FuncOp>(name);
      insertDynamicSparseParameters(fn);
      appendSparseResultSizes(fn);
    }
    PassManager assemble(ctx);
    // (libMLIR.so exports only the option-less constructor.)
    std::unique_ptr<Pass> assembler = createSparseAssembler();
    if (failed(assembler->initializeOptions("direct-out=true", [](const Twine &) {
          return failure();
        })))
      return llvm::createStringError("cannot set the sparse assembler's direct-out option");
    assemble.addPass(std::move(assembler));
    if (failed(assemble.run(module)))
      return llvm::createStringError("assembling sparse parameters failed (see the errors above)");
  }
  for (const std::string &name : names)
    module.lookupSymbol<func::FuncOp>(name)->setAttr("llvm.emit_c_interface", UnitAttr::get(ctx));
  t.laToLinalgMs = millisecondsSince(start);

  start = std::chrono::steady_clock::now();
  PassManager tail(ctx);
  buildCPUTail(tail, CPUTailOptions{options.vectorLength, /*sparseRuntimeLibrary=*/false,
                                    options.parallel, options.threads});
  if (failed(tail.run(module)))
    return llvm::createStringError("lowering to the LLVM dialect failed (see the errors above)");
  t.cpuTailMs = millisecondsSince(start);
  return sigs;
}

} // namespace lauryn
