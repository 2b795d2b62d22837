#!/usr/bin/env bash
# End-to-end `becguard eval`: precision, confusion matrix and --per-message JSON on the golden
# fixtures (g* = bec, n* = legit), and bench/calibrate.py's re-scoring reproduces becguard's
# scores from that output (it calibrates weights on it). Usage: eval_command_test.sh BIN
set -uo pipefail
bin="$1"
dir=tests/fixtures/e2e
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

{ printf 'file\tlabel\tscenario\n'
  for f in "$dir"/g*.eml; do printf '%s\tbec\tgolden\n' "$(basename "$f")"; done
  for f in "$dir"/n*.eml; do printf '%s\tlegit\thard-negative\n' "$(basename "$f")"; done
} >"$tmp/labels.tsv"

"$bin" --config "$dir/becguard.toml" --store "" eval --labels "$tmp/labels.tsv" "$dir" \
  >"$tmp/eval.txt" || fail "eval exit code"
grep -q "confusion matrix" "$tmp/eval.txt" || fail "text output has no confusion matrix"
grep -q "precision" "$tmp/eval.txt" || fail "text output has no precision"

"$bin" --config "$dir/becguard.toml" --store "" eval --json --per-message \
  --labels "$tmp/labels.tsv" "$dir" >"$tmp/eval.json" || fail "eval --json exit code"
python3 - "$tmp/eval.json" <<'PY' || fail "eval JSON"
import json, sys
sys.path.insert(0, "bench")
import tomllib
from calibrate import Model

out = json.load(open(sys.argv[1]))
c = out["confusion"]["suspicious"]
assert (c["tp"], c["fn"], c["fp"], c["tn"]) == (9, 0, 0, 7), c
assert c["precision"] == 1.0 and c["recall"] == 1.0 and c["fpr"] == 0.0, c
b = out["confusion"]["bec"]
assert b["tp"] + b["fn"] == 9 and b["fp"] == 0 and b["threshold"] > c["threshold"], b
assert all("precision" in s for s in out["sweep"]), "sweep without precision"
msgs = out["messages"]
assert len(msgs) == 16, len(msgs)
model = Model(tomllib.load(open("data/scores.toml", "rb")))
for m in msgs:
    assert m["label"] in ("bec", "legit") and m["scenario"], m
    for f in m["findings"]:
        assert f["id"].startswith("combo.") or ("strength" in f and "group" in f), f
    assert model.score(m["findings"]) == m["score"], (m["file"], model.score(m["findings"]), m["score"])
# A hard negative must stay under the threshold and a BEC case over it.
assert any(m["label"] == "legit" and m["score"] < c["threshold"] for m in msgs)
assert any(m["label"] == "bec" and m["score"] >= b["threshold"] for m in msgs)
PY
echo "PASS"
