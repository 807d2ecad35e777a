// RUN: lauryn-opt %s --lauryn-expand-integer-divisions | FileCheck %s

// Rounding integer divisions become plain divisions and selects.
// CHECK-LABEL: func.func @divisions
// CHECK-NOT: arith.floordivsi
// CHECK-NOT: arith.ceildivsi
// CHECK-NOT: arith.ceildivui
// CHECK: arith.divsi
// CHECK: return
func.func @divisions(%a: i64, %b: i64) -> (i64, i64, i64) {
  %0 = arith.floordivsi %a, %b : i64
  %1 = arith.ceildivsi %a, %b : i64
  %2 = arith.ceildivui %a, %b : i64
  return %0, %1, %2 : i64, i64, i64
}

// min/max keep their IEEE semantics (-0 below +0): no compare + select.
// CHECK-LABEL: func.func @min_max
// CHECK-NOT: arith.cmpf
// CHECK-NOT: arith.select
// CHECK: arith.minimumf %{{.*}}, %{{.*}} : vector<4xf64>
// CHECK: arith.maximumf %{{.*}}, %{{.*}} : f32
func.func @min_max(%a: vector<4xf64>, %b: vector<4xf64>, %c: f32, %d: f32) -> (vector<4xf64>, f32) {
  %0 = arith.minimumf %a, %b : vector<4xf64>
  %1 = arith.maximumf %c, %d : f32
  return %0, %1 : vector<4xf64>, f32
}
