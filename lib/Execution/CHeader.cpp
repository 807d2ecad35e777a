//===- CHeader.cpp - the C header of AOT-compiled entry points ------------===//

#include "lauryn/Execution/AotCompiler.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

namespace lauryn {

namespace {

const char *cType(const ValueKind &k) {
  if (k.kind == ValueKind::Index)
    return "int64_t";
  switch (k.dtype) {
  case LAURYN_F64:
    return "double";
  case LAURYN_F32:
    return "float";
  case LAURYN_I64:
    return "int64_t";
  case LAURYN_I32:
    return "int32_t";
  }
  return "double";
}

std::string paramName(const ValueKind &p, size_t i) {
  return p.name.empty() ? "arg" + std::to_string(i) : p.name;
}

/// A CSR parameter with a dynamic size also takes its rows and columns.
bool dynamic(const ValueKind &p) { return p.rows < 0 || p.cols < 0; }

/// The number of rows of the matrix parameter `name`, as C text.
std::string rowsOf(const ValueKind &p, const std::string &name) {
  return p.rows < 0 ? name + "_rows" : std::to_string(p.rows);
}

bool structResult(const EntrySignature &sig) {
  return sig.results.size() > 1 || (sig.results.size() == 1 && sig.results[0].isMatrix());
}

void emitEntry(llvm::raw_ostream &os, const EntrySignature &sig) {
  std::string n = sig.name;
  os << "/*--- @" << n << " ---------------------------------------------------------*/\n\n";
  // Results struct of the raw interface (natural C layout = LLVM layout).
  if (structResult(sig)) {
    os << "typedef struct {\n";
    for (auto [r, k] : llvm::enumerate(sig.results)) {
      if (k.kind == ValueKind::SparseCSR)
        os << "  lauryn_memref1d r" << r << "_positions, r" << r << "_coordinates, r" << r
           << "_values;\n  int64_t r" << r << "_rows, r" << r << "_cols;\n";
      else
        os << "  " << (k.isMatrix() ? "lauryn_memref2d" : cType(k)) << " r" << r << ";\n";
    }
    os << "} lauryn_" << n << "_results;\n\n";
  }
  // Raw MLIR C interface.
  os << "/* The MLIR C interface of @" << n << ". */\n";
  std::string ret = (!structResult(sig) && sig.results.size() == 1) ? cType(sig.results[0]) : "void";
  os << ret << " _mlir_ciface_" << n << "(";
  llvm::SmallVector<std::string> raw;
  if (structResult(sig))
    raw.push_back("lauryn_" + n + "_results *results");
  for (auto [i, p] : llvm::enumerate(sig.params)) {
    std::string pn = paramName(p, i);
    if (p.kind == ValueKind::SparseCSR) {
      raw.push_back("lauryn_memref1d *" + pn + "_positions");
      raw.push_back("lauryn_memref1d *" + pn + "_coordinates");
      raw.push_back("lauryn_memref1d *" + pn + "_values");
      if (dynamic(p)) {
        raw.push_back("int64_t " + pn + "_rows");
        raw.push_back("int64_t " + pn + "_cols");
      }
    } else if (p.isMatrix()) {
      raw.push_back("lauryn_memref2d *" + pn);
    } else {
      raw.push_back(std::string(cType(p)) + " " + pn);
    }
  }
  os << (raw.empty() ? std::string("void") : llvm::join(raw, ", ")) << ");\n\n";

  // Convenience wrapper.
  os << "/* @" << n << " with the plain calling convention:\n";
  for (auto [i, p] : llvm::enumerate(sig.params)) {
    std::string pn = paramName(p, i);
    os << " *   " << pn << ": " << p.describe();
    if (p.kind == ValueKind::SparseCSR)
      os << " -> " << pn << "_positions[" << rowsOf(p, pn) << " + 1], " << pn << "_coordinates["
         << pn << "_nnz], " << pn << "_values[" << pn << "_nnz] (0-based, sorted rows)"
         << (dynamic(p) ? ", " + pn + "_rows, " + pn + "_cols" : "");
    else if (p.isMatrix())
      os << " -> " << pn << " (row-major), " << pn << "_rows, " << pn << "_cols";
    os << "\n";
  }
  for (auto [r, k] : llvm::enumerate(sig.results))
    os << " *   result" << r << ": " << k.describe()
       << (k.kind == ValueKind::SparseCSR ? " (owned by the caller: lauryn_release_csr)"
           : k.isMatrix()                 ? " (owned by the caller: lauryn_release)"
                                          : "")
       << "\n";
  os << " */\n";
  llvm::SmallVector<std::string> params;
  for (auto [i, p] : llvm::enumerate(sig.params)) {
    std::string pn = paramName(p, i);
    std::string elem = cType(p);
    if (p.kind == ValueKind::SparseCSR) {
      params.push_back("const int64_t *" + pn + "_positions");
      params.push_back("const int64_t *" + pn + "_coordinates");
      params.push_back("const " + elem + " *" + pn + "_values");
      params.push_back("int64_t " + pn + "_nnz");
      if (dynamic(p)) {
        params.push_back("int64_t " + pn + "_rows");
        params.push_back("int64_t " + pn + "_cols");
      }
    } else if (p.isMatrix()) {
      params.push_back("const " + elem + " *" + pn);
      params.push_back("int64_t " + pn + "_rows");
      params.push_back("int64_t " + pn + "_cols");
    } else {
      params.push_back(elem + " " + pn);
    }
  }
  for (auto [r, k] : llvm::enumerate(sig.results))
    params.push_back(std::string(k.kind == ValueKind::SparseCSR ? "lauryn_csr"
                                 : k.isMatrix()                 ? "lauryn_dense"
                                                                : cType(k)) +
                     " *result" + std::to_string(r));
  os << "static inline void lauryn_" << n << "("
     << (params.empty() ? std::string("void") : llvm::join(params, ", ")) << ") {\n";
  llvm::SmallVector<std::string> args;
  if (structResult(sig)) {
    os << "  lauryn_" << n << "_results results;\n";
    args.push_back("&results");
  }
  for (auto [i, p] : llvm::enumerate(sig.params)) {
    std::string pn = paramName(p, i);
    if (p.kind == ValueKind::SparseCSR) {
      os << "  lauryn_memref1d " << pn << "_p = {(void *)" << pn << "_positions, (void *)" << pn
         << "_positions, 0, " << rowsOf(p, pn) << " + 1, 1};\n";
      os << "  lauryn_memref1d " << pn << "_c = {(void *)" << pn << "_coordinates, (void *)" << pn
         << "_coordinates, 0, " << pn << "_nnz, 1};\n";
      os << "  lauryn_memref1d " << pn << "_v = {(void *)" << pn << "_values, (void *)" << pn
         << "_values, 0, " << pn << "_nnz, 1};\n";
      args.push_back("&" + pn + "_p");
      args.push_back("&" + pn + "_c");
      args.push_back("&" + pn + "_v");
      if (dynamic(p)) {
        args.push_back(pn + "_rows");
        args.push_back(pn + "_cols");
      }
    } else if (p.isMatrix()) {
      os << "  lauryn_memref2d " << pn << "_m = {(void *)" << pn << ", (void *)" << pn << ", 0, {"
         << pn << "_rows, " << pn << "_cols}, {" << pn << "_cols, 1}};\n";
      args.push_back("&" + pn + "_m");
    } else {
      args.push_back(pn);
    }
  }
  std::string call = "_mlir_ciface_" + n + "(" + llvm::join(args, ", ") + ")";
  if (!structResult(sig) && sig.results.size() == 1)
    os << "  *result0 = " << call << ";\n";
  else
    os << "  " << call << ";\n";
  llvm::SmallVector<std::string> allocations;
  if (structResult(sig))
    for (auto [r, k] : llvm::enumerate(sig.results)) {
      std::string field = "results.r" + std::to_string(r);
      std::string result = "result" + std::to_string(r);
      if (k.kind == ValueKind::SparseCSR) {
        os << "  lauryn_take_csr(&" << field << "_positions, &" << field << "_coordinates, &"
           << field << "_values, " << field << "_rows, " << field << "_cols, sizeof("
           << cType(k) << "), " << result << ");\n";
        for (int b = 0; b < 3; ++b)
          allocations.push_back("&" + result + "->allocations[" + std::to_string(b) + "]");
      } else if (k.isMatrix()) {
        os << "  lauryn_take(&" << field << ", sizeof(" << cType(k) << "), " << result << ");\n";
        allocations.push_back("&" + result + "->allocation");
      } else {
        os << "  *" << result << " = " << field << ";\n";
      }
    }
  if (allocations.size() > 1) {
    os << "  void **allocations[] = {" << llvm::join(allocations, ", ") << "};\n";
    os << "  lauryn_unshare(allocations, " << allocations.size() << ");\n";
  }
  os << "}\n\n";
}

} // namespace

std::string generateCHeader(llvm::ArrayRef<EntrySignature> entries, llvm::StringRef guardName,
                            llvm::StringRef source) {
  std::string text;
  llvm::raw_string_ostream os(text);
  std::string guard = "LAURYN_";
  for (char c : guardName)
    guard += llvm::isAlnum(c) ? char(llvm::toUpper(c)) : '_';
  guard += "_H";
  os << "/* Generated by laurync from " << source << ". Do not edit.\n"
        " *\n"
        " * Calling convention of every entry point lauryn_<name>(...):\n"
        " *  - a dense matrix parameter X is three arguments: a pointer to its\n"
        " *    row-major cells, X_rows and X_cols;\n"
        " *  - a CSR parameter S is S_positions[rows + 1], S_coordinates[nnz] (0-based\n"
        " *    column indices, sorted within each row), S_values[nnz] and S_nnz, and\n"
        " *    S_rows and S_cols if its type has a dynamic size (the entry then\n"
        " *    builds its sparse tensor in one pass over the entries; with static\n"
        " *    sizes it uses the buffers in place);\n"
        " *  - scalars are passed by value (index parameters as int64_t);\n"
        " *  - bf16 and i8 values (scalars and matrix elements) are passed and\n"
        " *    returned as float and int32_t: parameters are narrowed inside (bf16\n"
        " *    rounds to nearest even, i8 keeps the low 8 bits), results widened\n"
        " *    exactly;\n"
        " *  - results are written through the trailing resultK pointers; a dense\n"
        " *    matrix result is a lauryn_dense that the caller owns and frees with\n"
        " *    lauryn_release(), a CSR result a lauryn_csr freed with\n"
        " *    lauryn_release_csr(); a value returned twice shares its storage, which\n"
        " *    only the first of these results owns (the later ones' allocations are\n"
        " *    NULL);\n"
        " *  - parameters are only read; a failed run-time check (sizes that do not\n"
        " *    match, an index out of bounds, a singular matrix) prints the op and\n"
        " *    its source location and aborts the process.\n"
        " * Link with the generated library and liblauryn_rt (-llauryn_rt: the release\n"
        " * functions return large buffers to its pool of recycled buffers).\n"
        " */\n";
  os << "#ifndef " << guard << "\n#define " << guard << "\n\n";
  os << "#include <stdint.h>\n#include <stdlib.h>\n\n";
  os << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  os << "#ifndef LAURYN_MEMREF_TYPES\n#define LAURYN_MEMREF_TYPES\n"
        "/* MLIR memref descriptors (StridedMemRefType<T, 1 or 2>). */\n"
        "typedef struct { void *allocated; void *aligned; int64_t offset; int64_t size; "
        "int64_t stride; } lauryn_memref1d;\n"
        "typedef struct { void *allocated; void *aligned; int64_t offset; int64_t sizes[2]; "
        "int64_t strides[2]; } lauryn_memref2d;\n"
        "/* A dense row-major matrix result: data[rows * cols]. */\n"
        "typedef struct { void *data; int64_t rows; int64_t cols; void *allocation; } "
        "lauryn_dense;\n"
        "/* From liblauryn_rt: frees a result's allocation (recycling large ones). */\n"
        "void lauryn_rt_buffer_free(void *buffer);\n"
        "static inline void lauryn_release(lauryn_dense *m) {\n"
        "  lauryn_rt_buffer_free(m->allocation);\n  m->allocation = 0;\n  m->data = 0;\n}\n"
        "static inline void lauryn_take(const lauryn_memref2d *d, size_t element, "
        "lauryn_dense *out) {\n"
        "  out->data = (char *)d->aligned + d->offset * (int64_t)element;\n"
        "  out->rows = d->sizes[0];\n  out->cols = d->sizes[1];\n"
        "  out->allocation = d->allocated;\n}\n"
        "/* A CSR matrix result: positions[rows + 1], coordinates[nnz] (0-based\n"
        " * column indices, sorted within each row) and values[nnz]. */\n"
        "typedef struct { int64_t rows; int64_t cols; int64_t nnz; const int64_t *positions;\n"
        "  const int64_t *coordinates; void *values; void *allocations[3]; } lauryn_csr;\n"
        "static inline void lauryn_release_csr(lauryn_csr *m) {\n"
        "  for (int i = 0; i < 3; ++i) {\n    lauryn_rt_buffer_free(m->allocations[i]);\n"
        "    m->allocations[i] = 0;\n  }\n"
        "  m->positions = 0;\n  m->coordinates = 0;\n  m->values = 0;\n}\n"
        "static inline void lauryn_take_csr(const lauryn_memref1d *p, const lauryn_memref1d *c,\n"
        "                                   const lauryn_memref1d *v, int64_t rows, int64_t cols,\n"
        "                                   size_t element, lauryn_csr *out) {\n"
        "  out->rows = rows;\n  out->cols = cols;\n  out->nnz = v->size;\n"
        "  out->positions = (const int64_t *)p->aligned + p->offset;\n"
        "  out->coordinates = (const int64_t *)c->aligned + c->offset;\n"
        "  out->values = (char *)v->aligned + v->offset * (int64_t)element;\n"
        "  out->allocations[0] = p->allocated;\n  out->allocations[1] = c->allocated;\n"
        "  out->allocations[2] = v->allocated;\n}\n"
        "/* Clears every allocation that an earlier one already owns. */\n"
        "static inline void lauryn_unshare(void **allocations[], int n) {\n"
        "  for (int k = 1; k < n; ++k)\n    for (int j = 0; j < k; ++j)\n"
        "      if (*allocations[k] && *allocations[k] == *allocations[j])\n"
        "        *allocations[k] = 0;\n}\n"
        "#endif\n\n";
  for (const EntrySignature &sig : entries)
    emitEntry(os, sig);
  os << "#ifdef __cplusplus\n} /* extern \"C\" */\n#endif\n\n#endif /* " << guard << " */\n";
  return text;
}

} // namespace lauryn
