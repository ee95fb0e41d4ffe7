#!/usr/bin/env bash
# A one-node Slurm cluster on localhost, for trying the Slurm driver (deploy/slurm/) and for CI.
#
#   bash scripts/slurm-local.sh start   # writes $RESTOCK_SLURM_DIR/slurm.conf, starts munged (unless
#                                       # one runs), slurmctld and slurmd; waits until the node is idle
#   export SLURM_CONF=$RESTOCK_SLURM_DIR/slurm.conf   # (start prints it) for sbatch, squeue, ...
#   bash scripts/slurm-local.sh stop    # stops the daemons this script started, by their pid files
#
# Needs root and Debian's packages: apt-get install slurmctld slurmd slurm-client munge (22.05).
# The cluster: one node named after this host (127.0.0.1, every core, 90 % of the memory), one
# partition `restock`, proctrack/linuxproc and task/none (no cgroups needed), SlurmUser root, no
# accounting. State, logs and pid files live in RESTOCK_SLURM_DIR (default /tmp/restock-slurm);
# ports RESTOCK_SLURM_PORT and the next one (default 6817, 6818).
set -euo pipefail
DIR=${RESTOCK_SLURM_DIR:-/tmp/restock-slurm}
PORT=${RESTOCK_SLURM_PORT:-6817}
HOST=$(hostname -s)

pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
    for b in munged slurmctld slurmd sinfo; do
        command -v $b >/dev/null || { echo "slurm-local: $b not found (apt-get install slurmctld slurmd slurm-client munge)" >&2; exit 69; }
    done
    mkdir -p "$DIR/state" "$DIR/spool"
    local cpus mem
    cpus=$(nproc)
    mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 9 / 10 ))
    cat > "$DIR/slurm.conf" <<CONF
# Written by scripts/slurm-local.sh: a one-node cluster on localhost.
ClusterName=restock-local
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
SlurmctldTimeout=30
SlurmdTimeout=30
MinJobAge=600
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=restock Nodes=$HOST Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
CONF
    # munged runs as its own user; one already running (its socket answers) is used as it is.
    if ! munge -n </dev/null >/dev/null 2>&1; then
        mkdir -p /run/munge /var/log/munge /var/lib/munge
        chown munge:munge /run/munge /var/log/munge /var/lib/munge
        [[ -f /etc/munge/munge.key ]] || { mungekey --create 2>/dev/null || create-munge-key -f; chown munge:munge /etc/munge/munge.key; }
        runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/restock-munged.pid
        for _ in $(seq 50); do munge -n </dev/null >/dev/null 2>&1 && break; sleep 0.1; done
        # Remember that this script started it (stop ends only what start began).
        cp /run/munge/restock-munged.pid "$DIR/munged.started"
    fi
    export SLURM_CONF=$DIR/slurm.conf
    if ! pid_alive "$DIR/slurmctld.pid"; then
        # Another cluster on these ports would answer sinfo in this one's place.
        if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
            echo "slurm-local: port $PORT is in use (another slurmctld?); set RESTOCK_SLURM_PORT" >&2
            exit 1
        fi
        slurmctld -f "$SLURM_CONF" -i
    fi
    pid_alive "$DIR/slurmd.pid" || slurmd -f "$SLURM_CONF" -N "$HOST"
    sleep 0.5
    for f in slurmctld slurmd; do
        pid_alive "$DIR/$f.pid" || { echo "slurm-local: $f did not start; see $DIR/$f.log" >&2; tail -5 "$DIR/$f.log" >&2 || true; exit 1; }
    done
    local state=""
    for _ in $(seq 150); do
        state=$(sinfo -h -n "$HOST" -o %t 2>/dev/null || true)
        [[ $state == idle* || $state == mix* || $state == alloc* ]] && break
        sleep 0.2
    done
    if [[ $state != idle* && $state != mix* && $state != alloc* ]]; then
        echo "slurm-local: the node did not come up (state '$state'); logs: $DIR/slurmctld.log $DIR/slurmd.log" >&2
        tail -5 "$DIR/slurmctld.log" "$DIR/slurmd.log" >&2 || true
        exit 1
    fi
    echo "slurm-local: up ($HOST, $cpus cpus). export SLURM_CONF=$SLURM_CONF"
}

stop() {
    local f pid
    for f in slurmd slurmctld; do
        if pid_alive "$DIR/$f.pid"; then
            pid=$(cat "$DIR/$f.pid")
            kill "$pid"
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
        fi
        rm -f "$DIR/$f.pid"
    done
    if [[ -f $DIR/munged.started ]]; then
        pid=$(cat "$DIR/munged.started")
        kill "$pid" 2>/dev/null || true
        rm -f "$DIR/munged.started"
    fi
    echo "slurm-local: stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 64 ;;
esac
