/* STREAM-style triad a[i] = b[i] + s * c[i]: the memory bandwidth reference of
 * utils/bench/run. Prints the best and median GB/s of `reps` runs (24 bytes per
 * element, write-allocate traffic not counted, as in STREAM).
 *   stream N reps */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 8000000;
  int reps = argc > 2 ? atoi(argv[2]) : 10;
  double *a = aligned_alloc(64, n * sizeof(double));
  double *b = aligned_alloc(64, n * sizeof(double));
  double *c = aligned_alloc(64, n * sizeof(double));
  double *t = malloc(reps * sizeof(double));
#pragma omp parallel for
  for (long i = 0; i < n; ++i) {
    a[i] = 0;
    b[i] = 1;
    c[i] = 2;
  }
  for (int r = -1; r < reps; ++r) {
    double start = omp_get_wtime();
#pragma omp parallel for simd
    for (long i = 0; i < n; ++i)
      a[i] = b[i] + 3.0 * c[i];
    double s = omp_get_wtime() - start;
    if (r >= 0)
      t[r] = s;
  }
  qsort(t, reps, sizeof(double), cmp);
  printf("%.3f %.3f\n", 24.0 * n / t[0] / 1e9, 24.0 * n / t[reps / 2] / 1e9);
  return a[n / 2] == 7.0 ? 0 : 1;
}
