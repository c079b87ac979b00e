#!/bin/bash
# SPDX-License-Identifier: MIT OR GPL-2.0-or-later
#
# Compile tables/*.dsl with iasl and write each fake root's binary table
# as root-tables lists them.  Run after editing a .dsl; commit the result.
# The roots stay self-contained, so "relax-check --root roots/NAME" works
# from a fresh clone without iasl.
set -eu
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
command -v iasl >/dev/null || { echo "update-root-tables: iasl not found: apt-get install acpica-tools" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$here"/tables/*.dsl "$tmp/"
for dsl in "$tmp"/*.dsl; do
	(cd "$tmp" && iasl -we "$(basename "$dsl")" >/dev/null) ||
		{ echo "update-root-tables: iasl failed on tables/$(basename "$dsl")" >&2; exit 1; }
done
grep -v -e '^#' -e '^[[:space:]]*$' "$here/root-tables" | while read -r table dsl; do
	mkdir -p "$(dirname "$here/roots/$table")"
	cp "$tmp/${dsl%.dsl}.aml" "$here/roots/$table"
	echo "roots/$table <- tables/$dsl"
done
