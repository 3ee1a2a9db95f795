#!/usr/bin/env bash
# The benchmark harness: times `go vet -vettool=TOOL TARGET` (and, with -s,
# the standalone commands) for our suite, the most used peer linter
# (github.com/timakin/bodyclose, built from this bench module) and three
# floors, in one run, so that the ratios compare like with like on a noisy
# machine. Not part of the test suite; see README.md, "Benchmarks".
#
#   bench/vetbench.sh [-r ROUNDS] [-t TOOLS] [-s] [-o FILE] [TARGET...]
#
#   -r ROUNDS  rounds (default 3). Each round runs every tool once per
#              target; the order of the tools rotates from round to round
#              and is reversed every other round, so that no tool is always
#              first (under load the first run of a round pays extra).
#   -t TOOLS   the vet tools to time, a quoted list (default: all five
#              below); with -s, standalone and staticcheck are added.
#   -s         also time the standalone commands on each target: ours
#              (`bodyclose -test=true -NAME.debug... -f json TARGET`; its
#              output of the first round is kept, for the counts of
#              budget give-ups and internal errors), the peer's (singlechecker)
#              and staticcheck (-checks SA5001, its cache in a fresh
#              directory each run), next to `go vet` with our suite.
#   -o FILE    also write every run as TSV to FILE.
#   TARGET     go vet patterns, resolved in the bench module (default:
#              std, the x/ modules and four HTTP-heavy client modules).
#   BASELINE=/path/to/bodyclose  also times an earlier build of ours.
#
# Tools (vet tools unless marked):
#   typecheck  floor-typecheck: no facts; type-checks the named packages
#              only (dependencies come from the compile cache).
#   facts      floor-facts: a fact type, no SSA; runs on every dependency,
#              type-checking it from source. The least a facts tool pays.
#   buildssa   floor-buildssa: requires buildssa (SSA of every dependency).
#   suite      our cmd/bodyclose: bodyclose, drainbody, clientpertransport,
#              resourceclose, poolpercall.
#   peer       github.com/timakin/bodyclose at the version bench/go.mod
#              requires (a `tool` of the bench module, built as its users
#              build it), against golang.org/x/tools v0.52.0.
#   (-s) standalone, peer-standalone, staticcheck: the same targets
#              without go vet.
#
# Every vet run gets a byte-distinct copy of its tool (go vet keys its
# cache on the tool's content), so the vet cache is cold while the compile
# cache is warm (a warm-up run per target fills it). Wall seconds, CPU
# seconds (user + system, of go vet and all it runs: steadier than wall
# time on a loaded machine) and peak RSS (MiB, of the largest single
# process: /usr/bin/time's %M) are printed per run, then per tool and
# target the median over the rounds, and the median over the rounds of the
# ratios within each round.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
rounds=3 standalone= out= only=
while getopts 'r:t:so:' opt; do
	case $opt in
	r) rounds=$OPTARG ;;
	t) only=$OPTARG ;;
	s) standalone=1 ;;
	o) out=$(realpath -m -- "$OPTARG") ;; # the script cds into bench/
	*) sed -n '2,/^set /p' "$0" | sed '$d' >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(
	std
	golang.org/x/net/...
	golang.org/x/oauth2/...
	github.com/google/go-github/v66/...
	github.com/minio/minio-go/v7/...
	github.com/hashicorp/vault/api/...
	github.com/digitalocean/godo/...
)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(go version | cut -d' ' -f3-) $(nproc) cores, $(uname -m); load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
(cd "$root" && go build -o "$work/suite" ./cmd/bodyclose)
(cd "$here" && go build -o "$work/typecheck" ./floor-typecheck &&
	go build -o "$work/facts" ./floor-facts &&
	go build -o "$work/buildssa" ./floor-buildssa &&
	go build -o "$work/peer" github.com/timakin/bodyclose)
tools=(typecheck facts buildssa suite peer)
if [ -n "$only" ]; then
	read -r -a tools <<<"$only"
fi
if [ -n "${BASELINE:-}" ]; then
	cp "$BASELINE" "$work/baseline"
	tools+=(baseline)
fi
if [ -n "$standalone" ]; then
	(cd "$here" && go build -o "$work/staticcheck" honnef.co/go/tools/cmd/staticcheck)
	cp "$work/peer" "$work/peer-standalone"
	if [ -n "$only" ]; then
		tools+=(standalone staticcheck)
	else
		tools+=(standalone peer-standalone staticcheck)
	fi
fi

n=0
# setcmd sets cmd to the command line that runs tool $1 on target $2,
# with a byte-distinct copy of a vet tool (or a fresh staticcheck cache).
setcmd() {
	n=$((n + 1))
	case $1 in
	standalone) cmd="$work/suite -test=true -bodyclose.debug -drainbody.debug -clientpertransport.debug -f json $2" ;;
	peer-standalone) cmd="$work/peer $2" ;;
	staticcheck)
		mkdir -p "$work/sc.$n"
		cmd="env STATICCHECK_CACHE=$work/sc.$n $work/staticcheck -checks SA5001 $2"
		;;
	*)
		cp "$work/$1" "$work/$1.$n"
		printf 'nonce %s %s' "$n" "$RANDOM$RANDOM" >>"$work/$1.$n"
		cmd="go vet -vettool=$work/$1.$n $2"
		;;
	esac
}

cd "$here" # targets resolve in the bench module
for p in "${targets[@]}"; do # warm the compile cache (and the module cache)
	setcmd typecheck "$p"
	$cmd >/dev/null 2>&1 || true
done
k=${#tools[@]}
runs=$work/runs.tsv
printf 'tool\ttarget\tround\tseconds\tMiB\texit\tload\tcpu\n' >"$runs"
printf '%-16s %-36s %5s %8s %6s %4s %5s %8s\n' tool target round seconds MiB exit load cpu >&2
for r in $(seq "$rounds"); do
	for p in "${targets[@]}"; do
		order=()
		for i in $(seq 0 $((k - 1))); do order+=("${tools[$(((i + r - 1) % k))]}"); done
		if [ $((r % 2)) -eq 0 ]; then # reversed every other round
			rev=()
			for ((i = k - 1; i >= 0; i--)); do rev+=("${order[$i]}"); done
			order=("${rev[@]}")
		fi
		for t in "${order[@]}"; do
			setcmd "$t" "$p"
			load=$(cut -d' ' -f1 /proc/loadavg)
			code=0
			# shellcheck disable=SC2086 # cmd is a word list we built
			/usr/bin/time -f '%e %M %U %S' -o "$work/time" $cmd >"$work/stdout" 2>"$work/stderr" || code=$?
			read -r secs kib usr sys < <(tail -n 1 "$work/time")
			cpu=$(echo "$usr + $sys" | bc)
			rm -rf "${work:?}/$t.$n" "$work/sc.$n"
			if [ "$t" = standalone ] && [ "$r" = 1 ] && [ -n "$out" ]; then
				cp "$work/stdout" "$out.$(echo "$p" | tr '/.' '__').json"
				cp "$work/stderr" "$out.$(echo "$p" | tr '/.' '__').stderr"
			fi
			if grep -q -e '^panic:' -e 'internal error' "$work/stderr" "$work/stdout"; then
				echo "!! $t $p: a panic or internal error:" >&2
				grep -m 5 -e '^panic:' -e 'internal error' "$work/stderr" "$work/stdout" >&2
				code=99
			fi
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$p" "$r" "$secs" "$((kib / 1024))" "$code" "$load" "$cpu" >>"$runs"
			printf '%-16s %-36s %5s %8s %6s %4s %5s %8s\n' "$t" "$p" "$r" "$secs" "$((kib / 1024))" "$code" "$load" "$cpu" >&2
		done
	done
done
[ -z "$out" ] || cp "$runs" "$out"

# Medians per tool and target, then the ratios within each round, and
# their median over the rounds.
awk -F'\t' -v tools="${tools[*]}" '
function median(list,   a, m, i, j, x) {
	m = split(list, a, " ")
	for (i = 2; i <= m; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > x + 0; j--) a[j + 1] = a[j]; a[j + 1] = x }
	return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
NR == 1 { next }
{
	t = $1; p = $2; r = $3
	secs[t, p] = secs[t, p] " " $4; mib[t, p] = mib[t, p] " " $5; cpus[t, p] = cpus[t, p] " " $8
	s[t, p, r] = $4; m[t, p, r] = $5; c[t, p, r] = $8
	if (!(p in seen)) { seen[p] = 1; order[++np] = p }
	if (r > nr) nr = r
	if ($6 != 0 && $6 != 1 && $6 != 3) bad[t, p] = bad[t, p] " " $6
}
END {
	nt = split(tools, T, " ")
	printf "\nmedians over %d rounds: wall seconds / CPU seconds (peak MiB)\n", nr
	printf "%-36s", "target"
	for (i = 1; i <= nt; i++) printf " %20s", T[i]
	printf "\n"
	for (j = 1; j <= np; j++) {
		p = order[j]; printf "%-36s", p
		for (i = 1; i <= nt; i++) printf " %20s", sprintf("%.1f/%.1f (%d)", median(secs[T[i], p]), median(cpus[T[i], p]), median(mib[T[i], p]))
		printf "\n"
	}
	nq = split("suite/peer suite/buildssa suite/facts facts/buildssa peer/buildssa baseline/suite standalone/suite peer-standalone/peer staticcheck/suite", R, " ")
	printf "\nratios of wall time within each round, median over the rounds (and each round)\n"
	for (j = 1; j <= np; j++) {
		p = order[j]
		for (q = 1; q <= nq; q++) {
			split(R[q], ab, "/"); a = ab[1]; b = ab[2]; list = ""
			for (r = 1; r <= nr; r++) if ((a, p, r) in s && (b, p, r) in s && s[b, p, r] > 0) list = list " " sprintf("%.3f", s[a, p, r] / s[b, p, r])
			if (list != "") printf "%-36s %-22s %.2f  (%s )\n", p, R[q], median(list), list
			list = ""
			for (r = 1; r <= nr; r++) if ((a, p, r) in c && (b, p, r) in c && c[b, p, r] > 0) list = list " " sprintf("%.3f", c[a, p, r] / c[b, p, r])
			if (list != "") printf "%-36s %-22s %.2f  (%s )\n", p, R[q] " cpu", median(list), list
		}
		list = ""
		for (r = 1; r <= nr; r++) if (("suite", p, r) in m && ("facts", p, r) in m) list = list " " sprintf("%.3f", m["suite", p, r] / m["facts", p, r])
		if (list != "") printf "%-36s %-22s %.2f  (%s )\n", p, "RSS suite/facts", median(list), list
	}
	for (k2 in bad) { split(k2, tp, SUBSEP); printf "!! %s on %s exited with%s\n", tp[1], tp[2], bad[k2] }
}' "$runs"
