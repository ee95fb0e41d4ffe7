#!/usr/bin/env bash
# One step of a sharded restock night, as a Slurm batch script (submitted by restock-night.sh):
#
#   restock-step.sh RETRIES CANCEL_FILE RESTOCK_BIN ARGS...
#
# Runs `RESTOCK_BIN ARGS...`, with every `{I}` in ARGS replaced by the array index
# ($SLURM_ARRAY_TASK_ID, the shard). A failure that may pass (exit 70, 73, 74, 75, or a signal) is
# tried again, RETRIES times in all, a little later each time; bad usage (64) or bad data (65) is
# not: the same inputs fail the same way. On exit 65 the night's merge is cancelled at once (its
# job id is in CANCEL_FILE), besides Slurm cancelling it for the unmet afterok dependency.
set -uo pipefail
retries=$1 cancel_file=$2 bin=$3
shift 3
args=()
for a in "$@"; do args+=("${a//\{I\}/${SLURM_ARRAY_TASK_ID:-0}}"); done
attempt=1
while :; do
    "$bin" "${args[@]}"
    status=$?
    case $status in
        0) exit 0 ;;
        64) echo "restock-step: bad usage or configuration (exit 64): not retried" >&2; exit 64 ;;
        65)
            echo "restock-step: bad input data (exit 65): not retried; cancelling the merge" >&2
            if [[ -s $cancel_file ]]; then scancel "$(cat "$cancel_file")" 2>/dev/null || true; fi
            exit 65 ;;
    esac
    if (( attempt >= retries )); then
        echo "restock-step: exit $status on attempt $attempt of $retries: giving up" >&2
        exit "$status"
    fi
    echo "restock-step: exit $status on attempt $attempt of $retries: trying again" >&2
    sleep $(( attempt * 5 ))
    attempt=$(( attempt + 1 ))
done
