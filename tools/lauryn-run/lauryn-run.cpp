//===- lauryn-run.cpp - JIT-compile and run an la program -----------------===//
//
//   lauryn-run prog.mlir [--entry main] --arg X=data.mtx --arg lambda=0.1
//              [-o out.mtx] [--stats]
//
// Arguments bind by the parameter names of the entry function (%X -> X) and
// are files (.mtx .mm .csv .tsv .npy), numbers, or generated data
// (rand:ROWSxCOLS[:density[:seed]], fill:ROWSxCOLS:VALUE). Small results are
// printed; matrix results are written with -o (comma-separated, in order).
//
//   lauryn-run --calibrate [--rates rates.json] [--threads N]
//
// measures the cost model's bandwidth and FLOP rates on this machine (and
// writes them for later `--rates rates.json`).
//
//===----------------------------------------------------------------------===//

#include "lauryn/Execution/Calibration.h"
#include "lauryn/Execution/InputStatistics.h"
#include "lauryn/Execution/JitProgram.h"
#include "lauryn/Execution/ProgramParser.h"
#include "lauryn/InitAll.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <random>
#include <sys/resource.h>
#include <unistd.h>

using namespace mlir;
namespace cl = llvm::cl;

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<program.mlir>"), cl::init("-"));
static cl::opt<std::string> entryName("entry", cl::desc("Entry function (default: main)"),
                                      cl::init("main"));
static cl::list<std::string> argValues(
    "arg", cl::desc("NAME=VALUE: a file (.mtx .mm .csv .tsv .npy), a number, "
                    "rand:ROWSxCOLS[:density[:seed]] or fill:ROWSxCOLS:VALUE"));
static cl::opt<std::string> outputFiles(
    "o", cl::desc("Files for the matrix results, comma-separated, in result order"),
    cl::value_desc("files"));
static cl::opt<bool> noOptimize("no-optimize", cl::desc("Skip the la optimizations"));
static cl::opt<bool> noSpecialize(
    "no-specialize", cl::desc("Compile for the declared parameter types instead of the "
                              "arguments' shapes (the code then works for any shape)"));
static cl::opt<bool> explain(
    "la-explain", cl::desc("Print shape, format, sparsity estimate and memory of every matrix "
                           "value, estimated from the actual inputs (to stderr), then run"));
static cl::opt<bool> selectFormats(
    "select-formats",
    cl::desc("Choose dense or CSR storage per value (la-select-formats) from sparsity "
             "estimates of the actual inputs (zeros stored implicitly contribute nothing, "
             "also against Inf/NaN)"));
static cl::opt<std::string> fuseSelector(
    "fuse", cl::init("cost"), cl::value_desc("selector"),
    cl::desc("Operator fusion plan selector (la-fuse): cost (default), all, heuristic or none"));
static cl::opt<std::string> emitLA(
    "emit-la", cl::value_desc("file"),
    cl::desc("Write the la program as compiled (after the la optimizations and format "
             "selection, before fusion and lowering) to this file"));
static cl::opt<std::string> estimatorName(
    "estimator", cl::init("mnc"),
    cl::desc("Sparsity estimator of --la-explain and --select-formats: avg, worst, bitset, "
             "density-map, sample, layered-graph, mnc, mnc-basic"));
static cl::opt<unsigned> llvmOptLevel("O", cl::Prefix, cl::init(3),
                                     cl::desc("LLVM optimization level: -O0, -O1, -O2 or -O3 (default)"));
static cl::opt<bool> noChecks("no-runtime-checks",
                              cl::desc("Do not check dynamic shapes and bounds at run time"));
static cl::opt<int> vectorLength("vector-length", cl::desc("Vector length of sparse loops"),
                                 cl::init(0));
static cl::opt<unsigned> repeat("repeat",
                               cl::desc("Run the entry this many times after one untimed "
                                        "warm-up run, each from an empty lineage cache; "
                                        "--stats reports min and median"),
                               cl::init(1));
static cl::opt<bool> calibrate(
    "calibrate", cl::desc("Measure the bandwidth and FLOP rates of generated code on this "
                          "machine (written to the --rates file if given) instead of running "
                          "a program"));
static cl::opt<std::string> ratesFile(
    "rates", cl::value_desc("file"),
    cl::desc("Bandwidth and FLOP rates of the cost-based decisions (JSON, written by "
             "--calibrate); default: the passes' built-in rates"));
static cl::opt<bool> reuse(
    "reuse", cl::init(true),
    cl::desc("Serve values worth caching from the run-time lineage cache across calls "
             "(la-insert-reuse) and compute products over cbind / rbind from their blocks "
             "(la-partial-reuse; docs/reuse.md); --reuse=false compiles without both"));
static cl::opt<double> reuseMargin(
    "reuse-margin", cl::init(-1), cl::value_desc("factor"),
    cl::desc("Factor by which a value's compute time must exceed the overhead of caching it "
             "(la-insert-reuse margin; default 10, 0 caches every candidate)"));
static cl::opt<unsigned> calls(
    "calls", cl::init(1),
    cl::desc("Call the entry this many times in one process, keeping the lineage cache "
             "between calls; the last call's results are printed"));
static cl::opt<std::string> inputIdentity(
    "input-identity", cl::init("content"), cl::value_desc("kind"),
    cl::desc("Identity of matrix arguments in lineage keys: content (hashed once after "
             "loading, default), file (path, size and modification time of the file it was "
             "read from; content for generated data) or per-call (hashed by the compiled code "
             "at every call, as a library called with the caller's buffers does)"));
static cl::opt<double> cacheBudget(
    "cache-budget", cl::init(0), cl::value_desc("MiB"),
    cl::desc("Budget of the lineage cache in MiB (default: 5 % of the physical memory); a "
             "larger value is not cached, and a full cache evicts (--cache-policy)"));
static cl::opt<std::string> cachePolicy(
    "cache-policy", cl::init("cost-size"), cl::value_desc("policy"),
    cl::desc("What a full lineage cache evicts first: cost-size (lowest compute time x "
             "(1 + hits) / bytes, default), lru (least recently used) or dag-height (the "
             "highest lineage DAG)"));
static cl::opt<std::string> cacheSpill(
    "cache-spill", cl::ValueOptional, cl::value_desc("dir"),
    cl::desc("Spill evicted values whose compute time exceeds the time to write and read "
             "them to files of a private directory in DIR (default $TMPDIR, else /tmp), "
             "read back by the next hit; the directory is removed at exit"));
static cl::opt<std::string> sweep(
    "sweep", cl::value_desc("NAME=V1,V2,..."),
    cl::desc("Run the entry once per value (a number, or a matrix file or generator) of the "
             "parameter NAME, in one process: a hyper-parameter sweep, whose values computed "
             "before come from the lineage cache. With -o, out.npy becomes out-0.npy, "
             "out-1.npy, ... (one per value)"));
static cl::opt<int64_t> printLimit("print-limit",
                                   cl::desc("Print matrices with at most this many cells"),
                                   cl::init(100));

static int fail(const llvm::Twine &message) {
  llvm::errs() << "lauryn-run: error: " << message << "\n";
  return 1;
}

/// Applies --cache-budget, --cache-policy and --cache-spill (the runtime's
/// defaults otherwise); 0 or the exit status of a diagnosed error.
static int configureCache() {
  if (!cacheBudget.getNumOccurrences() && !cachePolicy.getNumOccurrences() &&
      !cacheSpill.getNumOccurrences())
    return 0;
  lauryn_cache_options o;
  lauryn_rt_cache_options_init(&o);
  if (cacheBudget.getNumOccurrences()) {
    if (!(cacheBudget > 0) || cacheBudget > 1e12)
      return fail("--cache-budget needs a size in MiB > 0, got " + std::to_string(cacheBudget));
    o.budget_bytes = int64_t(double(cacheBudget) * 1048576.0);
  }
  if (cachePolicy == "cost-size")
    o.policy = LAURYN_CACHE_COST_SIZE;
  else if (cachePolicy == "lru")
    o.policy = LAURYN_CACHE_LRU;
  else if (cachePolicy == "dag-height")
    o.policy = LAURYN_CACHE_DAG_HEIGHT;
  else
    return fail("--cache-policy=" + cachePolicy + ": the policy is cost-size, lru or dag-height");
  if (cacheSpill.getNumOccurrences()) {
    o.spill = 1;
    o.spill_dir = cacheSpill.empty() ? nullptr : cacheSpill.c_str();
  }
  if (lauryn_rt_cache_configure(&o) != LAURYN_OK)
    return fail(lauryn_rt_last_error());
  return 0;
}

/// A failed run-time check (cf.assert) has printed its message and aborts:
/// turn that into an ordinary error exit.
static void onAbort(int) {
  fflush(stdout); // the check's message (written by puts)
  static const char msg[] = "lauryn-run: error: the program stopped at a failed run-time check\n";
  ssize_t ignored = write(STDERR_FILENO, msg, sizeof(msg) - 1);
  (void)ignored;
  _exit(1);
}

/// ROWSxCOLS
static bool parseShape(llvm::StringRef s, int64_t &rows, int64_t &cols) {
  auto [r, c] = s.split('x');
  return !r.getAsInteger(10, rows) && !c.getAsInteger(10, cols) && rows >= 0 && cols >= 0;
}

static bool parseDouble(llvm::StringRef s, double &v) {
  std::string text = s.str();
  char *end = nullptr;
  v = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size();
}

/// Generated data: rand:RxC[:density[:seed]] or fill:RxC:value.
static llvm::Expected<lauryn::HostValue> generate(llvm::StringRef spec) {
  llvm::SmallVector<llvm::StringRef> parts;
  spec.split(parts, ':');
  int64_t rows, cols;
  auto bad = [&]() {
    return llvm::createStringError("malformed generator '" + spec.str() +
                                   "'; expected rand:ROWSxCOLS[:density[:seed]] or "
                                   "fill:ROWSxCOLS:VALUE");
  };
  if (parts.size() < 2 || !parseShape(parts[1], rows, cols))
    return bad();
  lauryn_matrix *m = nullptr;
  if (lauryn_rt_matrix_create_dense(rows, cols, LAURYN_F64, &m) != LAURYN_OK)
    return llvm::createStringError(lauryn_rt_last_error());
  lauryn::HostValue v = lauryn::HostValue::ofMatrix(m);
  double *cells = static_cast<double *>(m->values);
  if (parts[0] == "fill") {
    double value;
    if (parts.size() != 3 || !parseDouble(parts[2], value))
      return bad();
    std::fill(cells, cells + rows * cols, value);
    return v;
  }
  if (parts[0] != "rand" || parts.size() > 4)
    return bad();
  double density = 1.0;
  uint64_t seed = 42;
  if (parts.size() > 2 && (!parseDouble(parts[2], density) || density < 0 || density > 1))
    return bad();
  if (parts.size() > 3 && parts[3].getAsInteger(10, seed))
    return bad();
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (int64_t k = 0; k < rows * cols; ++k) {
    double x = uniform(rng);
    cells[k] = (density >= 1.0 || uniform(rng) < density) ? x : 0.0;
  }
  return v;
}

/// A number, generated data, or a file read directly into `dtype` (the
/// parameter's element type: an i64 file keeps all 64 bits, text is rounded
/// once).
static llvm::Expected<lauryn::HostValue> parseValue(llvm::StringRef text, lauryn_dtype dtype) {
  if (text.starts_with("rand:") || text.starts_with("fill:"))
    return generate(text);
  int64_t i;
  if (!text.getAsInteger(10, i))
    return lauryn::HostValue::ofInt(i);
  double d;
  if (parseDouble(text, d))
    return lauryn::HostValue::ofFloat(d);
  lauryn_matrix *m = nullptr;
  lauryn_read_options opts;
  lauryn_rt_read_options_init(&opts);
  opts.dtype = dtype;
  if (lauryn_rt_read(text.str().c_str(), &opts, &m) != LAURYN_OK)
    return llvm::createStringError(lauryn_rt_last_error());
  return lauryn::HostValue::ofMatrix(m);
}

/// "3x4 f64", or "3x4 f64 CSR with 5 non-zeros".
static std::string describeMatrix(const lauryn_matrix *m) {
  std::string s = std::to_string(m->rows) + "x" + std::to_string(m->cols) + " " +
                  lauryn_rt_dtype_name(m->dtype);
  if (m->format == LAURYN_FORMAT_CSR)
    s += " CSR with " + std::to_string(m->nnz) + " non-zeros";
  return s;
}

/// Cell (r, c) of an i64 or i32 matrix, dense or CSR.
static int64_t integerCell(const lauryn_matrix *m, int64_t r, int64_t c) {
  int64_t k = r * m->cols + c;
  if (m->format == LAURYN_FORMAT_CSR) {
    const int64_t *begin = m->coordinates + m->positions[r];
    const int64_t *end = m->coordinates + m->positions[r + 1];
    const int64_t *at = std::lower_bound(begin, end, c);
    if (at == end || *at != c)
      return 0;
    k = at - m->coordinates;
  }
  return m->dtype == LAURYN_I64 ? static_cast<const int64_t *>(m->values)[k]
                                : static_cast<const int32_t *>(m->values)[k];
}

static void printValue(llvm::raw_ostream &os, const lauryn::HostValue &v) {
  if (!v.matrix) {
    if (v.kind != lauryn::ValueKind::Index && (v.dtype == LAURYN_F64 || v.dtype == LAURYN_F32))
      os << llvm::format("%.17g", v.f);
    else
      os << v.i;
    return;
  }
  const lauryn_matrix *m = v.matrix;
  os << describeMatrix(m) << "\n";
  for (int64_t r = 0; r < m->rows; ++r) {
    os << "  [";
    for (int64_t c = 0; c < m->cols; ++c) {
      os << (c ? ", " : "");
      if (m->dtype == LAURYN_I64 || m->dtype == LAURYN_I32) {
        os << integerCell(m, r, c); // all digits (a double has 53 bits)
        continue;
      }
      double x = 0;
      lauryn_rt_matrix_get(m, r, c, &x);
      os << llvm::format("%.10g", x);
    }
    os << "]\n";
  }
}

static double peakMemoryMiB() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) / 1024.0;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  // --stats and --threads are taken out before LLVM's parser, which owns
  // unrelated options of the same names.
  bool printStats = false;
  unsigned threads = 0;
  std::vector<char *> arguments;
  for (int k = 0; k < argc; ++k) {
    llvm::StringRef a(argv[k]);
    if (a == "--stats" || a == "-stats") {
      printStats = true;
    } else if (a == "--threads" || a == "-threads" || a.starts_with("--threads=")) {
      llvm::StringRef value = a.contains('=') ? a.split('=').second
                                              : (k + 1 < argc ? llvm::StringRef(argv[++k]) : "");
      if (value.getAsInteger(10, threads))
        return fail("--threads needs a number of threads, got '" + value + "'");
    } else {
      arguments.push_back(argv[k]);
    }
  }
  cl::ParseCommandLineOptions(
      int(arguments.size()), arguments.data(),
      "Lauryn JIT runner: compile an la program and run it\n\n"
      "  --stats       print compile time per phase, run time and peak memory\n"
      "  --threads N   threads of parallel loops (OpenMP) and matrix products (OpenBLAS) "
      "(default: OMP_NUM_THREADS / OPENBLAS_NUM_THREADS or all cores)\n");

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  lauryn::registerAllDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  if (threads > 0)
    lauryn_rt_blas_set_threads(int(threads));

  if (calibrate) {
    auto rates = lauryn::calibrateTarget(context, threads, 5, &llvm::errs());
    if (!rates)
      return fail("calibration: " + llvm::toString(rates.takeError()));
    llvm::outs() << "rates: " << rates->describe() << "\n";
    if (!ratesFile.empty()) {
      if (llvm::Error err = rates->write(ratesFile))
        return fail(llvm::toString(std::move(err)));
      llvm::outs() << "written to " << ratesFile << "\n";
    }
    return 0;
  }
  lauryn::TargetRates rates;
  if (!ratesFile.empty()) {
    auto read = lauryn::TargetRates::read(ratesFile);
    if (!read)
      return fail(llvm::toString(read.takeError()));
    rates = std::move(*read);
  }

  auto start = std::chrono::steady_clock::now();
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  std::string error;
  OwningOpRef<ModuleOp> module = lauryn::loadProgram(inputFile, sourceMgr, &context, error);
  if (!module)
    return error.empty() ? 1 : fail(error);
  double parseMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

  auto entry = module->lookupSymbol<func::FuncOp>(entryName);
  if (!entry || entry.isExternal()) {
    std::string available;
    for (auto f : module->getOps<func::FuncOp>())
      if (!f.isExternal())
        available += (available.empty() ? "@" : ", @") + f.getName().str();
    return fail("no function @" + entryName + " with a body in the module" +
                (available.empty() ? std::string() : "; it defines " + available));
  }
  auto declared = lauryn::EntrySignature::of(entry);
  if (!declared)
    return fail(llvm::toString(declared.takeError()));
  const lauryn::EntrySignature &sig = *declared;

  // Bind and load the arguments first: their shapes specialize the program.
  llvm::SmallVector<lauryn::HostValue> args(sig.params.size());
  llvm::SmallVector<bool> given(sig.params.size(), false);
  // The file each matrix argument was read from (--input-identity=file).
  llvm::SmallVector<std::optional<std::string>> argFiles(sig.params.size());
  auto paramName = [&](size_t p) {
    return sig.params[p].name.empty() ? "#" + std::to_string(p) : sig.params[p].name;
  };
  for (const std::string &spec : argValues) {
    auto [name, text] = llvm::StringRef(spec).split('=');
    if (!llvm::StringRef(spec).contains('='))
      return fail("--arg '" + spec + "' must be NAME=VALUE");
    size_t index = sig.params.size();
    for (size_t p = 0; p < sig.params.size(); ++p)
      if (paramName(p) == name)
        index = p;
    if (index == sig.params.size()) {
      std::string known;
      for (size_t p = 0; p < sig.params.size(); ++p)
        known += (p ? ", " : "") + paramName(p);
      return fail("@" + sig.name + " has no parameter '" + name.str() + "'; its parameters are " +
                  (known.empty() ? std::string("(none)") : known));
    }
    if (given[index])
      return fail("parameter '" + name.str() + "' is given twice");
    auto value = parseValue(text, sig.params[index].dtype);
    if (!value)
      return fail("--arg " + name.str() + ": " + llvm::toString(value.takeError()));
    if (sig.params[index].isMatrix() != bool(value->matrix))
      return fail("--arg " + name.str() + ": parameter '" + name.str() + "' is " +
                  sig.params[index].describe() + ", got " +
                  (value->matrix ? "a matrix" : "a number"));
    if (value->matrix && !text.starts_with("rand:") && !text.starts_with("fill:"))
      argFiles[index] = text.str();
    args[index] = std::move(*value);
    given[index] = true;
  }
  // --sweep NAME=V1,V2,...: a parameter bound to each value in turn (loaded
  // once, before the runs).
  size_t sweepIndex = sig.params.size();
  llvm::SmallVector<llvm::StringRef> sweepValues;
  llvm::SmallVector<lauryn::HostValue> sweepArgs;
  if (!sweep.empty()) {
    auto [name, list] = llvm::StringRef(sweep).split('=');
    for (size_t p = 0; p < sig.params.size(); ++p)
      if (paramName(p) == name)
        sweepIndex = p;
    if (!llvm::StringRef(sweep).contains('=') || sweepIndex == sig.params.size())
      return fail("--sweep '" + sweep + "' must be NAME=V1,V2,... with NAME a parameter of @" +
                  sig.name);
    if (given[sweepIndex])
      return fail("parameter '" + name.str() + "' is given by both --arg and --sweep");
    list.split(sweepValues, ',');
    for (llvm::StringRef text : sweepValues) {
      auto value = parseValue(text, sig.params[sweepIndex].dtype);
      if (!value)
        return fail("--sweep " + name.str() + ": " + llvm::toString(value.takeError()));
      if (sig.params[sweepIndex].isMatrix() != bool(value->matrix))
        return fail("--sweep " + name.str() + ": parameter '" + name.str() + "' is " +
                    sig.params[sweepIndex].describe() + ", got " +
                    (value->matrix ? "a matrix" : "a number") + " ('" + text.str() + "')");
      sweepArgs.push_back(std::move(*value));
    }
    // The first value specializes the program (matrices of other shapes need
    // --no-specialize).
    std::swap(args[sweepIndex], sweepArgs.front());
    given[sweepIndex] = true;
  }
  // The file a sweep value was read from (--input-identity=file).
  auto sweepFile = [&](size_t v) -> std::optional<std::string> {
    llvm::StringRef text = sweepValues[v];
    if (sweepArgs.empty() || !args[sweepIndex].matrix || text.starts_with("rand:") ||
        text.starts_with("fill:"))
      return std::nullopt;
    return text.str();
  };
  for (size_t p = 0; p < sig.params.size(); ++p)
    if (!given[p])
      return fail("missing --arg for parameter " +
                  (sig.params[p].name.empty() ? paramName(p) : "'" + paramName(p) + "'") + " (" +
                  sig.params[p].describe() + ")");

  lauryn::JitOptions options;
  options.entry = entryName;
  options.optimize = !noOptimize;
  options.runtimeChecks = !noChecks;
  if (fuseSelector != "cost" && fuseSelector != "all" && fuseSelector != "heuristic" &&
      fuseSelector != "none")
    return fail("--fuse=" + fuseSelector + ": the selector is cost, all, heuristic or none");
  options.fuseSelector = fuseSelector;
  options.reuse = reuse;
  if (reuseMargin.getNumOccurrences()) {
    if (!(reuseMargin >= 0))
      return fail("--reuse-margin needs a factor >= 0, got " + std::to_string(reuseMargin));
    options.reuseMargin = double(reuseMargin);
  }
  if (calls < 1)
    return fail("--calls needs at least 1 call");
  if (int status = configureCache(); status != 0)
    return status;
  options.rates = rates;
  options.vectorLength = vectorLength;
  options.threads = threads;
  if (llvmOptLevel > 3)
    return fail("-O" + llvm::Twine(llvmOptLevel) + ": the LLVM optimization level is 0, 1, 2 or 3");
  options.llvmOptLevel = llvmOptLevel;
  for (const lauryn::HostValue &a : noSpecialize ? llvm::ArrayRef<lauryn::HostValue>() : args)
    options.argumentShapes.push_back(
        a.matrix ? std::optional(std::pair(a.matrix->rows, a.matrix->cols)) : std::nullopt);
  if (llvm::Error err = lauryn::checkEstimatorName(estimatorName))
    return fail(llvm::toString(std::move(err)));
  if (selectFormats) {
    // Estimates need the inputs' shapes: the program is specialized to them.
    if (noSpecialize)
      return fail("--select-formats needs the inputs' shapes; it cannot be combined with "
                  "--no-specialize");
    lauryn::annotateInputStatistics(entry, args);
    options.formatEstimator = estimatorName;
    for (const lauryn::HostValue &a : args)
      options.csrArguments.push_back(a.matrix && a.matrix->format == LAURYN_FORMAT_CSR);
  }
  if (explain) {
    llvm::errs() << "cost rates: " << rates.describe()
                 << (ratesFile.empty() ? "" : " from " + ratesFile) << "\n";
    lauryn::LoweringOptions shapes = options;
    shapes.argumentShapes.clear();
    for (const lauryn::HostValue &a : args)
      shapes.argumentShapes.push_back(
          a.matrix ? std::optional(std::pair(a.matrix->rows, a.matrix->cols)) : std::nullopt);
    if (llvm::Error err = lauryn::explainForInputs(*module, entryName, args, shapes, estimatorName,
                                                   selectFormats))
      return fail(llvm::toString(std::move(err)));
  }
  options.laOutputFile = emitLA;
  lauryn::CompileTimes times;
  auto program = lauryn::JitProgram::compile(*module, options, &times);
  if (!program)
    return fail(llvm::toString(program.takeError()));

  // Input identities (docs/reuse.md): registered once here, so compiled code
  // does not hash an input at every call.
  if (inputIdentity != "content" && inputIdentity != "file" && inputIdentity != "per-call")
    return fail("--input-identity=" + inputIdentity + ": the kind is content, file or per-call");
  auto unregister = [&] {
    for (const lauryn::HostValue &a : llvm::concat<const lauryn::HostValue>(args, sweepArgs))
      lauryn_rt_reuse_unregister_input(a.matrix);
  };
  auto registerInput = [&](const lauryn::HostValue &a,
                           const std::optional<std::string> &file) -> int {
    if (!a.matrix)
      return LAURYN_OK;
    uint64_t identity = lauryn_rt_matrix_hash(a.matrix);
    if (inputIdentity == "file" && file)
      if (int status = lauryn_rt_file_identity(file->c_str(), &identity); status != LAURYN_OK)
        return status;
    return lauryn_rt_reuse_register_input(a.matrix, identity);
  };
  if (reuse && inputIdentity != "per-call") {
    for (auto [p, a] : llvm::enumerate(args))
      if (registerInput(a, p == sweepIndex ? sweepFile(0) : argFiles[p]) != LAURYN_OK)
        return fail(lauryn_rt_last_error());
    for (auto [v, a] : llvm::enumerate(sweepArgs))
      if (v > 0 && registerInput(a, sweepFile(v)) != LAURYN_OK)
        return fail(lauryn_rt_last_error());
  }

  std::signal(SIGABRT, onAbort);
  llvm::outs().flush();
  std::vector<double> runMs;
  // One entry per run of a sweep (one run without --sweep).
  llvm::SmallVector<llvm::SmallVector<lauryn::HostValue>, 1> runs;
  std::string runError;
  size_t sweepRuns = sweepValues.empty() ? 1 : sweepValues.size();
  for (unsigned k = 0; k < (repeat > 1 ? repeat + 1 : 1) && runError.empty(); ++k) {
    lauryn_rt_cache_clear(); // every repetition measures the same work
    lauryn_rt_cache_reset_stats();
    runs.clear();
    start = std::chrono::steady_clock::now();
    for (size_t v = 0; v < sweepRuns; ++v) {
      if (v > 0) // values take turns in args[sweepIndex]; the first is there
        std::swap(args[sweepIndex], sweepArgs[v]);
      llvm::SmallVector<lauryn::HostValue> last;
      for (unsigned c = 0; c < calls && runError.empty(); ++c) {
        auto results = (*program)->run(args);
        if (!results)
          runError = llvm::toString(results.takeError());
        else
          last = std::move(*results);
      }
      if (v > 0)
        std::swap(args[sweepIndex], sweepArgs[v]);
      if (!runError.empty())
        break;
      runs.push_back(std::move(last));
    }
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (repeat <= 1 || k > 0) // the first of several runs warms up
      runMs.push_back(ms);
  }
  std::signal(SIGABRT, SIG_DFL);
  unregister();
  if (!runError.empty())
    return fail(runError);

  llvm::SmallVector<llvm::StringRef> outputs;
  if (!outputFiles.empty())
    llvm::StringRef(outputFiles).split(outputs, ',');
  size_t nextOutput = 0;
  for (auto [v, results] : llvm::enumerate(runs)) {
    nextOutput = 0;
    if (!sweepValues.empty())
      llvm::outs() << "sweep " << paramName(sweepIndex) << "=" << sweepValues[v] << ":\n";
    for (auto [r, value] : llvm::enumerate(results)) {
      llvm::outs() << "result #" << r << ": ";
      if (value.matrix && nextOutput < outputs.size()) {
        std::string path = outputs[nextOutput++].str();
        if (!sweepValues.empty()) { // dir/out.npy -> dir/out-<v>.npy, one per sweep value
          llvm::SmallString<256> named(llvm::sys::path::parent_path(path));
          llvm::sys::path::append(named, llvm::sys::path::stem(path) + "-" + llvm::Twine(v) +
                                             llvm::sys::path::extension(path));
          path = std::string(named);
        }
        if (lauryn_rt_write(path.c_str(), value.matrix, nullptr) != LAURYN_OK)
          return fail(lauryn_rt_last_error());
        llvm::outs() << describeMatrix(value.matrix) << " written to " << path << "\n";
        continue;
      }
      if (value.matrix && value.matrix->rows * value.matrix->cols > printLimit) {
        llvm::outs() << describeMatrix(value.matrix) << " (not printed: more than " << printLimit
                     << " cells; use -o FILE)\n";
        continue;
      }
      printValue(llvm::outs(), value);
      if (!value.matrix)
        llvm::outs() << "\n";
    }
  }
  if (nextOutput < outputs.size())
    return fail("-o names " + std::to_string(outputs.size()) + " files but @" + sig.name +
                " returns " + std::to_string(nextOutput) + " matrices");

  llvm::outs().flush();
  if (printStats) {
    std::sort(runMs.begin(), runMs.end());
    double median = runMs.size() % 2 ? runMs[runMs.size() / 2]
                                     : 0.5 * (runMs[runMs.size() / 2 - 1] + runMs[runMs.size() / 2]);
    llvm::errs() << llvm::format("stats: parse %.1f ms, la->linalg %.1f ms, cpu tail %.1f ms, "
                                 "llvm %.1f ms, run %.3f ms (min of %zu; median %.3f ms), "
                                 "peak memory %.1f MiB\n",
                                 parseMs, times.laToLinalgMs, times.cpuTailMs, times.llvmMs,
                                 runMs.front(), runMs.size(), median, peakMemoryMiB());
    lauryn_cache_stats cache;
    lauryn_rt_cache_get_stats(&cache);
    llvm::errs() << llvm::format(
        "stats: lineage cache (last run): %lld hits, %lld misses, %lld puts, %lld rejected, "
        "%lld evictions, %lld spills, %lld restores, %lld entries, %.1f MiB (peak %.1f MiB), "
        "%.1f MiB on disk, %.3f s of compute saved\n",
        (long long)cache.hits, (long long)cache.misses, (long long)cache.puts,
        (long long)cache.rejected, (long long)cache.evictions, (long long)cache.spills,
        (long long)cache.restores, (long long)cache.entries, double(cache.bytes) / 1048576.0,
        double(cache.peak_bytes) / 1048576.0, double(cache.spilled_bytes) / 1048576.0,
        cache.saved_seconds);
  }
  return 0;
}
