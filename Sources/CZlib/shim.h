// zlib (Debian zlib1g-dev), used only to read gzip-compressed inputs (`X.csv.gz`) through
// gzread into the CSV reader's chunk buffer.
#include <zlib.h>
