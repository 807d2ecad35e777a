//===- TargetRates.cpp - reading and writing measured target rates --------===//

#include "lauryn/Pipelines/TargetRates.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace lauryn {
namespace {
struct Field {
  const char *key;
  std::optional<double> TargetRates::*rate;
  const char *label;
};
constexpr Field kFields[] = {{"bandwidth_gbs", &TargetRates::bandwidthGBs, "bandwidth %.3g GB/s"},
                             {"cell_gflops", &TargetRates::cellGflops, "cell-wise %.3g GFLOP/s"},
                             {"dense_gflops", &TargetRates::denseGflops, "dense %.3g GFLOP/s"},
                             {"sparse_gflops", &TargetRates::sparseGflops, "sparse %.3g GFLOP/s"}};
} // namespace

llvm::Expected<TargetRates> TargetRates::read(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::createStringError("cannot read the rates file " + path.str() + ": " +
                                   buffer.getError().message());
  llvm::Expected<llvm::json::Value> json = llvm::json::parse((*buffer)->getBuffer());
  if (!json)
    return llvm::createStringError("rates file " + path.str() + " is not JSON: " +
                                   llvm::toString(json.takeError()));
  const llvm::json::Object *object = json->getAsObject();
  if (!object)
    return llvm::createStringError("rates file " + path.str() + " must hold a JSON object");
  TargetRates rates;
  for (const Field &f : kFields) {
    const llvm::json::Value *v = object->get(f.key);
    if (!v)
      continue;
    std::optional<double> x = v->getAsNumber();
    if (!x || !(*x > 0))
      return llvm::createStringError("rates file " + path.str() + ": \"" + f.key +
                                     "\" must be a positive number");
    rates.*f.rate = *x;
  }
  if (std::optional<int64_t> t = object->getInteger("threads"); t && *t > 0)
    rates.threads = unsigned(*t);
  if (std::optional<llvm::StringRef> m = object->getString("machine"))
    rates.machine = m->str();
  return rates;
}

llvm::Error TargetRates::write(llvm::StringRef path) const {
  llvm::json::Object object;
  for (const Field &f : kFields)
    if (this->*f.rate)
      object[f.key] = *(this->*f.rate);
  object["threads"] = int64_t(threads);
  object["machine"] = machine;
  std::string temp = (path + ".tmp").str();
  std::error_code ec;
  {
    llvm::raw_fd_ostream os(temp, ec);
    if (ec)
      return llvm::createStringError("cannot write " + path.str() + ": " + ec.message());
    os << llvm::formatv("{0:2}", llvm::json::Value(std::move(object))) << "\n";
  }
  if ((ec = llvm::sys::fs::rename(temp, path))) {
    llvm::sys::fs::remove(temp);
    return llvm::createStringError("cannot write " + path.str() + ": " + ec.message());
  }
  return llvm::Error::success();
}

std::string TargetRates::describe() const {
  std::string s;
  for (const Field &f : kFields)
    if (this->*f.rate)
      s += (s.empty() ? "" : ", ") + llvm::formatv("{0}", llvm::format(f.label, *(this->*f.rate))).str();
  if (threads)
    s += " (" + std::to_string(threads) + " thread" + (threads > 1 ? "s" : "") + ")";
  return s.empty() ? "the passes' defaults" : s;
}

} // namespace lauryn
