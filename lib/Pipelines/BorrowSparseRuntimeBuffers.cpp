//===- BorrowSparseRuntimeBuffers.cpp - runtime storage is not ours to free ===//
//
// The MLIR sparse runtime's accessors (sparseValuesF64, sparsePositions0,
// sparseCoordinates0, ...) return memref views of arrays that the runtime's
// storage object owns. The ownership-based deallocation gives the caller the
// result of every call to an external function and frees it. Upstream has no
// way to mark a call result as borrowed, so around that pipeline the calls
// become pure casts without memref operands (results not owned), and come back
// afterwards.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"

namespace lauryn {
#define GEN_PASS_DEF_BORROWSPARSERUNTIMEBUFFERSPASS
#include "lauryn/Pipelines/Passes.h.inc"
} // namespace lauryn

using namespace mlir;

namespace {
constexpr llvm::StringLiteral kCallee = "lauryn.sparse_runtime_call";
constexpr llvm::StringLiteral kCallId = "lauryn.sparse_runtime_call_id";

/// The runtime's functions that return a view of arrays one of its objects
/// owns (mlir/ExecutionEngine/SparseTensorRuntime.h): the storage accessors
/// and the dimension sizes of a file reader.
bool isStorageAccessor(func::FuncOp callee) {
  StringRef name = callee.getSymName();
  return callee.isExternal() && callee.getNumResults() == 1 &&
         isa<MemRefType>(callee.getResultTypes()[0]) &&
         (name.starts_with("sparseValues") || name.starts_with("sparsePositions") ||
          name.starts_with("sparseCoordinates") || name == "getSparseTensorReaderDimSizes");
}

struct BorrowSparseRuntimeBuffersPass
    : lauryn::impl::BorrowSparseRuntimeBuffersPassBase<BorrowSparseRuntimeBuffersPass> {
  using BorrowSparseRuntimeBuffersPassBase::BorrowSparseRuntimeBuffersPassBase;

  void runOnOperation() override {
    if (restore)
      restoreCalls();
    else
      hideCalls();
  }

  void hideCalls() {
    SmallVector<func::CallOp> calls;
    getOperation().walk([&](func::CallOp call) {
      auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(call, call.getCalleeAttr());
      if (callee && isStorageAccessor(callee))
        calls.push_back(call);
    });
    int64_t id = 0;
    for (func::CallOp call : calls) {
      OpBuilder b(call);
      auto cast = UnrealizedConversionCastOp::create(b, call.getLoc(), call.getResultTypes(),
                                                     call.getOperands());
      cast->setAttr(kCallee, call.getCalleeAttr());
      cast->setAttr(kCallId, b.getI64IntegerAttr(id++));
      call.replaceAllUsesWith(cast.getResults());
      call.erase();
    }
  }

  void restoreCalls() {
    SmallVector<UnrealizedConversionCastOp> casts;
    getOperation().walk([&](UnrealizedConversionCastOp cast) {
      if (cast->hasAttr(kCallee))
        casts.push_back(cast);
    });
    for (UnrealizedConversionCastOp cast : casts) {
      auto symbol = cast->getAttrOfType<FlatSymbolRefAttr>(kCallee);
      auto callee = symbol ? SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(cast, symbol)
                           : func::FuncOp();
      if (!callee) {
        cast.emitError() << "'" << kCallee << "' does not name a function";
        return signalPassFailure();
      }
      FunctionType type = callee.getFunctionType();
      if (!llvm::equal(type.getInputs(), cast.getInputs().getTypes()) ||
          !llvm::equal(type.getResults(), cast.getResultTypes())) {
        cast.emitError() << "operand or result types differ from those of @"
                         << callee.getSymName() << " " << type;
        return signalPassFailure();
      }
      OpBuilder b(cast);
      auto call = func::CallOp::create(b, cast.getLoc(), callee, cast.getInputs());
      cast.replaceAllUsesWith(call.getResults());
      cast.erase();
    }
  }
};
} // namespace
