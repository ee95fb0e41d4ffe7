#!/usr/bin/env bash
# Cron wrapper for the nightly job. Usage:
#   scripts/restock-nightly.sh DATA_DIR OUT_DIR [extra restock flags...]
# Runs `restock run` with JSON logs appended to OUT_DIR.log, and retries a few times when another
# run holds the output directory's lock (exit 75). Any other non-zero exit is passed on, so cron's
# mail (or your monitoring) sees it. Example crontab line (02:30 every night):
#   30 2 * * * /opt/restock/scripts/restock-nightly.sh /data/restock/in /data/restock/out
set -uo pipefail
data=${1:?data directory}
out=${2:?output directory}
shift 2
restock=${RESTOCK:-$(dirname "$0")/../.build/release/restock}
log="${out%/}.log"
for attempt in 1 2 3 4 5 6; do
  "$restock" run --data "$data" --out "$out" --log-format json "$@" 2>>"$log"
  status=$?
  [ "$status" -ne 75 ] && exit "$status"
  echo "{\"msg\":\"output directory locked, retry $attempt in 10 minutes\",\"level\":\"warning\"}" >>"$log"
  sleep 600
done
exit 75
