//===- Readers.h - the format readers behind the C entry points -*- C++ -*-===//

#ifndef LAURYN_LIB_RUNTIME_READERS_H
#define LAURYN_LIB_RUNTIME_READERS_H

#include "MatrixInternal.h"

namespace lauryn::rt {

int readMatrixMarket(const char *path, const ReadConfig &cfg,
                     lauryn_matrix **out);
int readCsv(const char *path, const ReadConfig &cfg, lauryn_matrix **out);
int readNpy(const char *path, const ReadConfig &cfg, lauryn_matrix **out);

int writeMatrixMarket(const char *path, const lauryn_matrix *m);
int writeCsv(const char *path, const lauryn_matrix *m, char delimiter,
             bool header);
int writeNpy(const char *path, const lauryn_matrix *m);

} // namespace lauryn::rt

#endif // LAURYN_LIB_RUNTIME_READERS_H
