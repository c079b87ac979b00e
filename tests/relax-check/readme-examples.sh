#!/bin/bash
# SPDX-License-Identifier: MIT OR GPL-2.0-or-later
#
# Every relax-check example in README.md must print what README shows.
#
#   readme-examples.sh [--top REPO] [BINARY]
#
# An example is a ``` block whose first line is "$ relax-check ..." or
# "$ scripts/relax-check/relax-check ..."; the rest of the block is the
# output (stderr merged, as a terminal shows it) and an optional last line
# "exit N" is the exit status.  The command runs from the top of the
# repository with BINARY as relax-check; only the absolute path of the
# repository is taken out of the output.  Prints one "PASS|FAIL example at
# README.md:LINE" line per example, a diff under each failure, and exits 1
# on any failure or when README has no example at all.  A block starting
# "$ ...relax-check" in any other form (sudo, a pipe) fails too: it could
# not be checked and would go stale.
set -u
top=
while [ $# -gt 0 ]; do
	case $1 in
	--top) top=$2; shift 2 ;;
	*) break ;;
	esac
done
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ -n "$top" ] || top=$(cd "$here/../.." && pwd)
top=$(cd "$top" && pwd)
bin=${1:-$top/scripts/relax-check/relax-check}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
if [ ! -x "$bin" ]; then
	echo "FAIL example runner: no binary $bin (run make first)"
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/blocks"
ln -s "$bin" "$tmp/bin/relax-check"

# One file per example, named by the README line of its command.
awk -v dir="$tmp/blocks" '
/^```/ {
	if (inb) { inb = 0; if (f != "") close(f); f = ""; next }
	inb = 1; first = 1; next
}
inb && first {
	first = 0
	if ($0 ~ /^\$ (scripts\/relax-check\/)?relax-check( |$)/)
		f = sprintf("%s/%05d", dir, NR)
	else if ($0 ~ /^\$ .*relax-check/)	# sudo, a pipe, another path
		print NR ": " $0 > (dir "/../odd")
}
inb && f != "" { print > f }
' "$top/README.md"

n=0 failed=0
# An example this script cannot run would silently go stale.
if [ -s "$tmp/odd" ]; then
	while IFS= read -r odd; do
		echo "FAIL example at README.md:${odd%%:*}: not in a form this test runs; start it with \$ relax-check or \$ scripts/relax-check/relax-check (${odd#*: })"
		failed=$((failed + 1))
	done <"$tmp/odd"
fi
for block in "$tmp"/blocks/*; do
	[ -f "$block" ] || continue
	n=$((n + 1))
	line=$((10#$(basename "$block")))
	cmd=$(head -1 "$block")
	cmd=${cmd#\$ }
	cmd=${cmd#scripts/relax-check/}
	tail -n +2 "$block" >"$tmp/want"
	want_exit=
	if last=$(tail -1 "$tmp/want") && [[ $last =~ ^exit\ ([0-9]+)$ ]]; then
		want_exit=${BASH_REMATCH[1]}
		sed -i '$d' "$tmp/want"
	fi
	(cd "$top" && PATH="$tmp/bin:$PATH" bash -c "$cmd") >"$tmp/got.raw" 2>&1
	got_exit=$?
	sed "s|$top/||g" "$tmp/got.raw" >"$tmp/got"
	if ! diff -u --label "README.md:$line" --label "relax-check output" \
		"$tmp/want" "$tmp/got" >"$tmp/diff"; then
		echo "FAIL example at README.md:$line: output differs from README ($cmd)"
		sed 's/^/       | /' "$tmp/diff" | head -60
		failed=$((failed + 1))
	elif [ -n "$want_exit" ] && [ "$got_exit" != "$want_exit" ]; then
		echo "FAIL example at README.md:$line: exit $got_exit, README says exit $want_exit ($cmd)"
		failed=$((failed + 1))
	else
		echo "PASS example at README.md:$line: output${want_exit:+ and exit $want_exit} as shown ($cmd)"
	fi
done
if [ $n -eq 0 ]; then
	echo "FAIL README.md has relax-check examples: none found"
	exit 1
fi
[ $failed -eq 0 ]
