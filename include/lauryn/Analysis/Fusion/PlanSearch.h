//===- PlanSearch.h - cost-based choice of fusion plans ---------*- C++ -*-===//
//
// Which fusible producer/consumer edges of a DAG to fuse, as in SystemDS'
// cost-based plan selection (PVLDB'18): nodes are ops, an edge may be fused
// (the consumer recomputes the producer cell by cell) or cut (the producer is
// materialized and read). Edges out of producers with several consumers are
// the decision points; every other fusible edge is always fused. Plain C++
// (no MLIR): la-fuse builds the graph, the unit tests check optimality
// against brute force.
//
// Cost of a plan: each materialized node (a root) forms a fused operator with
// every producer it reaches through fused edges, costed
//   write(root) + max(read(distinct inputs of the group), compute(group)),
// so a producer fused into two consumers is computed twice.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_ANALYSIS_FUSION_PLANSEARCH_H
#define LAURYN_ANALYSIS_FUSION_PLANSEARCH_H

#include <cstdint>
#include <string>
#include <vector>

namespace lauryn::fusion {

/// Rates of the target, in bytes and FLOPs per second.
struct CostRates {
  double readBandwidth = 15e9;
  double writeBandwidth = 15e9;
  double flopRate = 4e9;
};

/// One op of the DAG.
struct Node {
  double outputBytes = 0;     ///< bytes of the result when materialized
  double flops = 0;           ///< work of one evaluation
  bool mustMaterialize = false; ///< used by an op outside the graph, or returned
  /// External operands (not nodes): id (shared ids are read once per group)
  /// and bytes.
  std::vector<std::pair<int64_t, double>> externalInputs;
  /// Producers (node indices) whose result this node may compute cell by
  /// cell instead of reading it.
  std::vector<int> fusibleProducers;
  /// Producers this node reads but cannot fuse (always materialized).
  std::vector<int> otherProducers;
};

/// How to choose edges.
enum class Selector {
  None,      ///< no fusion
  All,       ///< fuse every fusible edge (maximal redundancy)
  Heuristic, ///< fuse single-consumer edges only (no redundancy)
  Cost,      ///< exact search over the decision points, with pruning
};

/// A fused (true) / cut (false) decision per fusible edge, in the order
/// `edges()` lists them.
struct Plan {
  std::vector<bool> fused;
  double cost = 0;
  /// Plans costed and subtrees pruned by the lower bound (search effort).
  uint64_t plansCosted = 0;
  uint64_t subtreesPruned = 0;
  /// Decision points of the largest partition searched exhaustively.
  unsigned largestPartitionPoints = 0;
};

class FusionGraph {
public:
  explicit FusionGraph(std::vector<Node> nodes, CostRates rates = {});

  /// Fusible edges as (producer, consumer) pairs.
  const std::vector<std::pair<int, int>> &edges() const { return edgeList; }
  /// Indices (into edges()) of the decision points.
  const std::vector<int> &decisionPoints() const { return points; }
  const std::vector<Node> &getNodes() const { return nodes; }

  /// Cost of the plan fusing exactly the edges marked true.
  double cost(const std::vector<bool> &fused) const;
  /// The plan `selector` picks. Cost search is exact per partition
  /// (connected component) up to `maxExactPoints` decision points; a larger
  /// partition takes the cheaper of the fuse-all and no-redundancy plans.
  Plan select(Selector selector, unsigned maxExactPoints = 22) const;
  /// The nodes computed by the fused operator rooted at `root` under `fused`
  /// (root included), in increasing index order.
  std::vector<int> groupOf(int root, const std::vector<bool> &fused) const;
  /// Nodes materialized under `fused`.
  std::vector<bool> roots(const std::vector<bool> &fused) const;

private:
  std::vector<Node> nodes;
  CostRates rates;
  std::vector<std::pair<int, int>> edgeList;
  std::vector<std::vector<int>> outEdges, inEdges; ///< per node, edge indices
  std::vector<int> points;
  std::vector<int> otherConsumers; ///< per node, non-fusible consumers

  double groupCost(int root, const std::vector<bool> &fused) const;
  void searchPartition(const std::vector<int> &partitionPoints, const std::vector<int> &nodesIn,
                       std::vector<bool> &fused, Plan &plan, unsigned maxExactPoints) const;
  double partitionCost(const std::vector<int> &nodesIn, const std::vector<bool> &fused) const;
};

} // namespace lauryn::fusion

#endif // LAURYN_ANALYSIS_FUSION_PLANSEARCH_H
