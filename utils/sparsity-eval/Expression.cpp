//===- Expression.cpp - parser and evaluators of lauryn-sparsity-eval -----===//

#include "Expression.h"

#include <cctype>

namespace lauryn::sparsity::eval {
namespace {

/// Recursive descent with DML precedence: comparisons < +,- < * < %*%.
class Parser {
public:
  Parser(const std::string &text, const std::map<std::string, MatrixStructure> &inputs)
      : text(text), inputs(inputs) {}

  std::unique_ptr<Node> parseAll(std::string &error) {
    std::unique_ptr<Node> n = comparison();
    skipSpace();
    if (n && pos != text.size())
      fail("unexpected '" + text.substr(pos, 1) + "'");
    error = message;
    return message.empty() ? std::move(n) : nullptr;
  }

private:
  std::unique_ptr<Node> comparison() {
    std::unique_ptr<Node> n = sum();
    if (!n)
      return nullptr;
    for (const char *opText : {"!=", "=="}) {
      if (!accept(opText))
        continue;
      if (!accept("0"))
        return fail("only comparisons with 0 are structural (X != 0, X == 0)"), nullptr;
      StructuralOp op = opText[0] == '!' ? StructuralOp::NotEqualZero : StructuralOp::EqualZero;
      int64_t r = n->rows, c = n->cols;
      return make(op, r, c, std::move(n));
    }
    return n;
  }

  std::unique_ptr<Node> sum() {
    std::unique_ptr<Node> n = product();
    while (n) {
      size_t at = pos;
      if (!accept("+") && !accept("-"))
        return n;
      std::unique_ptr<Node> rhs = product();
      if (!rhs)
        return nullptr;
      if (!sameShape(*n, *rhs, at))
        return nullptr;
      int64_t r = n->rows, c = n->cols;
      n = make(StructuralOp::Add, r, c, std::move(n), std::move(rhs));
    }
    return n;
  }

  std::unique_ptr<Node> product() {
    std::unique_ptr<Node> n = matmul();
    while (n) {
      size_t at = pos;
      skipSpace();
      if (text.compare(pos, 3, "%*%") == 0 || !accept("*"))
        return n;
      std::unique_ptr<Node> rhs = matmul();
      if (!rhs || !sameShape(*n, *rhs, at))
        return nullptr;
      int64_t r = n->rows, c = n->cols;
      n = make(StructuralOp::Multiply, r, c, std::move(n), std::move(rhs));
    }
    return n;
  }

  std::unique_ptr<Node> matmul() {
    std::unique_ptr<Node> n = primary();
    while (n) {
      size_t at = pos;
      if (!accept("%*%"))
        return n;
      std::unique_ptr<Node> rhs = primary();
      if (!rhs)
        return nullptr;
      if (n->cols != rhs->rows)
        return failAt(at, "%*% of " + shape(*n) + " and " + shape(*rhs) +
                              ": inner dimensions differ"),
               nullptr;
      int64_t r = n->rows, c = rhs->cols;
      n = make(StructuralOp::MatMul, r, c, std::move(n), std::move(rhs));
    }
    return n;
  }

  std::unique_ptr<Node> primary() {
    skipSpace();
    size_t at = pos;
    if (accept("(")) {
      std::unique_ptr<Node> n = comparison();
      return n && expect(")") ? std::move(n) : nullptr;
    }
    std::string name;
    while (pos < text.size() && (std::isalnum((unsigned char)text[pos]) || text[pos] == '_'))
      name += text[pos++];
    if (name.empty())
      return fail("expected a matrix name or a function"), nullptr;
    skipSpace();
    if (pos < text.size() && text[pos] == '(')
      return call(name, at);
    auto it = inputs.find(name);
    if (it == inputs.end())
      return failAt(at, "unknown matrix '" + name + "' (pass it as " + name + "=FILE.mtx)"),
             nullptr;
    auto n = std::make_unique<Node>();
    n->input = name;
    n->rows = it->second.rows;
    n->cols = it->second.cols;
    return n;
  }

  std::unique_ptr<Node> call(const std::string &name, size_t at) {
    expect("(");
    std::unique_ptr<Node> a = comparison();
    if (!a)
      return nullptr;
    if (name == "t" || name == "diag") {
      if (!expect(")"))
        return nullptr;
      if (name == "t") {
        int64_t r = a->cols, c = a->rows;
        return make(StructuralOp::Transpose, r, c, std::move(a));
      }
      if (a->cols != 1 && a->rows != a->cols)
        return failAt(at, "diag of " + shape(*a) + ": needs a column vector or a square matrix"),
               nullptr;
      int64_t r = a->rows, c = a->cols == 1 ? a->rows : 1;
      return make(StructuralOp::Diag, r, c, std::move(a));
    }
    if (name == "cbind" || name == "rbind") {
      if (!expect(","))
        return nullptr;
      std::unique_ptr<Node> b = comparison();
      if (!b || !expect(")"))
        return nullptr;
      bool byCols = name == "cbind";
      if (byCols ? a->rows != b->rows : a->cols != b->cols)
        return failAt(at, name + " of " + shape(*a) + " and " + shape(*b) + ": " +
                              (byCols ? "row" : "column") + " counts differ"),
               nullptr;
      int64_t r = byCols ? a->rows : a->rows + b->rows, c = byCols ? a->cols + b->cols : a->cols;
      return make(byCols ? StructuralOp::CBind : StructuralOp::RBind, r, c, std::move(a),
                  std::move(b));
    }
    return failAt(at, "unknown function '" + name + "' (t, diag, cbind, rbind)"), nullptr;
  }

  static std::unique_ptr<Node> make(StructuralOp op, int64_t rows, int64_t cols,
                                    std::unique_ptr<Node> a, std::unique_ptr<Node> b = nullptr) {
    auto n = std::make_unique<Node>();
    n->op = OpDescriptor{op, rows, cols};
    n->rows = rows;
    n->cols = cols;
    n->operands.push_back(std::move(a));
    if (b)
      n->operands.push_back(std::move(b));
    return n;
  }

  bool sameShape(const Node &a, const Node &b, size_t at) {
    if (a.rows == b.rows && a.cols == b.cols)
      return true;
    failAt(at, "element-wise op of " + shape(a) + " and " + shape(b) + ": shapes differ");
    return false;
  }
  static std::string shape(const Node &n) {
    return std::to_string(n.rows) + "x" + std::to_string(n.cols);
  }
  void skipSpace() {
    while (pos < text.size() && std::isspace((unsigned char)text[pos]))
      ++pos;
  }
  bool accept(const char *token) {
    skipSpace();
    std::string t(token);
    if (text.compare(pos, t.size(), t) != 0)
      return false;
    pos += t.size();
    return true;
  }
  bool expect(const char *token) {
    if (accept(token))
      return true;
    fail(std::string("expected '") + token + "'");
    return false;
  }
  void fail(const std::string &what) { failAt(pos, what); }
  void failAt(size_t at, const std::string &what) {
    if (message.empty())
      message = "column " + std::to_string(at + 1) + ": " + what;
  }

  const std::string &text;
  const std::map<std::string, MatrixStructure> &inputs;
  size_t pos = 0;
  std::string message;
};

} // namespace

std::unique_ptr<Node> parse(const std::string &text,
                            const std::map<std::string, MatrixStructure> &inputs,
                            std::string &error) {
  return Parser(text, inputs).parseAll(error);
}

MatrixStructure evaluateExact(const Node &n, const std::map<std::string, MatrixStructure> &in) {
  if (!n.input.empty())
    return in.at(n.input);
  MatrixStructure a = evaluateExact(*n.operands[0], in);
  MatrixStructure b = n.operands.size() > 1 ? evaluateExact(*n.operands[1], in) : MatrixStructure{};
  switch (n.op.op) {
  case StructuralOp::MatMul:
    return exact::matmul(a, b);
  case StructuralOp::Multiply:
    return exact::multiply(a, b);
  case StructuralOp::Add:
    return exact::add(a, b);
  case StructuralOp::Transpose:
    return exact::transpose(a);
  case StructuralOp::CBind:
    return exact::cbind(a, b);
  case StructuralOp::RBind:
    return exact::rbind(a, b);
  case StructuralOp::Diag:
    return exact::diag(a);
  case StructuralOp::EqualZero:
    return exact::equalZero(a);
  case StructuralOp::NotEqualZero:
    return a;
  case StructuralOp::Reshape:
  case StructuralOp::Slice:
  case StructuralOp::Broadcast:
    break; // not produced by the parser
  }
  return a;
}

double exactNnz(const Node &n, const std::map<std::string, MatrixStructure> &in) {
  if (n.input.empty() && n.op.op == StructuralOp::MatMul)
    return double(exact::matmulNnz(evaluateExact(*n.operands[0], in),
                                   evaluateExact(*n.operands[1], in)));
  return double(evaluateExact(n, in).nnz());
}

SynopsisRef estimate(const Node &n, const Estimator &e,
                     const std::map<std::string, MatrixStructure> &in) {
  if (!n.input.empty())
    return e.build(in.at(n.input));
  std::vector<SynopsisRef> operands;
  for (const auto &o : n.operands)
    operands.push_back(estimate(*o, e, in));
  return e.propagate(n.op, operands);
}

} // namespace lauryn::sparsity::eval
