#!/bin/bash
# Start-up time and idle memory of the packaged daemon, as the README reports them.
#   launcher/measure-startup.sh [DIST] [RUNS]     (DIST defaults to launcher/target/jpcscd)
# Needs hyperfine and procps (ps). Uses a private socket and run-time folder.
set -euo pipefail
dist=${1:-$(dirname "$0")/target/jpcscd}
runs=${2:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_RUNTIME_DIR=$work
daemon=("$dist/bin/pcscd" --foreground --socket "$work/pcscd.comm")

echo "== exec of bin/pcscd to every bundle started (the daemon's 'jpcscd started in N ms'), $runs runs"
for _ in $(seq "$runs"); do
    "${daemon[@]}" --exit-after-start 2>&1 | sed -n 's/.*jpcscd started in \([0-9]*\) ms.*/\1/p'
done | sort -n | awk '{ v[NR] = $1; s += $1 } END { printf "min %d  median %d  mean %.0f  max %d ms\n", v[1], v[int((NR + 1) / 2)], s / NR, v[NR] }'

echo "== exec to exit (start every bundle, then stop), hyperfine"
hyperfine --warmup 2 --runs "$runs" -N "${daemon[*]} --exit-after-start" | sed -n '2,3p'

echo "== idle RSS, 10 s after start-up"
: >"$work/daemon.log"
"${daemon[@]}" </dev/null >>"$work/daemon.log" 2>&1 &
pid=$!
for _ in $(seq 600); do
    grep -q "jpcscd started" "$work/daemon.log" && break
    sleep 0.1
done
sleep 10
echo "RSS $(ps -o rss= -p "$pid" | tr -d ' ') KiB"
kill -TERM "$pid"
wait "$pid"
