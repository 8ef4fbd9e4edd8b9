#!/bin/bash
# The jpcscd half of the comparison: the same measurements as the shared
# run-pcscd-baseline.sh, taken on jpcscd (the distribution's bin/pcscd) with
# its vpcd reader (bundles/ifd-vpcd) and the same echo-card and pcsc-bench.
#
# usage: measure-jpcscd.sh --dist DIR --tools DIR [options]
#   --dist DIR        the jpcscd distribution (holds bin/pcscd); copied into a
#                     private work folder, so the original is never changed
#   --tools DIR       folder with the built pcsc-bench and echo-card
#   --need JAR        a jpcscd bundle the daemon needs (repeatable): when no
#                     started feature names it, it is dropped into deploy/
#   -n N              transmits / samples per metric and client (2000)
#   --reps R          repetitions of each benchmark run (5)
#   --startup-reps S  start-to-ready probes (3; 0 = none)
#   --features LIST   features to start (default: every feature in the
#                     distribution's etc/features but console, virtual, usb
#                     and ccid: no hardware drivers, no simulated reader)
#   --java-client CP  class path of ClientBench (bench/java) and jpcscd's Java
#                     client: also measure that client's round trips on the same
#                     daemon, and cold auto-start through it (--startup-reps times)
#   --out DIR         raw results, logs (default: a temporary folder)
#
# Like the baseline: the daemon runs in its own network namespace (the vpcd
# ports cannot clash with anything on this shared machine) and echo-card is
# started inside it with nsenter.  jpcscd takes its socket path from
# PCSCLITE_CSOCK_NAME, so no mount namespace is needed.  Only processes
# started here are signalled, by PID.
set -u -o pipefail

DIST=
TOOLS=
NEED=()
N=2000
REPS=5
STARTUP_REPS=3
FEATURES=
OUT=
JAVA_CLIENT=

while [ $# -gt 0 ]; do
    case "$1" in
        --dist) DIST=$2; shift 2 ;;
        --tools) TOOLS=$2; shift 2 ;;
        --need) NEED+=("$2"); shift 2 ;;
        -n) N=$2; shift 2 ;;
        --reps) REPS=$2; shift 2 ;;
        --startup-reps) STARTUP_REPS=$2; shift 2 ;;
        --features) FEATURES=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --java-client) JAVA_CLIENT=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -u/{/^#/p}' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

die() { echo "measure-jpcscd: $*" >&2; exit 1; }
log() { echo "== jpcscd: $*" >&2; }

[ -x "$DIST/bin/pcscd" ] || die "no distribution at '$DIST' (bin/pcscd missing; build launcher/ first)"
BENCH=$TOOLS/pcsc-bench
CARD=$TOOLS/echo-card
[ -x "$BENCH" ] && [ -x "$CARD" ] || die "pcsc-bench / echo-card not built in '$TOOLS'"
unshare -n true 2>/dev/null || die "unshare -n not permitted here"

WORK=$(mktemp -d /tmp/jpcscd-bench.XXXXXX)

PID=
CARD_PID=
stop_pid() {
    local pid=$1 i
    [ -n "$pid" ] || return 0
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
    kill -TERM "$pid" 2>/dev/null
    for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
        log "PID $pid ignored SIGTERM for 10 s, sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
    return 0
}
teardown() { stop_pid "$PID"; PID=; stop_pid "$CARD_PID"; CARD_PID=; }
cleanup() { teardown; rm -rf "$WORK/jpcscd" "$WORK/xdg" "$WORK/run"; [ "$OUT" = "$WORK/out" ] || rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -n "$OUT" ] || OUT=$WORK/out
mkdir -p "$OUT" || die "cannot create $OUT"
OUT=$(cd "$OUT" && pwd)
RAW=$OUT/raw.txt
: > "$RAW"

# ---------------------------------------------------------------- private copy of the distribution
HOME_DIR=$WORK/jpcscd
cp -a "$DIST/." "$HOME_DIR/" || die "cannot copy $DIST"
mkdir -p "$HOME_DIR/deploy" "$WORK/xdg"
chmod 700 "$WORK/xdg"
if [ -z "$FEATURES" ]; then
    for f in "$HOME_DIR"/etc/features/*.json; do
        name=$(basename "$f" .json)
        case "$name" in console|virtual|usb|ccid) ;; *) FEATURES="${FEATURES:+$FEATURES,}$name" ;; esac
    done
fi
# A needed bundle that no started feature names is added the way any driver is: through deploy/.
for jar in "${NEED[@]}"; do
    artifact=$(basename "$jar" .jar)
    artifact=${artifact%-0.1.0}
    named=
    for f in ${FEATURES//,/ }; do
        file=$f
        [ -f "$file" ] || file=$HOME_DIR/etc/features/$f.json
        grep -q "\"org.jpcscd:$artifact:" "$file" 2>/dev/null && named=yes
    done
    if [ -z "$named" ]; then
        [ -f "$jar" ] || die "$jar is needed (no feature names it) but not built"
        cp "$jar" "$HOME_DIR/deploy/"
    fi
done
# The reader's defaults are the baseline's: two slots on 35963/35964 (loopback only, where the
# baseline's vpcd takes all addresses; echo-card connects to 127.0.0.1 either way).

SOCK=$WORK/run/pcscd.comm
mkdir -p "$WORK/run"
export PCSCLITE_CSOCK_NAME=$SOCK
export XDG_RUNTIME_DIR=$WORK/xdg
DAEMON=("$HOME_DIR/bin/pcscd" --foreground --features "$FEATURES" --socket "$SOCK")


{
    echo "# date=$(date -Is) host=$(hostname) kernel=$(uname -r)"
    echo "# cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\" cores=$(nproc)"
    echo "# daemon=jpcscd java=\"$(java -version 2>&1 | head -1)\" features=$FEATURES deployed=\"$(ls "$HOME_DIR/deploy" | grep -v README | tr '\n' ' ')\" JAVA_OPTS=\"${JAVA_OPTS:-}\""
    echo "# mode=netns socket=$SOCK n=$N reps=$REPS"
    echo "# loadavg at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$RAW" >&2

# ---------------------------------------------------------------- start
log "starting bin/pcscd ($FEATURES)"
# unshare and sh exec, and bin/pcscd execs java: $! is the JVM's PID
unshare -n sh -c 'ip link set lo up && exec "$@"' sh "${DAEMON[@]}" </dev/null >>"$OUT/jpcscd.log" 2>&1 &
PID=$!
for i in $(seq 600); do [ -S "$SOCK" ] && break; kill -0 "$PID" 2>/dev/null || break; sleep 0.05; done
[ -S "$SOCK" ] || die "jpcscd did not create $SOCK within 30 s (see $OUT/jpcscd.log)"
nsenter -t "$PID" -n "$CARD" -v >>"$OUT/echo-card.log" 2>&1 &
CARD_PID=$!
"$BENCH" --wait-card 20000 >&2 || die "no card in the vpcd reader (see $OUT/*.log)"
sleep 0.5   # as the baseline: let the reader state settle (first ATR, power up)

# ---------------------------------------------------------------- benchmarks
for r in $(seq "$REPS"); do
    log "rep $r/$REPS: single-client latencies"
    "$BENCH" -n "$N" | sed "s/^metric=/rep=$r metric=/" | tee -a "$RAW" >&2 || die "pcsc-bench failed"
    for k in 1 4; do
        log "rep $r/$REPS: $k parallel client(s)"
        "$BENCH" -n "$N" --clients "$k" | sed "s/^metric=/rep=$r metric=/" | tee -a "$RAW" >&2 ||
            die "pcsc-bench --clients $k failed"
    done
done

# ---------------------------------------------------------------- jpcscd's Java client, same daemon
# (issue 4: its round trip against libpcsclite's above). A JVM needs warming up where a C client
# does not: 2000 unmeasured iterations instead of pcsc-bench's 50.
if [ -n "$JAVA_CLIENT" ]; then
    for r in $(seq "$REPS"); do
        log "rep $r/$REPS: Java client latencies"
        java -cp "$JAVA_CLIENT" ClientBench latency "$N" 2000 2>>"$OUT/java-client.log" |
            sed "s/^metric=/rep=$r metric=/" | tee -a "$RAW" >&2 || die "ClientBench failed (see $OUT/java-client.log)"
    done
fi

# ---------------------------------------------------------------- daemon CPU (as the baseline)
TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
cpu_step() {   # $1 metric, $2 operations, rest: pcsc-bench arguments
    local metric=$1 ops=$2 t0 t1
    shift 2
    t0=$(cpu_ticks)
    "$BENCH" "$@" >/dev/null || die "pcsc-bench $* failed"
    t1=$(cpu_ticks)
    echo "rep=$r metric=$metric value=$(awk -v d=$((t1 - t0)) -v o="$ops" -v h="$TCK" \
        'BEGIN{printf "%.1f", d * 1e6 / h / o}') ticks=$((t1 - t0)) ops=$ops" | tee -a "$RAW" >&2
}
CPU_N=$((N * 10))
for r in $(seq "$REPS"); do
    log "rep $r/$REPS: daemon CPU per operation"
    cpu_step daemon_cpu_per_transmit_us "$CPU_N" -n "$CPU_N" -w 0 --only small
    cpu_step daemon_cpu_per_ctx_us "$((N * 2))" -n "$((N * 2))" -w 0 --only ctx
    cpu_step daemon_cpu_per_transmit_4clients_us "$((N * 10 / 4 * 4))" -n "$((N * 10 / 4))" -w 0 --clients 4
done

# The baseline sums the threads' schedstat at two moments; a JVM's pool threads come and go, so
# here each thread's run time is compared with its own earlier value (threads that ended in
# between are missed, threads that started count from 0).
sched_snapshot() {
    local t
    for t in /proc/"$PID"/task/*; do
        [ -r "$t/schedstat" ] && echo "${t##*/} $(cut -d' ' -f1 "$t/schedstat" 2>/dev/null)"
    done
}
sleep 1
sched_snapshot > "$WORK/sched0"; sleep 10; sched_snapshot > "$WORK/sched1"
echo "metric=daemon_idle_cpu_us_per_s value=$(awk 'NR == FNR {before[$1] = $2; next}
    {d += $2 - ($1 in before ? before[$1] : 0)} END {printf "%.1f", d / 1e3 / 10}' "$WORK/sched0" "$WORK/sched1")" |
    tee -a "$RAW" >&2

sleep 1
if [ -r "/proc/$PID/status" ]; then
    for m in VmRSS:idle_rss_after_bench_kb VmHWM:peak_rss_kb Threads:idle_threads; do
        echo "metric=${m#*:} value=$(awk -v k="${m%%:*}:" '$1 == k {print $2}' "/proc/$PID/status")" | tee -a "$RAW" >&2
    done
fi

log "stopping jpcscd and echo-card"
teardown

# ---------------------------------------------------------------- startup
for r in $(seq "$STARTUP_REPS"); do
    rm -rf "$WORK/xdg/jpcscd"
    "$BENCH" --startup-probe --netns --probe-timeout-ms 60000 --probe-log "$OUT/probe.log" -- "${DAEMON[@]}" </dev/null |
        grep '^metric=' | sed "s/^metric=/rep=$r metric=/" | tee -a "$RAW" >&2 ||
        log "startup probe $r: the daemon failed to start or needed SIGKILL to stop (see $OUT/probe.log)"
done

# ---------------------------------------------------------------- cold auto-start through the Java client
# No daemon, no socket: establishContext starts bin/pcscd itself (the client's auto-start), timed in
# the client from the call to the established context. In a fresh network namespace, like the rest.
# The daemon command is the client's default but for --auto-exit, which bin/pcscd does not have yet,
# and --foreground, so the JVM stays the client's child and ClientBench can stop it by its PID.
if [ -n "$JAVA_CLIENT" ]; then
    for r in $(seq "$STARTUP_REPS"); do
        rm -rf "$WORK/xdg/jpcscd" "$SOCK"
        unshare -n sh -c 'ip link set lo up && exec "$@"' sh java -cp "$JAVA_CLIENT" \
            "-Dorg.jpcscd.client.daemon=$HOME_DIR/bin/pcscd --foreground --socket {socket} --features $FEATURES" \
            ClientBench cold </dev/null 2>>"$OUT/java-client.log" | sed "s/^metric=/rep=$r metric=/" |
            tee -a "$RAW" >&2 || log "cold auto-start $r failed (see $OUT/java-client.log)"
    done
fi

echo "# loadavg at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RAW" >&2
echo "raw results: $RAW" >&2
