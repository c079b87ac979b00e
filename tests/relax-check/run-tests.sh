#!/bin/bash
# SPDX-License-Identifier: MIT OR GPL-2.0-or-later
#
# relax-check test suite; run by "make -C scripts/relax-check test".
#
#   run-tests.sh --top REPO --work DIR BINARY...
#
# Runs every check once per BINARY (the plain build and the ASan+UBSan
# build) and ends with the line "relax-check: N passed, M failed".
# Needs iasl (acpica-tools) as the independent oracle, and jq.
set -u

top= work=
while [ $# -gt 0 ]; do
	case $1 in
	--top) top=$2; shift 2 ;;
	--work) work=$2; shift 2 ;;
	*) break ;;
	esac
done
binaries=("$@")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ -n "$top" ] || top=$(cd "$here/../.." && pwd)
[ -n "$work" ] || work=$(mktemp -d)
[ ${#binaries[@]} -gt 0 ] || binaries=("$top/scripts/relax-check/relax-check")

passed=0
failed=0
suite=setup

summary() {
	echo "relax-check: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

pass() {
	passed=$((passed + 1))
	echo "PASS [$suite] $1"
}

# fail NAME [DETAIL...]: details go under the line, indented.
fail() {
	failed=$((failed + 1))
	echo "FAIL [$suite] $1"
	shift
	local d
	for d in "$@"; do
		printf '%s\n' "$d" | sed 's/^/       | /' | head -40
	done
}

# ---- preparation (once) ------------------------------------------------

# Real tables of real machines, kept in the repository (tables/real/README.md
# names each source); nothing outside the repository is read.
real=$here/tables/real
if ! ls "$real"/*/*.dat >/dev/null 2>&1; then
	fail "real tables present" "no $real/*/*.dat: the oracle comparison needs them (see tables/real/README.md)"
	summary
fi
for tool in iasl jq; do
	if ! command -v $tool >/dev/null; then
		fail "$tool installed" "apt-get install $([ $tool = iasl ] && echo acpica-tools || echo jq)"
		summary
	fi
done

rm -rf "$work"
mkdir -p "$work/tables" "$work/oracle" "$work/bad" "$work/out"
work=$(cd "$work" && pwd)

# Synthetic tables from our .dsl sources.
for dsl in "$here"/tables/*.dsl; do
	name=$(basename "$dsl" .dsl)
	cp "$dsl" "$work/tables/"
	if ! (cd "$work/tables" && iasl -we "$name.dsl" >"$name.iasl.log" 2>&1) ||
	   [ ! -s "$work/tables/$name.aml" ]; then
		fail "iasl compiles tables/$name.dsl" "$(cat "$work/tables/$name.iasl.log")"
	fi
done

# The fake roots are committed self-contained (README runs them as they
# are); each binary table in them must be what iasl makes of its .dsl.
# Bytes 9 (checksum) and 0x18-0x1f (Asl Compiler ID and Revision) differ
# between iasl versions, so they are left out of the comparison.
roots=$here/roots
table_body() {
	od -An -v -tx1 "$1" | tr -s ' \n' '\n\n' | grep . |
		awk 'NR != 10 && (NR < 25 || NR > 32)'
}
while read -r table dsl; do
	case $table in '' | '#'*) continue ;; esac
	aml=$work/tables/${dsl%.dsl}.aml
	if [ ! -f "$roots/$table" ]; then
		fail "roots/$table present" "run tests/relax-check/update-root-tables.sh"
	elif [ -f "$aml" ] && cmp -s <(table_body "$aml") <(table_body "$roots/$table"); then
		pass "roots/$table is tables/$dsl compiled"
	else
		fail "roots/$table is tables/$dsl compiled" "run tests/relax-check/update-root-tables.sh and commit the result"
	fi
done <"$here/root-tables"

# Every table we test against: real ones and our synthetic ones.
tables=()
for f in "$real"/*/*.dat; do
	tables+=("$f")
done
for f in "$work"/tables/*.aml; do
	tables+=("$f")
done

# oracle_lines FILE: RMRR and IVMD entries as iasl -d decodes them, one
# canonical line each, in table order.
oracle_lines() {
	local f=$1 base
	base=$work/oracle/$(echo "$f" | tr '/' '_')
	cp "$f" "$base.dat"
	(cd "$work/oracle" && iasl -d "$(basename "$base").dat" >/dev/null 2>&1) || return 1
	[ -s "$base.dsl" ] || return 1
	awk '
	function hex(s,   i, n) {
		n = 0
		for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return n
	}
	function bdf(seg, id) { return sprintf("%04x:%02x:%02x.%x", seg, int(id / 256), int(id / 8) % 32, id % 8) }
	function val(   v) { v = $0; sub(/^[^:]*: */, "", v); sub(/ .*/, "", v); return tolower(v) }
	function flush_scope() {
		if (scope != "") print "scope " stype " " scope
		scope = ""
	}
	function flush() {
		flush_scope()
		if (kind == "ivmd") {
			# The spec: 0x20 all devices, 0x21 DeviceId, 0x22 DeviceId..aux;
			# the segment sits in the low 16 bits of the reserved field.
			seg = hex(substr(resv, length(resv) - 3))
			first = hex(devid); last = first
			if (itype == "20") { first = 0; last = 65535 }
			if (itype == "22") { last = hex(aux) }
			print "ivmd 0x" itype " 0x" flags " " bdf(seg, first) " " bdf(seg, last) " " start " " len
		}
		kind = ""
	}
	/Subtable Type :/ {
		flush()
		if (sig == "DMAR" && val() == "0001") { kind = "rmrr" }
		if (sig == "IVRS" && $0 ~ /Memory Definition Block/) { kind = "ivmd"; itype = val() }
		next
	}
	/Signature :/ { sig = $0; sub(/.*: "/, "", sig); sub(/".*/, "", sig) }
	/Raw Table Data/ { flush() }
	kind == "rmrr" && /PCI Segment Number :/ { seg = val() }
	kind == "rmrr" && /Base Address :/ { base = val() }
	kind == "rmrr" && /End Address \(limit\) :/ { print "rmrr " seg " " base " " val() }
	kind == "rmrr" && /Device Scope Type :/ { flush_scope(); t = val(); stype = (t == "01") ? "endpoint" : (t == "02") ? "bridge" : "skip" }
	kind == "rmrr" && /PCI Bus Number :/ { bus = val(); scope = ""; hops = 0 }
	kind == "rmrr" && /PCI Path :/ {
		p = val(); split(p, h, ",")
		scope = (hops++ == 0) ? bus ":" h[1] "." substr(h[2], 2) : scope "/" h[1] "." substr(h[2], 2)
		if (stype == "skip") scope = ""
	}
	kind == "ivmd" && /Flags :/ { flags = val() }
	kind == "ivmd" && /DeviceId :/ { devid = val() }
	kind == "ivmd" && /Auxiliary Data :/ { aux = val() }
	kind == "ivmd" && /Reserved :/ { resv = val() }
	kind == "ivmd" && /Start Address :/ { start = val() }
	kind == "ivmd" && /Memory Length :/ { len = val() }
	END { flush() }
	' "$base.dsl"
}

# our_lines JSONFILE: the same canonical lines from relax-check --json.
our_lines() {
	jq -r '
	(.rmrr[] | ("rmrr " + (.segment | ltrimstr("0x")) + " " + (.base | ltrimstr("0x")) + " " + (.limit | ltrimstr("0x"))),
	           (.devices[] | "scope " + .type + " " + .path)),
	(.ivmd[] | "ivmd " + .type + " " + .flags + " " + .first + " " + .last + " " +
	           (.start | ltrimstr("0x")) + " " + (.length | ltrimstr("0x")))
	' "$1"
}

# ---- the checks, once per binary ---------------------------------------

# run NAME -- ARGS...: run the binary, keep stdout/stderr/exit in $out.
run() {
	out=$work/out/$suite.$1
	shift
	"$bin" "$@" >"$out.stdout" 2>"$out.stderr"
	echo $? >"$out.exit"
	# Sanitizer reports fail every check, whatever the exit status.
	if grep -q -E 'AddressSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$out.stderr"; then
		fail "$(basename "$out"): sanitizer clean" "$(head -30 "$out.stderr")"
		return 1
	fi
	return 0
}

exit_is() {
	local want=$1 got
	got=$(cat "$out.exit")
	if [ "$got" = "$want" ]; then
		return 0
	fi
	fail "$(basename "$out"): exit $want" "got exit $got" "stderr: $(head -5 "$out.stderr")"
	return 1
}

# expect NAME FILE JQ-OR-GREP: a jq boolean on stdout JSON, or a grep -E
# pattern on a text file, must hold.
expect_json() {
	local name=$1 filter=$2 got
	got=$(jq -r "$filter" "$out.stdout" 2>&1)
	if [ "$got" = true ]; then
		pass "$name"
	else
		fail "$name" "jq '$filter' gave: $got"
	fi
}

expect_text() {
	local name=$1 file=$2 pattern=$3
	if grep -q -E -- "$pattern" "$file"; then
		pass "$name"
	else
		fail "$name" "no /$pattern/ in $(basename "$file"):" "$(head -40 "$file")"
	fi
}

# (N)  oracle: every table parsed, entries equal to iasl -d's
check_oracle() {
	local f name expect_none
	for f in "${tables[@]}"; do
		name=$(echo "$f" | sed "s|$real/||; s|$work/tables/||")
		case $f in
		*.dat) opt=$(basename "$f" .dat | tr 'A-Z' 'a-z') ;;
		*ivrs*) opt=ivrs ;;
		*) opt=dmar ;;
		esac
		run "oracle.$(echo "$name" | tr '/' '_')" --"$opt" "$f" --json || continue
		exit_is 0 || continue
		if ! jq -e . "$out.stdout" >/dev/null 2>&1; then
			fail "$name: --json is valid JSON" "$(head -c 600 "$out.stdout")"
			continue
		fi
		if ! oracle_lines "$f" >"$out.oracle"; then
			fail "$name: iasl -d decodes it"
			continue
		fi
		our_lines "$out.stdout" >"$out.ours"
		# A table with no entries must be a known negative case, so an
		# empty == empty comparison cannot pass by accident.
		expect_none=no
		case $name in gigabyte-b650m-gaming-x-ax/*) expect_none=yes ;; esac
		if [ ! -s "$out.oracle" ] && [ $expect_none = no ]; then
			fail "$name: oracle found entries" "iasl -d decoded no RMRR/IVMD"
			continue
		fi
		if [ -s "$out.oracle" ] && [ $expect_none = yes ]; then
			fail "$name: known to have no IVMD" "$(cat "$out.oracle")"
			continue
		fi
		if diff -u "$out.oracle" "$out.ours" >"$out.diff"; then
			pass "$name: $(grep -c '^rmrr' "$out.ours") RMRR, $(grep -c '^ivmd' "$out.ours") IVMD, $(grep -c '^scope' "$out.ours") scopes equal iasl -d"
		else
			fail "$name: entries equal iasl -d" "$(cat "$out.diff")"
		fi
	done
}

# acpidump text of each real table gives the same entries as the raw one
check_acpidump() {
	local d sig
	for d in "$real"/*/; do
		[ -f "$d/acpidump.txt" ] || continue
		sig=$(basename "$(ls "$d"/*.dat | head -1)" .dat)
		run "dump.$(basename "$d")" --acpidump "$d/acpidump.txt" --json || continue
		exit_is 0 || continue
		jq -S '{rmrr, ivmd}' "$out.stdout" >"$out.a"
		"$bin" --"$(echo "$sig" | tr 'A-Z' 'a-z')" "$d/$sig.dat" --json 2>/dev/null | jq -S '{rmrr, ivmd}' >"$out.b"
		if cmp -s "$out.a" "$out.b"; then
			pass "$(basename "$d")/acpidump.txt: same $sig entries as $sig.dat"
		else
			fail "$(basename "$d")/acpidump.txt: same entries as $sig.dat" "$(diff -u "$out.b" "$out.a" | head -20)"
		fi
	done
}

# Counts tables/real/README.md states, so a parser that drops entries
# on both paths still fails.
check_known_counts() {
	run known.dc7800 --dmar "$real/hp-compaq-dc7800/DMAR.dat" --json &&
		expect_json "hp-compaq-dc7800: 8 RMRRs" '.rmrr | length == 8'
	run known.t14.warnings --acpidump "$real/lenovo-t14-gen3-amd/acpidump.txt" --json &&
		expect_json "--json lists the warning texts, and an absent table is null" \
			'.tables.dmar == null and (.tables.warnings | length == 1) and (.tables.warnings[0] | test("offset 0x1c4: unknown subtable type 0x51"))'
	run known.dc7800.two --dmar "$real/hp-compaq-dc7800/DMAR.dat" --device 0000:00:1a.0 --device 00:1d.7 --json &&
		expect_json "offline, two --device: the RMRRs naming either" '[.rmrr[].index] == [1, 5]'
	run known.dc7800.none --dmar "$real/hp-compaq-dc7800/DMAR.dat" --device 0000:42:00.0 --device 0000:43:00.0
	expect_text "offline, two --device naming nothing: none for these devices" "$out.stdout" \
		'^RMRRs in .*DMAR\.dat: none for these devices$'
	run known.t14 --ivrs "$real/lenovo-t14-gen3-amd/IVRS.dat" --json &&
		expect_json "lenovo-t14-gen3-amd: one IVMD 0x21, exclusion, 0000:03:00.0" \
			'.ivmd == [.ivmd[0]] and .ivmd[0].type == "0x21" and .ivmd[0].flag_names == "exclusion" and .ivmd[0].first == "0000:03:00.0"'
	expect_text "lenovo-t14-gen3-amd: unknown subtable 0x51 named with its offset" "$out.stderr" \
		'IVRS.dat: offset 0x1c4: unknown subtable type 0x51'
	run known.zenbook --ivrs "$real/asus-zenbook-s16-um5606/IVRS.dat" --json &&
		expect_json "asus-zenbook: unity+read+write IVMD and an exclusion IVMD" \
			'[.ivmd[].flags] == ["0x07", "0x08"]'
	run known.r731.text --dmar "$real/toshiba-dynabook-r731/DMAR.dat"
	expect_text "toshiba-dynabook-r731: legacy RMRR at 0xe0000 in the report" "$out.stdout" \
		'^  0 +0000 +0x00000000000e0000 +0x00000000000e7fff +endpoint +00:1d.0 +0000:00:1d.0$'
	run synth.dmar --dmar "$work/tables/dmar-bridges-two-segments.aml" --json &&
		expect_json "synthetic DMAR offline: one-hop scopes resolve, bridged ones wait for a live system" \
			'.rmrr[2].devices[0].bdf == "0001:80:02.0" and (.rmrr[0].devices[0] | has("bdf") | not) and (.rmrr[0].devices[0].note | test("live system"))'
	run synth.above4g --dmar "$work/tables/dmar-above-4g.aml"
	expect_text "RMRR above 4 GiB: base and limit in 64 bits" "$out.stdout" \
		'^  0 +0000 +0x0000000100000000 +0x00000001000fffff +endpoint +00:03.0 +0000:00:03.0$'
	expect_text "RMRR across 4 GiB: the limit keeps its high bits" "$out.stdout" \
		'^  1 +0000 +0x00000000fffff000 +0x0000000100000fff +endpoint +00:04.0 +0000:00:04.0$'
	run synth.ivrs --ivrs "$work/tables/ivrs-ranges.aml" --json &&
		expect_json "synthetic IVRS: 0x22 over buses 0-15, 0x20 all, read-only 0x21 ignored by Linux" \
			'.ivmd[0].first == "0000:00:00.0" and .ivmd[0].last == "0000:0f:1f.7" and .ivmd[1].type == "0x20" and .ivmd[1].last == "0000:ff:1f.7" and .ivmd[2].linux_maps_it == false and .ivmd[3].linux_maps_it == true'
	run synth.ivrs.device --ivrs "$work/tables/ivrs-ranges.aml" --json --device 0e:00.0 &&
		expect_json "offline --device 0e:00.0 keeps the range and all-devices IVMDs only" \
			'[.ivmd[].index] == [0, 1]'
}

# Fake --root trees.
check_roots() {
	local r=$roots
	run stock --root "$r/intel-stock" --json
	exit_is 1 && pass "intel-stock: exit 1 (something blocked)"
	expect_json "intel-stock: kernel without the patch detected" \
		'.kernel.relax_patch == "absent"'
	expect_json "intel-stock: 2-hop scope 00:1c.0/00.0 resolves to 0000:03:00.0" \
		'.rmrr[0].devices[0].path == "00:1c.0/00.0" and .rmrr[0].devices[0].bdf == "0000:03:00.0"'
	expect_json "intel-stock: 3-hop scope on segment 1 resolves through a config-space-only bridge" \
		'.rmrr[2].devices[1].bdf == "0001:82:01.0"'
	expect_json "intel-stock: NIC under an RMRR is blocked, with the option for just it" \
		'.devices[] | select(.bdf == "0000:03:00.0") | .verdict == "FAIL" and .option == "intel_iommu=relax_rmrr=0000:03:00.0" and (.option_note | test("lacks the relax patch"))'
	expect_json "intel-stock: bridge scope covers the bridge and the device below it" \
		'[.devices[] | select(.bdf == "0000:00:01.0" or .bdf == "0000:01:00.0") | .verdict] == ["FAIL", "FAIL"]'
	expect_json "intel-stock: both segment-1 devices blocked" \
		'[.devices[] | select(.bdf | startswith("0001:")) | .verdict] == ["FAIL", "FAIL"]'
	expect_json "intel-stock: USB controller relaxed by upstream passes" \
		'.devices[] | select(.bdf == "0000:00:14.0") | .verdict == "PASS" and .kernel_types == "direct-relaxable, msi" and (.reason | test("upstream"))'
	expect_json "intel-stock: HPE NIC gets the firmware-side remedies before the option" \
		'.devices[] | select(.bdf == "0000:03:00.0") | [.remedies[].title] | length == 2 and (.[0] | test("Shared Memory")) and (.[1] | test("conrep"))'
	expect_json "intel-stock: the function sharing the group is named" \
		'.devices[] | select(.bdf == "0000:03:00.0") | .group_members == "0000:03:00.1"'
	expect_json "intel-stock: functions no region covers are not listed" \
		'[.devices[].bdf] | index("0000:03:00.1") == null and index("0000:00:00.0") == null'
	run stock.text --root "$r/intel-stock"
	expect_text "intel-stock report: FAIL line for the NIC" "$out.stdout" \
		'^  0000:03:00.0 14e4:1657 Ethernet controller \(tg3\), group 12 \.+ : FAIL$'
	expect_text "intel-stock report: last-resort option printed" "$out.stdout" \
		'Last resort, on the kernel command line: intel_iommu=relax_rmrr=0000:03:00.0$'
	expect_text "intel-stock report: summary line" "$out.stdout" \
		'^5 of 6 devices blocked for VFIO \.+ : FAIL$'
	run stock.groupmate --root "$r/intel-stock" --device 0000:03:00.1 --json
	exit_is 1 && pass "intel-stock --device 03:00.1: blocked through its group"
	expect_json "intel-stock --device 03:00.1: reason names the RMRR and 03:00.0; option relaxes 03:00.0" \
		'.devices | length == 1 and (.[0].reason | test("RMRR #0 \\(DMAR\\).*declared for 0000:03:00.0")) and .[0].option == "intel_iommu=relax_rmrr=0000:03:00.0"'
	expect_json "intel-stock --device 03:00.1: only the group's RMRR is listed" \
		'[.rmrr[].index] == [0] and .ivmd == []'
	run stock.usb --root "$r/intel-stock" --device 00:14.0
	exit_is 0 && pass "intel-stock --device 00:14.0: exit 0, USB passes"
	expect_text "intel-stock --device 00:14.0: PASS line" "$out.stdout" '^  0000:00:14.0 .* : PASS$'

	# VFIO takes a group whole: a group of three, the NIC (RMRR #0), its
	# second function (no region) and the segment-1 NVMe (RMRR #2), as
	# functions behind a bridge without ACS would be.
	local g
	for g in stock relaxed; do
		rm -rf "$work/group-$g" && cp -a "$r/intel-$g" "$work/group-$g"
		ln -sfn ../../../../kernel/iommu_groups/12 "$work/group-$g/sys/bus/pci/devices/0001:80:02.0/iommu_group"
		sed -n 1p "$r/intel-$g/sys/kernel/iommu_groups/20/reserved_regions" >>"$work/group-$g/sys/kernel/iommu_groups/12/reserved_regions"
		rm -r "$work/group-$g/sys/kernel/iommu_groups/20"
	done
	run group.fn1 --root "$work/group-stock" --device 0000:03:00.1 --json
	exit_is 1 && pass "group of three --device 03:00.1 (no region of its own): blocked"
	expect_json "group of three --device 03:00.1: one option naming both members with regions, not 03:00.1" \
		'.devices | length == 1 and .[0].verdict == "FAIL" and .[0].option == "intel_iommu=relax_rmrr=0000:03:00.0,relax_rmrr=0001:80:02.0" and .[0].group_named == "0000:03:00.0 0001:80:02.0"'
	expect_json "group of three --device 03:00.1: the reason names both RMRRs and whom each is for" \
		'.devices[0].reason | test("RMRR #0 .*declared for 0000:03:00.0") and test("RMRR #2 .*declared for 0001:80:02.0")'
	expect_json "group of three --device 03:00.1: the module line names both" \
		'.devices[0].option_note | test("make dkms RMRR=0000:03:00.0,0001:80:02.0")'
	run group.nic --root "$work/group-stock" --device 0000:03:00.0
	expect_text "group of three --device 03:00.0: the member with a region is named too" "$out.stdout" \
		'^      Named too, for identity maps of their own: 0001:80:02.0$'
	expect_text "group of three --device 03:00.0: the option line covers the group" "$out.stdout" \
		'Last resort, on the kernel command line: intel_iommu=relax_rmrr=0000:03:00.0,relax_rmrr=0001:80:02.0$'
	run group.relaxed --root "$work/group-relaxed" --device 0000:03:00.1 --json
	expect_json "group of three, the NIC already relaxed: the option line keeps it and adds the NVMe" \
		'.devices[0].verdict == "FAIL" and .devices[0].option == "intel_iommu=relax_rmrr=0000:03:00.0,relax_rmrr=0001:80:02.0" and (.devices[0].option_note | test("then reboot"))'

	# More functions to name than the option takes (16): said, and the
	# line falls back to every device.
	rm -rf "$work/group-many" && cp -a "$r/amd-range" "$work/group-many"
	local f
	for f in 0a:00.{0..7} 0a:01.{0..7} 0a:02.0; do
		cp -a "$r/amd-range/sys/bus/pci/devices/0000:01:00.1" "$work/group-many/sys/bus/pci/devices/0000:$f"
	done
	run group.many --root "$work/group-many" --device 0000:01:00.0 --json
	expect_json "a group of 19 functions under IVMDs: more than 16, said, and the bare option" \
		'.devices[0].option == "amd_iommu=relax_unity" and (.devices[0].option_note | test("19 functions need naming, more than the 16"))'
	run group.many.text --root "$work/group-many"
	expect_text "25 blocked functions: the summary's option is the bare one, and says why" "$out.stdout" \
		'^  To relax all of them: amd_iommu=relax_unity \(more than the 16 devices an option names: every device\)$'

	run relaxed --root "$r/intel-relaxed" --json
	exit_is 1 && pass "intel-relaxed: exit 1 (other devices still blocked)"
	expect_json "intel-relaxed: patch present, option active in the log, bad token reported" \
		'.kernel.relax_patch == "present" and .kernel.intel_iommu.given and .kernel.intel_iommu.active_in_log and .kernel.intel_iommu.selectors == 1 and .kernel.intel_iommu.malformed == "relax_rmrr=zz:99" and (.kernel.intel_iommu.kernel_errors | test("ignoring .relax_rmrr=zz:99"))'
	expect_json "intel-relaxed: the NIC is relaxed (WARN: firmware may still use it)" \
		'.devices[] | select(.bdf == "0000:03:00.0") | .verdict == "WARN" and .vfio_ok and (.reason | test("relaxed by intel_iommu=relax_rmrr"))'
	expect_json "intel-relaxed: taint flag 11 visible" '.kernel.tainted == 2048'
	run relaxed.nic --root "$r/intel-relaxed" --device 0000:03:00.0
	exit_is 0 && pass "intel-relaxed --device 03:00.0: exit 0"
	expect_text "intel-relaxed --device 03:00.0: WARN line" "$out.stdout" '^  0000:03:00.0 .* : WARN$'
	expect_text "intel-relaxed report: malformed token explained" "$out.stdout" \
		'WARN: malformed, ignored: relax_rmrr=zz:99 \(expected relax_rmrr or relax_rmrr=<dev>, <dev> being \[DDDD:\]BB:DD\[\.F\] or pci:VVVV:DDDD\[:SSSS:SSSS\] \(hex\)\)'
	run relaxed.other --root "$r/intel-relaxed" --device 0001:80:02.0 --json
	expect_json "intel-relaxed: a device the option does not name still gets its own option, no patch warning" \
		'.devices[0].verdict == "FAIL" and .devices[0].option == "intel_iommu=relax_rmrr=0001:80:02.0" and (.devices[0].option_note | test("then reboot"))'

	# The kernel's selector grammar: the NIC by its IDs (pci:vvvv:dddd, as
	# sysfs has them), and a selector with a width lspci -D never prints,
	# which the kernel refuses (0001:03 is not 0000:01:03).
	rm -rf "$work/intel-byid" && cp -a "$r/intel-relaxed" "$work/intel-byid"
	sed -i 's/relax_rmrr=0000:03:00.0,relax_rmrr=zz:99/relax_rmrr=pci:14e4:1657,relax_rmrr=0001:03/' "$work/intel-byid/proc/cmdline"
	run byid --root "$work/intel-byid" --json
	expect_json "relax_rmrr=pci:14e4:1657: the NIC (14e4:1657 in sysfs) is relaxed; 0001:03 is malformed" \
		'(.devices[] | select(.bdf == "0000:03:00.0") | .verdict == "WARN" and (.reason | test("relaxed by intel_iommu=relax_rmrr"))) and .kernel.intel_iommu.selectors == 1 and .kernel.intel_iommu.malformed == "relax_rmrr=0001:03"'
	run byid.text --root "$work/intel-byid"
	expect_text "relax_rmrr=pci:14e4:1657: the option line shows the selector as given" "$out.stdout" \
		'^  Relax option  intel_iommu=relax_rmrr for pci:14e4:1657; '
	sed -i 's/relax_rmrr=pci:14e4:1657/relax_rmrr=pci:14e4:1657:1234:5678/' "$work/intel-byid/proc/cmdline"
	run byid.subsys --root "$work/intel-byid" --json
	expect_json "relax_rmrr=pci:14e4:1657:1234:5678: subsystem IDs the NIC lacks: the option is not what relaxed it" \
		'.devices[] | select(.bdf == "0000:03:00.0") | .reason | test("reported relaxable by the kernel$")'

	# A stock kernel with the relax_iommu module (make dkms) naming the NIC.
	run module --root "$r/intel-module" --json
	expect_json "intel-module: the module's symbols are not the patch; module loaded with rmrr=0000:03:00.0, active in the log" \
		'.kernel.relax_patch == "absent" and .kernel.relax_iommu_module == "present" and .kernel["relax_iommu.rmrr"].selectors == 1 and .kernel["relax_iommu.rmrr"].active_in_log and (.kernel["relax_iommu.unity"].given | not)'
	expect_json "intel-module: the NIC is relaxed by the module (WARN)" \
		'.devices[] | select(.bdf == "0000:03:00.0") | .verdict == "WARN" and .vfio_ok and (.reason | test("relaxed by the relax_iommu module \\(rmrr=\\)"))'
	expect_json "intel-module: a device it does not name is told how to name it with the module" \
		'.devices[] | select(.bdf == "0001:80:02.0") | .verdict == "FAIL" and (.option_note | test("make dkms RMRR=0001:80:02.0 \\(relax_iommu is loaded"))'
	run module.nic --root "$r/intel-module" --device 0000:03:00.0
	exit_is 0 && pass "intel-module --device 03:00.0: exit 0"
	expect_text "intel-module report: Module line" "$out.stdout" \
		'^  Module        relax_iommu loaded; rmrr=0000:03:00.0 \(kernel log: active\)$'

	run amd --root "$r/amd-range" --json
	exit_is 1 && pass "amd-range: exit 1"
	expect_json "amd-range: all 8 functions under the ranges blocked" \
		'[.devices[] | .verdict] == ["FAIL","FAIL","FAIL","FAIL","FAIL","FAIL","FAIL","FAIL"]'
	expect_json "amd-range: read-only IVMD (ignored by Linux) covers nothing" \
		'.devices[] | select(.bdf == "0000:05:00.0") | [.covered_by[].index] == [0, 1]'
	expect_json "amd-range: bus 0x10 is outside the 0x22 range, inside the 0x20 one" \
		'.devices[] | select(.bdf == "0000:10:00.0") | [.covered_by[].index] == [1]'
	expect_json "amd-range: AMD USB controller is not relaxed upstream" \
		'.devices[] | select(.bdf == "0000:0e:00.0") | .verdict == "FAIL"'
	expect_json "amd-range: GPU option names both functions of its group" \
		'.devices[] | select(.bdf == "0000:01:00.0") | .option == "amd_iommu=relax_unity=0000:01:00.0,relax_unity=0000:01:00.1"'
	expect_json "amd-range: BIOS DMA-protection remedy offered" \
		'.devices[] | select(.bdf == "0000:02:00.0") | .remedies[0].title | test("pre-boot DMA protection")'
	expect_json "amd-range: one option relaxing all 8" \
		'.relax_all_amd | split(",") | length == 8'
	run amd.text --root "$r/amd-range"
	expect_text "amd-range report: IVMD 0x22 row" "$out.stdout" \
		'^  0 +0x22 +0x07 unity,read,write +0000:00:00.0 +0000:0f:1f.7 '
	expect_text "amd-range report: relax-all line" "$out.stdout" \
		'To relax all of them: amd_iommu=relax_unity=0000:00:00.0,'
	run amd.json.tables --root "$r/amd-range" --json
	expect_json "amd-range --json: absent DMAR is null, IVRS a path, the warning listed" \
		'.tables.dmar == null and (.tables.ivrs | type == "string") and (.tables.warnings | length == 1) and (.tables.warnings[0] | test("offset 0x90: IVMD flags 0x02"))'

	run stock.two --root "$r/intel-stock" --device 0000:03:00.0 --device 00:14.0 --json
	exit_is 1 && pass "intel-stock, two --device: exit 1"
	expect_json "intel-stock, two --device: both functions judged, nothing else" \
		'[.devices[].bdf] == ["0000:00:14.0", "0000:03:00.0"] and [.devices[].verdict] == ["PASS", "FAIL"]'
	expect_json "intel-stock, two --device: the RMRRs of both listed" \
		'[.rmrr[].index] == [0, 3]'
	expect_json "intel-stock: IOMMU active, no fix needed" \
		'.iommu_active == true and .iommu_fix == null'

	# No IOMMU: a failure of its own with the fix, exit 3.
	run noiommu --root "$r/no-iommu"
	exit_is 3 && pass "no-iommu: exit 3"
	expect_text "no-iommu report: FAIL line for the missing IOMMU" "$out.stdout" \
		'^No IOMMU active: VFIO can pass through no device \.+ : FAIL$'
	expect_text "no-iommu report: DMAR present, so the fix is intel_iommu=on" "$out.stdout" \
		'^  Fix: the firmware declares VT-d \(DMAR\) but the kernel did not turn it on: boot with intel_iommu=on$'
	expect_text "no-iommu report: groups line says FAIL" "$out.stdout" \
		'^  IOMMU groups  0 \(FAIL: no IOMMU is active'
	if grep -q 'Nothing blocked' "$out.stdout"; then
		fail "no-iommu report: no PASS line" "$(grep 'Nothing blocked' "$out.stdout")"
	else
		pass "no-iommu report: no PASS line"
	fi
	expect_text "no DMI data: Machine unknown" "$out.stdout" \
		'^  Machine       unknown \(no DMI data in /sys/class/dmi/id\)$'
	run noiommu.json --root "$r/no-iommu" --json
	expect_json "no-iommu --json: iommu_active false with the fix" \
		'.iommu_active == false and (.iommu_fix | test("intel_iommu=on")) and .kernel.iommu_groups == 0'
}

# Bad input: exit 2 with a message naming file, table and offset, or a
# warning and exit 0 where the rest of the table is sound.
# patch FILE OFFSET HEXBYTES: overwrite bytes in place.
patch() {
	local f=$1 off=$2 hex=$3 esc
	esc=$(echo "$hex" | sed 's/\(..\)/\\x\1/g')
	printf "$esc" | dd of="$f" bs=1 seek=$((off)) conv=notrunc status=none
}

# bad_case NAME EXIT PATTERN ARGS...: PATTERN "" wants an empty stderr.
bad_case() {
	local name=$1 want=$2 pattern=$3
	shift 3
	run "bad.$name" "$@" || return
	exit_is "$want" || return
	if [ -z "$pattern" ]; then
		if [ -s "$out.stderr" ]; then
			fail "bad input $name: exit $want, no message" "$(cat "$out.stderr")"
		else
			pass "bad input $name: exit $want, no message"
		fi
		return
	fi
	expect_text "bad input $name: exit $want, says /$pattern/" "$out.stderr" "$pattern"
}

check_bad_input() {
	local b=$work/bad hp=$real/hp-compaq-dc7800 t14=$real/lenovo-t14-gen3-amd
	head -c 100 "$hp/DMAR.dat" >"$b/trunc.dat"
	: >"$b/empty.dat"
	cp "$hp/DMAR.dat" "$b/len0.dat"; patch "$b/len0.dat" 0x9a 0000
	cp "$hp/DMAR.dat" "$b/lenbig.dat"; patch "$b/lenbig.dat" 0x9a ffff
	cp "$hp/DMAR.dat" "$b/odd.dat"; patch "$b/odd.dat" 0xb1 07
	cp "$hp/DMAR.dat" "$b/short-scope.dat"; patch "$b/short-scope.dat" 0xb1 04
	cp "$hp/DMAR.dat" "$b/unknown.dat"; patch "$b/unknown.dat" 0x98 6300
	cp "$hp/DMAR.dat" "$b/checksum.dat"; patch "$b/checksum.dat" 0x10 58
	cp "$hp/DMAR.dat" "$b/ioapic-scope.dat"; patch "$b/ioapic-scope.dat" 0xb0 03
	cp "$hp/DMAR.dat" "$b/hdrlen.dat"; patch "$b/hdrlen.dat" 0x04 28000000
	cp "$hp/DMAR.dat" "$b/badhop.dat"; patch "$b/badhop.dat" 0xb6 29
	cp "$t14/IVRS.dat" "$b/ivmd-short.dat"; patch "$b/ivmd-short.dat" 0xd2 1000
	cp "$t14/IVRS.dat" "$b/ivhd-len0.dat"; patch "$b/ivhd-len0.dat" 0x32 0000
	head -c $((0xe0)) "$t14/IVRS.dat" >"$b/ivrs-trunc.dat"

	bad_case truncated 2 "trunc.dat: offset 0x64: truncated: header says 408 bytes, only 100 present" --dmar "$b/trunc.dat"
	bad_case empty 2 "empty.dat: offset 0x0: truncated: 0 bytes" --dmar "$b/empty.dat"
	bad_case wrong-signature 2 "IVRS.dat: offset 0x0: signature is 'IVRS', expected 'DMAR'" --dmar "$t14/IVRS.dat"
	bad_case subtable-length-0 2 "len0.dat: offset 0x98: subtable type 1 has length 0" --dmar "$b/len0.dat"
	bad_case subtable-past-end 2 "lenbig.dat: offset 0x98: subtable type 1, length 65535 runs past the table end" --dmar "$b/lenbig.dat"
	bad_case odd-path 2 "odd.dat: offset 0xb0: device scope length 7 leaves an odd number of path bytes" --dmar "$b/odd.dat"
	bad_case short-scope 2 "short-scope.dat: offset 0xb0: device scope length 4 is shorter than its 6-byte header" --dmar "$b/short-scope.dat"
	bad_case header-length 2 "hdrlen.dat: offset 0x4: table length 40 is shorter than the 48-byte DMAR header" --dmar "$b/hdrlen.dat"
	bad_case bad-hop 2 "badhop.dat: offset 0xb6: device scope path hop 29\.0 is not a PCI device\.function" --dmar "$b/badhop.dat"
	bad_case ivmd-short 2 "ivmd-short.dat: offset 0xd0: IVMD type 0x21 has length 16, expected 32" --ivrs "$b/ivmd-short.dat"
	bad_case ivhd-length-0 2 "ivhd-len0.dat: offset 0x30: subtable type 0x10 has length 0; the table cannot be walked further" --ivrs "$b/ivhd-len0.dat"
	bad_case ivrs-truncated 2 "ivrs-trunc.dat: offset 0xe0: truncated: header says 484 bytes" --ivrs "$b/ivrs-trunc.dat"
	bad_case missing-file 2 "cannot read $b/nonexistent.dat: No such file or directory" --dmar "$b/nonexistent.dat"

	# Warnings: the rest of the table is sound, so exit 0 and go on.
	bad_case unknown-subtable 0 "unknown.dat: offset 0x98: unknown subtable type 99 \(length 32\) skipped" --dmar "$b/unknown.dat" --json
	expect_json "unknown subtable: the other 7 RMRRs still reported" '.rmrr | length == 7'
	bad_case checksum 0 "checksum.dat: offset 0x9: checksum mismatch" --dmar "$b/checksum.dat" --json
	expect_json "checksum mismatch: all 8 RMRRs still reported" '.rmrr | length == 8'
	bad_case ioapic-scope 0 "ioapic-scope.dat: offset 0xb0: device scope type 3 in an RMRR names no PCI function; skipped" --dmar "$b/ioapic-scope.dat" --json
	expect_json "IOAPIC scope in an RMRR: that RMRR keeps no device" '.rmrr[0].devices == []'

	# acpidump text
	local dump=$hp/acpidump.txt
	sed '5s/ 00 / G0 /' "$dump" >"$b/dump-broken.txt"
	sed '5d' "$dump" >"$b/dump-missing.txt"
	head -n -4 "$dump" >"$b/dump-trunc.txt"
	sed 's/$/\r/' "$dump" >"$b/dump-crlf.txt"
	{ echo '$ sudo acpidump -n DMAR'; cat "$dump"; echo; echo 'thanks for looking'; } >"$b/dump-prose.txt"
	printf 'FACP @ 0x00000000BD6F4000\n    0000: 46 41 43 50 F4 00 00 00 04 1C 41 4C 41 53 4B 41  FACP......ALASKA\n\n' >"$b/dump-facp.txt"
	{ printf 'APIC @ 0x0000000000000000\n    0000: 41 50 49 43 XX\n\n'; cat "$dump"; } >"$b/dump-other-broken.txt"
	bad_case dump-broken-line 2 "dump-broken.txt: line 5 \(in DMAR from line 1\): broken line" --acpidump "$b/dump-broken.txt"
	bad_case dump-missing-line 2 "dump-missing.txt: line 5 \(in DMAR from line 1\): offset 0x40, expected 0x30" --acpidump "$b/dump-missing.txt"
	bad_case dump-truncated 2 "dump-trunc.txt: DMAR \(line 1\): offset 0x170: truncated: header says 408 bytes, only 368 present" --acpidump "$b/dump-trunc.txt"
	bad_case dump-no-tables 2 "dump-facp.txt: no DMAR or IVRS table in this acpidump \(tables found: FACP\)" --acpidump "$b/dump-facp.txt"
	bad_case dump-crlf 0 "" --acpidump "$b/dump-crlf.txt" --json
	expect_json "acpidump with CRLF line ends: 8 RMRRs" '.rmrr | length == 8'
	bad_case dump-prose 0 "" --acpidump "$b/dump-prose.txt" --json
	expect_json "acpidump with a shell prompt and prose around it: 8 RMRRs" '.rmrr | length == 8'
	bad_case dump-other-table-broken 0 "line 2 \(in APIC from line 1\): broken line; .* the rest of APIC is skipped" --acpidump "$b/dump-other-broken.txt" --json
	expect_json "broken table we do not need: DMAR still read" '.rmrr | length == 8'

	# Usage
	bad_case usage-device 2 "--device 'zz:99': expected \[DDDD:\]BB:DD\.F in hex" --dmar "$hp/DMAR.dat" --device zz:99
	bad_case usage-device-nofn 2 "--device '03:00': expected" --dmar "$hp/DMAR.dat" --device 03:00
	bad_case usage-device-width 2 "--device '0001:3:00.0': expected" --dmar "$hp/DMAR.dat" --device 0001:3:00.0
	bad_case usage-device-by-id 2 "--device 'pci:14e4:1657': expected" --dmar "$hp/DMAR.dat" --device pci:14e4:1657
	bad_case usage-unknown-option 2 "Try 'relax-check --help'" --frobnicate
	bad_case usage-root-and-file 2 "--root reads a system tree; it cannot be combined" --root / --dmar "$hp/DMAR.dat"
	bad_case usage-device-17 2 "--device given more than 16 times" --dmar "$hp/DMAR.dat" $(for i in $(seq 17); do echo --device 00:1d.7; done)
	bad_case dmar-given-acpidump 2 "acpidump.txt: this is text, not a raw DMAR table; for acpidump output use --acpidump .*acpidump.txt$" --dmar "$hp/acpidump.txt"
	bad_case ivrs-given-acpidump 2 "acpidump.txt: this is text, not a raw IVRS table; for acpidump output use --acpidump" --ivrs "$t14/acpidump.txt"
	printf 'IVRS\060\0\0\0' >"$b/ivrs-8.dat"
	bad_case ivrs-header-short 2 "ivrs-8.dat: offset 0x8: truncated: 8 bytes, shorter than the 48-byte IVRS header" --ivrs "$b/ivrs-8.dat"
	bad_case usage-extra-arg 2 "unexpected argument 'extra'" extra
	bad_case root-missing 2 "cannot read $b/no-such-root/sys/bus/pci/devices: No such file or directory \(is --root a system tree\?\)" --root "$b/no-such-root"
	bad_case device-absent 2 "--device 0000:42:00.0: no such PCI function" --root "$roots/intel-stock" --device 0000:42:00.0
	printf '[remedy]\ntitle = x\nstep = y\ncolour = blue\n' >"$b/remedies-bad.conf"
	bad_case remedies-unknown-key 2 "remedies-bad.conf:4: unknown key 'colour'" --root "$roots/intel-stock" --remedies "$b/remedies-bad.conf"
	printf '[remedy]\ntitle = only a title\n' >"$b/remedies-nostep.conf"
	bad_case remedies-no-step 2 "remedies-nostep.conf:1: a \[remedy\] needs a title and at least one step" --root "$roots/intel-stock" --remedies "$b/remedies-nostep.conf"
	cp -a "$roots/intel-stock" "$b/root-corrupt"
	patch "$b/root-corrupt/sys/firmware/acpi/tables/DMAR" 0x52 0000
	# No IOMMU, two more causes: no table at all, iommu=off
	rm -rf "$b/noiommu-notable" "$b/noiommu-off"
	cp -a "$roots/no-iommu" "$b/noiommu-notable"
	rm "$b/noiommu-notable/sys/firmware/acpi/tables/DMAR"
	run noiommu.notable --root "$b/noiommu-notable"
	exit_is 3 && pass "no-iommu without DMAR/IVRS: exit 3"
	expect_text "no-iommu without DMAR/IVRS: fix is the firmware setup" "$out.stdout" \
		'Fix: the firmware publishes no DMAR \(Intel VT-d\) or IVRS \(AMD-Vi\) table: turn on VT-d .* in the firmware setup; on Intel also boot with intel_iommu=on$'
	cp -a "$roots/no-iommu" "$b/noiommu-off"
	echo 'BOOT_IMAGE=/boot/vmlinuz-6.1.0-28-amd64 root=/dev/sda1 ro intel_iommu=on,sm_off iommu=off' >"$b/noiommu-off/proc/cmdline"
	run noiommu.off --root "$b/noiommu-off"
	exit_is 3 && pass "no-iommu with iommu=off: exit 3"
	expect_text "no-iommu with iommu=off: fix names it" "$out.stdout" \
		'Fix: the kernel command line turns the IOMMU off \(iommu=off\): remove it$'
	echo 'ro quiet iommu=off' >"$b/noiommu-off/proc/cmdline"
	run noiommu.off2 --root "$b/noiommu-off"
	expect_text "no-iommu with iommu=off, no intel_iommu=on: fix asks for both" "$out.stdout" \
		'Fix: the kernel command line turns the IOMMU off \(iommu=off\): remove it and boot with intel_iommu=on$'
	echo 'ro quiet intel_iommu=sm_on,off' >"$b/noiommu-off/proc/cmdline"
	run noiommu.intel-off --root "$b/noiommu-off"
	expect_text "no-iommu with intel_iommu=...,off: fix names it" "$out.stdout" \
		'Fix: the kernel command line turns VT-d off \(intel_iommu=off\): boot with intel_iommu=on instead$'
	echo 'ro quiet intel_iommu=on' >"$b/noiommu-off/proc/cmdline"
	run noiommu.on --root "$b/noiommu-off"
	expect_text "no-iommu with intel_iommu=on given: points to the kernel log" "$out.stdout" \
		'Fix: the firmware declares an IOMMU \(DMAR\) and the command line does not turn it off, yet the kernel made no IOMMU groups: see dmesg'
	# AMD: IVRS present, no groups
	rm -rf "$b/noiommu-amd"
	cp -a "$roots/amd-range" "$b/noiommu-amd"
	rm -rf "$b/noiommu-amd/sys/kernel/iommu_groups"
	find "$b/noiommu-amd/sys/bus/pci/devices" -name iommu_group -delete
	echo 'ro amd_iommu=off' >"$b/noiommu-amd/proc/cmdline"
	run noiommu.amd-off --root "$b/noiommu-amd"
	exit_is 3 && pass "AMD, no IOMMU groups: exit 3"
	expect_text "AMD with amd_iommu=off: fix names it" "$out.stdout" \
		'Fix: the kernel command line turns AMD-Vi off \(amd_iommu=off\): remove it$'
	echo 'ro quiet' >"$b/noiommu-amd/proc/cmdline"
	run noiommu.amd --root "$b/noiommu-amd"
	expect_text "AMD, IVRS present and nothing turns it off: points to the kernel log" "$out.stdout" \
		'Fix: the firmware declares an IOMMU \(IVRS\) and the command line does not turn it off'

	# Partial identity: what is missing reads "unknown", not "?"
	rm -rf "$b/partial-id"
	cp -a "$roots/no-iommu" "$b/partial-id"
	mkdir -p "$b/partial-id/sys/class/dmi/id"
	echo 'U30 v2.90' >"$b/partial-id/sys/class/dmi/id/bios_version"
	rm "$b/partial-id/proc/sys/kernel/osrelease"
	run partial-id --root "$b/partial-id"
	expect_text "only a BIOS version in DMI: the rest unknown" "$out.stdout" \
		'^  Machine       unknown \(board unknown\), BIOS U30 v2\.90$'
	expect_text "no osrelease: Kernel unknown" "$out.stdout" '^  Kernel        unknown; relax patch: '

	bad_case live-corrupt-table 2 "root-corrupt/sys/firmware/acpi/tables/DMAR: offset 0x50: subtable type 1 has length 0" --root "$b/root-corrupt"
}

# What the kernel log tells: whose taint flag 11 is, and the late-boot
# lines of a selector that relaxed nothing.  A VMD function (domain
# 0x10000 and up) is a PCI function like any other.
check_log_lines() {
	local b=$work/log-lines
	rm -rf "$b"
	mkdir -p "$b"

	# Ours: the log shows a relaxed region (roots/intel-relaxed).
	run taint.ours --root "$roots/intel-relaxed" --json
	expect_json "taint 11 with a region reported as relaxable: the relax option's" \
		'.kernel.firmware_workaround_taint == "relax"'
	# The firmware's: the kernel's own RMRR check tainted, nothing relaxed.
	cp -a "$roots/intel-relaxed" "$b/fw-taint"
	cat >"$b/fw-taint/dev/kmsg" <<'KMSG'
6,1,0,-;Linux version 6.6.0-relax
4,95,41000,-;intel_iommu=relax_rmrr: relaxing RMRR identity maps for 0000:03:00.0
4,96,41100,-;DMAR: [Firmware Bug]: No firmware reserved region can cover this RMRR [0x00000000000e8000-0x00000000000e8fff], contact BIOS vendor for fixes
4,97,41200,-;Your BIOS is broken; bad RMRR [0x00000000000e8000-0x00000000000e8fff]
6,120,51234,-;DMAR: IOMMU enabled
KMSG
	echo 2560 >"$b/fw-taint/proc/sys/kernel/tainted"
	run taint.firmware --root "$b/fw-taint" --json
	expect_json "taint 11 without a relaxed region: the firmware's, not ours" \
		'.kernel.firmware_workaround_taint == "firmware"'
	run taint.firmware.text --root "$b/fw-taint"
	expect_text "taint 11 without a relaxed region: the report says so" "$out.stdout" \
		'^  Tainted       2560 \(flag 11, firmware workaround: set by the kernel.s own firmware checks, e\.g\. "Your BIOS is broken", not by a relax option'

	# No region matched a selector: a typo or an absent device.
	cp -a "$roots/intel-relaxed" "$b/unmatched"
	cat >>"$b/unmatched/dev/kmsg" <<'KMSG'
4,400,900000,-;intel_iommu=relax_rmrr: no RMRR region matched 0000:04:00.0
4,401,900001,-;intel_iommu=relax_rmrr: no RMRR region matched pci:8086:1234
KMSG
	run unmatched --root "$b/unmatched" --json
	expect_json "no region matched: both selectors collected" \
		'.kernel.intel_iommu.unmatched == "0000:04:00.0, pci:8086:1234"'
	run unmatched.text --root "$b/unmatched"
	expect_text "no region matched: shown with the fix" "$out.stdout" \
		'WARN: no region matched 0000:04:00.0, pci:8086:1234: a typo, or a device that is absent or has no firmware identity map; check the address with lspci -D, or name the device by its IDs \(pci:VVVV:DDDD'
	cp -a "$roots/amd-range" "$b/unmatched-all"
	echo '4,400,900000,-;amd_iommu=relax_unity: no IVMD region matched any device' >>"$b/unmatched-all/dev/kmsg"
	run unmatched.all --root "$b/unmatched-all" --json
	expect_json "no region matched the bare form: 'any device'" \
		'.kernel.amd_iommu.unmatched == "any device"'

	# A VMD function in the NIC's group: named among its members.
	cp -a "$roots/intel-stock" "$b/vmd"
	mkdir "$b/vmd/sys/bus/pci/devices/10000:e1:00.0"
	cp "$roots/intel-stock/sys/bus/pci/devices/0000:03:00.1/"{vendor,device,class} "$b/vmd/sys/bus/pci/devices/10000:e1:00.0/"
	ln -s ../../../../kernel/iommu_groups/12 "$b/vmd/sys/bus/pci/devices/10000:e1:00.0/iommu_group"
	run vmd --root "$b/vmd" --json
	expect_json "a 5-digit (VMD) domain is read: its function is a member of the NIC's group" \
		'.devices[] | select(.bdf == "0000:03:00.0") | (.group_members | split(" ") | sort) == ["0000:03:00.1", "10000:e1:00.0"]'
}

# Inputs the fuzzer once crashed on: each must now end cleanly (exit 0 or
# 2, no sanitizer report) through every parser.
check_fuzz_regressions() {
	local f opt n=0
	for f in "$here"/fuzz-regressions/*; do
		[ -f "$f" ] || continue
		for opt in dmar ivrs acpidump; do
			run "regress.$(basename "$f").$opt" --$opt "$f" || continue
			case $(cat "$out.exit") in
			0 | 2) n=$((n + 1)) ;;
			*) fail "fuzz regression $(basename "$f") --$opt: exit 0 or 2" "exit $(cat "$out.exit")" ;;
			esac
		done
	done
	[ $n -gt 0 ] && pass "fuzz regressions: $n runs end cleanly"
}

# README's relax-check examples print what README shows, with this binary
# (readme-examples.sh does the work; one PASS or FAIL per example).
check_readme_examples() {
	local line name= detail= any=no
	"$here/readme-examples.sh" --top "$top" "$bin" >"$work/out/$suite.readme" 2>&1
	while IFS= read -r line; do
		case $line in
		"PASS "* | "FAIL "*)
			[ -n "$name" ] && fail "README: $name" "$detail"
			name= detail= any=yes
			case $line in
			"PASS "*) pass "README: ${line#PASS }" ;;
			*) name=${line#FAIL } ;;
			esac
			;;
		"       | "*) detail+="${line#       | }"$'\n' ;;
		esac
	done <"$work/out/$suite.readme"
	[ -n "$name" ] && fail "README: $name" "$detail"
	[ $any = yes ] || fail "README examples ran" "$(head -20 "$work/out/$suite.readme")"
}

# make install honours PREFIX and DESTDIR, and the installed binary finds
# its remedies file under PREFIX/share/relax-iommu.  Once, not per binary.
check_install() {
	local src=$work/install-src prefix=$work/prefix
	suite=install
	rm -rf "$src" "$prefix" "$work/destdir"
	mkdir -p "$src"
	cp "$top"/scripts/relax-check/*.[ch] "$top"/scripts/relax-check/Makefile \
		"$top"/scripts/relax-check/remedies.conf "$src/"
	if ! make -s -C "$src" install PREFIX="$prefix" >"$work/install.log" 2>&1; then
		fail "make install PREFIX=..." "$(tail -20 "$work/install.log")"
		return
	fi
	if [ -x "$prefix/sbin/relax-check" ] && [ -f "$prefix/share/relax-iommu/remedies.conf" ]; then
		pass "make install PREFIX=...: sbin/relax-check and share/relax-iommu/remedies.conf"
	else
		fail "make install PREFIX=...: files in place" "$(find "$prefix")"
	fi
	if make -s -C "$src" install DESTDIR="$work/destdir" PREFIX=/usr >>"$work/install.log" 2>&1 &&
	   [ -x "$work/destdir/usr/sbin/relax-check" ] &&
	   [ -f "$work/destdir/usr/share/relax-iommu/remedies.conf" ]; then
		pass "make install DESTDIR=... PREFIX=/usr"
	else
		fail "make install DESTDIR=... PREFIX=/usr" "$(tail -20 "$work/install.log")"
	fi
	rm -f "$src/remedies.conf"	# only the copy under PREFIX remains
	bin=$prefix/sbin/relax-check
	run installed --root "$roots/intel-stock" --json
	expect_json "installed binary finds its remedies file under PREFIX" \
		'.devices[] | select(.bdf == "0000:03:00.0") | .remedies | length == 2'
}

# make verify passes relax-check's "no IOMMU" on as a failure with its fix.
# Once, with the plain build verify-kernel runs.
check_verify_no_iommu() {
	suite=verify
	[ -x "$top/scripts/verify-kernel" ] || return 0
	mkdir -p "$work/verify-out"
	out=$work/out/verify.no-iommu
	env -u EXPECT OUT="$work/verify-out" ROOT="$roots/no-iommu" \
		"$top/scripts/verify-kernel" >"$out.stdout" 2>&1
	echo $? >"$out.exit"
	exit_is 1 && pass "make verify on no-iommu: exit 1"
	expect_text "make verify on no-iommu: FAIL line for the missing IOMMU" "$out.stdout" \
		'^  FAIL  no IOMMU is active \(no IOMMU groups\): VFIO can pass through no device$'
	expect_text "make verify on no-iommu: relax-check's fix shown" "$out.stdout" \
		'^        fix: .*boot with intel_iommu=on$'
	if grep -q 'no device is blocked' "$out.stdout"; then
		fail "make verify on no-iommu: does not say no device is blocked" "$(cat "$out.stdout")"
	else
		pass "make verify on no-iommu: does not say no device is blocked"
	fi
}

# make verify tells our taint from the firmware's, and shows a selector
# that matched no region as a likely typo with its fix.  Log samples as in
# check_log_lines.
check_verify_log_lines() {
	local b=$work/verify-log
	suite=verify
	[ -x "$top/scripts/verify-kernel" ] || return 0
	rm -rf "$b"
	mkdir -p "$b/out"
	verify_on() { # verify_on NAME ROOT
		out=$work/out/verify.$1
		env -u EXPECT OUT="$b/out" ROOT="$2" RELAX_UNAME_R=6.6.0-relax \
			"$top/scripts/verify-kernel" >"$out.stdout" 2>&1
		echo $? >"$out.exit"
	}
	verify_on ours "$roots/intel-relaxed"
	expect_text "make verify: taint with a relaxed region is the relax option's" "$out.stdout" \
		"^  ok    kernel tainted 'I' \(firmware workaround\) by the relax option"

	cp -a "$roots/intel-relaxed" "$b/fw-taint"
	cat >"$b/fw-taint/dev/kmsg" <<'KMSG'
6,1,0,-;Linux version 6.6.0-relax
4,95,41000,-;intel_iommu=relax_rmrr: relaxing RMRR identity maps for 0000:03:00.0
4,97,41200,-;Your BIOS is broken; bad RMRR [0x00000000000e8000-0x00000000000e8fff]
KMSG
	echo 2560 >"$b/fw-taint/proc/sys/kernel/tainted"
	verify_on fw-taint "$b/fw-taint"
	expect_text "make verify: taint without a relaxed region is the firmware's" "$out.stdout" \
		"^  note  kernel tainted 'I' \(firmware workaround\) by the kernel's own firmware checks, not by the relax option \(no region reported as relaxable\): Your BIOS is broken"
	if grep -q "by the relax option, as" "$out.stdout"; then
		fail "make verify: the firmware's taint is not called ours" "$(cat "$out.stdout")"
	else
		pass "make verify: the firmware's taint is not called ours"
	fi

	cp -a "$roots/intel-relaxed" "$b/unmatched"
	echo '4,400,900000,-;intel_iommu=relax_rmrr: no RMRR region matched 0000:04:00.0' >>"$b/unmatched/dev/kmsg"
	verify_on unmatched "$b/unmatched"
	exit_is 1 && pass "make verify: a selector that matched no region fails"
	expect_text "make verify: no region matched, with the fix" "$out.stdout" \
		'^  FAIL  kernel: intel_iommu=relax_rmrr: no RMRR region matched 0000:04:00\.0: nothing was relaxed for it: a typo, .*lspci -D, or name the device by its IDs \(pci:VVVV:DDDD'
}

for bin in "${binaries[@]}"; do
	suite=$(basename "$bin")
	if [ ! -x "$bin" ]; then
		fail "binary $bin built"
		continue
	fi
	check_oracle
	check_acpidump
	check_known_counts
	check_roots
	check_bad_input
	check_log_lines
	check_fuzz_regressions
	check_readme_examples
done
check_install
check_verify_no_iommu
check_verify_log_lines

summary
