#!/usr/bin/env bash
# The test suite under a sanitizer: bash scripts/sanitize.sh address|thread [swift test args…],
# e.g. `bash scripts/sanitize.sh thread --filter GlobalModelEndToEnd`. Builds into
# .build/<sanitizer> (apart from the normal build); the end-to-end tests run the instrumented
# restock executable beside the test bundle (not a release build), so the parallel pipeline,
# loader and writers run under the sanitizer too. Slow: pick suites with --filter.
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:?usage: scripts/sanitize.sh address|thread [swift test arguments]}"
shift
case "$kind" in address|thread) ;; *) echo "sanitizer must be address or thread" >&2; exit 64 ;; esac
# TSan: report races and stop at the first; ASan: leaks are not checked (Swift's runtime caches).
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
export ASAN_OPTIONS="detect_leaks=0"
env -u RESTOCK_EXECUTABLE swift test --sanitize="$kind" --scratch-path ".build/$kind" "$@"
