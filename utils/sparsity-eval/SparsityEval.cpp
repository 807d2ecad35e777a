//===- SparsityEval.cpp - estimators vs the truth on real matrices --------===//
//
//   lauryn-sparsity-eval [--estimators avg,mnc,...] [--repeat N] [--json]
//                        'EXPR' NAME=FILE [NAME=FILE ...]
//   lauryn-sparsity-eval --time-synopses [--estimators ...] [--repeat N] NAME=FILE
//
// Reads the named matrices (.mtx, .csv, .npy; their non-zero patterns),
// computes the exact nnz of EXPR and, per estimator, the estimate, its
// relative error and the time to build the input synopses and propagate
// them (minimum over --repeat runs). Prints a table, or one JSON object per
// estimator with --json (utils/sparsity-eval/accuracy.py collects those).
// --time-synopses instead times building each estimator's synopsis of one
// matrix (min and median over --repeat runs, JSON lines; utils/bench/run
// compares it with one SpMV on the same matrix).
//
//===----------------------------------------------------------------------===//

#include "Expression.h"
#include "lauryn/Runtime/LaurynRuntime.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <sstream>

using namespace lauryn::sparsity;

namespace {

int usage(const char *problem) {
  fprintf(stderr,
          "lauryn-sparsity-eval: error: %s\n"
          "usage: lauryn-sparsity-eval [--estimators avg,worst,bitset,density-map,sample,"
          "layered-graph,mnc] [--repeat N] [--json] 'EXPR' NAME=FILE...\n"
          "       lauryn-sparsity-eval --time-synopses [--estimators LIST] [--repeat N] NAME=FILE\n",
          problem);
  return 2;
}

/// The non-zero pattern of a matrix file (explicitly stored zeros dropped).
bool readPattern(const std::string &path, MatrixStructure &out) {
  lauryn_read_options options;
  lauryn_rt_read_options_init(&options);
  options.format = LAURYN_FORMAT_CSR;
  options.dtype = LAURYN_F64;
  lauryn_matrix *m = nullptr;
  if (lauryn_rt_read(path.c_str(), &options, &m) != 0) {
    fprintf(stderr, "lauryn-sparsity-eval: error: %s\n", lauryn_rt_last_error());
    return false;
  }
  out = MatrixStructure::empty(m->rows, m->cols);
  const double *values = static_cast<const double *>(m->values);
  for (int64_t r = 0; r < m->rows; ++r) {
    for (int64_t p = m->positions[r]; p < m->positions[r + 1]; ++p)
      if (values[p] != 0.0)
        out.colIdx.push_back(m->coordinates[p]);
    out.rowPtr[r + 1] = out.nnz();
  }
  lauryn_rt_matrix_free(m);
  return true;
}

double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

std::string jsonEscape(const std::string &s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out;
}

/// Min and median ms of building each estimator's synopsis of `m`.
int timeSynopses(const std::vector<EstimatorKind> &kinds, const MatrixStructure &m, int repeat) {
  for (EstimatorKind kind : kinds) {
    std::unique_ptr<Estimator> estimator = createEstimator(kind);
    std::vector<double> times;
    size_t bytes = 0;
    for (int r = 0; r < repeat; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      SynopsisRef s = estimator->build(m);
      times.push_back(millisecondsSince(t0));
      bytes = s->bytes();
    }
    std::sort(times.begin(), times.end());
    printf("{\"estimator\": \"%s\", \"build_min_ms\": %.6g, \"build_median_ms\": %.6g, "
           "\"synopsis_bytes\": %zu, \"nnz\": %lld}\n",
           std::string(estimatorName(kind)).c_str(), times.front(), times[times.size() / 2], bytes,
           (long long)m.nnz());
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  std::vector<EstimatorKind> kinds = allEstimatorKinds();
  int repeat = 3;
  bool json = false, timing = false;
  std::string expression;
  std::map<std::string, std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--json") {
      json = true;
    } else if (arg == "--time-synopses") {
      timing = true;
    } else if (arg == "--repeat" || arg == "--estimators") {
      if (i + 1 == argc)
        return usage((arg + " needs a value").c_str());
      std::string value = argv[++i];
      if (arg == "--repeat") {
        repeat = std::atoi(value.c_str());
        if (repeat < 1)
          return usage(("--repeat " + value + ": not a positive count").c_str());
        continue;
      }
      kinds.clear();
      std::stringstream list(value);
      for (std::string name; std::getline(list, name, ',');) {
        std::optional<EstimatorKind> k = parseEstimatorKind(name);
        if (!k)
          return usage(("unknown estimator '" + name + "'").c_str());
        kinds.push_back(*k);
      }
    } else if (arg.rfind("--", 0) == 0) {
      return usage(("unknown option " + arg).c_str());
    } else if (expression.empty() && !timing) {
      expression = arg;
    } else {
      size_t eq = arg.find('=');
      if (eq == std::string::npos || eq == 0)
        return usage(("'" + arg + "': inputs are NAME=FILE").c_str());
      files[arg.substr(0, eq)] = arg.substr(eq + 1);
    }
  }
  if (timing && files.size() != 1)
    return usage("--time-synopses takes exactly one NAME=FILE");
  if (!timing && expression.empty())
    return usage("missing the expression");

  std::map<std::string, MatrixStructure> inputs;
  for (const auto &[name, path] : files)
    if (!readPattern(path, inputs[name]))
      return 1;
  if (timing)
    return timeSynopses(kinds, inputs.begin()->second, repeat);
  std::string error;
  std::unique_ptr<eval::Node> root = eval::parse(expression, inputs, error);
  if (!root) {
    fprintf(stderr, "lauryn-sparsity-eval: error: in '%s': %s\n", expression.c_str(),
            error.c_str());
    return 1;
  }

  auto start = std::chrono::steady_clock::now();
  double truth = eval::exactNnz(*root, inputs);
  double exactMs = millisecondsSince(start);
  double cells = double(root->rows) * double(root->cols);
  if (!json)
    printf("%s: %lld x %lld, true nnz %.0f (density %.3g; exact in %.2f ms)\n", expression.c_str(),
           (long long)root->rows, (long long)root->cols, truth, cells > 0 ? truth / cells : 0.0,
           exactMs);
  if (!json)
    printf("%-14s %14s %12s %10s %12s\n", "estimator", "estimate", "rel.error", "ms",
           "synopsis B");
  for (EstimatorKind kind : kinds) {
    std::unique_ptr<Estimator> estimator = createEstimator(kind);
    double best = INFINITY;
    SynopsisRef result;
    for (int r = 0; r < repeat; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      result = eval::estimate(*root, *estimator, inputs);
      best = std::min(best, millisecondsSince(t0));
    }
    double est = result->nnz();
    double relError = truth > 0 ? std::fabs(est - truth) / truth : std::fabs(est);
    if (json)
      printf("{\"expression\": \"%s\", \"estimator\": \"%s\", \"estimate\": %.6g, "
             "\"truth\": %.0f, \"relative_error\": %.6g, \"ms\": %.4g, \"exact_ms\": %.4g}\n",
             jsonEscape(expression).c_str(), std::string(estimatorName(kind)).c_str(), est, truth,
             relError, best, exactMs);
    else
      printf("%-14s %14.1f %12.4f %10.3f %12zu\n", std::string(estimatorName(kind)).c_str(), est,
             relError, best, result->bytes());
  }
  return 0;
}
