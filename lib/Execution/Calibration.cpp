//===- Calibration.cpp - measure the cost model's rates on this machine ---===//
//
// Each rate is what generated code reaches, measured the way the cost model
// charges it:
// * bandwidth: Z = X + 3 * Y over 3 x 64 MiB (STREAM triad; 24 bytes a cell,
//   the result's fresh pages included, as every materialized op pays them);
// * cell-wise FLOP/s: sum(exp(X) * Y + X / Y) over operands that fit the
//   last-level cache, FLOPs counted with the ops' own cost weights
//   (CostOpInterface);
// * dense FLOP/s: a 768 x 768 x 768 matrix product (2 n^3 FLOPs);
// * sparse FLOP/s: CSR (200000 x 200000, 10 entries a row) times a dense
//   vector, 2 FLOPs per stored entry.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Execution/Calibration.h"

#include "lauryn/Dialect/LA/IR/LAOps.h"
#include "lauryn/Execution/JitProgram.h"
#include "lauryn/Runtime/LaurynRuntime.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"

#include <algorithm>
#include <chrono>
#include <random>

using namespace mlir;

namespace lauryn {
namespace {

constexpr const char *kTriad = R"mlir(
func.func @main(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %c = arith.constant 3.0 : f64
  %t = la.mul %Y, %c : tensor<?x?xf64>, f64
  %z = la.add %X, %t : tensor<?x?xf64>, tensor<?x?xf64>
  return %z : tensor<?x?xf64>
})mlir";

constexpr const char *kCellwise = R"mlir(
func.func @main(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>) -> f64 {
  %e = la.exp %X : tensor<?x?xf64>
  %m = la.mul %e, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %d = la.div %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %a = la.add %m, %d : tensor<?x?xf64>, tensor<?x?xf64>
  %s = la.sum %a : tensor<?x?xf64>
  return %s : f64
})mlir";

constexpr const char *kDense = R"mlir(
func.func @main(%A: tensor<?x?xf64>, %B: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %p = la.matmul %A, %B : tensor<?x?xf64>, tensor<?x?xf64>
  return %p : tensor<?x?xf64>
})mlir";

constexpr const char *kSparse = R"mlir(
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @main(%S: tensor<?x?xf64, #CSR>, %v: tensor<?x1xf64>) -> tensor<?x1xf64> {
  %p = la.matmul %S, %v : tensor<?x?xf64, #CSR>, tensor<?x1xf64>
  return %p : tensor<?x1xf64>
})mlir";

/// `count` rows x cols matrices of values in [0.5, 1.5).
llvm::Expected<llvm::SmallVector<HostValue>> denseMatrices(int count, int64_t rows, int64_t cols,
                                                           std::mt19937_64 &rng) {
  llvm::SmallVector<HostValue> out;
  std::uniform_real_distribution<double> uniform(0.5, 1.5);
  for (int c = 0; c < count; ++c) {
    lauryn_matrix *m = nullptr;
    if (lauryn_rt_matrix_create_dense(rows, cols, LAURYN_F64, &m) != LAURYN_OK)
      return llvm::createStringError(lauryn_rt_last_error());
    out.push_back(HostValue::ofMatrix(m));
    auto *cells = static_cast<double *>(m->values);
    for (int64_t k = 0; k < rows * cols; ++k)
      cells[k] = uniform(rng);
  }
  return out;
}

/// rows x cols with `perRow` entries in each row at random distinct columns.
llvm::Expected<HostValue> csrMatrix(int64_t rows, int64_t cols, int64_t perRow,
                                    std::mt19937_64 &rng) {
  lauryn_matrix *m = nullptr;
  if (lauryn_rt_matrix_create_csr(rows, cols, rows * perRow, LAURYN_F64, &m) != LAURYN_OK)
    return llvm::createStringError(lauryn_rt_last_error());
  HostValue v = HostValue::ofMatrix(m);
  std::uniform_int_distribution<int64_t> column(0, cols - 1);
  auto *values = static_cast<double *>(m->values);
  for (int64_t r = 0; r < rows; ++r) {
    m->positions[r] = r * perRow;
    int64_t *row = m->coordinates + r * perRow;
    for (int64_t k = 0; k < perRow; ++k)
      row[k] = column(rng);
    std::sort(row, row + perRow);
    for (int64_t k = 1; k < perRow; ++k) // distinct and sorted, still in range
      row[k] = std::max(row[k], row[k - 1] + 1);
    for (int64_t k = perRow - 1; k >= 0 && row[k] > cols - perRow + k; --k)
      row[k] = cols - perRow + k;
    for (int64_t k = 0; k < perRow; ++k)
      values[r * perRow + k] = 1.0;
  }
  m->positions[rows] = rows * perRow;
  return v;
}

/// FLOPs of one run of @main in `source` over `cells` cells, by the cost
/// model's own weights.
double cellFlops(ModuleOp module, double cells) {
  double flops = 0;
  module.walk([&](la::CostOpInterface op) { flops += op.getCellFlops() * cells; });
  return flops;
}

struct Kernel {
  const char *name;
  const char *source;
};

/// Compiles `kernel` and returns the best time in seconds of `repetitions`
/// runs on `args` (after one warm-up run).
llvm::Expected<double> bestTime(MLIRContext &context, const Kernel &kernel, unsigned threads,
                                unsigned repetitions, llvm::MutableArrayRef<HostValue> args,
                                double *flopsPerCell = nullptr) {
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(kernel.source, &context);
  if (!module)
    return llvm::createStringError(std::string("calibration kernel '") + kernel.name +
                                   "' does not parse");
  if (flopsPerCell)
    *flopsPerCell = cellFlops(*module, 1.0);
  JitOptions options;
  options.threads = threads;
  for (const HostValue &a : args)
    options.argumentShapes.push_back(
        a.matrix ? std::optional(std::pair(a.matrix->rows, a.matrix->cols)) : std::nullopt);
  auto program = JitProgram::compile(*module, options);
  if (!program)
    return program.takeError();
  double best = 1e300;
  for (unsigned k = 0; k <= repetitions; ++k) {
    auto start = std::chrono::steady_clock::now();
    auto results = (*program)->run(args);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!results)
      return results.takeError();
    if (k > 0)
      best = std::min(best, seconds);
  }
  return best;
}

} // namespace

llvm::Expected<TargetRates> calibrateTarget(MLIRContext &context, unsigned threads,
                                            unsigned repetitions, llvm::raw_ostream *log) {
  TargetRates rates;
  rates.threads = threads;
  rates.machine = llvm::sys::getHostCPUName().str();
  std::mt19937_64 rng(7);
  auto report = [&](const char *what, double value, const char *unit, double seconds) {
    if (log)
      *log << llvm::format("calibrate: %-10s %8.2f %s (best run %.3f ms)\n", what, value, unit,
                           seconds * 1e3);
  };

  // Best time of `kernel` on `args` in seconds; the rate is `work / time`.
  auto measure = [&](const Kernel &kernel, llvm::Expected<llvm::SmallVector<HostValue>> args,
                     double work, const char *unit, double *perCell = nullptr)
      -> llvm::Expected<double> {
    if (!args)
      return args.takeError();
    auto t = bestTime(context, kernel, threads, repetitions, *args, perCell);
    if (!t)
      return t.takeError();
    double rate = (perCell ? *perCell : 1.0) * work / *t / 1e9;
    report(kernel.name, rate, unit, *t);
    return rate;
  };
  // Bandwidth: 8 Mi cells per matrix, 24 bytes a cell.
  auto bandwidth = measure({"bandwidth", kTriad}, denseMatrices(2, 4096, 2048, rng),
                           24.0 * 4096 * 2048, "GB/s");
  if (!bandwidth)
    return bandwidth.takeError();
  rates.bandwidthGBs = *bandwidth;
  // Cell-wise code over 2 x 2 MiB (in the last-level cache: compute-bound).
  double perCell = 0;
  auto cellwise = measure({"cell-wise", kCellwise}, denseMatrices(2, 512, 512, rng), 512.0 * 512,
                          "GFLOP/s", &perCell);
  if (!cellwise)
    return cellwise.takeError();
  rates.cellGflops = *cellwise;
  // Dense products.
  auto dense =
      measure({"dense", kDense}, denseMatrices(2, 768, 768, rng), 2.0 * 768 * 768 * 768, "GFLOP/s");
  if (!dense)
    return dense.takeError();
  rates.denseGflops = *dense;
  // CSR (10 entries a row) times a dense vector.
  const int64_t n = 200000, perRow = 10;
  llvm::SmallVector<HostValue> spmv;
  auto s = csrMatrix(n, n, perRow, rng);
  if (!s)
    return s.takeError();
  spmv.push_back(std::move(*s));
  auto v = denseMatrices(1, n, 1, rng);
  if (!v)
    return v.takeError();
  spmv.push_back(std::move(v->front()));
  auto sparse = measure({"sparse", kSparse}, std::move(spmv), 2.0 * n * perRow, "GFLOP/s");
  if (!sparse)
    return sparse.takeError();
  rates.sparseGflops = *sparse;
  return rates;
}

} // namespace lauryn
