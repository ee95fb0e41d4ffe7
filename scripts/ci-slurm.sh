#!/usr/bin/env bash
# CI: a sharded night on the samples through the Slurm driver (deploy/slurm/restock-night.sh) on a
# one-node cluster on localhost, checked byte for byte against the single run; then two drills: a
# shard that fails once (exit 75) is retried and the night still equals the single run, and a shard
# with bad data (exit 65) is not retried, cancels the merge and leaves the published set untouched.
#
#   bash scripts/ci-slurm.sh [RESTOCK_BIN]     # default .build/release/restock (built by scripts/test.sh)
#
# Starts the cluster with scripts/slurm-local.sh and stops it on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin=$(realpath "${1:-.build/release/restock}")
work=$(mktemp -d /tmp/restock-ci-slurm.XXXXXX)
export RESTOCK_SLURM_DIR=${RESTOCK_SLURM_DIR:-$work/slurm}
export SLURM_CONF=$RESTOCK_SLURM_DIR/slurm.conf
cleanup() { bash "$root/scripts/slurm-local.sh" stop || true; rm -rf "$work"; }
trap cleanup EXIT
bash scripts/slurm-local.sh start
data=$root/samples/retail
shards=4
started=$(date +%s)

# A config file named by a relative path: every step must read the same one.
printf 'horizon = 28\nlevels = [90]\nservice_level = 0.97\n' > "$work/night.toml"
echo "== single run"
"$bin" run --data "$data" --out "$work/single" --config "$work/night.toml" --log-level warning
echo "== $shards shards through Slurm"
(cd "$work" && bash "$root/deploy/slurm/restock-night.sh" --data "$data" --out "$work/night" --shards $shards --restock "$bin" \
    --wait -- --config night.toml --log-level warning)
python3 scripts/compare_outputs.py "$work/single" "$work/night"
head -1 "$work/night/forecast.csv" | grep -q ',lo90,hi90,' || { echo "ci-slurm: the night did not use night.toml" >&2; exit 1; }

"$bin" run --data "$data" --out "$work/single-defaults" --log-level warning
echo "== drill: shard 1 fails once with exit 75 (lock held), is retried"
cat > "$work/flaky-restock" <<SH
#!/usr/bin/env bash
if [[ " \$* " == *" --shard 1/$shards "* && ! -e $work/flaked ]]; then touch $work/flaked; echo "drill: exit 75" >&2; exit 75; fi
exec "$bin" "\$@"
SH
chmod +x "$work/flaky-restock"
bash deploy/slurm/restock-night.sh --data "$data" --out "$work/night2" --shards $shards --restock "$work/flaky-restock" \
    --retries 2 --wait -- --log-level warning
grep -q "trying again" "$work/.night2.shards/logs/"shard-1-*.log  # its own work directory: one log
python3 scripts/compare_outputs.py "$work/single-defaults" "$work/night2"

echo "== drill: shard 2 exits 65 (bad data): not retried, the merge is cancelled, the night's set untouched"
cat > "$work/bad-restock" <<SH
#!/usr/bin/env bash
if [[ " \$* " == *" --shard 2/$shards "* ]]; then echo "drill: exit 65" >&2; exit 65; fi
exec "$bin" "\$@"
SH
chmod +x "$work/bad-restock"
cp -a "$work/night" "$work/night.before"
status=0
bash deploy/slurm/restock-night.sh --data "$data" --out "$work/night" --shards $shards --restock "$work/bad-restock" \
    --retries 3 --wait -- --log-level warning || status=$?
[[ $status -ne 0 ]] || { echo "ci-slurm: the night with a bad shard succeeded" >&2; exit 1; }
source "$work/.night.shards/jobs.env"
log=$work/.night.shards/logs/shard-2-$RESTOCK_SHARD_JOB.log
grep -q "not retried" "$log"
[[ $(grep -c "drill: exit 65" "$log") -eq 1 ]]
merge_state=$(scontrol show job "$RESTOCK_MERGE_JOB" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
echo "merge job $RESTOCK_MERGE_JOB: ${merge_state:-gone}"
[[ -z $merge_state || $merge_state == CANCELLED ]] || { echo "ci-slurm: the merge was not cancelled ($merge_state)" >&2; exit 1; }
diff -r "$work/night.before" "$work/night" >/dev/null || { echo "ci-slurm: the published set changed" >&2; exit 1; }
echo "ci-slurm: all good in $(( $(date +%s) - started )) s"
