#!/usr/bin/env bash
# Installs the Debian packages restock builds against (run as root, or with sudo):
# OpenBLAS + LAPACK headers and libraries (cblas.h from libopenblas-dev, lapack.h from
# liblapacke-dev), OpenSSL's libcrypto (SHA-256 fingerprints), zlib (gzip-compressed inputs)
# and pkg-config.
# Idempotent: a second run only checks. Also installs numpy for scripts/generate_data.py.
set -euo pipefail
packages=(libopenblas-dev liblapack-dev liblapacke-dev libssl-dev zlib1g-dev pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
python3 -c "import numpy" 2>/dev/null || python3 -m pip install -q numpy
