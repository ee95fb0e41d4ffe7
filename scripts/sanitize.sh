#!/usr/bin/env bash
# The test suite under a sanitizer: bash scripts/sanitize.sh address|thread [swift test args…],
# e.g. `bash scripts/sanitize.sh thread --filter GlobalModelEndToEnd`. Builds into
# .build/<sanitizer> (apart from the normal build). The end-to-end tests run an instrumented
# restock executable too, so the parallel pipeline, loader and writers run under the sanitizer:
# by default a release build of it (.build/<sanitizer>-release; a debug one under TSan is
# ~100x slower than release), or with SANITIZE_E2E=debug the debug build beside the test bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:?usage: scripts/sanitize.sh address|thread [swift test arguments]}"
shift
case "$kind" in address|thread) ;; *) echo "sanitizer must be address or thread" >&2; exit 64 ;; esac
# TSan: report races and stop at the first; ASan: leaks are not checked (Swift's runtime caches).
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
export ASAN_OPTIONS="detect_leaks=0"
if [ "${SANITIZE_E2E:-release}" = release ]; then
    swift build -c release --product restock --sanitize="$kind" --scratch-path ".build/$kind-release"
    export RESTOCK_EXECUTABLE="$PWD/.build/$kind-release/release/restock"
else
    unset RESTOCK_EXECUTABLE
fi
swift test --sanitize="$kind" --scratch-path ".build/$kind" "$@"
