/*===- RuntimeCApi.c - the runtime header is valid C ----------------------===*
 *
 * Compiled as C99 (-pedantic) into LaurynRuntimeTests; RuntimeMatrixTest.cpp
 * calls lauryn_rt_c_api_smoke() and expects 0.
 *
 *===----------------------------------------------------------------------===*/

#include "lauryn/Runtime/LaurynRuntime.h"

int lauryn_rt_c_api_smoke(void);

int lauryn_rt_c_api_smoke(void) {
  lauryn_matrix *m = NULL;
  lauryn_read_options o;
  double v = 0.0;
  int s;
  if (sizeof(lauryn_matrix) != 56 || sizeof(lauryn_read_options) != 32)
    return 1;
  if (lauryn_rt_matrix_create_dense(2, 3, LAURYN_F32, &m) != LAURYN_OK)
    return 2;
  ((float *)m->values)[5] = 2.5f;
  s = lauryn_rt_matrix_get(m, 1, 2, &v);
  lauryn_rt_matrix_free(m);
  if (s != LAURYN_OK || v != 2.5)
    return 3;
  lauryn_rt_read_options_init(&o);
  m = (lauryn_matrix *)&o; /* must be reset to NULL on failure */
  if (lauryn_rt_read("/nonexistent/x.mtx", &o, &m) != LAURYN_ERR_IO || m)
    return 4;
  if (lauryn_rt_last_error()[0] == '\0')
    return 5;
  return 0;
}
