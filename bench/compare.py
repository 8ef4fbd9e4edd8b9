#!/usr/bin/env python3
"""jpcscd against pcscd: ratios of the shared harness's metrics.

usage: compare.py --summarize PATH/summarize.py --pcscd RAW... --jpcscd RAW...

Each side's raw files (pcsc-bench 'metric=' lines) are pooled and reduced the
way the shared summarize.py does it: per metric, the median over runs of the
per-run median and of the per-run p99.  The ratio is jpcscd / pcscd; for
latencies and CPU lower is better, for throughput higher is better.
"""
import argparse
import importlib.util
import sys

# (label, metric, params, statistic) of the lines the issue asks for, in its order
HEADLINE = [
    ("SCardTransmit 14-byte APDU, median (us)", "transmit_small_us", "", "median"),
    ("SCardTransmit 14-byte APDU, p99 (us)", "transmit_small_us", "", "p99"),
    ("SCardTransmit 261-byte APDU (255 data), median (us)", "transmit_large_us", "", "median"),
    ("SCardTransmit 261-byte APDU (255 data), p99 (us)", "transmit_large_us", "", "p99"),
    ("SCardEstablishContext + SCardReleaseContext, median (us)", "ctx_establish_release_us", "", "median"),
    ("SCardEstablishContext + SCardReleaseContext, p99 (us)", "ctx_establish_release_us", "", "p99"),
    ("transmits per second, 1 client", "parallel_transmit_tps", "clients=1 apdu=small", "median"),
    ("transmits per second, 4 clients", "parallel_transmit_tps", "clients=4 apdu=small", "median"),
]


def load_summarize(path):
    spec = importlib.util.spec_from_file_location("summarize", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reduce(summarize, paths):
    header, rows = [], []
    for path in paths:
        h, r = summarize.parse(path)
        header += [x for x in h if x not in header]
        rows += r
    table = {}
    for name, params, med, best, p99, n, spread, errors in summarize.summarize(rows):
        table[(name, params)] = {"median": med, "p99": p99, "runs": n, "errors": errors, "range": spread}
    return header, table


def ratio_cells(summarize, name, a, b):
    if a is None or b is None or a == 0:
        return "-", "-"
    r = b / a
    higher_better = name in summarize.HIGHER_IS_BETTER
    met = r >= 1 if higher_better else r <= 1
    return f"{r:.2f}", ("yes" if met else "**no**")


# issue 4: jpcscd's Java client against libpcsclite, both on jpcscd
JAVA_CLIENT = [
    ("SCardTransmit 14-byte APDU, median (us)", "transmit_small_us", "median"),
    ("SCardTransmit 14-byte APDU, p99 (us)", "transmit_small_us", "p99"),
    ("SCardTransmit 261-byte APDU, median (us)", "transmit_large_us", "median"),
    ("SCardTransmit 261-byte APDU, p99 (us)", "transmit_large_us", "p99"),
    ("SCardEstablishContext + SCardReleaseContext, median (us)", "ctx_establish_release_us", "median"),
]


def java_client_section(summarize, pcscd, jpcscd):
    fmt = summarize.fmt
    if not any(name.startswith("java_") for name, _ in jpcscd):
        return
    print()
    print("jpcscd's Java client against libpcsclite (pcsc-bench), both on jpcscd:")
    print()
    print("| measurement | libpcsclite | Java client | Java / libpcsclite | target met |")
    print("|---|---|---|---|---|")
    for label, name, stat in JAVA_CLIENT:
        a = jpcscd.get((name, ""), {}).get(stat)
        b = jpcscd.get(("java_" + name, ""), {}).get(stat)
        r, met = ratio_cells(summarize, name, a, b)
        print(f"| {label} | {fmt(a)} | {fmt(b)} | {r} | {met} |")
    cold = jpcscd.get(("cold_autostart_ms", ""), {})
    if cold:
        ref = pcscd.get(("startup_ready_ms", ""), {}).get("median")
        own = jpcscd.get(("startup_ready_ms", ""), {}).get("median")
        print()
        print("No daemon to an established context (median; ms):")
        print()
        print("| pcscd: exec to first context (pcsc-bench probe) | jpcscd: exec to first context (same probe) "
              "| jpcscd: establishContext with auto-start, Java client | auto-start / pcscd |")
        print("|---|---|---|---|")
        r, _ = ratio_cells(summarize, "cold_autostart_ms", ref, cold.get("median"))
        print(f"| {fmt(ref)} | {fmt(own)} | {fmt(cold.get('median'))} ({cold.get('runs')} runs, {cold.get('range')}) | {r} |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--summarize", required=True)
    ap.add_argument("--pcscd", nargs="+", required=True)
    ap.add_argument("--jpcscd", nargs="+", required=True)
    args = ap.parse_args()
    summarize = load_summarize(args.summarize)
    fmt = summarize.fmt
    ph, pcscd = reduce(summarize, args.pcscd)
    jh, jpcscd = reduce(summarize, args.jpcscd)

    print("## jpcscd / pcscd, same client (pcsc-bench + libpcsclite) and card (echo-card over vpcd)")
    print()
    for line in ph:
        print(f"    pcscd:  {line}")
    for line in jh:
        print(f"    jpcscd: {line}")
    print()
    print("| measurement | pcscd | jpcscd | jpcscd / pcscd | target met |")
    print("|---|---|---|---|---|")
    for label, name, params, stat in HEADLINE:
        a = pcscd.get((name, params), {}).get(stat)
        b = jpcscd.get((name, params), {}).get(stat)
        r, met = ratio_cells(summarize, name, a, b)
        print(f"| {label} | {fmt(a)} | {fmt(b)} | {r} | {met} |")
    java_client_section(summarize, pcscd, jpcscd)
    print()
    print("Every other metric both runs have (median over runs; p99 where the metric has one):")
    print()
    print("| metric | params | pcscd median | jpcscd median | ratio | pcscd p99 | jpcscd p99 | ratio | runs pcscd/jpcscd | errors pcscd/jpcscd |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for key in sorted(set(pcscd) & set(jpcscd), key=summarize.sort_key):
        a, b = pcscd[key], jpcscd[key]
        rm, _ = ratio_cells(summarize, key[0], a["median"], b["median"])
        rp, _ = ratio_cells(summarize, key[0], a["p99"], b["p99"])
        print(f"| {key[0]} | {key[1]} | {fmt(a['median'])} | {fmt(b['median'])} | {rm} | {fmt(a['p99'])} "
              f"| {fmt(b['p99'])} | {rp} | {a['runs']}/{b['runs']} | {a['errors']}/{b['errors']} |")
    missing = sorted(set(pcscd) - set(jpcscd), key=summarize.sort_key)
    if missing:
        print()
        print("Measured on pcscd only: " + ", ".join(f"{n} {p}".strip() for n, p in missing))
    errors = sum(v["errors"] for v in jpcscd.values())
    if errors:
        print()
        print(f"**jpcscd runs had {errors} errors (wrong or failed responses).**")
    return 0


if __name__ == "__main__":
    sys.exit(main())
