// RUN: lauryn-opt %s --la-fuse=dot-file=%t.dot -o /dev/null
// RUN: FileCheck %s --input-file=%t.dot
// RUN: not lauryn-opt %s --la-fuse=dot-file=%t.missing/dir/plan.dot -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOFILE

// The plan as a graph: one cluster per fused operator (template, estimated
// cost), its ops inside, unfused ops with their own cost.
// CHECK: digraph fusion {
// CHECK: subgraph "cluster_f_main"
// CHECK: subgraph cluster_1 {
// CHECK: label="fused #1: cell, {{[0-9.]+ (ms|us)}}";
// CHECK: [[SUB:n[0-9]+]] [label="la.sub"];
// CHECK: [[EXP:n[0-9]+]] [label="la.exp"];
// CHECK: [[SUM:n[0-9]+]] [label="la.sum"];
// CHECK: [[SUB]] -> [[EXP]];
// CHECK: [[EXP]] -> [[SUM]];
// CHECK: [[MM:n[0-9]+]] [label="la.matmul\n{{[0-9.]+}} us"];
// CHECK: [[SUM]] -> [[MM]];
// NOFILE: error: la-fuse: cannot write
func.func @main(%X: tensor<1000x1000xf64>, %v: tensor<1x1000xf64>, %W: tensor<1000x10xf64>) -> tensor<1x10xf64> {
  %0 = la.sub %X, %v : tensor<1000x1000xf64>, tensor<1x1000xf64>
  %1 = la.exp %0 : tensor<1000x1000xf64>
  %2 = la.sum col %1 : tensor<1000x1000xf64>
  %3 = la.matmul %2, %W : tensor<1x1000xf64>, tensor<1000x10xf64>
  return %3 : tensor<1x10xf64>
}
