/* Calls the AOT-compiled la functions of gram.mlir through the header that
 * laurync generates:
 *   laurync gram.mlir -o libgram.so      (writes libgram.so and libgram.h)
 *   cc main.c -I. -L. -lgram -L<lauryn>/lib -llauryn_rt -Wl,-rpath,.:<lauryn>/lib -o main
 *   ./main
 */
#include <stdio.h>

#include "libgram.h"

static void print_csr(const char *name, const lauryn_csr *m) {
  const double *v = (const double *)m->values;
  printf("%s = %lldx%lld CSR:", name, (long long)m->rows, (long long)m->cols);
  for (int64_t i = 0; i < m->rows; ++i)
    for (int64_t k = m->positions[i]; k < m->positions[i + 1]; ++k)
      printf(" (%lld,%lld)=%g", (long long)i, (long long)m->coordinates[k], v[k]);
  printf("\n");
}

int main(void) {
  /* X = [[1, 2], [3, 4], [5, 6]] */
  const double X[] = {1, 2, 3, 4, 5, 6};
  double sum;
  lauryn_dense G;
  lauryn_gram(X, 3, 2, 0.5, &sum, &G);
  printf("sum = %g\n", sum);
  const double *g = (const double *)G.data;
  printf("G = %lldx%lld [[%g, %g], [%g, %g]]\n", (long long)G.rows, (long long)G.cols, g[0], g[1],
         g[2], g[3]);
  lauryn_release(&G);

  /* S = [[2, 0, 0], [0, 0, 3], [1, 0, 4]] in CSR; v = [1, 2, 3] */
  const int64_t positions[] = {0, 1, 2, 4};
  const int64_t coordinates[] = {0, 2, 0, 2};
  const double values[] = {2, 3, 1, 4};
  const double v[] = {1, 2, 3};
  lauryn_dense y;
  lauryn_spmv(positions, coordinates, values, 4, v, 3, 1, &y);
  const double *yv = (const double *)y.data;
  printf("S v = [%g, %g, %g]\n", yv[0], yv[1], yv[2]);
  lauryn_release(&y);

  /* CSR results: S %*% S and t(S). */
  lauryn_csr S2, St;
  lauryn_square(positions, coordinates, values, 4, &S2, &St);
  print_csr("S S", &S2);
  print_csr("t(S)", &St);
  lauryn_release_csr(&S2);
  lauryn_release_csr(&St);
  return 0;
}
