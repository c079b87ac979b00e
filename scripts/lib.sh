# SPDX-License-Identifier: MIT OR GPL-2.0-or-later
# Shared shell helpers for scripts/*; source it, do not run it.

relax_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() {
	echo "$*" >&2
	exit 2
}

# Under pipefail a reader that stops early (head, grep -q) kills a writer
# that is still writing (SIGPIPE, status 141).  These read all their input.
first_line() {
	awk 'NR == 1'
}
first_lines() { # first_lines N
	awk -v n="$1" 'NR <= n'
}

# Where downloads and unpacked trees live; RELAX_CACHE overrides.
relax_cache() {
	local dir=${RELAX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/relax-iommu}
	mkdir -p "$dir"
	echo "$dir"
}

# Kernel lines Debian ships as linux-source, one per line.
debian_lines() {
	awk '!/^#/ && NF { print $1 }' "$relax_top/scripts/debian-suites"
}

# debian_suite X.Y: the suite that carries linux-source-X.Y.
debian_suite() {
	awk -v l="$1" '!/^#/ && $1 == l { print $2; found = 1 } END { exit !found }' \
		"$relax_top/scripts/debian-suites"
}

# The Debian archive URI this machine's apt already uses (not the security
# archive, which carries no backports or unstable).
debian_archive_uri() {
	local f uris=
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		uris+=$(awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' "$f")$'\n'
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		uris+=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/ && $i !~ /=/) { print $i; break } }' "$f")$'\n'
	done
	uris=$(printf '%s' "$uris" | grep -E '^(https?|ftp|file)://' | grep -v -e '-security' -e '-ports' || true)
	[ -n "$uris" ] || return 1
	echo "${uris%%$'\n'*}"
}

# --- the version map (patches/RANGES) and the series in it

# Rows of patches/RANGES without comments: "series first last".
ranges_rows() {
	awk '!/^#/ && NF >= 3 { print $1, $2, $3 }' "$relax_top/patches/RANGES"
}

all_series() {
	ranges_rows | awk '!seen[$1]++ { print $1 }'
}

# Kernel lines named in the map, for messages.
supported_lines() {
	ranges_rows | awk '{ print ($2 == $3) ? $2 : $2 "-" $3 }' | awk '!seen[$0]++' | paste -sd' '
}

# ver_cmp A B: prints -1, 0 or 1 comparing dotted versions.
ver_cmp() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		na = split(a, x, "."); nb = split(b, y, ".")
		for (i = 1; i <= (na > nb ? na : nb); i++) {
			if (x[i] + 0 < y[i] + 0) { print -1; exit }
			if (x[i] + 0 > y[i] + 0) { print 1; exit }
		}
		print 0 }'
}

# series_for_line X.Y: the series whose range holds X.Y, in map order.
series_for_line() {
	local series first last
	while read -r series first last; do
		[ "$(ver_cmp "$1" "$first")" -ge 0 ] && [ "$(ver_cmp "$1" "$last")" -le 0 ] && echo "$series"
	done < <(ranges_rows)
	return 0
}

# line_series X.Y: the first series patches/RANGES gives X.Y (empty if none).
line_series() {
	series_for_line "$1" | first_line
}

# series_patches DIR: the patch files its quilt series file lists.
series_patches() {
	awk '!/^#/ && NF { print $1 }' "$1/series"
}

# kernel_version DIR: "X.Y.Z" from the tree's top Makefile.
kernel_version() {
	awk -F' *= *' '
		$1 == "VERSION" { v = $2 } $1 == "PATCHLEVEL" { p = $2 } $1 == "SUBLEVEL" { s = $2 }
		v != "" && p != "" && s != "" { print v "." p "." s; exit }
	' "$1/Makefile" 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+$'
}

# --- generated patches

RELAX_AUTHOR="relax-iommu maintainers <maintainers@relax-iommu.example.org>"
RELAX_DATE="Mon, 23 Nov 2026 00:00:00 +0000"

# Version-independent files: repo copy and its path in a kernel tree.
common_files() {
	cat <<-EOT
	src/include/linux/iommu-relax.h include/linux/iommu-relax.h
	Kconfig.relax drivers/iommu/relax/Kconfig
	src/drivers/iommu/relax/Makefile drivers/iommu/relax/Makefile
	src/drivers/iommu/relax/iommu-relax.c drivers/iommu/relax/iommu-relax.c
	kunit/iommu-relax-kunit.c drivers/iommu/relax/iommu-relax-kunit.c
	EOT
}

common_tree_paths() {
	common_files | awk '{ print $2 }'
}

# patch_header N TOTAL MSGFILE: mail header; MSGFILE is "Subject: ..." and a body.
patch_header() {
	echo "From: $RELAX_AUTHOR"
	echo "Date: $RELAX_DATE"
	sed -n "1s/^Subject: /Subject: [PATCH $1\/$2] /p" "$3"
	sed '1d' "$3"
	echo
	echo "Signed-off-by: $RELAX_AUTHOR"
}

# git-like diffstat of a patch body on stdin.
diffstat_of() {
	awk '
		/^diff --git / { f = substr($4, 3); files[++n] = f; next }
		/^new file mode / { created[f] = $4 }
		/^(\+\+\+|---) / { next }
		/^\+/ { add[f]++ } /^-/ { del[f]++ }
		END {
			w = 0; m = 0
			for (i = 1; i <= n; i++) {
				f = files[i]; if (length(f) > w) w = length(f)
				if (add[f] + del[f] > m) m = add[f] + del[f]
			}
			cw = length(m "")
			for (i = 1; i <= n; i++) {
				f = files[i]; a = add[f] + 0; d = del[f] + 0
				pa = a; pd = d
				if (m > 50) { pa = int(a * 50 / m + 0.5); pd = int(d * 50 / m + 0.5) }
				if (a && !pa) pa = 1
				if (d && !pd) pd = 1
				bar = ""
				for (j = 0; j < pa; j++) bar = bar "+"
				for (j = 0; j < pd; j++) bar = bar "-"
				printf " %-" w "s | %" cw "d %s\n", f, a + d, bar
				ta += a; td += d
			}
			# As git prints it: no zero part, "1 file".
			line = sprintf(" %d file%s changed", n, n == 1 ? "" : "s")
			if (ta) line = line sprintf(", %d insertion%s(+)", ta, ta == 1 ? "" : "s")
			if (td) line = line sprintf(", %d deletion%s(-)", td, td == 1 ? "" : "s")
			print line
			for (i = 1; i <= n; i++)
				if (files[i] in created) printf " create mode %s %s\n", created[files[i]], files[i]
		}'
}

patch_trailer() {
	printf -- '-- \nrelax-iommu\n'
}

# --- trying a series on a tree

# Files a list of patches touches, one per line.
patched_files() {
	awk '/^(\+\+\+|---) [ab]\// { sub(/^[ab]\//, "", $2); print $2 }' "$@" | sort -u
}

# Files a list of patches changes rather than creates: they must exist.
changed_files() {
	awk '/^--- a\// { sub(/^a\//, "", $2); print $2 }' "$@" | sort -u
}

# try_series KSRC SERIES [-R]: apply (or, with -R, reverse) the series to a
# scratch copy of the files it touches, with zero fuzz.  Silent on success;
# on failure prints "<patch>: <file>: <what patch said>" and returns 1.
# KSRC itself is never written.
try_series() {
	local ksrc=$1 dir="$relax_top/patches/$2" reverse=${3:-} tmp p f out rc=0
	local -a list
	mapfile -t list < <(series_patches "$dir")
	[ "$reverse" = -R ] && mapfile -t list < <(printf '%s\n' "${list[@]}" | tac)
	if [ "$reverse" != -R ]; then
		for p in "${list[@]}"; do
			while read -r f; do
				[ -e "$ksrc/$f" ] || { echo "$p: $f: not in the tree"; return 1; }
			done < <(changed_files "$dir/$p")
		done
	fi
	tmp=$(mktemp -d)
	while read -r f; do
		[ -e "$ksrc/$f" ] || continue
		mkdir -p "$tmp/$(dirname "$f")"
		cp -p "$ksrc/$f" "$tmp/$f"
	done < <(patched_files "${list[@]/#/$dir/}")
	for p in "${list[@]}"; do
		if ! out=$(cd "$tmp" && patch -p1 --fuzz=0 -f -N --no-backup-if-mismatch $reverse <"$dir/$p" 2>&1); then
			echo "$p: $(echo "$out" | awk '
				/^(patching|checking) file / { f = $3 }
				/FAILED|already exists|can.t find file|No file to patch|malformed|Only garbage/ { print f ": " $0; exit }')"
			rc=1
			break
		fi
	done
	rm -rf "$tmp"
	return $rc
}

# --- choosing a series by what the tree contains

# series_lines SERIES: the lines patches/RANGES offers it for, "6.17-7.0".
series_lines() {
	ranges_rows | awk -v s="$1" '$1 == s { r = r (r ? " " : "") (($2 == $3) ? $2 : $2 "-" $3) } END { print r }'
}

# candidate_series X.Y: the series RANGES offers for X.Y (map order), then
# every other series, the nearest line first (X.Y counted as 20*X+Y, so
# that 6.19 and 7.0 are neighbours).
candidate_series() {
	{
		series_for_line "$1"
		ranges_rows | awk -v l="$1" '
			function n(v, a) { split(v, a, "."); return a[1] * 20 + a[2] }
			{ x = n(l); f = n($2); t = n($3)
			  print ((x < f) ? f - x : (x > t) ? x - t : 0), NR, $1 }' |
			sort -n -k1,1 -k2,2 | awk '{ print $3 }'
	} | awk '!seen[$0]++'
}

# old_layout_why X.Y[.Z]: why lines before 5.9 have no series.
old_layout_why() {
	echo "Linux $1 has the IOMMU drivers at their pre-5.9 paths (drivers/iommu/intel-iommu.c, amd_iommu.c); no series is made for that layout"
}

# line_unsupported_why X.Y: why patches/RANGES has no series for X.Y.
line_unsupported_why() {
	if [ "$(ver_cmp "$1" 5.9)" -lt 0 ]; then
		echo "Linux $1 is not supported: $(old_layout_why "$1"); supported lines: $(supported_lines)"
	else
		echo "Linux $1 is not supported; supported lines: $(supported_lines)"
	fi
}

# --- trees that carry a vendor's older relax_rmrr change (patches/vendor/)

# vendor_form KSRC: the vendor form the tree carries (patches/vendor/*.form).
# Returns 1 when it carries none; 3, with the reason on stderr, when its
# intel_relaxable_rmrr change is not exactly a form we know.
vendor_form() {
	local f w mentioned=false
	# Only a tree that mentions a form's word needs the reader (python3).
	for f in $(awk '$1 == "files" { for (i = 2; i <= NF; i++) print $i }' "$relax_top"/patches/vendor/*.form | sort -u); do
		for w in $(awk '$1 == "gone" { for (i = 2; i <= NF; i++) print $i }' "$relax_top"/patches/vendor/*.form | sort -u); do
			grep -qsF -- "$w" "$1/$f" && mentioned=true
		done
	done
	$mentioned || return 1
	command -v python3 >/dev/null || {
		echo "it carries an older relax_rmrr change, and recognising it needs python3 (apt-get install python3)" >&2
		return 3
	}
	"$relax_top/scripts/vendor-form" match "$1"
}

# vendor_takeout KSRC FORM: the diff (-p1) that takes FORM out of the tree.
vendor_takeout() {
	"$relax_top/scripts/vendor-form" takeout "$1" "$2"
}

# vendor_shadow KSRC FORM: a scratch tree, printed, holding what choosing a
# series reads (the top Makefiles and every file a series touches), with
# FORM taken out: the tree as it will be when the series goes on.
vendor_shadow() {
	local ksrc=$1 tmp f
	tmp=$(mktemp -d)
	while read -r f; do
		[ -f "$ksrc/$f" ] || continue
		mkdir -p "$tmp/$(dirname "$f")"
		cp -p "$ksrc/$f" "$tmp/$f"
	done < <({ echo Makefile; echo Makefile.rhelver; echo drivers/iommu/intel-iommu.c
		patched_files "$relax_top"/patches/*/*.patch; } | sort -u)
	[ -d "$ksrc/debian.master" ] && mkdir -p "$tmp/debian.master"
	if ! vendor_takeout "$ksrc" "$2" | (cd "$tmp" && patch -p1 -s --fuzz=0 -f --no-backup-if-mismatch >/dev/null); then
		rm -rf "$tmp"
		return 1
	fi
	echo "$tmp"
}

# vendor_forms: the names of the vendor forms we know, for messages.
vendor_forms() {
	local f
	for f in "$relax_top"/patches/vendor/*.form; do
		[ -f "$f" ] && basename "$f" .form
	done | paste -sd' '
}

# tree_layout KSRC: "current" (drivers/iommu/intel/ and amd/, since 5.9),
# "old" (drivers/iommu/intel-iommu.c, amd_iommu.c) or "none".
tree_layout() {
	if [ -f "$1/drivers/iommu/intel/iommu.c" ] || [ -f "$1/drivers/iommu/amd/iommu.c" ]; then
		echo current
	elif [ -f "$1/drivers/iommu/intel-iommu.c" ] || [ -f "$1/drivers/iommu/amd_iommu.c" ]; then
		echo old
	else
		echo none
	fi
}

# tree_vendor KSRC: what marks the tree as a vendor's, for messages; empty
# for what looks like a stock tree.
tree_vendor() {
	local k=$1 v=()
	{ [ -f "$k/Makefile.rhelver" ] || grep -qs '^RHEL_MAJOR' "$k/Makefile"; } &&
		v+=("Red Hat family: Makefile.rhelver")
	[ -d "$k/debian.master" ] && v+=("Ubuntu family: debian.master/")
	grep -qs 'intel_relaxable_rmrr' "$k/drivers/iommu/intel/iommu.c" "$k/drivers/iommu/intel-iommu.c" &&
		v+=("carries the older Proxmox VE/Unraid/kiler129 relax_rmrr change: intel_relaxable_rmrr")
	local IFS=';'
	echo "${v[*]}" | sed 's/;/; /g'
}

# Lines of a series' diffs (not its messages) that mention WORD.
series_diff_mentions() {
	awk -v w="$2" '/^diff --git / { d = 1 } /^-- $/ { d = 0 } d && /^([-+ ]|@@)/ && index($0, w) { found = 1 } END { exit !found }' \
		"$relax_top/patches/$1"/*.patch
}

# series_suits KSRC SERIES: the checks a zero-fuzz apply cannot make.
# Silent when the series suits the tree; else prints why and returns 1.
series_suits() {
	local intel="$1/drivers/iommu/intel/iommu.c"
	if grep -qs 'device_is_rmrr_locked' "$intel" && ! series_diff_mentions "$2" device_is_rmrr_locked; then
		echo "the tree's Intel driver refuses RMRR devices in device_is_rmrr_locked(), which this series leaves alone: relax_rmrr would not take effect"
		return 1
	fi
	# pick_series takes a known vendor form out first; what is left is
	# a form we do not know, which the series must not be laid over.
	if grep -qs 'intel_relaxable_rmrr' "$intel"; then
		echo "the tree carries an older relax_rmrr change (intel_relaxable_rmrr) that is not a known vendor form (patches/vendor/)"
		return 1
	fi
	return 0
}

# pick_series KSRC: print the series for the tree, or explain on stderr why
# none fits and return 2 (unsupported), 3 (already applied) or 4 (a line
# we support, but no series applies cleanly).  The series RANGES offers
# for the tree's line are tried first, then every other series: the tree's
# content decides, its version number only orders the tries.  A tree that
# carries a vendor's older relax_rmrr change (patches/vendor/) is judged as
# it will be once that change is taken out.  Nothing is printed on stderr
# on success unless RELAX_VERBOSE=1, which says why.
pick_series() {
	local ksrc=$1 version line s why layout vendor in_map=false own_s v=${RELAX_VERBOSE:-0}
	local form frc shadow err out rc
	local own_tried="" own_applies_fail="" own_unsuited="" others="" suits
	local -a own
	[ -d "$ksrc" ] || {
		echo "'$ksrc' is not a directory; expected a Linux source tree" >&2
		return 2
	}
	version=$(kernel_version "$ksrc") || {
		echo "$ksrc: no kernel version in $ksrc/Makefile; expected a Linux source tree" >&2
		return 2
	}
	line=${version%.*}
	mapfile -t own < <(series_for_line "$line")
	[ ${#own[@]} -gt 0 ] && in_map=true
	layout=$(tree_layout "$ksrc")
	vendor=$(tree_vendor "$ksrc")
	[ "$v" = 1 ] && echo "$ksrc: Linux $version${vendor:+ ($vendor)}; IOMMU driver layout: $layout; series for $line in patches/RANGES: ${own[*]:-none}" >&2
	if [ "$layout" = old ]; then
		echo "$ksrc: $(old_layout_why "$version") (supported lines: $(supported_lines))" >&2
		$in_map && return 4
		return 2
	fi
	frc=0
	err=$(mktemp)
	form=$(vendor_form "$ksrc" 2>"$err") || frc=$?
	[ $frc -le 1 ] || frc=3
	if [ $frc -eq 3 ] || { [ $frc -eq 0 ] && ! shadow=$(vendor_shadow "$ksrc" "$form"); }; then
		sed "s|^|$ksrc: |" "$err" >&2
		[ $frc -eq 0 ] && echo "$ksrc: the $form form does not come out of it cleanly" >&2
		echo "$ksrc: the tree was not changed" >&2
		rm -f "$err"
		$in_map && return 4
		return 2
	fi
	if [ $frc -eq 0 ]; then
		[ "$v" = 1 ] && echo "$ksrc: carries the older relax_rmrr change in its $form form (patches/vendor/$form.form): judged with it taken out, as make apply will do before the series" >&2
		rc=0
		out=$(pick_series "$shadow" 2>"$err") || rc=$?
		sed "s|$shadow|$ksrc|g" "$err" >&2
		rm -rf "$shadow" "$err"
		[ $rc -eq 0 ] && echo "$out"
		return $rc
	fi
	rm -f "$err"
	for s in $(candidate_series "$line"); do
		own_s=false
		[[ " ${own[*]} " == *" $s "* ]] && own_s=true
		suits=false
		if why=$(series_suits "$ksrc" "$s") && suits=true && why=$(try_series "$ksrc" "$s"); then
			if [ "$v" = 1 ]; then
				if $own_s; then
					echo "$ksrc: Linux $version; series $s (range for $line) applies with zero fuzz" >&2
				else
					echo "$ksrc: Linux $version; series $s (made for $(series_lines "$s")) applies with zero fuzz: chosen by content" >&2
				fi
			fi
			echo "$s"
			return 0
		fi
		[ "$v" = 1 ] && echo "$ksrc: series $s does not apply: $why" >&2
		if try_series "$ksrc" "$s" -R >/dev/null; then
			echo "$ksrc: series $s is already applied to this tree" >&2
			return 3
		fi
		# The line's own series first, with what failed; the others by name.
		if $own_s || { ! $in_map && [ -z "$own_tried" ]; }; then
			own_tried+="  patches/$s (for $(series_lines "$s")): $why"$'\n'
			if $suits; then
				own_applies_fail+="  patches/$s (for $(series_lines "$s")): $why"$'\n'
			else
				own_unsuited+=" $s"
			fi
		else
			others+=" $s"
		fi
	done
	# A series that does not suit the tree (e.g. Intel before 6.6) says
	# little; the hunk that failed says what to look at.
	if [ -n "$own_applies_fail" ]; then
		own_tried=$own_applies_fail
		others="$own_unsuited$others"
	fi
	if ! $in_map; then
		echo "$ksrc: Linux $version is not supported; supported lines: $(supported_lines)" >&2
		printf '%s: and no series applies to its content with zero fuzz; the nearest:\n%s' "$ksrc" "$own_tried" >&2
	else
		printf '%s: Linux %s%s: its series does not apply with zero fuzz:\n%s' "$ksrc" "$version" "${vendor:+ ($vendor)}" "$own_tried" >&2
	fi
	[ -n "$others" ] &&
		echo "$ksrc: no other series applies either:$others (make series KSRC=$ksrc V=1 says why each failed)" >&2
	echo "$ksrc: the tree was not changed" >&2
	$in_map && return 4
	return 2
}

# --- builds

# Parallel jobs: all cores, but no more than one per 1.5 GiB available, so
# parallel links do not run the machine out of memory.
build_jobs() {
	local cores mem
	cores=$(nproc)
	mem=$(awk '/^MemAvailable:/ { print int($2 / 1572864) }' /proc/meminfo)
	[ "$mem" -ge 1 ] || mem=1
	echo $((cores < mem ? cores : mem))
}

# Run a command with ccache in front of gcc when ccache is installed.
with_ccache() {
	if [ -d /usr/lib/ccache ]; then
		PATH="/usr/lib/ccache:$PATH" "$@"
	else
		"$@"
	fi
}

# upstream_tree KSRC: the stock tree KSRC with the upstream series
# (upstream/src/NNNN-*.diff) applied, in $cache/work/upstream-tree-VERSION: a
# hard-linked copy (link_copy) whose touched files get their own inodes
# before the diffs go on.  Kept
# while the diffs and KSRC are the same, so that builds from it stay
# incremental.  Prints its path.
upstream_tree() {
	local ksrc=$1 version tree sum d
	local -a diffs
	version=$(kernel_version "$ksrc") || die "upstream_tree: $ksrc is not a Linux source tree"
	mapfile -t diffs < <(ls "$relax_top"/upstream/src/[0-9][0-9][0-9][0-9]-*.diff)
	tree="$(relax_cache)/work/upstream-tree-$version"
	sum=$( (echo "$ksrc"; cat "${diffs[@]}") | md5sum | cut -d' ' -f1)
	if [ "$(cat "$tree.stamp" 2>/dev/null)" != "$sum" ] || [ ! -d "$tree" ]; then
		rm -rf "$tree" "$tree.stamp"
		link_copy "$ksrc" "$tree"
		unshare_touched "$tree" "${diffs[@]}"
		for d in "${diffs[@]}"; do
			(cd "$tree" && git apply --whitespace=error-all "$d" >&2) ||
				die "upstream_tree: $(basename "$d") does not apply to Linux $version"
		done
		echo "$sum" >"$tree.stamp"
	fi
	echo "$tree"
}

# without_kvm CMD...: run CMD with /dev/kvm hidden in a private mount
# namespace, so that QEMU (kunit.py's tries KVM first) takes TCG: KVM dies on
# some hosts ("KVM internal error" on cmpxchg16b).
without_kvm() {
	[ -e /dev/kvm ] || { "$@"; return; }
	local userns=()
	[ "$(id -u)" = 0 ] || userns=(--map-root-user)
	unshare "${userns[@]}" -m sh -c 'mount --bind /dev/null /dev/kvm && exec "$@"' sh "$@"
}

# kunit_tinyconfig TREE BUILD ARCH KUNITCONFIG: BUILD/.config from tinyconfig
# plus KUNITCONFIG.  kunit.py's olddefconfig from the kunitconfig alone
# builds most of x86, several times the build, for nothing a suite needs;
# kunit.py keeps a .config that has all of its kunitconfig.
kunit_tinyconfig() {
	{
		make -C "$1" O="$2" ARCH="$3" tinyconfig &&
			cat "$4" >>"$2/.config" &&
			make -C "$1" O="$2" ARCH="$3" olddefconfig
	} >"$2/config.log" 2>&1 || die "kunit_tinyconfig: tinyconfig for $3 failed; see $2/config.log"
	cp "$4" "$2/last_used_kunitconfig"
}

# applied_series KSRC: the series the tree already carries, from the record
# apply-series leaves or, for a tree patched by hand, the one that reverses
# cleanly; returns 1 when it carries none.
applied_series() {
	local s
	s=$(awk 'NR == 1 { print $1 }' "$1/.relax-iommu-series" 2>/dev/null || true)
	[ -n "$s" ] && { echo "$s"; return 0; }
	for s in $(candidate_series "$(kernel_version "$1" | cut -d. -f1,2)"); do
		try_series "$1" "$s" -R >/dev/null && { echo "$s"; return 0; }
	done
	return 1
}

# carries_series KSRC: true when the tree already has one of our series.
carries_series() {
	applied_series "$1" >/dev/null
}

# link_copy TREE DEST: DEST becomes a hard-linked copy of TREE.  A TREE
# reached through a symlink (a cache's linux-source-X.Y) is followed: cp -a
# would copy the link itself, and patching the "copy" would patch TREE.
# DEST's parent is made if missing (a fresh cache has no work/ yet).
link_copy() {
	mkdir -p "$(dirname "$2")"
	cp -al "$(cd -P "$1" && pwd)" "$2"
}

# unshare_touched DIR PATCH...: give the files the patches touch their own
# inodes in a hard-linked copy, so that nothing written to them (git apply,
# or quilt's pop, which puts back its hard-linked backups and touches them)
# can reach the tree the copy was made from.
unshare_touched() {
	local dir=$1 f
	shift
	while read -r f; do
		[ -f "$dir/$f" ] || continue
		cp -p "$dir/$f" "$dir/$f.unshare" && mv "$dir/$f.unshare" "$dir/$f"
	done < <(patched_files "$@")
}

# patched_tree KSRC: print a tree that carries our series: KSRC itself if it
# does, else a scratch copy under the cache (hard links: patch and quilt
# replace files rather than write into them, so KSRC is never changed).
# The copy is made again whenever the patches change.
patched_tree() {
	local ksrc version series scratch stamp sum form
	ksrc=$(cd -P "$1" && pwd) || die "'$1' is not a directory; expected a Linux source tree"
	if carries_series "$ksrc"; then
		echo "$ksrc"
		return 0
	fi
	series=$(pick_series "$ksrc") || exit $?
	version=$(kernel_version "$ksrc")
	form=$(vendor_form "$ksrc" 2>/dev/null) || form=
	scratch="$(relax_cache)/work/patched-$version-$series${form:+-$form}"
	stamp="$scratch.stamp"
	sum=$( (echo "$ksrc"; cat "$relax_top/patches/$series"/*) | md5sum | cut -d' ' -f1)
	# A scratch that is a symlink is the tree it points to: never patch it.
	if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ] || [ ! -d "$scratch" ] || [ -L "$scratch" ]; then
		rm -rf "$scratch" "$stamp"
		mkdir -p "$(dirname "$scratch")"
		link_copy "$ksrc" "$scratch"
		"$relax_top/scripts/apply-series" "$scratch" >&2
		echo "$sum" >"$stamp"
	fi
	echo "$scratch"
}

pkg_installed() {
	[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

# ensure_deps PKG...: Debian packages the caller needs.  Missing ones are
# installed when running as root on a Debian-family system (unless
# DEPS=check), otherwise named in the one apt-get line that installs them.
ensure_deps() {
	local missing=() p
	for p in "$@"; do
		pkg_installed "$p" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && [ "${DEPS:-install}" != check ]; then
		echo "installing missing packages: ${missing[*]}" >&2
		apt-get update -qq >&2 || true
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 ||
			die "could not install: ${missing[*]}"
		return 0
	fi
	die "missing packages; install them with: apt-get install ${missing[*]}"
}

# Packages for building kernels and running KUnit under UML.
KERNEL_BUILD_DEPS="gcc make flex bison bc perl python3 libelf-dev libssl-dev patch quilt ccache cpio xz-utils rsync kmod"

# --- the machine a kernel is built for and booted on (make kernel,
# install-kernel, verify).  $1 is a root prefix ("" or "/" for this
# machine; tests pass fake trees).

# secure_boot_state [ROOT]: prints "enabled", "disabled" or "no-efi".
secure_boot_state() {
	local root=${1:-} var out
	root=${root%/}
	if [ -z "$root" ] && command -v mokutil >/dev/null; then
		out=$(mokutil --sb-state 2>&1 || true)
		case $out in
		*"SecureBoot enabled"*) echo enabled; return 0 ;;
		*"SecureBoot disabled"*) echo disabled; return 0 ;;
		esac
	fi
	[ -d "$root/sys/firmware/efi" ] || { echo no-efi; return 0; }
	var="$root/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c"
	# 4 bytes of attributes, then the value.
	if [ -r "$var" ] && [ "$(od -An -t u1 -j 4 -N 1 "$var" 2>/dev/null | tr -d ' ')" = 1 ]; then
		echo enabled
	else
		echo disabled
	fi
}

# boot_loader [ROOT]: prints "proxmox", "systemd-boot", "grub" or "unknown".
# BOOTLOADER=... overrides.
boot_loader() {
	local root=${1:-} d
	root=${root%/}
	if [ -n "${BOOTLOADER:-}" ]; then
		echo "$BOOTLOADER"
		return 0
	fi
	if [ -e "$root/etc/kernel/proxmox-boot-uuids" ] || [ -x "$root/usr/sbin/proxmox-boot-tool" ] ||
		{ [ -z "$root" ] && command -v proxmox-boot-tool >/dev/null; }; then
		echo proxmox
		return 0
	fi
	for d in efi boot/efi boot; do
		if [ -f "$root/$d/loader/loader.conf" ]; then
			echo systemd-boot
			return 0
		fi
	done
	if [ -f "$root/boot/grub/grub.cfg" ] || [ -f "$root/etc/default/grub" ]; then
		echo grub
		return 0
	fi
	echo unknown
}

# os_release_field FIELD [ROOT]: one field of /etc/os-release, unquoted.
os_release_field() {
	local f="${2:-}/etc/os-release"
	[ -r "$f" ] || f="${2:-}/usr/lib/os-release"
	[ -r "$f" ] || return 0
	awk -F= -v k="$1" '$1 == k { v = substr($0, length(k) + 2); gsub(/^"|"$/, "", v); print v; exit }' "$f"
}
