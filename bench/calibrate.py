#!/usr/bin/env python3
"""Calibrates data/scores.toml (finding weights, composite weights, verdict thresholds) on labelled
mail, reproducibly; standard library only (Python >= 3.11 for tomllib).

  bench/calibrate.py [--corpus ../shared/corpus] [--write] [--report build/calibrate.json]

1. Runs `becguard eval --json --per-message` (build/release/src/becguard) on bec-dev twice -
   stateless and learning while scanning in Date order - with the config generated from its
   context.toml, and once on the real mail of manifest.tsv with examples/becguard.toml.
   Every message's findings and strengths are kept, so candidate weights are re-scored here
   exactly as src/scoring/scorer.cc does (checked against becguard's own scores first).
2. Splits bec-dev deterministically into a development part and a held-aside part by *thread*
   (the T01..T10 vendor threads of labels.tsv) or, for messages outside those threads, by
   scenario and language: a group is held aside when sha1("becguard-calibration:" + key) % 3
   == 0. Whole threads/scenarios go one way, so the held-aside part tests what was not fitted.
3. Fits by coordinate descent on the development part plus all real mail: each weight and
   threshold in turn moves to the value in its range that maximises
       recall(flagged) + recall(bec) - 3 x dev-legit FPR(flagged) - 5 x dev-legit FPR(bec)
       - 1 per real-ham message flagged - 3 per real-ham message at bec
       - 0.0005 per point moved away from the current value (prefer the smallest change)
   Ranges keep the design of docs/FINDINGS.md: no single non-intel finding reaches "bec"
   alone (weight <= bec threshold - 1). The thresholds stay 30/60 unless --fit-thresholds
   (then within 20..40 and 50..70).
4. Checks: 3-fold cross-validation inside the development part (folds by thread/scenario too:
   fit on two, score the third) says whether fitting generalises at all; the held-aside part,
   never fitted on, must not get worse. Reports development, out-of-fold, held-aside and
   real-mail figures before and after. With --write it rewrites the numbers in data/scores.toml
   (comments and order kept) only when the out-of-fold detections gained exceed twice the
   false positives added, the held-aside part has no fewer detections and no more false
   positives, and real-ham false positives did not rise; otherwise it keeps the old weights and
   says why.
Re-run it after adding findings: new ids are picked up from scores.toml and the eval output.
"""
import argparse
import atexit
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib

BIN = "build/release/src/becguard"
SCORES = "data/scores.toml"
NEGATIVE = {"ham", "legit", "clean", "benign"}


def becguard_eval(binary, config, root, labels=None, store="", jobs=2):
    cmd = [binary, "--store", store]
    if config:
        cmd += ["--config", config]
    cmd += ["eval", "--json", "--per-message", "--jobs", str(jobs), root]
    if labels:
        cmd += ["--labels", labels]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 3):
        sys.exit(f"calibrate: {' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)["messages"]


def thread_key(row):
    m = re.search(r"\bT\d\d\b", row.get("note", ""))
    return m.group(0) if m else f"{row['scenario']}/{row.get('language', '')}"


def held_aside(key):
    return int(hashlib.sha1(f"becguard-calibration:{key}".encode()).hexdigest(), 16) % 3 == 0


def fold_of(key, folds=3):
    return int(hashlib.sha1(f"becguard-fold:{key}".encode()).hexdigest(), 16) % folds


def cross_validate(table, samples, keys_of, thresholds, folds=3):
    """Out-of-fold figures on the development part: fit on the other folds (plus real ham),
    score the left-out fold; whole threads/scenarios per fold, as in the held-aside split."""
    totals_before, totals_after = {}, {}
    for k in range(folds):
        train = [s[:3] for s, key in zip(samples, keys_of)
                 if s[0] == "real" or (s[0] == "dev" and fold_of(key, folds) != k)]
        test = [("cv",) + s[1:3] for s, key in zip(samples, keys_of)
                if s[0] == "dev" and fold_of(key, folds) == k]
        fitted = fit(Model(table), train, thresholds=thresholds)
        for totals, model in ((totals_before, Model(table)), (totals_after, fitted)):
            for key, v in metrics(model, test).get("cv", {}).items():
                totals[key] = totals.get(key, 0) + v
    return totals_before, totals_after


def read_labels(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        return {r["file"]: r for r in (dict(zip(header, l.rstrip("\n").split("\t")))
                                        for l in f if l.strip())}


class Model:
    """Weights, caps, composites and thresholds as in scores.toml; scores like scorer.cc."""

    def __init__(self, table):
        self.weights = dict(table["weights"])
        self.caps = {g: v["max"] for g, v in table.get("groups", {}).items()}
        self.composites = {c["name"]: c["weight"] for c in table.get("composites", [])}
        self.suspicious = table["thresholds"]["suspicious"]
        self.bec = table["thresholds"]["bec"]

    def params(self):
        p = {("w", k): v for k, v in self.weights.items()}
        p.update({("c", k): v for k, v in self.composites.items()})
        p[("t", "suspicious")] = self.suspicious
        p[("t", "bec")] = self.bec
        return p

    def set(self, key, value):
        kind, name = key
        if kind == "w":
            self.weights[name] = value
        elif kind == "c":
            self.composites[name] = value
        else:
            setattr(self, name, value)

    def score(self, findings):
        # One finding per id, the strongest (the first of equals), as scorer.cc; the group cap
        # bounds the group's total, so the order of the others does not change the score.
        best = {}
        for f in findings:
            if f["id"].startswith("combo.") or f["id"] not in best or \
                    f["strength"] > best[f["id"]]["strength"]:
                best[f["id"] if not f["id"].startswith("combo.") else id(f)] = f
        group_points = {}
        total = 0.0
        for f in best.values():
            if f["id"].startswith("combo."):
                total += self.composites.get(f["id"][6:], 0)
                continue
            points = self.weights.get(f["id"], 0) * min(max(f["strength"], 0.0), 1.0)
            cap = self.caps.get(f["group"], 0)
            have = group_points.get(f["group"], 0.0)
            if cap > 0 and points > 0:
                points = min(points, max(0.0, cap - have))
            group_points[f["group"]] = have + points
            total += points
        return int(math.floor(min(max(total, 0.0), 100.0) + 0.5))


def metrics(model, samples):
    """samples: list of (part, positive, findings). Counts per part at both thresholds."""
    out = {}
    for part, positive, findings in samples:
        s = model.score(findings)
        m = out.setdefault(part, {"pos": 0, "neg": 0, "tp": 0, "tp_bec": 0, "fp": 0, "fp_bec": 0})
        if positive:
            m["pos"] += 1
            m["tp"] += s >= model.suspicious
            m["tp_bec"] += s >= model.bec
        else:
            m["neg"] += 1
            m["fp"] += s >= model.suspicious
            m["fp_bec"] += s >= model.bec
    return out


def objective(model, samples, base):
    m = metrics(model, samples)
    dev = m.get("dev", {"pos": 0, "neg": 0, "tp": 0, "tp_bec": 0, "fp": 0, "fp_bec": 0})
    real = m.get("real", {"fp": 0, "fp_bec": 0})
    rec = dev["tp"] / dev["pos"] if dev["pos"] else 0
    rec_bec = dev["tp_bec"] / dev["pos"] if dev["pos"] else 0
    fpr = dev["fp"] / dev["neg"] if dev["neg"] else 0
    fpr_bec = dev["fp_bec"] / dev["neg"] if dev["neg"] else 0
    moved = sum(abs(v - base[k]) for k, v in model.params().items())
    return (rec + rec_bec - 3 * fpr - 5 * fpr_bec - real["fp"] - 3 * real["fp_bec"]
            - 0.0005 * moved)


def bounds(key, model):
    kind, name = key
    if kind == "t":
        return (20, 40) if name == "suspicious" else (50, 70)
    if kind == "c":
        return (0, 40)
    if name.startswith("intel."):
        return (0, 100)
    return (0, model.bec - 1)


def fit(model, samples, rounds=4, thresholds=False):
    base = model.params()
    present = {f["id"] for _, _, fs in samples for f in fs}
    keys = [k for k in base if (k[0] == "t" and thresholds) or (k[0] == "w" and k[1] in present)
            or (k[0] == "c" and f"combo.{k[1]}" in present)]
    best = objective(model, samples, base)
    for _ in range(rounds):
        improved = False
        for key in keys:
            lo, hi = bounds(key, model)
            current = model.params()[key]
            choice = current
            candidates = {lo, hi, current} | {current + d for d in
                                              (-20, -15, -10, -8, -5, -3, -2, -1,
                                               1, 2, 3, 5, 8, 10, 15, 20)}
            for value in sorted(v for v in candidates if lo <= v <= hi):
                model.set(key, value)
                if model.suspicious >= model.bec:
                    continue
                score = objective(model, samples, base)
                if score > best + 1e-12:
                    best, choice, improved = score, value, True
            model.set(key, choice)
        if not improved:
            break
    return model


def write_scores(path, model):
    """Rewrites only the numbers in scores.toml, keeping comments and order."""
    lines = open(path, encoding="utf-8").read().split("\n")
    section, composite = None, None
    for i, line in enumerate(lines):
        s = line.strip()
        if s.startswith("[[composites]]"):
            section, composite = "composites", None
            continue
        if s.startswith("["):
            section = s.strip("[]")
            continue
        m = re.match(r'^(\s*)("?[\w.]+"?)(\s*=\s*)(-?[\d.]+)(.*)$', line)
        if section == "composites":
            n = re.match(r'^\s*name\s*=\s*"([^"]+)"', line)
            if n:
                composite = n.group(1)
            if m and m.group(2) == "weight" and composite in model.composites:
                lines[i] = f"{m.group(1)}weight{m.group(3)}{fmt(model.composites[composite])}{m.group(5)}"
        elif m and section == "weights":
            key = m.group(2).strip('"')
            if key in model.weights:
                lines[i] = f"{m.group(1)}{m.group(2)}{m.group(3)}{fmt(model.weights[key])}{m.group(5)}"
        elif m and section == "thresholds" and m.group(2) in ("suspicious", "bec"):
            value = getattr(model, m.group(2))
            lines[i] = f"{m.group(1)}{m.group(2)}{m.group(3)}{fmt(value)}{m.group(5)}"
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def fmt(v):
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def rates(m):
    def r(k, n):
        if not n:
            return "-"
        v = 100 * k / n
        return f"{k}/{n} ({v:.2f} %)" if 0 < v < 1 else f"{k}/{n} ({v:.1f} %)"
    return {"recall_flagged": r(m["tp"], m["pos"]), "recall_bec": r(m["tp_bec"], m["pos"]),
            "fpr_flagged": r(m["fp"], m["neg"]), "fpr_bec": r(m["fp_bec"], m["neg"]), **m}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--becguard", default=BIN)
    ap.add_argument("--scores", default=SCORES)
    ap.add_argument("--real-config", default="examples/becguard.toml")
    ap.add_argument("--fit-thresholds", action="store_true",
                    help="also move the verdict thresholds (documented as 30/60 in the product "
                    "and pinned in examples/becguard.toml, so off by default)")
    ap.add_argument("--write", action="store_true", help="apply the fit to --scores if better")
    ap.add_argument("--force", action="store_true", help="with --write: apply even if not better")
    ap.add_argument("--report", default="build/calibrate/calibrate.json")
    args = ap.parse_args()

    with open(args.scores, "rb") as f:
        table = tomllib.load(f)
    bec_root = os.path.join(args.corpus, "bec-dev")
    labels = read_labels(os.path.join(bec_root, "labels.tsv"))
    tmp = tempfile.mkdtemp(prefix="becguard-calibrate-")
    atexit.register(shutil.rmtree, tmp, True)
    config = os.path.join(tmp, "bec-dev.toml")
    with open(config, "w") as f:
        subprocess.run([sys.executable, "bench/context_to_config.py",
                        os.path.join(bec_root, "context.toml")], stdout=f, check=True)

    samples, split = [], {}
    runs = [("stateless", "", 2), ("learning", "memory:", 1)]
    for mode, store, jobs in runs:
        for rec in becguard_eval(args.becguard, config, bec_root, store=store, jobs=jobs):
            key = thread_key(labels[rec["file"]])
            part = "held" if held_aside(key) else "dev"
            split.setdefault(part, set()).add(key)
            samples.append((part, rec["label"] not in NEGATIVE, rec["findings"], rec["score"],
                            mode, rec["file"], key))
    manifest = os.path.join(args.corpus, "manifest.tsv")
    if os.path.exists(manifest):
        for rec in becguard_eval(args.becguard, args.real_config, args.corpus, labels=manifest):
            # Real phishing is not BEC: it is kept out of the objective; real ham counts as FP.
            part = "real" if rec["label"] in NEGATIVE else "real-phish"
            samples.append((part, rec["label"] not in NEGATIVE, rec["findings"], rec["score"],
                            "stateless", rec["file"], ""))

    model = Model(table)
    mismatches = [(s[5], s[4], s[3], model.score(s[2])) for s in samples
                  if model.score(s[2]) != s[3]]
    if mismatches:
        print(f"calibrate: re-scoring differs from becguard on {len(mismatches)} messages, e.g. "
              f"{mismatches[:3]}; is {args.scores} the file becguard loaded?", file=sys.stderr)
        sys.exit(1)
    fit_samples = [(p, pos, fs) for p, pos, fs, *_ in samples]
    before = metrics(model, fit_samples)
    fitted = fit(Model(table), [s for s in fit_samples if s[0] in ("dev", "real")],
                 thresholds=args.fit_thresholds)
    after = metrics(fitted, fit_samples)
    cv_before, cv_after = cross_validate(table, fit_samples, [s[6] for s in samples],
                                         args.fit_thresholds)
    before["cv"], after["cv"] = cv_before, cv_after

    def gain_cost(b, a):
        return ((a["tp"] - b["tp"]) + (a["tp_bec"] - b["tp_bec"]),
                (a["fp"] - b["fp"]) + (a["fp_bec"] - b["fp_bec"]))

    def better():
        b, a = before["held"], after["held"]
        reasons = []
        cv_gain, cv_cost = gain_cost(cv_before, cv_after)
        if cv_gain - 2 * cv_cost <= 0:
            reasons.append("no out-of-fold gain on the development part (cross-validated: "
                           f"{cv_gain:+d} detections, {cv_cost:+d} false positives)")
        if after["real"]["fp"] > before["real"]["fp"] or \
                after["real"]["fp_bec"] > before["real"]["fp_bec"]:
            reasons.append("more real-ham false positives")
        gain, cost = gain_cost(b, a)
        if cost > 0:
            reasons.append("more held-aside false positives")
        if gain < 0:
            reasons.append("lower held-aside recall")
        return not reasons, reasons

    ok, why = better()
    if ok:
        why = ["held-aside part not worse, out-of-fold gain on the development part, real-ham "
               "false positives not raised"]
    changes = {f"{k[0]}:{k[1]}": [before_v, fitted.params()[k]]
               for k, before_v in Model(table).params().items()
               if fitted.params()[k] != before_v}
    report = {"split": {p: sorted(v) for p, v in split.items()},
              "before": {p: rates(m) for p, m in before.items()},
              "after": {p: rates(m) for p, m in after.items()},
              "changes": changes, "better_on_held_aside": ok, "why_not": why}
    os.makedirs(os.path.dirname(args.report) or ".", exist_ok=True)
    with open(args.report, "w") as f:
        json.dump(report, f, indent=1)

    print("split (bec-dev, by thread or scenario/language; both modes: stateless and learning):")
    for p in ("dev", "held"):
        print(f"  {p}: {', '.join(sorted(split.get(p, [])))}")
    print("\n| part | when | recall (flagged) | recall (bec) | FPR (flagged) | FPR (bec) |")
    print("|---|---|---:|---:|---:|---:|")
    names = {"dev": "bec-dev development (fitted on)", "held": "bec-dev held aside",
             "cv": "bec-dev development, out-of-fold (3-fold CV)",
             "real": "real ham (manifest)", "real-phish": "real phishing (not BEC)"}
    for p in ("dev", "cv", "held", "real", "real-phish"):
        for when, m in (("before", before), ("after", after)):
            if p in m:
                r = rates(m[p])
                print(f"| {names[p]} | {when} | {r['recall_flagged']} | {r['recall_bec']} | "
                      f"{r['fpr_flagged']} | {r['fpr_bec']} |")
    print("\nchanged parameters (before -> after):")
    for k, (b, a) in sorted(changes.items()):
        print(f"  {k}: {fmt(b)} -> {fmt(a)}")
    if not changes:
        print("  none")
    print("\nverdict:", ("apply: " if ok else "keep the current weights: ") + "; ".join(why))
    if args.write and (ok or args.force) and changes:
        write_scores(args.scores, fitted)
        print(f"wrote {args.scores}")
    elif args.write:
        print(f"{args.scores} left unchanged")


if __name__ == "__main__":
    main()
