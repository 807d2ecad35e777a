//===- laurync.cpp - ahead-of-time compiler for la programs ---------------===//
//
//   laurync prog.mlir -o libprog.so [--emit so|obj|llvm|mlir] [--header prog.h]
//           [--entry NAME]... [--native]
//
// Compiles the entry functions (default: every public function with a body)
// to a shared library, an object file, LLVM IR or the LLVM dialect, and writes
// a C header declaring them (see the generated header for the calling
// convention).
//
//===----------------------------------------------------------------------===//

#include "lauryn/Execution/AotCompiler.h"
#include "lauryn/Execution/EntryPoint.h"
#include "lauryn/Execution/ProgramParser.h"
#include "lauryn/InitAll.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace cl = llvm::cl;

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<program.mlir>"), cl::init("-"));
static cl::opt<std::string> outputFile("o", cl::desc("Output file"), cl::value_desc("file"),
                                       cl::Required);
static cl::opt<std::string> emit("emit",
                                 cl::desc("What to write: so (shared library, default), obj, "
                                          "llvm (LLVM IR), mlir (LLVM dialect)"),
                                 cl::init("so"));
static cl::opt<std::string> headerFile("header",
                                       cl::desc("C header to write (default: <output stem>.h "
                                                "next to a .so or .o output)"),
                                       cl::value_desc("file"));
static cl::list<std::string> entries("entry", cl::desc("Entry function (repeatable; default: "
                                                       "every public function with a body)"));
static cl::opt<bool> native("native", cl::desc("Tune for this machine's CPU and its features "
                                               "(default: portable x86-64-v2)"));
static cl::opt<bool> noOptimize("no-optimize", cl::desc("Skip the la optimizations"));
static cl::opt<unsigned> llvmOptLevel("O", cl::Prefix, cl::init(3),
                                     cl::desc("LLVM optimization level: -O0, -O1, -O2 or -O3 (default)"));
static cl::opt<std::string> ratesFile(
    "rates", cl::value_desc("file"),
    cl::desc("Bandwidth and FLOP rates of the cost-based decisions (JSON, written by "
             "lauryn-run --calibrate on the target); default: the passes' built-in rates"));
static cl::opt<bool> noChecks("no-runtime-checks",
                              cl::desc("Do not check dynamic shapes and bounds at run time"));

static int fail(const llvm::Twine &message) {
  llvm::errs() << "laurync: error: " << message << "\n";
  return 1;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "Lauryn ahead-of-time compiler\n");

  lauryn::AotOptions options;
  if (emit == "so")
    options.emit = lauryn::EmitKind::SharedLibrary;
  else if (emit == "obj")
    options.emit = lauryn::EmitKind::Object;
  else if (emit == "llvm")
    options.emit = lauryn::EmitKind::LLVMIR;
  else if (emit == "mlir")
    options.emit = lauryn::EmitKind::MLIR;
  else
    return fail("unknown --emit=" + emit + "; expected so, obj, llvm or mlir");
  options.outputPath = outputFile;
  options.entries.assign(entries.begin(), entries.end());
  options.hostCPU = native;
  options.optimize = !noOptimize;
  options.runtimeChecks = !noChecks;
  if (llvmOptLevel > 3)
    return fail("-O" + llvm::Twine(llvmOptLevel) + ": the LLVM optimization level is 0, 1, 2 or 3");
  options.llvmOptLevel = llvmOptLevel;
  if (!ratesFile.empty()) {
    auto rates = lauryn::TargetRates::read(ratesFile);
    if (!rates)
      return fail(llvm::toString(rates.takeError()));
    options.rates = std::move(*rates);
  }
  options.headerPath = headerFile;
  if (headerFile.empty() && (options.emit == lauryn::EmitKind::SharedLibrary ||
                             options.emit == lauryn::EmitKind::Object)) {
    llvm::SmallString<128> header(outputFile);
    llvm::sys::path::replace_extension(header, "h");
    options.headerPath = std::string(header);
  }

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  lauryn::registerAllDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();

  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  std::string error;
  OwningOpRef<ModuleOp> module = lauryn::loadProgram(inputFile, sourceMgr, &context, error);
  if (!module)
    return error.empty() ? 1 : fail(error);

  if (llvm::Error err = lauryn::compileAheadOfTime(*module, options))
    return fail(llvm::toString(std::move(err)));
  return 0;
}
