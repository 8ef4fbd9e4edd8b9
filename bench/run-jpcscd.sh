#!/bin/bash
# Debian's pcscd with vsmartcard-vpcd against jpcscd with its ifd-vpcd reader,
# one after the other in one run, with the same C client (pcsc-bench, linked
# against libpcsclite) and the same virtual card (echo-card), both from the
# shared benchmark folder.  Prints the jpcscd/pcscd ratios and writes them to
# OUT/comparison.md.
#
# usage: bench/run-jpcscd.sh [options]
#   -n N              samples per metric and client (2000)
#   --reps R          repetitions of each benchmark run, per daemon and round (3)
#   --rounds K        alternate pcscd, jpcscd K times (1); rounds are pooled
#   --startup-reps S  start-to-ready probes per daemon and round (3)
#   --dist DIR        jpcscd distribution (default: the one launcher/ builds)
#   --shared DIR      the shared benchmark folder (default: ../shared/bench
#                     next to the main checkout)
#   --out DIR         results (default: target/bench/run-YYYYmmdd-HHMMSS)
#   --only pcscd|jpcscd   measure one daemon only (no ratios)
#
# Needs (Debian 12): pcscd vsmartcard-vpcd libpcsclite-dev gcc python3,
# a JDK 17, and jpcscd built: mvn -q install (the distribution comes from
# launcher/).  Runs as root or with permission for unshare -n / -mn.
set -u -o pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=2000
REPS=3
ROUNDS=1
STARTUP_REPS=3
DIST=
SHARED=
OUT=
ONLY=

while [ $# -gt 0 ]; do
    case "$1" in
        -n) N=$2; shift 2 ;;
        --reps) REPS=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --startup-reps) STARTUP_REPS=$2; shift 2 ;;
        --dist) DIST=$2; shift 2 ;;
        --shared) SHARED=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -u/{/^#/p}' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

die() { echo "run-jpcscd: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }

# ---------------------------------------------------------------- inputs
if [ -z "$SHARED" ]; then
    # the main checkout has shared/ beside it; a worktree under wt/ one level further up
    for d in "$ROOT/../shared/bench" "$ROOT/../../shared/bench"; do
        [ -f "$d/run-pcscd-baseline.sh" ] && { SHARED=$d; break; }
    done
fi
[ -f "${SHARED:-}/run-pcscd-baseline.sh" ] || die "shared benchmark folder not found; use --shared DIR"
SHARED=$(cd "$SHARED" && pwd)
if [ -z "$DIST" ]; then
    DIST=$(find "$ROOT/launcher/target" -maxdepth 3 -path '*/bin/pcscd' -printf '%h\n' 2>/dev/null | head -1)
    DIST=${DIST%/bin}
fi
[ -x "${DIST:-}/bin/pcscd" ] || [ "$ONLY" = pcscd ] || die "no jpcscd distribution (build launcher/ or use --dist DIR)"
# The daemon's own bundles: those the started features do not name (yet) are dropped into deploy/,
# taken from this checkout's build, else from the local Maven repository.
NEED=()
for module in bundles/core bundles/wire bundles/protocol wrappers/junixsocket bundles/ifd-vpcd; do
    artifact=$(sed -n 's|^  <artifactId>\(.*\)</artifactId>|\1|p' "$ROOT/$module/pom.xml" 2>/dev/null | head -1)
    [ -n "$artifact" ] || continue
    jar=$ROOT/$module/target/$artifact-0.1.0.jar
    [ -f "$jar" ] || jar=${MAVEN_REPO:-$HOME/.m2/repository}/org/jpcscd/$artifact/0.1.0/$artifact-0.1.0.jar
    NEED+=(--need "$jar")
done

STAMP=$(date +%Y%m%d-%H%M%S)
[ -n "$OUT" ] || OUT=$ROOT/target/bench/run-$STAMP
mkdir -p "$OUT" || die "cannot create $OUT"
OUT=$(cd "$OUT" && pwd)

# The shared tools are copied, not changed: their scripts build into their own
# folder, which here is ours.
TOOLS=$OUT/tools
mkdir -p "$TOOLS"
cp "$SHARED"/{run-pcscd-baseline.sh,pcsc-bench.c,echo-card.c,summarize.py} "$TOOLS/"
mkdir -p "$TOOLS/build"
gcc -O2 -Wall -o "$TOOLS/build/pcsc-bench" "$TOOLS/pcsc-bench.c" $(pkg-config --cflags --libs libpcsclite) -lm ||
    die "build pcsc-bench (apt-get install libpcsclite-dev gcc)"
gcc -O2 -Wall -o "$TOOLS/build/echo-card" "$TOOLS/echo-card.c" || die "build echo-card"

# jpcscd's Java client (issue 4), when built: ClientBench runs pcsc-bench's loops through it.
JAVA_CLIENT=
CLIENT_CP=
for module in bundles/client bundles/api bundles/wire; do
    artifact=$(sed -n 's|^  <artifactId>\(.*\)</artifactId>|\1|p' "$ROOT/$module/pom.xml" 2>/dev/null | head -1)
    jar=$ROOT/$module/target/$artifact-0.1.0.jar
    [ -f "$jar" ] || jar=${MAVEN_REPO:-$HOME/.m2/repository}/org/jpcscd/$artifact/0.1.0/$artifact-0.1.0.jar
    [ -n "$artifact" ] && [ -f "$jar" ] || { CLIENT_CP=; break; }
    CLIENT_CP="${CLIENT_CP:+$CLIENT_CP:}$jar"
done
SLF4J=${MAVEN_REPO:-$HOME/.m2/repository}/org/slf4j/slf4j-api/1.7.36/slf4j-api-1.7.36.jar
if [ -n "$CLIENT_CP" ] && [ -f "$SLF4J" ] && mkdir -p "$TOOLS/java" &&
   javac -cp "$CLIENT_CP:$SLF4J" -d "$TOOLS/java" "$ROOT/bench/java/ClientBench.java"; then
    JAVA_CLIENT=$TOOLS/java:$CLIENT_CP:$SLF4J
else
    log "jpcscd's Java client is not built: its measurements are skipped"
fi

log "results in $OUT"
for k in $(seq "$ROUNDS"); do
    if [ "$ONLY" != jpcscd ]; then
        log "round $k/$ROUNDS: Debian pcscd + vsmartcard-vpcd"
        "$TOOLS/run-pcscd-baseline.sh" -n "$N" --reps "$REPS" --startup-reps "$STARTUP_REPS" \
            --out "$OUT/pcscd-$k" >/dev/null || die "pcscd half failed (see $OUT/pcscd-$k)"
    fi
    if [ "$ONLY" != pcscd ]; then
        log "round $k/$ROUNDS: jpcscd + ifd-vpcd"
        "$ROOT/bench/measure-jpcscd.sh" --dist "$DIST" --tools "$TOOLS/build" "${NEED[@]}" ${JAVA_CLIENT:+--java-client "$JAVA_CLIENT"} \
            -n "$N" --reps "$REPS" --startup-reps "$STARTUP_REPS" --out "$OUT/jpcscd-$k" ||
            die "jpcscd half failed (see $OUT/jpcscd-$k)"
    fi
done

for side in pcscd jpcscd; do
    ls "$OUT"/$side-*/raw.txt >/dev/null 2>&1 &&
        python3 "$TOOLS/summarize.py" "$OUT"/$side-*/raw.txt > "$OUT/summary-$side.md"
done
if [ -z "$ONLY" ]; then
    python3 "$ROOT/bench/compare.py" --summarize "$TOOLS/summarize.py" \
        --pcscd "$OUT"/pcscd-*/raw.txt --jpcscd "$OUT"/jpcscd-*/raw.txt | tee "$OUT/comparison.md"
else
    cat "$OUT/summary-$ONLY.md"
fi
