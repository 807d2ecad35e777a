//===- PlanSearch.cpp - cost-based choice of fusion plans -----------------===//

#include "lauryn/Analysis/Fusion/PlanSearch.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <set>

namespace lauryn::fusion {

FusionGraph::FusionGraph(std::vector<Node> nodesIn, CostRates rates)
    : nodes(std::move(nodesIn)), rates(rates) {
  size_t n = nodes.size();
  outEdges.resize(n);
  inEdges.resize(n);
  otherConsumers.assign(n, 0);
  for (int c = 0; c < int(n); ++c) {
    for (int p : nodes[c].fusibleProducers) {
      outEdges[p].push_back(int(edgeList.size()));
      inEdges[c].push_back(int(edgeList.size()));
      edgeList.push_back({p, c});
    }
    for (int p : nodes[c].otherProducers)
      ++otherConsumers[p];
  }
  // A choice exists where a producer has another use besides the edge: fuse
  // (recompute) or cut (materialize once, read).
  for (int e = 0; e < int(edgeList.size()); ++e) {
    int p = edgeList[e].first;
    if (outEdges[p].size() + otherConsumers[p] + (nodes[p].mustMaterialize ? 1 : 0) > 1)
      points.push_back(e);
  }
}

std::vector<bool> FusionGraph::roots(const std::vector<bool> &fused) const {
  std::vector<bool> isRoot(nodes.size());
  for (size_t v = 0; v < nodes.size(); ++v) {
    isRoot[v] = nodes[v].mustMaterialize || otherConsumers[v] > 0 || outEdges[v].empty() ||
                std::any_of(outEdges[v].begin(), outEdges[v].end(),
                            [&](int e) { return !fused[e]; });
  }
  return isRoot;
}

std::vector<int> FusionGraph::groupOf(int root, const std::vector<bool> &fused) const {
  std::vector<bool> in(nodes.size());
  std::vector<int> stack{root};
  in[root] = true;
  while (!stack.empty()) {
    int v = stack.back();
    stack.pop_back();
    for (int e : inEdges[v])
      if (fused[e] && !in[edgeList[e].first]) {
        in[edgeList[e].first] = true;
        stack.push_back(edgeList[e].first);
      }
  }
  std::vector<int> group;
  for (size_t v = 0; v < nodes.size(); ++v)
    if (in[v])
      group.push_back(int(v));
  return group;
}

double FusionGraph::groupCost(int root, const std::vector<bool> &fused) const {
  std::set<int64_t> read; // external ids >= 0, materialized nodes as -(v + 1)
  double readBytes = 0, flops = 0;
  auto readOnce = [&](int64_t id, double bytes) {
    if (read.insert(id).second)
      readBytes += bytes;
  };
  for (int v : groupOf(root, fused)) {
    flops += nodes[v].flops;
    for (auto &[id, bytes] : nodes[v].externalInputs)
      readOnce(id, bytes);
    for (int e : inEdges[v])
      if (!fused[e])
        readOnce(-(int64_t(edgeList[e].first) + 1), nodes[edgeList[e].first].outputBytes);
    for (int p : nodes[v].otherProducers)
      readOnce(-(int64_t(p) + 1), nodes[p].outputBytes);
  }
  return nodes[root].outputBytes / rates.writeBandwidth +
         std::max(readBytes / rates.readBandwidth, flops / rates.flopRate);
}

double FusionGraph::cost(const std::vector<bool> &fused) const {
  std::vector<int> all(nodes.size());
  std::iota(all.begin(), all.end(), 0);
  return partitionCost(all, fused);
}

double FusionGraph::partitionCost(const std::vector<int> &nodesIn,
                                  const std::vector<bool> &fused) const {
  std::vector<bool> isRoot = roots(fused);
  double total = 0;
  for (int v : nodesIn)
    if (isRoot[v])
      total += groupCost(v, fused);
  return total;
}

/// Exact search over one partition's decision points: depth first, fusing
/// before cutting, skipping a subtree when a lower bound of every plan in it
/// is no better than the best plan so far. The bound only grows with cuts:
/// each cut producer is written once and read at least once, every node is
/// computed at least once and every external input read at least once, and
/// sum(max(read, compute)) >= max(sum(read), sum(compute)).
void FusionGraph::searchPartition(const std::vector<int> &pts, const std::vector<int> &nodesIn,
                                  std::vector<bool> &fused, Plan &plan,
                                  unsigned maxExactPoints) const {
  auto setPoints = [&](bool value) {
    for (int e : pts)
      fused[e] = value;
  };
  setPoints(true);
  double allCost = partitionCost(nodesIn, fused);
  setPoints(false);
  double noRedundancyCost = partitionCost(nodesIn, fused);
  plan.plansCosted += 2;
  bool allBetter = allCost <= noRedundancyCost;
  std::vector<bool> best(pts.size(), allBetter);
  double bestCost = std::min(allCost, noRedundancyCost);
  if (pts.size() > maxExactPoints) {
    setPoints(allBetter);
    return;
  }
  plan.largestPartitionPoints = std::max<unsigned>(plan.largestPartitionPoints, pts.size());

  // Static parts of the bound.
  double mustWrite = 0, externalRead = 0, flops = 0;
  std::set<int64_t> externals;
  for (int v : nodesIn) {
    flops += nodes[v].flops;
    if (nodes[v].mustMaterialize || otherConsumers[v] > 0 || outEdges[v].empty())
      mustWrite += nodes[v].outputBytes;
    for (auto &[id, bytes] : nodes[v].externalInputs)
      if (externals.insert(id).second)
        externalRead += bytes;
    for (int p : nodes[v].otherProducers)
      if (externals.insert(-(int64_t(p) + 1)).second)
        externalRead += nodes[p].outputBytes;
  }
  std::vector<int> cutCount(nodes.size(), 0);
  auto isForcedRoot = [&](int v) {
    return nodes[v].mustMaterialize || otherConsumers[v] > 0 || outEdges[v].empty();
  };
  double cutWrite = 0, cutRead = 0;
  std::vector<bool> current(pts.size());
  std::function<void(size_t)> assign = [&](size_t k) {
    double bound = (mustWrite + cutWrite) / rates.writeBandwidth +
                   std::max((externalRead + cutRead) / rates.readBandwidth,
                            flops / rates.flopRate);
    if (bound >= bestCost) {
      ++plan.subtreesPruned;
      return;
    }
    if (k == pts.size()) {
      ++plan.plansCosted;
      double c = partitionCost(nodesIn, fused);
      if (c < bestCost) {
        bestCost = c;
        best = current;
      }
      return;
    }
    int e = pts[k];
    fused[e] = current[k] = true;
    assign(k + 1);
    fused[e] = current[k] = false;
    int p = edgeList[e].first;
    bool readAnyway = externals.count(-(int64_t(p) + 1)) > 0;
    if (cutCount[p]++ == 0) {
      if (!readAnyway)
        cutRead += nodes[p].outputBytes;
      if (!isForcedRoot(p))
        cutWrite += nodes[p].outputBytes;
    }
    assign(k + 1);
    if (--cutCount[p] == 0) {
      if (!readAnyway)
        cutRead -= nodes[p].outputBytes;
      if (!isForcedRoot(p))
        cutWrite -= nodes[p].outputBytes;
    }
  };
  assign(0);
  for (size_t k = 0; k < pts.size(); ++k)
    fused[pts[k]] = best[k];
}

Plan FusionGraph::select(Selector selector, unsigned maxExactPoints) const {
  Plan plan;
  plan.fused.assign(edgeList.size(), selector != Selector::None);
  if (selector == Selector::None || selector == Selector::All) {
    plan.cost = cost(plan.fused);
    return plan;
  }
  for (int e : points)
    plan.fused[e] = false;
  if (selector == Selector::Heuristic) {
    plan.cost = cost(plan.fused);
    return plan;
  }
  // Partitions: connected components over fusible edges; their costs are
  // independent, so each is searched on its own.
  std::vector<int> parent(nodes.size());
  std::iota(parent.begin(), parent.end(), 0);
  std::function<int(int)> find = [&](int v) {
    return parent[v] == v ? v : parent[v] = find(parent[v]);
  };
  for (auto &[p, c] : edgeList)
    parent[find(p)] = find(c);
  std::vector<std::vector<int>> members(nodes.size()), pointsOf(nodes.size());
  for (int v = 0; v < int(nodes.size()); ++v)
    members[find(v)].push_back(v);
  for (int e : points)
    pointsOf[find(edgeList[e].first)].push_back(e);
  for (size_t r = 0; r < nodes.size(); ++r)
    if (!pointsOf[r].empty())
      searchPartition(pointsOf[r], members[r], plan.fused, plan, maxExactPoints);
  plan.cost = cost(plan.fused);
  return plan;
}

} // namespace lauryn::fusion
