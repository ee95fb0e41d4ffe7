#!/usr/bin/env bash
# A restock night on Slurm, split by sku into N shards:
#
#   restock-night.sh --data DIR --out DIR --shards N [--work DIR] [--restock BIN] [--retries K]
#                    [--wait] [-- OPTIONS...]
#
# submits three jobs, each an ordinary restock command with its own atomic output:
#   1. pool:  restock pool --data DIR --out WORK/pool.json OPTIONS
#   2. shards (a job array 0..N-1, after the pool succeeded):
#             restock run --data DIR --shard I/N --pool WORK/pool.json --out WORK/shards/shard-I OPTIONS
#   3. merge (after every shard succeeded: --dependency=afterok, --kill-on-invalid-dep=yes):
#             restock merge WORK/shards/shard-0 … shard-(N-1) --data DIR --out OUT OPTIONS
# OPTIONS (e.g. --config FILE, --as-of DATE) go to the pool and the shards (the merge takes the
# shards' settings; of OPTIONS only --threads and logging); relative paths are from where the
# driver runs. A step that fails in a way that may
# pass is retried (--retries, default 3, in the job: restock-step.sh); exit 64 or 65 is not, and a
# shard that exits 65 cancels the merge, so OUT keeps the previous night's set untouched.
#
# DIR, WORK, OUT and the restock binary must be on a file system every node sees. Slurm options
# come from the environment as sbatch reads them (SBATCH_PARTITION, SBATCH_ACCOUNT, SBATCH_TIMELIMIT,
# …); each step asks for RESTOCK_CPUS cpus (default 1; give restock the same with --threads in
# OPTIONS; the pool RESTOCK_POOL_CPUS and the merge RESTOCK_MERGE_CPUS when set, with as many
# threads) and RESTOCK_MEM (default: the partition's default). With --wait the script waits for the merge and
# exits with its status (non-zero when it was cancelled); without, it prints the job ids and returns.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data="" out="" shards="" work="" bin=${RESTOCK_BIN:-restock} retries=3 wait=0
while (( $# )); do
    case $1 in
        --data) data=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --shards) shards=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --restock) bin=$2; shift 2 ;;
        --retries) retries=$2; shift 2 ;;
        --wait) wait=1; shift ;;
        --) shift; break ;;
        *) echo "restock-night: unknown option $1" >&2; exit 64 ;;
    esac
done
[[ -n $data && -n $out && -n $shards ]] || { echo "usage: restock-night.sh --data DIR --out DIR --shards N [--work DIR] [--restock BIN] [--retries K] [--wait] [-- OPTIONS...]" >&2; exit 64; }
[[ $shards =~ ^[1-9][0-9]*$ ]] || { echo "restock-night: --shards must be a positive integer" >&2; exit 64; }
abs() { [[ $1 == /* ]] && echo "$1" || echo "$PWD/$1"; }
data=$(abs "$data"); out=$(abs "$out")
work=$(abs "${work:-$(dirname "$out")/.$(basename "$out").shards}")
[[ $bin == */* ]] && bin=$(abs "$bin") || bin=$(command -v "$bin")
mkdir -p "$work/logs" "$work/shards"
cancel_file=$work/merge.jobid
: > "$cancel_file"
step=$here/restock-step.sh
# Steps run where the driver was started, so relative paths in OPTIONS (--config) mean the same.
common=(--parsable --cpus-per-task="${RESTOCK_CPUS:-1}" --chdir="$PWD")
[[ -n ${RESTOCK_MEM:-} ]] && common+=(--mem="$RESTOCK_MEM")
last=$((shards - 1))

# The pool and the merge run alone, one job each, on the night's critical path: RESTOCK_POOL_CPUS and
# RESTOCK_MERGE_CPUS (default RESTOCK_CPUS) give them more cpus, and restock as many threads
# (--threads after OPTIONS: the last one given counts).
solo() {  # solo CPUS: the sbatch and restock options of a pool or merge job with CPUS cpus
    if [[ -n $1 ]]; then solo_sbatch=(--cpus-per-task="$1"); solo_threads=(--threads "$1"); else solo_sbatch=(); solo_threads=(); fi
}
solo "${RESTOCK_POOL_CPUS:-}"
pool_job=$(sbatch "${common[@]}" ${solo_sbatch[@]+"${solo_sbatch[@]}"} --job-name=restock-pool --output="$work/logs/pool-%j.log" \
    "$step" "$retries" "$cancel_file" "$bin" pool --data "$data" --out "$work/pool.json" "$@" ${solo_threads[@]+"${solo_threads[@]}"})
array_job=$(sbatch "${common[@]}" --job-name=restock-shard --array="0-$last" \
    --dependency="afterok:$pool_job" --kill-on-invalid-dep=yes --output="$work/logs/shard-%a-%A.log" \
    "$step" "$retries" "$cancel_file" "$bin" run --data "$data" --shard "{I}/$shards" --pool "$work/pool.json" \
    --out "$work/shards/shard-{I}" "$@")
shard_dirs=()
for ((i = 0; i < shards; i++)); do shard_dirs+=("$work/shards/shard-$i"); done
# The merge takes the data and settings from the shards; of OPTIONS it takes threads and logging.
merge_options=()
options=("$@")
for ((i = 0; i < ${#options[@]}; i++)); do
    case ${options[i]} in
        --threads|--log-format|--log-level) merge_options+=("${options[i]}" "${options[i + 1]:-}"); i=$((i + 1)) ;;
        --threads=*|--log-format=*|--log-level=*) merge_options+=("${options[i]}") ;;
    esac
done
solo "${RESTOCK_MERGE_CPUS:-}"
merge_options+=(${solo_threads[@]+"${solo_threads[@]}"})
merge_args=("${common[@]}" ${solo_sbatch[@]+"${solo_sbatch[@]}"} --job-name=restock-merge --dependency="afterok:$array_job" --kill-on-invalid-dep=yes
            --output="$work/logs/merge-%j.log")
printf 'RESTOCK_POOL_JOB=%s\nRESTOCK_SHARD_JOB=%s\n' "$pool_job" "$array_job" > "$work/jobs.env"
echo "restock-night: pool job $pool_job, shard array $array_job (0-$last)"
merge_job=$(sbatch "${merge_args[@]}" "$step" "$retries" "$cancel_file" "$bin" merge "${shard_dirs[@]}" --data "$data" --out "$out" ${merge_options[@]+"${merge_options[@]}"})
echo "$merge_job" > "$cancel_file"
echo "RESTOCK_MERGE_JOB=$merge_job" >> "$work/jobs.env"
if (( ! wait )); then
    echo "restock-night: merge job $merge_job (after the shards); job ids in $work/jobs.env"
    exit 0
fi
# --wait: the merge's state polled every RESTOCK_POLL_SECONDS (default 0.5) through scontrol, not
# with sbatch --wait, whose own poll backs off to many seconds (7 s after a 16-s merge on the
# local cluster). A merge cancelled before it started (a shard failed) never ran: only a
# COMPLETED merge published the night.
echo "restock-night: merge job $merge_job, waiting"
poll=${RESTOCK_POLL_SECONDS:-0.5}
state="" code="" missing_since=""
while :; do
    line=$(scontrol show job -o "$merge_job" 2>/dev/null || true)
    state=$(sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' <<< "$line" | head -1)
    code=$(sed -n 's/.* ExitCode=\([0-9]*\):.*/\1/p' <<< "$line" | head -1)
    if [[ -z $state ]]; then
        # Gone from the controller's memory (or the controller is restarting): ask accounting, if any.
        if command -v sacct >/dev/null; then
            acct=$(sacct -n -X -P -j "$merge_job" -o State,ExitCode 2>/dev/null | head -1)
            state=$(cut -d'|' -f1 <<< "$acct" | cut -d' ' -f1); code=$(cut -d'|' -f2 <<< "$acct" | cut -d: -f1)
        fi
        if [[ -z $state ]]; then
            # Unknown for ten minutes: give up (the merge's own log tells what it did).
            missing_since=${missing_since:-$SECONDS}
            (( SECONDS - missing_since < 600 )) || break
            sleep "$poll"; continue
        fi
    fi
    missing_since=""
    case $state in
        COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|PREEMPTED|BOOT_FAIL|DEADLINE|SPECIAL_EXIT) break ;;
    esac
    sleep "$poll"
done
status=${code:-1}
if [[ $state != COMPLETED ]]; then
    echo "restock-night: merge job $merge_job ended ${state:-unknown}" >&2
    (( status != 0 )) || status=1
fi
if (( status == 0 )); then echo "restock-night: done, $out published"; else echo "restock-night: the merge did not succeed (status $status); $out is untouched; logs in $work/logs" >&2; fi
exit "$status"
