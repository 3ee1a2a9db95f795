#!/bin/bash
# Part of the bench harness (bench/RESULTS.md): compares two builds of the
# vet tool in CPU and peak RSS, e.g. before and after a change.
# usage: costcmp.sh ROUNDS PATTERN TOOL_A TOOL_B -- interleaved go vet runs, order swapped every round,
# vet cache cold (a byte-distinct tool copy per run); prints wall, user+sys CPU and max RSS per run.
set -u
n=$1; pat=$2; a=$3; b=$4
cd $(go env GOROOT)/src
for i in $(seq $n); do
  order="A B"; [ $((i % 2)) -eq 0 ] && order="B A"
  for t in $order; do
    tool=$a; [ $t = B ] && tool=$b
    cp $tool /tmp/costtool.$$; printf 'nonce %s' "$RANDOM$RANDOM$i$t" >> /tmp/costtool.$$
    /usr/bin/time -f "$t round$i wall=%e cpu=%U+%S maxrss=%MKB" go vet -vettool=/tmp/costtool.$$ $pat > /dev/null 2>/tmp/costerr.$$
    tail -1 /tmp/costerr.$$
  done
done
rm -f /tmp/costtool.$$ /tmp/costerr.$$
