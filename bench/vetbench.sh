#!/usr/bin/env bash
# Times `go vet -vettool=T PATTERN` for our suite and the two floors, in one
# run, so that the ratios compare like with like on a noisy machine.
#
#   bench/vetbench.sh [ROUNDS] [PATTERN...]      (default: 1 round, std and net/http/...)
#   BASELINE=/path/to/older/bodyclose bench/vetbench.sh   also times an earlier build
#
# Each run gets a byte-distinct copy of its tool (go vet keys its cache on
# the tool's content), so the vet cache is cold while the compile cache is
# warm (a warm-up run fills it). Prints wall seconds and peak RSS (MiB, of
# the largest single process) per tool and pattern, and each tool's ratio
# to the buildssa floor.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-1}
shift || true
patterns=("$@")
[ ${#patterns[@]} -gt 0 ] || patterns=(std net/http/...)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/bodyclose" ./cmd/bodyclose
go build -o "$work/floor-buildssa" ./bench/floor-buildssa
go build -o "$work/floor-facts" ./bench/floor-facts
tools=(bodyclose floor-buildssa floor-facts)
if [ -n "${BASELINE:-}" ]; then # an earlier bodyclose binary to compare with
	cp "$BASELINE" "$work/baseline"
	tools+=(baseline)
fi
n=0
fresh() { # a byte-distinct copy of tool $1
	n=$((n + 1))
	cp "$work/$1" "$work/$1.$n"
	printf 'nonce %s %s' "$n" "$RANDOM$RANDOM" >>"$work/$1.$n"
	echo "$work/$1.$n"
}
cd "$work" # no module here: std and its tests only
for p in "${patterns[@]}"; do
	go vet -vettool="$(fresh floor-facts)" "$p" >/dev/null 2>&1 || true # warm the compile cache
done
printf '%-16s %-14s %5s %9s %8s\n' tool pattern round seconds maxMiB
declare -A sum
for r in $(seq "$rounds"); do
	for p in "${patterns[@]}"; do
		for t in "${tools[@]}"; do
			bin=$(fresh "$t")
			/usr/bin/time -f '%e %M' -o "$work/time" go vet -vettool="$bin" "$p" >/dev/null 2>&1 || true
			read -r secs kib < <(tail -n 1 "$work/time")
			printf '%-16s %-14s %5s %9s %8s\n' "$t" "$p" "$r" "$secs" "$((kib / 1024))"
			sum[$t,$p]=$(echo "${sum[$t,$p]:-0} + $secs" | bc)
		done
	done
done
echo
for p in "${patterns[@]}"; do
	base=${sum[floor-buildssa,$p]}
	for t in "${tools[@]}"; do
		printf 'ratio %-16s %-14s %.2f\n' "$t" "$p" "$(echo "${sum[$t,$p]} / $base" | bc -l)"
	done
done
