//===- LineageTest.cpp - lineage hashes: determinism and equalities -------===//

#include "TestUtils.h"

#include "lauryn/Dialect/LA/Transforms/Lineage.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace lauryn;

namespace {

constexpr llvm::StringLiteral kProgram = R"mlir(
func.func private @gram(%X: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %t = la.transpose %X : tensor<?x?xf64>
  %g = la.matmul %t, %X : tensor<?x?xf64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}
func.func @main(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>, %n: index) -> f64 {
  %a = la.add %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %b = la.add %Y, %X : tensor<?x?xf64>, tensor<?x?xf64>
  %c = la.sub %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %d = la.sub %Y, %X : tensor<?x?xf64>, tensor<?x?xf64>
  %r1 = la.rand %n, %n {seed = 1 : i64} : index, index -> tensor<?x?xf64>
  %r2 = la.rand %n, %n {seed = 1 : i64} : index, index -> tensor<?x?xf64>
  %r3 = la.rand %n, %n {seed = 2 : i64} : index, index -> tensor<?x?xf64>
  %u1 = la.rand %n, %n : index, index -> tensor<?x?xf64>
  %u2 = la.rand %n, %n : index, index -> tensor<?x?xf64>
  %g1 = func.call @gram(%X) : (tensor<?x?xf64>) -> tensor<?x?xf64>
  %g2 = func.call @gram(%X) : (tensor<?x?xf64>) -> tensor<?x?xf64>
  %g3 = func.call @gram(%Y) : (tensor<?x?xf64>) -> tensor<?x?xf64>
  %s = la.sum %a {la.lineage = #la.lineage<0x1>} : tensor<?x?xf64>
  %s2 = la.sum %a : tensor<?x?xf64>
  return %s : f64
}
)mlir";

/// Lineage of the results of all ops in walk order.
std::vector<uint64_t> lineageOf(MLIRContext &ctx, StringRef source) {
  auto module = test::parse(ctx, source);
  la::LineageHasher hasher;
  std::vector<uint64_t> ids;
  module->walk([&](Operation *op) {
    for (Value v : op->getResults())
      ids.push_back(hasher.get(v));
  });
  return ids;
}

struct Named {
  la::LineageHasher hasher;
  OwningOpRef<ModuleOp> module;
  llvm::StringMap<Value> values;
  Named(MLIRContext &ctx, StringRef source) : module(test::parse(ctx, source)) {
    // Name values by their first use order in the printed program: use the
    // ops' result names from the asm state (%a, %b, ...).
    AsmState state(*module);
    module->walk([&](Operation *op) {
      for (Value v : op->getResults()) {
        std::string name;
        llvm::raw_string_ostream os(name);
        v.printAsOperand(os, state);
        values[name] = v;
      }
    });
  }
  uint64_t operator[](StringRef name) { return hasher.get(values.lookup(name)); }
};

TEST(Lineage, DeterministicAcrossContexts) {
  auto ctx1 = test::makeContext();
  auto ctx2 = test::makeContext();
  EXPECT_EQ(lineageOf(*ctx1, kProgram), lineageOf(*ctx2, kProgram));
}

TEST(Lineage, IndependentOfNamesAndUnrelatedCode) {
  auto ctx = test::makeContext();
  auto ids = lineageOf(*ctx, R"mlir(
    func.func @main(%A: tensor<?x?xf64>) -> tensor<?x?xf64> {
      %0 = la.exp %A : tensor<?x?xf64>
      return %0 : tensor<?x?xf64>
    })mlir");
  auto moved = lineageOf(*ctx, R"mlir(
    func.func @main(%renamed: tensor<?x?xf64>) -> tensor<?x?xf64> {
      %unrelated = la.abs %renamed : tensor<?x?xf64>
      %e = la.exp %renamed : tensor<?x?xf64>
      return %e : tensor<?x?xf64>
    })mlir");
  EXPECT_EQ(ids[0], moved[1]);
}

TEST(Lineage, StableValue) {
  // The hash is a fixed function of the program (xxh3 over a little-endian
  // canonical encoding), so it must not change between runs or machines.
  auto ctx = test::makeContext();
  auto ids = lineageOf(*ctx, R"mlir(
    func.func @main(%A: tensor<?x?xf64>) -> tensor<?x?xf64> {
      %0 = la.exp %A : tensor<?x?xf64>
      return %0 : tensor<?x?xf64>
    })mlir");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(ids[0], 0xfed94736392e6d13ULL);
}

TEST(Lineage, EqualitiesAndDifferences) {
  auto ctx = test::makeContext();
  Named n(*ctx, kProgram);
  EXPECT_EQ(n["%0"], n["%1"]) << "commutative operands are sorted";
  EXPECT_NE(n["%2"], n["%3"]) << "sub is not commutative";
  EXPECT_NE(n["%0"], n["%2"]);
  EXPECT_EQ(n["%4"], n["%5"]) << "equal seeds give equal lineage";
  EXPECT_NE(n["%4"], n["%6"]) << "the seed is part of the lineage";
  EXPECT_NE(n["%7"], n["%8"]) << "unseeded rand is unique";
  EXPECT_EQ(n["%9"], n["%10"]) << "calls of a pure function with equal arguments";
  EXPECT_NE(n["%9"], n["%11"]);
  EXPECT_EQ(n["%12"], n["%13"]) << "annotations do not change lineage";
}

TEST(Lineage, MergeabilityFollowsDeterminismAndEffects) {
  auto ctx = test::makeContext();
  Named n(*ctx, kProgram);
  la::LineageHasher hasher;
  EXPECT_TRUE(hasher.isMergeable(n.values["%4"].getDefiningOp()));
  EXPECT_FALSE(hasher.isMergeable(n.values["%7"].getDefiningOp()));
  EXPECT_TRUE(hasher.isMergeable(n.values["%9"].getDefiningOp()));
}

TEST(Lineage, LoopBodyIsOnePatch) {
  auto ctx = test::makeContext();
  Named n(*ctx, R"mlir(
    func.func @main(%X: tensor<?x?xf64>, %w0: tensor<?x1xf64>, %n: index) -> tensor<?x1xf64> {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %r = scf.for %i = %c0 to %n step %c1 iter_args(%w = %w0) -> tensor<?x1xf64> {
        %p = la.matmul %X, %w : tensor<?x?xf64>, tensor<?x1xf64>
        scf.yield %p : tensor<?x1xf64>
      }
      %r2 = scf.for %i = %c0 to %n step %c1 iter_args(%w = %w0) -> tensor<?x1xf64> {
        %p = la.matmul %X, %w : tensor<?x?xf64>, tensor<?x1xf64>
        scf.yield %p : tensor<?x1xf64>
      }
      %q = la.matmul %X, %w0 : tensor<?x?xf64>, tensor<?x1xf64>
      return %r : tensor<?x1xf64>
    })mlir");
  // Equal loops have equal lineage; a body's matmul depends on the
  // placeholder %w, not on %w0.
  auto loops = test::all<scf::ForOp>(*n.module);
  auto matmuls = test::all<la::MatMulOp>(*n.module);
  ASSERT_EQ(loops.size(), 2u);
  ASSERT_EQ(matmuls.size(), 3u);
  EXPECT_EQ(n.hasher.get(loops[0].getResult(0)), n.hasher.get(loops[1].getResult(0)));
  EXPECT_EQ(n.hasher.get(matmuls[0]), n.hasher.get(matmuls[1]));
  EXPECT_NE(n.hasher.get(matmuls[0]), n.hasher.get(matmuls[2]));
}

TEST(Lineage, LongChainsDoNotExhaustTheStack) {
  // 100,000 dependent ops: hashing is iterative.
  std::string source = "func.func @main(%x: f64) -> f64 {\n  %v0 = la.neg %x : f64\n";
  const int n = 100000;
  for (int i = 1; i < n; ++i)
    source += "  %v" + std::to_string(i) + " = la.neg %v" + std::to_string(i - 1) + " : f64\n";
  source += "  return %v" + std::to_string(n - 1) + " : f64\n}\n";
  auto ctx = test::makeContext();
  auto module = test::parse(*ctx, source);
  la::LineageHasher hasher;
  auto ret = test::first<func::ReturnOp>(*module);
  uint64_t last = hasher.get(ret.getOperand(0));
  uint64_t first = hasher.get(test::first<la::NegOp>(*module).getResult());
  EXPECT_NE(last, first);
}

TEST(Lineage, RecursionDoesNotDependOnDefinitionOrder) {
  const char *f = R"mlir(
    func.func @f(%x: f64, %c: i1) -> f64 {
      %r = scf.if %c -> f64 {
        %y = func.call @g(%x, %c) : (f64, i1) -> f64
        scf.yield %y : f64
      } else {
        scf.yield %x : f64
      }
      return %r : f64
    })mlir";
  const char *g = R"mlir(
    func.func @g(%x: f64, %c: i1) -> f64 {
      %e = la.exp %x : f64
      %y = func.call @f(%e, %c) : (f64, i1) -> f64
      return %y : f64
    })mlir";
  const char *mainFn = R"mlir(
    func.func @main(%x: f64, %c: i1) -> (f64, f64) {
      %a = func.call @f(%x, %c) : (f64, i1) -> f64
      %b = func.call @g(%x, %c) : (f64, i1) -> f64
      return %a, %b : f64, f64
    })mlir";
  auto mainCalls = [&](const std::string &source) {
    auto ctx = test::makeContext();
    auto module = test::parse(*ctx, source);
    la::LineageHasher hasher;
    auto fn = module->lookupSymbol<func::FuncOp>("main");
    std::vector<uint64_t> ids;
    fn.walk([&](func::CallOp call) { ids.push_back(hasher.get(call.getResult(0))); });
    return ids;
  };
  EXPECT_EQ(mainCalls(std::string(f) + g + mainFn), mainCalls(std::string(g) + f + mainFn));
}

} // namespace
