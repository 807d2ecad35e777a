//===- FusionPlanSearchTest.cpp - fusion plan selection -------------------===//
//
// The cost-based search must find the cheapest plan (checked against brute
// force over every fuse/cut assignment of the decision points) while costing
// fewer plans than brute force on DAGs where the bound prunes.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Analysis/Fusion/PlanSearch.h"

#include <gtest/gtest.h>
#include <random>

using namespace lauryn::fusion;

namespace {

/// Cheapest plan by trying all 2^m assignments of the decision points.
double bruteForce(const FusionGraph &g) {
  const auto &pts = g.decisionPoints();
  std::vector<bool> fused(g.edges().size(), true);
  double best = 1e300;
  for (uint64_t mask = 0; mask < (uint64_t(1) << pts.size()); ++mask) {
    for (size_t k = 0; k < pts.size(); ++k)
      fused[pts[k]] = (mask >> k) & 1;
    best = std::min(best, g.cost(fused));
  }
  return best;
}

/// A random DAG of `n` element-wise ops over `inputs` shared inputs: each
/// node consumes 1-3 earlier nodes (fusible) or inputs.
std::vector<Node> randomDag(std::mt19937 &rng, int n, int inputs) {
  std::vector<Node> nodes(n);
  std::uniform_real_distribution<double> flops(1e5, 5e7), bytes(1e5, 8e7);
  for (int v = 0; v < n; ++v) {
    Node &node = nodes[v];
    node.outputBytes = bytes(rng);
    node.flops = flops(rng);
    int arity = 1 + int(rng() % 3);
    for (int k = 0; k < arity; ++k) {
      if (v > 0 && rng() % 3 != 0) {
        int p = int(rng() % v);
        if (rng() % 8 == 0)
          node.otherProducers.push_back(p);
        else if (std::find(node.fusibleProducers.begin(), node.fusibleProducers.end(), p) ==
                 node.fusibleProducers.end())
          node.fusibleProducers.push_back(p);
      } else {
        node.externalInputs.push_back({int64_t(rng() % inputs), 8e7});
      }
    }
    node.mustMaterialize = rng() % 10 == 0;
  }
  return nodes;
}

TEST(FusionPlanSearch, CostSearchIsOptimalOnRandomDags) {
  std::mt19937 rng(42);
  int checked = 0;
  for (int trial = 0; trial < 300; ++trial) {
    FusionGraph g(randomDag(rng, 3 + int(rng() % 12), 4));
    if (g.decisionPoints().size() > 14)
      continue;
    Plan plan = g.select(Selector::Cost);
    double best = bruteForce(g);
    EXPECT_NEAR(plan.cost, best, 1e-12 * best) << "trial " << trial;
    EXPECT_NEAR(plan.cost, g.cost(plan.fused), 1e-12 * best);
    EXPECT_LE(plan.cost, g.select(Selector::All).cost * (1 + 1e-12));
    EXPECT_LE(plan.cost, g.select(Selector::Heuristic).cost * (1 + 1e-12));
    ++checked;
  }
  EXPECT_GT(checked, 200);
}

TEST(FusionPlanSearch, PruningCostsFewerPlansThanBruteForce) {
  std::mt19937 rng(7);
  uint64_t costed = 0, brute = 0;
  for (int trial = 0; trial < 100; ++trial) {
    FusionGraph g(randomDag(rng, 14, 3));
    if (g.decisionPoints().size() > 14)
      continue;
    Plan plan = g.select(Selector::Cost);
    costed += plan.plansCosted;
    brute += uint64_t(1) << g.decisionPoints().size();
  }
  EXPECT_LT(costed, brute);
}

/// X -> a -> {b, c}: a is cheap to recompute and large, so recomputing it in
/// both consumers (fuse all) beats writing and reading it.
TEST(FusionPlanSearch, RecomputesCheapSharedIntermediates) {
  std::vector<Node> nodes(3);
  nodes[0] = {8e7, 1e7, false, {{0, 8e7}}, {}, {}};
  nodes[1] = {8, 1e7, true, {}, {0}, {}};
  nodes[2] = {8, 1e7, true, {}, {0}, {}};
  FusionGraph g(nodes);
  ASSERT_EQ(g.decisionPoints().size(), 2u);
  Plan plan = g.select(Selector::Cost);
  EXPECT_TRUE(plan.fused[0] && plan.fused[1]);
  EXPECT_EQ(plan.fused, g.select(Selector::All).fused);
}

/// The same DAG with an expensive intermediate: materialize it once.
TEST(FusionPlanSearch, MaterializesExpensiveSharedIntermediates) {
  std::vector<Node> nodes(3);
  nodes[0] = {8e7, 1e11, false, {{0, 8e7}}, {}, {}};
  nodes[1] = {8, 1e7, true, {}, {0}, {}};
  nodes[2] = {8, 1e7, true, {}, {0}, {}};
  FusionGraph g(nodes);
  Plan plan = g.select(Selector::Cost);
  EXPECT_FALSE(plan.fused[0] || plan.fused[1]);
  EXPECT_EQ(g.groupOf(1, plan.fused), std::vector<int>({1}));
}

TEST(FusionPlanSearch, SelectorsNoneAndHeuristic) {
  std::vector<Node> nodes(3);
  nodes[0] = {8e7, 1e7, false, {{0, 8e7}}, {}, {}};
  nodes[1] = {8e7, 1e7, false, {}, {0}, {}};
  nodes[2] = {8, 1e7, true, {{1, 8e7}}, {1}, {}};
  FusionGraph g(nodes);
  EXPECT_TRUE(g.decisionPoints().empty());
  EXPECT_EQ(g.select(Selector::None).fused, std::vector<bool>({false, false}));
  EXPECT_EQ(g.select(Selector::Heuristic).fused, std::vector<bool>({true, true}));
  EXPECT_EQ(g.groupOf(2, g.select(Selector::Heuristic).fused), std::vector<int>({0, 1, 2}));
}

} // namespace
