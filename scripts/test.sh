#!/usr/bin/env bash
# The test suite: builds the restock executable in release mode for the end-to-end tests (they
# run it hundreds of times; a debug build is ~15x slower there), then runs every test with
# `swift test` (debug build of the test targets). Extra arguments go to `swift test`,
# e.g. `bash scripts/test.sh --filter Quarantine`.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product restock
RESTOCK_EXECUTABLE="$PWD/.build/release/restock" swift test "$@"
