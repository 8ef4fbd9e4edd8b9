#!/bin/bash
# Benchmarks of the pure-Java client (bundles/client), not timed tests:
#   1. SCardTransmit round trip: the Java client against libpcsclite (shared/bench's pcsc-bench,
#      metric transmit_small_us), on the same daemon and card, alternating, for jpcscd and pcscd.
#   2. Cold auto-start: no daemon, to an established context, through the Java client; the daemon
#      it starts is jpcscd's bin/pcscd or (same step) Debian's pcscd.
#
# usage: bench/client-bench.sh [-n N] [--rounds R] [--out DIR]
# needs: root (pcscd runs in a private mount namespace), pcscd vsmartcard-vpcd libpcsclite-dev gcc,
#        and a built tree: mvn -q install -DskipTests (launcher/target/jpcscd, bundles/client/target).
# Only processes started here are signalled, by PID.
set -u -o pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED_BENCH:-$ROOT/../shared/bench}
[ -d "$SHARED" ] || SHARED=/work/shared/bench
N=2000
ROUNDS=3
OUT=
while [ $# -gt 0 ]; do
    case "$1" in
        -n) N=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -u/{/^#/p}' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
die() { echo "client-bench: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }

DIST=$ROOT/launcher/target/jpcscd
[ -x "$DIST/bin/pcscd" ] || die "no distribution in $DIST: mvn -q install -DskipTests"
TESTS=$ROOT/bundles/client/target/test-classes
[ -d "$TESTS/org/jpcscd/client/bench" ] || die "no $TESTS: mvn -q -pl bundles/client install -DskipTests"
CP="$DIST/lib/*:$TESTS"
[ -n "$OUT" ] || OUT=$ROOT/target/bench/client-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT/tools" "$OUT/logs"
RAW=$OUT/raw.txt
: > "$RAW"
gcc -O2 -Wall -o "$OUT/tools/pcsc-bench" "$SHARED/pcsc-bench.c" $(pkg-config --cflags --libs libpcsclite) -lm || die "build pcsc-bench"
gcc -O2 -Wall -o "$OUT/tools/echo-card" "$SHARED/echo-card.c" || die "build echo-card"
VPCD_LIB=/usr/lib/pcsc/drivers/serial/libifdvpcd.so
JAVA=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$CP")
{
    echo "# date=$(date -Is) cores=$(nproc) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "# pcscd=$(dpkg-query -W -f='${Version}' pcscd) java=$(java -version 2>&1 | head -1)"
    echo "# n=$N rounds=$ROUNDS"
} | tee -a "$RAW" >&2

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p /run/pcscd

free_port() { python3 -c 'import socket,random
while True:
    p=random.randint(40000,50000)
    try:
        a=socket.socket(); a.bind(("127.0.0.1",p)); b=socket.socket(); b.bind(("127.0.0.1",p+1)); print(p); break
    except OSError: pass'; }

# pcscd in a private mount namespace with a vpcd reader on port $2; socket $1/pcscd.comm
pcscd_conf() {   # $1 dir $2 port
    mkdir -p "$1/run" "$1/conf"
    printf 'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x%x\nLIBPATH %s\n' "$2" "$VPCD_LIB" > "$1/conf/vpcd"
    printf '#!/bin/sh\nexec unshare -m sh -c '"'"'mount --bind "$0" /run/pcscd && exec "$@"'"'"' %s /usr/sbin/pcscd --foreground -c %s\n' \
        "$1/run" "$1/conf" > "$1/start"
    chmod +x "$1/start"
}

# ------------------------------------------------------------ transmit round trip
for daemon in jpcscd pcscd; do
    work=$(mktemp -d /tmp/client-bench.XXXXXX)
    port=$(free_port)
    if [ $daemon = jpcscd ]; then
        sock=$work/pcscd.comm
        XDG_RUNTIME_DIR=$work "$DIST/bin/pcscd" --foreground --socket "$sock" --features core,protocol,vpcd \
            --set "org.jpcscd.ifd.vpcd:port=$port" > "$OUT/logs/$daemon.log" 2>&1 < /dev/null &
    else
        pcscd_conf "$work" "$port"
        sock=$work/run/pcscd.comm
        "$work/start" > "$OUT/logs/$daemon.log" 2>&1 < /dev/null &
    fi
    DPID=$!; PIDS+=("$DPID")
    for i in $(seq 300); do [ -S "$sock" ] && break; sleep 0.1; done
    "$OUT/tools/echo-card" -p "$port" > "$OUT/logs/$daemon-card.log" 2>&1 &
    CPID=$!; PIDS+=("$CPID")
    export PCSCLITE_CSOCK_NAME=$sock JPCSCD_AUTOSTART=false
    "$OUT/tools/pcsc-bench" --wait-card 60000 >&2 || die "$daemon: no card (see $OUT/logs)"
    sleep 0.5
    for r in $(seq "$ROUNDS"); do
        log "$daemon round $r: libpcsclite, then Java client"
        "$OUT/tools/pcsc-bench" -n "$N" -r "Virtual PCD" --only small | grep '^metric=' |
            sed "s/^/daemon=$daemon client=libpcsclite round=$r /" | tee -a "$RAW" >&2
        "${JAVA[@]}" org.jpcscd.client.bench.ClientBench transmit "$N" "Virtual PCD 00 00" 2>/dev/null |
            sed "s/^/daemon=$daemon client=java round=$r /" | tee -a "$RAW" >&2
    done
    kill "$CPID" "$DPID" 2>/dev/null; wait "$DPID" "$CPID" 2>/dev/null
    unset PCSCLITE_CSOCK_NAME
    rm -rf "$work"
done

# ------------------------------------------------------------ cold auto-start
AUTO_EXIT=
"$DIST/bin/pcscd" --help 2>/dev/null | grep -q -- '--auto-exit' && AUTO_EXIT=--auto-exit
for r in $(seq "$ROUNDS"); do
    for daemon in jpcscd pcscd; do
        work=$(mktemp -d /tmp/client-bench.XXXXXX)
        if [ $daemon = jpcscd ]; then
            sock=$work/pcscd.comm
            cmd="$DIST/bin/pcscd --foreground --socket {socket} $AUTO_EXIT"
        else
            pcscd_conf "$work" "$(free_port)"
            sock=$work/run/pcscd.comm
            cmd="$work/start"
        fi
        log "cold auto-start $daemon, round $r"
        XDG_RUNTIME_DIR=$work PCSCLITE_CSOCK_NAME=$sock JPCSCD_AUTOSTART=true JPCSCD_DAEMON="$cmd" \
            "${JAVA[@]}" org.jpcscd.client.bench.ClientBench autostart 2>>"$OUT/logs/autostart.log" |
            sed "s/^/daemon=$daemon client=java round=$r /" | tee -a "$RAW" >&2
        # the daemon was started detached by the client: find it by its socket or config and stop it
        for p in $(pgrep -f -- "$work" || true); do kill "$p" 2>/dev/null; done
        sleep 1
        rm -rf "$work"
    done
done

# ------------------------------------------------------------ summary
python3 - "$RAW" <<'PY' | tee "$OUT/summary.md"
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    if line.startswith('#'):
        continue
    kv = dict(re.findall(r'(\w+)=(\S+)', line))
    key = (kv['metric'], kv['daemon'], kv['client'])
    rows.setdefault(key, []).append(kv)
print("| metric | daemon | client | runs | median of medians | median p99 | best run |")
print("|---|---|---|---|---|---|---|")
for (metric, daemon, client), runs in sorted(rows.items()):
    if 'median' in runs[0]:
        med = [float(r['median']) for r in runs]
        p99 = [float(r['p99']) for r in runs]
        print(f"| {metric} | {daemon} | {client} | {len(runs)} | {statistics.median(med):.1f} | {statistics.median(p99):.1f} | {min(med):.1f} |")
    else:
        val = [float(r['value']) for r in runs]
        print(f"| {metric} | {daemon} | {client} | {len(runs)} | {statistics.median(val):.1f} | - | {min(val):.1f} |")
PY
echo "raw: $RAW" >&2
