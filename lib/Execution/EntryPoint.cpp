//===- EntryPoint.cpp - the calling convention of compiled entry points ---===//

#include "lauryn/Execution/EntryPoint.h"

#include "lauryn/Dialect/LA/IR/LAOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SparseTensor/IR/SparseTensor.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace lauryn {

static std::optional<lauryn_dtype> dtypeOf(Type t) {
  if (t.isF64())
    return LAURYN_F64;
  if (t.isF32())
    return LAURYN_F32;
  if (t.isInteger(64))
    return LAURYN_I64;
  if (t.isInteger(32))
    return LAURYN_I32;
  return std::nullopt;
}

Type boundaryType(Type t) {
  auto widen = [](Type e) -> Type {
    if (e.isBF16())
      return Float32Type::get(e.getContext());
    if (e.isInteger(8))
      return IntegerType::get(e.getContext(), 32);
    return e;
  };
  if (auto tensor = dyn_cast<RankedTensorType>(t))
    return tensor.clone(widen(tensor.getElementType()));
  return widen(t);
}

/// "bf16" or "i8" for a type that crosses the boundary widened, else "".
static std::string narrowName(Type t) {
  Type e = getElementTypeOrSelf(t);
  return e.isBF16() ? "bf16" : e.isInteger(8) ? "i8" : "";
}

static llvm::Expected<ValueKind> kindOf(Type declared, llvm::StringRef what) {
  Type t = boundaryType(declared);
  auto unsupported = [&]() {
    std::string s;
    llvm::raw_string_ostream os(s);
    os << what << " has type " << declared
       << ", which an entry point cannot take or return; supported: f64, f32, bf16, i64, i32, "
          "i8, index and 2-D tensors of these, dense or CSR (64-bit indices)";
    return llvm::createStringError(s);
  };
  ValueKind k;
  k.narrow = narrowName(declared);
  if (t.isIndex()) {
    k.kind = ValueKind::Index;
    k.dtype = LAURYN_I64;
    return k;
  }
  if (auto tensor = dyn_cast<RankedTensorType>(t)) {
    std::optional<lauryn_dtype> d = dtypeOf(tensor.getElementType());
    if (!d || tensor.getRank() != 2)
      return unsupported();
    k.kind = ValueKind::DenseMatrix;
    if (tensor.getEncoding()) {
      // CSR with 64-bit (index) positions and coordinates is the runtime's
      // sparse storage; other formats do not cross the entry boundary.
      auto enc = dyn_cast<sparse_tensor::SparseTensorEncodingAttr>(tensor.getEncoding());
      if (!enc || !la::isCSREncoding(enc))
        return unsupported();
      k.kind = ValueKind::SparseCSR;
    }
    k.dtype = *d;
    k.rows = tensor.isDynamicDim(0) ? -1 : tensor.getDimSize(0);
    k.cols = tensor.isDynamicDim(1) ? -1 : tensor.getDimSize(1);
    return k;
  }
  std::optional<lauryn_dtype> d = dtypeOf(t);
  if (!d)
    return unsupported();
  k.kind = ValueKind::Scalar;
  k.dtype = *d;
  return k;
}

std::string ValueKind::describe() const {
  std::string s;
  llvm::raw_string_ostream os(s);
  if (kind == Index)
    return "index";
  std::string element = lauryn_rt_dtype_name(dtype);
  if (!narrow.empty())
    element = narrow + " (passed as " + element + ")";
  if (kind == Scalar)
    return element;
  os << "tensor<";
  os << (rows < 0 ? std::string("?") : std::to_string(rows)) << "x"
     << (cols < 0 ? std::string("?") : std::to_string(cols)) << "x"
     << element << (kind == SparseCSR ? ", CSR" : "") << ">";
  return s;
}

llvm::Expected<EntrySignature> EntrySignature::of(func::FuncOp fn) {
  EntrySignature sig;
  sig.name = fn.getName().str();
  FunctionType type = fn.getFunctionType();
  for (auto [i, t] : llvm::enumerate(type.getInputs())) {
    auto k = kindOf(t, "parameter #" + std::to_string(i) + " of @" + sig.name);
    if (!k)
      return k.takeError();
    if (auto name = fn.getArgAttrOfType<StringAttr>(i, kParamNameAttr))
      k->name = name.getValue().str();
    sig.params.push_back(*k);
  }
  for (auto [i, t] : llvm::enumerate(type.getResults())) {
    auto k = kindOf(t, "result #" + std::to_string(i) + " of @" + sig.name);
    if (!k)
      return k.takeError();
    sig.results.push_back(*k);
  }
  return sig;
}

HostValue &HostValue::operator=(HostValue &&other) noexcept {
  if (this != &other) {
    lauryn_rt_matrix_free(matrix);
    kind = other.kind;
    dtype = other.dtype;
    matrix = other.matrix;
    f = other.f;
    i = other.i;
    other.matrix = nullptr;
  }
  return *this;
}

HostValue::~HostValue() { lauryn_rt_matrix_free(matrix); }

HostValue HostValue::ofMatrix(lauryn_matrix *m) {
  HostValue v;
  v.kind = m->format == LAURYN_FORMAT_CSR ? ValueKind::SparseCSR : ValueKind::DenseMatrix;
  v.dtype = lauryn_dtype(m->dtype);
  v.matrix = m;
  return v;
}
HostValue HostValue::ofFloat(double x, lauryn_dtype t) {
  HostValue v;
  v.dtype = t;
  v.f = x;
  return v;
}
HostValue HostValue::ofInt(int64_t x, lauryn_dtype t) {
  HostValue v;
  v.dtype = t;
  v.i = x;
  return v;
}
HostValue HostValue::ofIndex(int64_t x) {
  HostValue v = ofInt(x);
  v.kind = ValueKind::Index;
  return v;
}

} // namespace lauryn
