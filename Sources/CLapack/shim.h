// The one C header restock imports for linear algebra.
// Debian's real headers: cblas.h (libopenblas-dev, also declares openblas_set_num_threads and
// openblas_get_config) and lapack.h (liblapacke-dev), which declares the hidden Fortran
// string-length arguments (size_t, one per char* parameter, at the end).
#include <cblas.h>
#include <lapack.h>
