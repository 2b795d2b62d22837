#!/usr/bin/env python3
"""Prints bench/store_scale.sh's results (one TSV row per history size) as one Markdown table.
Usage: store_scale_table.py RESULTS.tsv CORPUS"""

import sys

COLUMNS = ["size", "learned", "learn_s", "learn_rss_kb", "store_bytes", "style_bytes",
           "stateless_s", "stateless_rss_kb", "store_s", "store_rss_kb", "scanned",
           "latency_stateless", "latency_store", "profiles"]


def latency(line, key):
    """A key=value field of bench/scan_latency's output line."""
    for part in line.split():
        if part.startswith(key + "="):
            return float(part.split("=", 1)[1])
    return float("nan")


def main():
    rows = [dict(zip(COLUMNS, line.rstrip("\n").split("\t")))
            for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    print(f"Scanned: {sys.argv[2]} on one core (taskset -c 0, --jobs 1, --no-learn); "
          "CLI = whole process, start-up included; in-process = bench/scan_latency.\n")
    print("| history | learn msg/s | learn RSS MiB | store MiB | bytes / msg (w/o style) | "
          "CLI scan msg/s: store / stateless = ratio | in-process msg/s: store / stateless = "
          "ratio | p50 µs store / stateless | p99 µs store / stateless | "
          "scan RSS MiB store / stateless |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        learned, scanned = int(r["learned"]), int(r["scanned"])
        store_b, style_b = int(r["store_bytes"]), int(r["style_bytes"])
        cli_store = scanned / max(float(r["store_s"]), 1e-3)
        cli_stateless = scanned / max(float(r["stateless_s"]), 1e-3)
        lat_st, lat_sl = r["latency_store"], r["latency_stateless"]
        in_store, in_stateless = latency(lat_st, "msg_per_s"), latency(lat_sl, "msg_per_s")
        print(f"| {r['size']} ({learned:,} learned) "
              f"| {learned / max(float(r['learn_s']), 1e-3):,.0f} "
              f"| {int(r['learn_rss_kb']) / 1024:,.0f} "
              f"| {store_b / 2**20:,.1f} "
              f"| {store_b / max(learned, 1):,.0f} ({(store_b - style_b) / max(learned, 1):,.0f}) "
              f"| {cli_store:,.0f} / {cli_stateless:,.0f} = {cli_store / cli_stateless:.0%} "
              f"| {in_store:,.0f} / {in_stateless:,.0f} = {in_store / in_stateless:.0%} "
              f"| {latency(lat_st, 'p50_us'):,.0f} / {latency(lat_sl, 'p50_us'):,.0f} "
              f"| {latency(lat_st, 'p99_us'):,.0f} / {latency(lat_sl, 'p99_us'):,.0f} "
              f"| {int(r['store_rss_kb']) / 1024:,.0f} / {int(r['stateless_rss_kb']) / 1024:,.0f} |")


if __name__ == "__main__":
    main()
