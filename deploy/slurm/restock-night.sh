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
# OPTIONS) and RESTOCK_MEM (default: the partition's default). With --wait the script waits for the merge and
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

pool_job=$(sbatch "${common[@]}" --job-name=restock-pool --output="$work/logs/pool-%j.log" \
    "$step" "$retries" "$cancel_file" "$bin" pool --data "$data" --out "$work/pool.json" "$@")
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
merge_args=("${common[@]}" --job-name=restock-merge --dependency="afterok:$array_job" --kill-on-invalid-dep=yes
            --output="$work/logs/merge-%j.log")
(( wait )) && merge_args+=(--wait)
printf 'RESTOCK_POOL_JOB=%s\nRESTOCK_SHARD_JOB=%s\n' "$pool_job" "$array_job" > "$work/jobs.env"
echo "restock-night: pool job $pool_job, shard array $array_job (0-$last)"
if (( wait )); then
    # sbatch --wait blocks until the merge ends; its job id is read from the queue meanwhile.
    sbatch "${merge_args[@]}" "$step" "$retries" "$cancel_file" "$bin" merge "${shard_dirs[@]}" --data "$data" --out "$out" ${merge_options[@]+"${merge_options[@]}"} \
        > "$work/merge.submitted" &
    submitter=$!
    for _ in $(seq 100); do [[ -s $work/merge.submitted ]] && break; sleep 0.1; done
    head -1 "$work/merge.submitted" > "$cancel_file" || true
    echo "restock-night: merge job $(cat "$cancel_file"), waiting"
    status=0
    wait "$submitter" || status=$?
    merge_job=$(cat "$cancel_file")
    echo "RESTOCK_MERGE_JOB=$merge_job" >> "$work/jobs.env"
    # A merge cancelled before it started (a shard failed) ends "with exit 0" as far as
    # sbatch --wait is concerned: only a COMPLETED merge published the night.
    state=$(scontrol show job "$merge_job" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -1)
    if [[ -z $state ]] && command -v sacct >/dev/null; then state=$(sacct -n -X -P -j "$merge_job" -o State 2>/dev/null | head -1 | cut -d' ' -f1); fi
    if [[ $state != COMPLETED ]]; then
        echo "restock-night: merge job $merge_job ended ${state:-unknown}" >&2
        (( status != 0 )) || status=1
    fi
    if (( status == 0 )); then echo "restock-night: done, $out published"; else echo "restock-night: the merge did not succeed (status $status); $out is untouched; logs in $work/logs" >&2; fi
    exit "$status"
fi
merge_job=$(sbatch "${merge_args[@]}" "$step" "$retries" "$cancel_file" "$bin" merge "${shard_dirs[@]}" --data "$data" --out "$out" ${merge_options[@]+"${merge_options[@]}"})
echo "$merge_job" > "$cancel_file"
echo "RESTOCK_MERGE_JOB=$merge_job" >> "$work/jobs.env"
echo "restock-night: merge job $merge_job (after the shards); job ids in $work/jobs.env"
