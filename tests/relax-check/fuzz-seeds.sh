#!/bin/bash
# SPDX-License-Identifier: MIT OR GPL-2.0-or-later
#
# Seed corpus for "make fuzz": every real table (tests/relax-check/tables/real) raw and as acpidump
# text, plus our synthetic .dsl tables compiled with iasl when present.
#   fuzz-seeds.sh --top REPO --out DIR
set -eu
top= out=
while [ $# -gt 0 ]; do
	case $1 in
	--top) top=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	*) echo "usage: fuzz-seeds.sh --top REPO --out DIR" >&2; exit 2 ;;
	esac
done
real=$top/tests/relax-check/tables/real
if ! ls "$real"/*/*.dat >/dev/null 2>&1; then
	echo "fuzz-seeds: no tables in $real (expected SIG.dat files in its folders)" >&2
	exit 2
fi
rm -rf "$out"
mkdir -p "$out"
for d in "$real"/*/; do
	name=$(basename "$d")
	for f in "$d"*.dat "$d"acpidump.txt; do
		[ -f "$f" ] && cp "$f" "$out/$name-$(basename "$f")"
	done
done
if command -v iasl >/dev/null; then
	tmp=$(mktemp -d)
	cp "$top"/tests/relax-check/tables/*.dsl "$tmp/"
	(cd "$tmp" && for f in *.dsl; do iasl "$f" >/dev/null 2>&1 || true; done)
	for f in "$tmp"/*.aml; do
		[ -f "$f" ] && cp "$f" "$out/synthetic-$(basename "$f")"
	done
	rm -rf "$tmp"
fi
echo "fuzz-seeds: $(ls "$out" | wc -l) seeds in $out"
