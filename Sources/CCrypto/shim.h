// OpenSSL's libcrypto (Debian libssl-dev), used only for SHA-256 fingerprints of input files:
// its SHA-NI / AVX2 code hashes at over 1 GB/s.
#include <openssl/evp.h>
