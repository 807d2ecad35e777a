//===- Expression.h - structural expressions over named matrices ----------===//
//
// The expressions of lauryn-sparsity-eval, in DML syntax: names, A %*% B,
// A * B, A + B, A - B, t(A), cbind(A, B), rbind(A, B), diag(A), A != 0,
// A == 0, parentheses. Parsing checks shapes; evaluation gives the exact
// pattern or one estimator's synopsis.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_UTILS_SPARSITY_EVAL_EXPRESSION_H
#define LAURYN_UTILS_SPARSITY_EVAL_EXPRESSION_H

#include "lauryn/Analysis/Sparsity/Estimator.h"
#include "lauryn/Analysis/Sparsity/MatrixStructure.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lauryn::sparsity::eval {

struct Node {
  std::string input; ///< the input's name for a leaf, else empty
  OpDescriptor op{StructuralOp::Transpose};
  std::vector<std::unique_ptr<Node>> operands;
  int64_t rows = 0, cols = 0;
};

/// Parses `text` over the inputs' shapes; on error returns nullptr and sets
/// `error` to a message with the column of the problem.
std::unique_ptr<Node> parse(const std::string &text,
                            const std::map<std::string, MatrixStructure> &inputs,
                            std::string &error);

/// The exact pattern of the expression.
MatrixStructure evaluateExact(const Node &node, const std::map<std::string, MatrixStructure> &inputs);

/// The exact nnz of the expression (a product at the root is only counted,
/// so dense results of large products need no pattern).
double exactNnz(const Node &node, const std::map<std::string, MatrixStructure> &inputs);

/// The estimator's synopsis of the expression (inputs built from their patterns).
SynopsisRef estimate(const Node &node, const Estimator &estimator,
                     const std::map<std::string, MatrixStructure> &inputs);

} // namespace lauryn::sparsity::eval

#endif // LAURYN_UTILS_SPARSITY_EVAL_EXPRESSION_H
