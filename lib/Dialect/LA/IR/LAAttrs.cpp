//===- LAAttrs.cpp - la attributes ----------------------------------------===//

#include "lauryn/Dialect/LA/IR/LAAttrs.h"
#include "lauryn/Dialect/LA/IR/LADialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"

using namespace mlir;
using namespace lauryn::la;

#include "lauryn/Dialect/LA/IR/LAEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "lauryn/Dialect/LA/IR/LAAttrs.cpp.inc"

void LADialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "lauryn/Dialect/LA/IR/LAAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// SparsityAttr
//===----------------------------------------------------------------------===//

Attribute SparsityAttr::parse(AsmParser &parser, Type) {
  std::optional<int64_t> nnz;
  std::optional<APFloat> density;
  std::string estimator;
  auto parseEntry = [&]() -> ParseResult {
    SMLoc loc = parser.getCurrentLocation();
    StringRef key;
    if (parser.parseKeyword(&key) || parser.parseEqual())
      return failure();
    if (key == "nnz") {
      int64_t v;
      if (parser.parseInteger(v))
        return failure();
      nnz = v;
    } else if (key == "density") {
      double v;
      if (parser.parseFloat(v))
        return failure();
      density = APFloat(v);
    } else if (key == "estimator") {
      if (parser.parseString(&estimator))
        return failure();
    } else {
      return parser.emitError(loc, "unknown #la.sparsity field '")
             << key << "'; expected nnz, density or estimator";
    }
    return success();
  };
  if (parser.parseCommaSeparatedList(AsmParser::Delimiter::LessGreater,
                                     parseEntry))
    return {};
  return SparsityAttr::getChecked(
      [&] { return parser.emitError(parser.getNameLoc()); },
      parser.getContext(), nnz, density, estimator);
}

void SparsityAttr::print(AsmPrinter &printer) const {
  SmallVector<std::string, 3> fields;
  printer << '<';
  bool first = true;
  auto sep = [&] {
    if (!first)
      printer << ", ";
    first = false;
  };
  if (getNnz()) {
    sep();
    printer << "nnz = " << *getNnz();
  }
  if (getDensity()) {
    sep();
    printer << "density = ";
    printer.printFloat(*getDensity());
  }
  if (!getEstimator().empty()) {
    sep();
    printer << "estimator = \"" << getEstimator() << '"';
  }
  printer << '>';
}

LogicalResult
SparsityAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                     std::optional<int64_t> nnz, std::optional<APFloat> density,
                     StringRef) {
  if (!nnz && !density)
    return emitError() << "#la.sparsity needs nnz or density";
  if (nnz && *nnz < 0)
    return emitError() << "#la.sparsity nnz must be non-negative, got " << *nnz;
  if (density) {
    double d = density->convertToDouble();
    if (!(d >= 0.0 && d <= 1.0)) {
      std::string text;
      llvm::raw_string_ostream(text) << llvm::format("%g", d);
      return emitError() << "#la.sparsity density must be in [0, 1], got "
                         << text;
    }
  }
  return success();
}

std::optional<double>
SparsityAttr::getDensityFor(std::optional<int64_t> cells) const {
  if (getDensity())
    return getDensity()->convertToDouble();
  if (getNnz() && cells && *cells > 0)
    return std::min(1.0, double(*getNnz()) / double(*cells));
  if (getNnz() && cells && *cells == 0)
    return 0.0;
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// LineageAttr
//===----------------------------------------------------------------------===//

Attribute LineageAttr::parse(AsmParser &parser, Type) {
  uint64_t hash;
  if (parser.parseLess() || parser.parseInteger(hash) || parser.parseGreater())
    return {};
  return LineageAttr::get(parser.getContext(), hash);
}

void LineageAttr::print(AsmPrinter &printer) const {
  printer << '<' << llvm::format_hex(getHash(), 18) << '>';
}
