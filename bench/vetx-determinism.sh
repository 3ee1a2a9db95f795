#!/usr/bin/env bash
# Checks that our facts are deterministic: two cold `go vet` runs (each with
# a byte-distinct copy of the tool, so nothing comes from the vet cache)
# must write byte-identical vetx (facts) files for every package.
#
#   bench/vetx-determinism.sh [PATTERN...]     (default: net/http)
set -euo pipefail
cd "$(dirname "$0")/.."
patterns=("$@")
[ ${#patterns[@]} -gt 0 ] || patterns=(net/http)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
[ -n "${KEEP:-}" ] && trap - EXIT && echo "keeping $work"
go build -o "$work/bodyclose" ./cmd/bodyclose
run() { # run N: vet with a fresh tool copy, keep the work dir, copy vet.out files
	cp "$work/bodyclose" "$work/tool$1"
	printf 'nonce %s' "$RANDOM$RANDOM" >>"$work/tool$1"
	(cd "$work" && go vet -work -vettool="$work/tool$1" "${patterns[@]}" >/dev/null 2>"$work/log$1") || true
	wd=$(sed -n 's/^WORK=//p' "$work/log$1" | head -1)
	mkdir -p "$work/out$1"
	# Each vet action writes its facts to vet.out next to its vet.cfg;
	# name them by the package's import path from the cfg.
	find "$wd" -name vet.cfg | while read -r cfg; do
		pkg=$(sed -n 's/.*"ImportPath": "\(.*\)",/\1/p' "$cfg" | head -1)
		out="$(dirname "$cfg")/vet.out"
		[ -f "$out" ] && cp "$out" "$work/out$1/$(echo "$pkg" | tr '/' '_').vetx"
	done
	rm -rf "$wd"
}
run 1
run 2
n=$(ls "$work/out1" | wc -l)
diffs=0
for f in "$work"/out1/*.vetx; do
	cmp -s "$f" "$work/out2/$(basename "$f")" || { echo "differs: $(basename "$f")"; diffs=$((diffs + 1)); }
done
bytes=$(cat "$work"/out1/*.vetx | wc -c)
echo "$n vetx files ($bytes bytes), $diffs differ between two cold runs"
[ "$diffs" -eq 0 ]
