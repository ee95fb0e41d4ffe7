# Helpers the memory benchmarks source (`. scripts/bench_time.sh`): run a command under
# `/usr/bin/time -v` and read back its peak RSS and wall time.

# measure TIMEFILE: "RSS_MB WALL_S" from a `/usr/bin/time -v` report.
measure() {
  awk -F': ' '/Maximum resident set size/ {r = $2 / 1024}
              /Elapsed \(wall clock\)/ {n = split($2, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; w = s}
              END {printf "%.0f %.1f\n", r, w}' "$1"
}

# timed TIMEFILE COMMAND...: runs COMMAND under `/usr/bin/time -v` (report into TIMEFILE, stdout
# dropped); on failure prints the report and exits.
timed() {
  local t=$1; shift
  /usr/bin/time -v "$@" 2> "$t" >/dev/null || { cat "$t" >&2; exit 1; }
}
