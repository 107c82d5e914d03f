#!/usr/bin/env bash
# A throw-away single-node Slurm cluster in one folder, for trying the scripts beside this one (and for the
# project's end-to-end test). Needs root and Debian's slurm-wlm and munge packages:
#   apt-get install -y slurm-wlm munge
#
#   scripts/slurm/local-cluster.sh start DIR   # writes DIR/slurm.conf, starts munged, slurmctld and slurmd; prints
#                                              # the line to source: export SLURM_CONF=DIR/slurm.conf
#   scripts/slurm/local-cluster.sh stop DIR    # stops the daemons it started there, by their process ids
#
# Everything (config, state, logs, pid files, munge socket, ports) lives in DIR, so it touches no system-wide Slurm
# or munge; the daemons run as root. The node has the machine's CPUs and allows 4 jobs per CPU (--oversubscribe),
# so array tasks start together even on a small machine.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
command="$1"
dir="$(mkdir -p "$2" && cd "$2" && pwd)"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

stop() {
  local name pid
  for name in slurmd slurmctld munged; do
    [[ -f "$dir/$name.pid" ]] || continue
    pid="$(cat "$dir/$name.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
    rm -f "$dir/$name.pid"
  done
}

wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...
  local seconds="$1" what="$2"; shift 2
  for _ in $(seq 1 $((seconds * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "local-cluster: $what did not come up within ${seconds} s; see the logs in $dir" >&2
  stop
  exit 1
}

case "$command" in
  start)
    [[ $EUID -eq 0 ]] || { echo "local-cluster: run as root (the daemons start directly, without systemd)" >&2; exit 1; }
    for program in munged slurmctld slurmd sbatch; do
      command -v "$program" >/dev/null || { echo "local-cluster: $program not found; install Debian's slurm-wlm and munge" >&2; exit 1; }
    done
    host="$(hostname -s)"
    cpus="$(nproc)"
    mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
    # munged reads the key only by its owner and refuses a socket folder others may write.
    [[ -f "$dir/munge/munge.key" ]] || { dd if=/dev/urandom of="$dir/munge/munge.key" bs=1 count=128 status=none; }
    chmod 700 "$dir/munge"; chmod 400 "$dir/munge/munge.key"
    /usr/sbin/munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
      --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munge/munged.seed"
    wait_for 10 munged test -S "$dir/munge/munge.socket"
    cat > "$dir/slurm.conf" <<CONF
ClusterName=memento-local
SlurmctldHost=$host
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
KillWait=30
NodeName=$host CPUs=$cpus RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES:4
CONF
    export SLURM_CONF="$dir/slurm.conf"
    /usr/sbin/slurmctld -f "$SLURM_CONF"
    wait_for 30 slurmctld scontrol ping
    /usr/sbin/slurmd -f "$SLURM_CONF"
    wait_for 60 "the node ($host)" bash -c "sinfo -h -N -o %t | grep -qE '^(idle|mix|alloc)'"
    echo "export SLURM_CONF=$SLURM_CONF"
    ;;
  stop) stop ;;
  *) usage ;;
esac
