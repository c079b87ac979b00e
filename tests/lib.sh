# SPDX-License-Identifier: MIT OR GPL-2.0-or-later
# Helpers shared by the test runners under tests/; source after scripts/lib.sh.

# Fingerprint of a whole tree: file contents and every folder ("absent" for
# no tree), so "unchanged" also means no file or folder was added.
tree_sum() {
	[ -e "$1" ] || { echo absent; return; }
	(cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r md5sum && find . -type d | sort) | md5sum
}

# mini_tree LINE DEST [SERIES]: a small tree cut from the cached Debian
# linux-source-LINE: its top Makefile and the files SERIES (default: the
# first series the map gives LINE) touches, nothing else.
mini_tree() {
	local line=$1 dest=$2 series=${3:-} src f
	src="$(relax_cache)/linux-source-$line"
	[ -n "$series" ] || series=$(line_series "$line")
	[ -f "$src/Makefile" ] || { echo "no cached linux-source-$line; run: make sources" >&2; return 1; }
	mkdir -p "$dest"
	cp "$src/Makefile" "$dest/"
	while read -r f; do
		[ -e "$src/$f" ] || continue
		mkdir -p "$dest/$(dirname "$f")"
		cp "$src/$f" "$dest/$f"
	done < <(patched_files "$relax_top/patches/$series"/*.patch)
}
