#!/usr/bin/env bash
# Golden end-to-end test: scans tests/fixtures/e2e with the real binary and checks every
# message's verdict and required findings against expected.tsv (BEC cases of PRODUCT.md §1 and
# hard negatives). Usage: golden_scan_test.sh path/to/becguard   (from the project root)
set -uo pipefail
bin="$1"
dir=tests/fixtures/e2e
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" --config "$dir/becguard.toml" scan --json --no-progress "$dir" >"$out"
status=$?
if [ "$status" -ne 2 ]; then
  echo "FAIL: exit code $status, expected 2 (worst verdict bec)"; exit 1
fi
python3 - "$out" "$dir/expected.tsv" <<'PY'
import json, sys
results = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    assert set(r) == {"file", "message_id", "verdict", "score", "findings"}, r.keys()
    for f in r["findings"]:
        assert set(f) == {"id", "weight", "evidence"}, f
    results[r["file"].split("/")[-1]] = r
failures = 0
rank = {"clean": 0, "suspicious": 1, "bec": 2}
for line in open(sys.argv[2], encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    name, verdict, required = (line.rstrip("\n").split("\t") + [""])[:3]
    r = results.get(name)
    if r is None:
        print(f"FAIL {name}: not scanned"); failures += 1; continue
    ids = {f["id"] for f in r["findings"]}
    missing = [i for i in required.split(",") if i and i not in ids]
    ok = (r["verdict"] == verdict) if verdict == "clean" else rank[r["verdict"]] >= rank[verdict]
    if not ok or missing:
        failures += 1
        print(f"FAIL {name}: verdict {r['verdict']} (score {r['score']}), expected {verdict}; "
              f"missing {missing}; got {sorted(ids)}")
    else:
        print(f"ok   {name}: {r['verdict']} {r['score']}")
sys.exit(1 if failures else 0)
PY
