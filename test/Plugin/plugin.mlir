// Stock mlir-opt (Debian mlir-22-tools) loads the la dialect and passes.
// RUN: %sanitizer_preload mlir-opt %s --load-dialect-plugin=%la_plugin | FileCheck %s --check-prefix=PARSE
// RUN: %sanitizer_preload mlir-opt %s --load-dialect-plugin=%la_plugin --pass-pipeline="builtin.module(la-optimize)" | FileCheck %s --check-prefix=OPT
// RUN: %sanitizer_preload mlir-opt %s --load-dialect-plugin=%la_plugin --load-pass-plugin=%la_plugin --pass-pipeline="builtin.module(la-assign-lineage,la-lineage-cse)" | FileCheck %s --check-prefix=LIN
// RUN: not mlir-opt %s 2>&1 | FileCheck %s --check-prefix=NOPLUGIN

// PARSE-LABEL: func.func @f
// PARSE: la.transpose
// PARSE: la.transpose
// PARSE: la.sum row
// OPT-LABEL: func.func @f
// OPT-NOT: la.transpose
// OPT: la.sum row %{{.*}} {la.lineage = #la.lineage<0x
// LIN: la.sum row %{{.*}} {la.lineage = #la.lineage<0x
// NOPLUGIN: error: Dialect `la' not found for custom op 'la.transpose'
func.func @f(%X: tensor<?x?xf64>) -> tensor<?x1xf64> {
  %0 = la.transpose %X : tensor<?x?xf64>
  %1 = la.transpose %0 : tensor<?x?xf64>
  %2 = la.sum row %1 : tensor<?x?xf64>
  return %2 : tensor<?x1xf64>
}
