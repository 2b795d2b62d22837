#!/usr/bin/env python3
"""becguard, rspamd and SpamAssassin side by side on one labelled tree (bench/compare.sh runs it).

Classes: "bec" (bec-dev label bec), "phish" (manifest label phish: phish/, fraud-419/) and
"legit" (manifest label ham, and the bec-dev hard negatives). Each system is judged at its own
default threshold: becguard flags at score >= 30 ("suspicious") and, stricter, >= 60 ("bec");
rspamd flags when its action is "add header", "rewrite subject" or "reject" (default score 6;
greylist, a temporary deferral, does not count) and, stricter, "reject" (15); SpamAssassin
flags at its required_score 5.0. Speed is wall clock over the whole sample with both cores busy
(becguard --jobs 2; two rspamd workers and two spamd children fed by CLIENTS client threads).
Standard library only.
"""
import argparse
import atexit
import concurrent.futures
import hashlib
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict

CLIENTS = 4  # client threads per peer: keeps both daemon workers busy while one reply is parsed


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            yield dict(zip(header, cells))


def load_items(corpus):
    """Every labelled message: path, class (bec|phish|legit), set (folder), scenario."""
    items = []
    manifest = os.path.join(corpus, "manifest.tsv")
    if os.path.exists(manifest):
        for row in read_tsv(manifest):
            rel = row.get("path") or row.get("file")
            label = row["label"]
            cls = "legit" if label in ("ham", "legit", "clean", "benign") else label
            items.append({"path": os.path.join(corpus, rel), "class": cls,
                          "set": rel.split("/")[0], "scenario": "", "config": "real"})
    bec_labels = os.path.join(corpus, "bec-dev", "labels.tsv")
    if os.path.exists(bec_labels):
        for row in read_tsv(bec_labels):
            cls = "bec" if row["label"] == "bec" else "legit"
            items.append({"path": os.path.join(corpus, "bec-dev", row["file"]), "class": cls,
                          "set": "bec-dev " + row["label"], "scenario": row.get("scenario", ""),
                          "config": "bec-dev"})
    return items


def sample(items, limit):
    """At most `limit` messages per set, chosen by a hash of the path (deterministic)."""
    if not limit:
        return items
    by_set = defaultdict(list)
    for it in items:
        by_set[it["set"]].append(it)
    out = []
    for s, members in sorted(by_set.items()):
        if s.startswith("bec-dev"):
            out.extend(members)  # small and the point of the comparison: always whole
            continue
        members.sort(key=lambda it: hashlib.sha1(it["path"].encode()).hexdigest())
        out.extend(members[:limit])
    return out


# ---------------------------------------------------------------- becguard
def run_becguard(binary, items, configs, jobs):
    """Returns results, wall time, and the part of it that was process start-up (config, data
    files, Hyperscan databases), measured as a run over one message: the daemons' start-up is
    not in their figures either."""
    results = {}
    elapsed = startup = 0.0
    for name, config in configs.items():
        group = [it["path"] for it in items if it["config"] == name]
        if not group:
            continue
        cmd = [binary, "--store", ""]
        if config:
            cmd += ["--config", config]
        cmd += ["scan", "--json", "--no-progress", "--jobs", str(jobs)]
        start = time.monotonic()
        subprocess.run(cmd + group[:1], capture_output=True)
        startup += time.monotonic() - start
        cmd += group
        start = time.monotonic()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        elapsed += time.monotonic() - start
        if proc.returncode > 2:
            sys.stderr.write(proc.stderr[-2000:])
        for line in proc.stdout.splitlines():
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            results[rec["file"]] = {
                "score": rec["score"],
                "flag": rec["score"] >= 30 and rec["verdict"] in ("suspicious", "bec"),
                "strict": rec["verdict"] == "bec",
                "hits": {f["id"]: f.get("weight", 0) for f in rec.get("findings", [])},
            }
    return results, elapsed, startup


# ---------------------------------------------------------------- rspamd
def rspamd_check(port, path, local):
    conn = getattr(local, "conn", None)
    if conn is None:
        conn = local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    with open(path, "rb") as f:
        body = f.read()
    for attempt in (0, 1):
        try:
            conn.request("POST", "/checkv2", body=body, headers={"Content-Length": str(len(body))})
            reply = json.loads(conn.getresponse().read())
            break
        except (http.client.HTTPException, OSError):
            conn.close()
            conn = local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            if attempt:
                return None
    action = reply.get("action", "no action")
    return {
        "score": reply.get("score", 0.0),
        "action": action,
        "flag": action in ("add header", "rewrite subject", "reject"),
        "strict": action == "reject",
        "hits": {k: v.get("score", 0.0) for k, v in reply.get("symbols", {}).items()},
    }


# ---------------------------------------------------------------- SpamAssassin (spamd protocol)
REPORT_LINE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s+([A-Za-z0-9_]+)\s")
SPAM_HEADER = re.compile(r"^Spam:\s*(\w+)\s*;\s*(-?[\d.]+)\s*/\s*(-?[\d.]+)", re.M)


def spamd_check(port, path, _local):
    with open(path, "rb") as f:
        msg = f.read()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=300) as s:
            s.sendall(b"REPORT SPAMC/1.5\r\nContent-length: %d\r\n\r\n" % len(msg) + msg)
            s.shutdown(socket.SHUT_WR)
            chunks = []
            while True:
                b = s.recv(65536)
                if not b:
                    break
                chunks.append(b)
    except OSError:
        return None
    text = b"".join(chunks).decode("utf-8", "replace")
    m = SPAM_HEADER.search(text)
    if not m:
        return None
    score, required = float(m.group(2)), float(m.group(3))
    hits = {}
    in_table = False
    for line in text.splitlines():
        if line.startswith("---- "):
            in_table = True
            continue
        if in_table:
            r = REPORT_LINE.match(line)
            if r:
                hits[r.group(2)] = float(r.group(1))
    return {"score": score, "flag": score >= required, "strict": score >= required, "hits": hits}


def run_peer(check, port, items):
    local = threading.local()
    results = {}
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
        futures = {pool.submit(check, port, it["path"], local): it["path"] for it in items}
        for fut in concurrent.futures.as_completed(futures):
            results[futures[fut]] = fut.result()
    return results, time.monotonic() - start


# ---------------------------------------------------------------- summary
def summarise(name, level, results, items, elapsed, key, startup=0.0):
    counts = defaultdict(lambda: [0, 0])  # class -> [n, flagged]
    per_set = defaultdict(lambda: [0, 0])
    errors = 0
    for it in items:
        r = results.get(it["path"])
        if r is None:
            errors += 1
            continue
        for d, k in ((counts, it["class"]), (per_set, it["set"])):
            d[k][0] += 1
            d[k][1] += bool(r[key])
    def rate(c):
        n, k = counts[c]
        return {"n": n, "flagged": k, "rate": (k / n) if n else None}
    tp = counts["bec"][1] + counts["phish"][1]
    fp = counts["legit"][1]
    return {
        "system": name, "threshold": level,
        "bec_recall": rate("bec"), "phish_recall": rate("phish"), "legit_fpr": rate("legit"),
        "precision": (tp / (tp + fp)) if tp + fp else None,
        "confusion": {"tp": tp, "fn": counts["bec"][0] + counts["phish"][0] - tp,
                      "fp": fp, "tn": counts["legit"][0] - fp},
        "per_set": {s: {"n": v[0], "flagged": v[1]} for s, v in sorted(per_set.items())},
        "messages": sum(v[0] for v in counts.values()), "errors": errors,
        "seconds": round(elapsed, 2), "startup_seconds": round(startup, 2),
        "msg_per_s": round(len(items) / (elapsed - startup), 1) if elapsed > startup else None,
        "msg_per_s_with_startup": round(len(items) / elapsed, 1) if elapsed else None,
    }


def bec_hits(results, items, top):
    bec = [it for it in items if it["class"] == "bec"]
    hits, weights = Counter(), defaultdict(list)
    for it in bec:
        r = results.get(it["path"])
        if not r:
            continue
        for k, w in r["hits"].items():
            hits[k] += 1
            weights[k].append(w)
    def interesting(k):
        return any(w != 0 for w in weights[k])
    ranked = sorted((k for k in hits if interesting(k)), key=lambda k: (-hits[k], k))[:top]
    return {"bec_messages": len(bec),
            "top": [{"id": k, "hits": hits[k],
                     "mean_points": round(sum(weights[k]) / len(weights[k]), 2)} for k in ranked]}


def pct(x):
    if x is None:
        return "-"
    return f"{100 * x:.2f} %" if 0 < x < 0.01 else f"{100 * x:.1f} %"


def markdown(rows, hit_tables, meta):
    out = [f"{meta['date']}; load average {meta['loadavg_start'][0]:.1f} at start, "
           f"{meta['loadavg_end'][0]:.1f} at end; network: {meta['network_namespace']}.",
           f"Sample: {meta['sample']}; {meta['messages']} messages "
           f"({meta['classes']['bec']} BEC, {meta['classes']['phish']} phishing, "
           f"{meta['classes']['legit']} legitimate).", "",
           "| system | flagged at | BEC recall | phishing recall | legit FPR | precision "
           "| msg/s (2 cores)¹ |",
           "|---|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        b, p, l = r["bec_recall"], r["phish_recall"], r["legit_fpr"]
        out.append(f"| {r['system']} | {r['threshold']} | {pct(b['rate'])} ({b['flagged']}/{b['n']})"
                   f" | {pct(p['rate'])} ({p['flagged']}/{p['n']})"
                   f" | {pct(l['rate'])} ({l['flagged']}/{l['n']}) | {pct(r['precision'])}"
                   f" | {r['msg_per_s'] if r['msg_per_s'] is not None else '-'} |")
    out += ["", "¹ wall clock over the sample, daemons already running; becguard's process "
            "start-up (" + ", ".join(f"{r['startup_seconds']} s" for r in rows[:1]
                                     if r["system"] == "becguard") +
            " for its runs) left out like the daemons' (with it: " +
            ", ".join(f"{r['msg_per_s_with_startup']}" for r in rows[:1]
                      if r["system"] == "becguard") + " msg/s)."]
    sets = sorted({s for r in rows for s in r["per_set"]})
    out += ["", "Flagged per source set (BEC and phishing sets: recall; the others: false positives):",
            "", "| system | flagged at | " + " | ".join(sets) + " |",
            "|---|---|" + "---:|" * len(sets)]
    for r in rows:
        cells = []
        for s in sets:
            v = r["per_set"].get(s)
            cells.append(f"{v['flagged']}/{v['n']}" if v else "-")
        out.append(f"| {r['system']} | {r['threshold']} | " + " | ".join(cells) + " |")
    for name, table in hit_tables.items():
        out += ["", f"{name}: what fires on the {table['bec_messages']} BEC messages "
                "(findings / rules / symbols that carry points; hits, mean points):", "",
                "| finding / symbol | hits | mean points |", "|---|---:|---:|"]
        for t in table["top"]:
            out.append(f"| {t['id']} | {t['hits']} | {t['mean_points']:g} |")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--becguard", default="build/release/src/becguard")
    ap.add_argument("--real-config", default="examples/becguard.toml",
                    help="becguard config for manifest.tsv mail")
    ap.add_argument("--bec-config", default="", help="becguard config for bec-dev (default: "
                    "generated from bec-dev/context.toml)")
    ap.add_argument("--limit", type=int, default=0,
                    help="at most N messages per source folder (bec-dev always whole); 0 = all")
    ap.add_argument("--systems", default="becguard,rspamd,spamassassin")
    ap.add_argument("--rspamd-port", type=int, default=int(os.environ.get("RSPAMD_PORT", 0)))
    ap.add_argument("--spamd-port", type=int, default=int(os.environ.get("SPAMD_PORT", 0)))
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--json", default="build/compare/compare.json")
    ap.add_argument("--markdown", default="build/compare/compare.md")
    args = ap.parse_args()

    load_start = os.getloadavg()
    items = sample(load_items(args.corpus), args.limit)
    if not items:
        sys.exit(f"compare: no labelled messages under {args.corpus}")
    systems = args.systems.split(",")
    bec_config = args.bec_config
    tmpdir = tempfile.mkdtemp(prefix="becguard-compare-")
    atexit.register(shutil.rmtree, tmpdir, True)
    context = os.path.join(args.corpus, "bec-dev", "context.toml")
    if not bec_config and os.path.exists(context):
        bec_config = os.path.join(tmpdir, "bec-dev.toml")
        with open(bec_config, "w") as f:
            subprocess.run([sys.executable, "bench/context_to_config.py", context], stdout=f,
                           check=True)
    rows, hit_tables, raw = [], {}, {}
    if "becguard" in systems:
        res, t, up = run_becguard(args.becguard, items,
                                  {"real": args.real_config, "bec-dev": bec_config}, 2)
        rows.append(summarise("becguard", "suspicious (score ≥ 30)", res, items, t, "flag", up))
        rows.append(summarise("becguard", "bec (score ≥ 60)", res, items, t, "strict", up))
        hit_tables["becguard"] = bec_hits(res, items, args.top)
        raw["becguard"] = res
    if "rspamd" in systems:
        if not args.rspamd_port:
            sys.exit("compare: --rspamd-port (or RSPAMD_PORT) needed; bench/peers/start.sh")
        res, t = run_peer(rspamd_check, args.rspamd_port, items)
        rows.append(summarise("rspamd", "add header (score ≥ 6)", res, items, t, "flag"))
        rows.append(summarise("rspamd", "reject (score ≥ 15)", res, items, t, "strict"))
        hit_tables["rspamd"] = bec_hits(res, items, args.top)
        raw["rspamd"] = res
    if "spamassassin" in systems:
        if not args.spamd_port:
            sys.exit("compare: --spamd-port (or SPAMD_PORT) needed; bench/peers/start.sh")
        res, t = run_peer(spamd_check, args.spamd_port, items)
        rows.append(summarise("SpamAssassin", "required_score 5.0", res, items, t, "flag"))
        hit_tables["SpamAssassin"] = bec_hits(res, items, args.top)
        raw["spamassassin"] = res

    classes = Counter(it["class"] for it in items)
    meta = {"corpus": args.corpus, "messages": len(items), "classes": dict(classes),
            "sample": (f"at most {args.limit} per source folder (hash-ordered), bec-dev whole"
                       if args.limit else "every labelled message"),
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "loadavg_start": load_start, "loadavg_end": os.getloadavg(),
            "network_namespace": "loopback only" if os.environ.get("BECGUARD_COMPARE_ISOLATED")
            else "host"}
    md = markdown(rows, hit_tables, meta)
    print(md)
    for path in (args.json, args.markdown):
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(args.markdown, "w") as f:
        f.write(md + "\n")
    per_message = {sys_: {os.path.relpath(p, args.corpus): {k: v for k, v in r.items()
                                                           if k != "hits"} if r else None
                          for p, r in res.items()} for sys_, res in raw.items()}
    with open(args.json, "w") as f:
        json.dump({"meta": meta, "systems": rows, "bec_hits": hit_tables,
                   "messages": per_message}, f, indent=1, ensure_ascii=False)
    print(f"\nwrote {args.markdown} and {args.json}", file=sys.stderr)


if __name__ == "__main__":
    main()
