#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR GPL-2.0-or-later
"""Check one e2e case's guest log against what the case expects.

Prints one line: case, expected, observed, PASS/FAIL; on FAIL, the reasons
follow on indented lines.  With --bench, prints the boot and attach
medians of the stock and patched-off boots and their ratios.

The guest program (vfio-probe.c) writes "E2E ..." lines; everything else in
the log is the console.  The kernel log is taken from the "E2E kmsg" lines
(read from /dev/kmsg at the end, so never torn by other console output).
"""
import argparse
from collections import Counter
import re
import statistics
import sys

W_CASE, W_EXP, W_OBS = 24, 56, 86   # table columns


class Log:
    def __init__(self, path):
        self.path = path
        self._reset()
        try:
            text = open(path, errors="replace").read()
        except OSError as e:
            self.notes.append(f"no log: {e}")
            text = ""
        self._parse(text)

    def _reset(self):
        """Forget what was parsed: a retried guest's first attempt."""
        self.steps = {}      # (dev, api) -> [(name, result, errno, ns, extra)]
        self.resv = {}       # dev -> [(start, end, type)]
        self.iova = {}       # (dev, api) -> [(start, last)]
        self.acpi = []
        self.kmsg = []
        self.taint = None
        self.begin_ns = None
        self.end = False
        self.iommufd_absent = set()
        self.insmod = []     # [(path, params, result, errno, ns)]
        self.rmmod = []      # [(name, result, errno)]
        self.notes = []

    def _parse(self, text):
        for raw in text.splitlines():
            line = raw.rstrip("\r")
            if line.startswith("# e2e: retrying once"):
                self._reset()
                continue
            if line.startswith("# e2e: guest did not finish"):
                self.notes.append(line[2:])
            if not line.startswith("E2E "):
                continue
            kind, _, rest = line[4:].partition(" ")
            if kind == "step":
                f = dict(kv.split("=", 1) for kv in rest.split() if "=" in kv)
                self.steps.setdefault((f["dev"], f["api"]), []).append(
                    (f["name"], f["result"], f.get("errno"), int(f.get("ns", 0)),
                     {k: f[k] for k in ("iova", "size", "group") if k in f}))
            elif kind == "resv":
                m = re.match(r"dev=(\S+) (0x[0-9a-f]+) (0x[0-9a-f]+) (\S+)$", rest)
                if m:
                    self.resv.setdefault(m[1], []).append((int(m[2], 16), int(m[3], 16), m[4]))
            elif kind == "iova":
                m = re.match(r"dev=(\S+) api=(\S+) (0x[0-9a-f]+)-(0x[0-9a-f]+)$", rest)
                if m:
                    self.iova.setdefault((m[1], m[2]), []).append((int(m[3], 16), int(m[4], 16)))
            elif kind == "acpi":
                self.acpi.append(rest)
            elif kind == "kmsg":
                self.kmsg.append(rest)
            elif kind == "taint":
                m = re.match(r"value=(\d+) fw_workaround=(\d)", rest)
                if m:
                    self.taint = (int(m[1]), int(m[2]))
            elif kind == "begin":
                m = re.match(r"boot_ns=(\d+)", rest)
                self.begin_ns = int(m[1]) if m else None
            elif kind == "end":
                self.end = True
            elif kind in ("insmod", "rmmod"):
                f = dict(kv.split("=", 1) for kv in rest.split() if "=" in kv)
                if kind == "insmod":
                    self.insmod.append((f.get("path"), f.get("params"), f.get("result"), f.get("errno"),
                                        int(f.get("ns", 0))))
                else:
                    self.rmmod.append((f.get("name"), f.get("result"), f.get("errno")))
            elif kind == "iommufd":
                self.iommufd_absent.add(rest.split()[0][4:])

    def outcome(self, dev, api):
        """'ok', 'absent', or (first failing step, errno)."""
        steps = self.steps.get((dev, api))
        if not steps:
            return "absent"
        for name, result, errno, _, _ in steps:
            if result != "ok":
                return (name, errno or result)
        return "ok"

    def region_types(self, dev, start, end):
        return sorted(t for s, e, t in self.resv.get(dev, []) if (s, e) == (start, end))

    def fingerprint(self, devs=None, resv=True):
        """What VFIO did, without timings: comparable between kernels."""
        fp = []
        for (dev, api), steps in sorted(self.steps.items()):
            if devs is None or dev in devs:
                fp += [f"step {dev} {api} {n} {r} {e} {x}" for n, r, e, _, x in steps]
        for dev, regions in sorted(self.resv.items()):
            if resv and (devs is None or dev in devs):
                fp += [f"resv {dev} {s:#x} {e:#x} {t}" for s, e, t in regions]
        for (dev, api), ranges in sorted(self.iova.items()):
            if devs is None or dev in devs:
                fp += [f"iova {dev} {api} {s:#x}-{e:#x}" for s, e in ranges]
        if devs is None:
            fp += [f"taint {self.taint}"] + [f"acpi {a}" for a in self.acpi]
        return fp


def kernel_lines(log):
    """The kernel log without the command line and init's arguments and
    environment (which name the option, and on 5.10 hold every
    intel_iommu= parameter: its setup function returned 0)."""
    out, in_init_list = [], False
    for k in log.kmsg:
        if k.startswith("Run /init") or k.strip() in ("with arguments:", "with environment:"):
            in_init_list = True
            continue
        if in_init_list and k.startswith("    "):
            continue
        in_init_list = False
        if re.match(r"(Kernel )?[Cc]ommand line:", k):
            continue
        out.append(k)
    return out


# What the "off" case compares with stock: every kernel message about the
# IOMMUs, their firmware tables, PCI, VFIO and iommufd, the reserved memory,
# the command line options, taint and any warning or error; as multisets,
# since asynchronous probes reorder lines.  Timer calibration, the build
# banner and the like differ between any two boots under TCG and are left out.
RELEVANT = re.compile(
    r"iommu|DMAR|AMD-Vi|IVRS|IVMD|RMRR|vfio|VFIO|\bpci\b|PCI|ACPI|e820|reserved|memmap|"
    r"relax|taint|Taint|Firmware|Unknown|WARNING|BUG|Call Trace|Oops|RIP:|error|fail|ignor",
    re.IGNORECASE)
VOLATILE = re.compile(
    r"^Linux version |^Memory: |^tsc: |^clocksource|^Calibrating delay|BogoMIPS|^sched_clock|"
    r"^Freeing |^APIC |^\.+|MP-BIOS bug|8254 timer|IO-APIC \+ timer|^hpet|^Run /init")


def normalised_kmsg(log):
    return [k for k in kernel_lines(log) if RELEVANT.search(k) and not VOLATILE.search(k)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--header", action="store_true", help="print the table's header and exit")
    ap.add_argument("--version")
    ap.add_argument("--layout", choices=["intel", "amd21", "amd22", "intelgroup", "intel4g", "amdexcl"])
    ap.add_argument("--case")
    ap.add_argument("--refusal", choices=["direct", "legacy"])
    ap.add_argument("--nic", default="0000:00:03.0")
    ap.add_argument("--ctl", default="0000:00:04.0")
    ap.add_argument("--region", default="0x30000000-0x300fffff")
    ap.add_argument("--log", nargs="+")
    ap.add_argument("--stock-log", nargs="+")
    ap.add_argument("--module", action="store_true",
                    help="the relax_iommu module on a stock kernel instead of the patched kernel's option")
    ap.add_argument("--upstream", action="store_true",
                    help="the upstream series' iommu.relax_direct= (upstream/) instead of the patched kernel's option")
    ap.add_argument("--bench", action="store_true")
    ap.add_argument("--mode", default="tcg", help="with --bench: how the guests ran, for the label")
    ap.add_argument("--names", default="stock,patched-off",
                    help="with --bench: what --stock-log and --log ran, for the labels")
    a = ap.parse_args()
    if a.header:
        print(f"{'case':<{W_CASE}} {'expected':<{W_EXP}} {'observed':<{W_OBS}} result")
        return 0
    if a.bench:
        return bench(a)
    return check(a)


def devid(dev):
    m = re.match(r"(?:[0-9a-f]{4}:)?([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])$", dev)
    return (int(m[1], 16) << 8) | (int(m[2], 16) << 3) | int(m[3]) if m else None


def check(a):
    # The command lines of the older vendor patch (tests/e2e/run: bare,
    # one) are checked as the cases they now are: every device, and a
    # malformed selector that relaxes nothing.
    shown = a.case
    # pt: scoped under iommu=pt, whose identity default domain asks for no
    # reserved regions at boot; the line must come at boot all the same.
    a.case = {"bare": "all", "one": "malformed", "pt": "scoped"}.get(a.case, a.case)
    bad_value = "1" if shown == "one" else "zz:99"
    log = Log(a.log[0])
    stock = Log(a.stock_log[0]) if a.stock_log else None
    rs, re_ = (int(x, 16) for x in a.region.split("-"))
    region = f"[mem {rs:#010x}-{re_:#010x}]"
    intel = a.layout.startswith("intel")
    opt = "intel_iommu=relax_rmrr" if intel else "amd_iommu=relax_unity"
    src = "RMRR" if intel else "IVMD"
    why = []
    # The module: its messages name "relax_iommu.<param>"; on Intel before
    # 6.6 (the legacy refusal) it must refuse to load and change nothing.
    param = "rmrr" if intel else "unity"
    if a.module:
        opt = f"relax_iommu.{param}"
    module_old = a.module and intel and a.refusal == "legacy"

    tested = [a.nic, a.ctl]

    def scope(dev):
        if a.layout == "amd22":
            d = devid(dev)
            return d is not None and 0x0000 <= d <= 0x0fff
        if a.layout == "intelgroup":
            return dev in tested
        return dev == a.nic

    def selected(dev):
        if module_old:
            return False
        return {"all": True, "scoped": dev == a.nic, "other": dev == a.ctl,
                "both": dev in tested}.get(a.case, False)

    def group(dev):
        """The tested devices in dev's IOMMU group: VFIO claims them together."""
        return tested if a.layout == "intelgroup" else [dev]

    def unrelaxed(dev):
        """The members of dev's group that keep a direct region."""
        return [m for m in group(dev) if scope(m) and not selected(m)]

    def want_types(dev):
        """reserved_regions is the group's: each member's region, by type."""
        return sorted({"direct-relaxable" if selected(m) else "direct" for m in group(dev) if scope(m)})

    # relaxed: taken, its region relaxable; named: its region relaxable, but
    # a group member's is not, so VFIO is refused the group; refused; free:
    # no region in its group.
    state = {}
    for d in tested:
        if unrelaxed(d):
            state[d] = "named" if scope(d) and selected(d) else "refused"
        else:
            state[d] = "relaxed" if scope(d) else "free"
    has_iommufd = any(api == "iommufd" for _, api in log.steps)

    # The run itself
    if not log.end:
        why.append("the guest program did not finish: " + "; ".join(log.notes or ["no 'E2E end'"]))
    want_table = {
        "intel": rf"DMAR RMRR \[mem {rs:#x}-{re_:#x}\] scope=type1:00:03\.0$",
        "intel4g": rf"DMAR RMRR \[mem {rs:#x}-{re_:#x}\] scope=type1:00:03\.0$",
        "intelgroup": rf"DMAR RMRR \[mem {rs:#x}-{re_:#x}\] scope=type1:00:03\.0 scope=type1:00:03\.1$",
        "amd21": rf"IVRS IVMD type=0x21 flags=0x7 devid=0x0018 aux=0x0000 \[mem {rs:#x}-{re_:#x}\]$",
        "amdexcl": rf"IVRS IVMD type=0x21 flags=0x8 devid=0x0018 aux=0x0000 \[mem {rs:#x}-{re_:#x}\]$",
        "amd22": rf"IVRS IVMD type=0x22 flags=0x7 devid=0x0000 aux=0x0fff \[mem {rs:#x}-{re_:#x}\]$",
    }[a.layout]
    if log.end and not any(re.search(want_table, x) for x in log.acpi):
        why.append(f"the kernel does not see our firmware table (want /{want_table}/); acpi: {log.acpi}")

    if a.layout == "intelgroup" and log.end:
        groups = {d: [x.get("group") for n, _, _, _, x in log.steps.get((d, "sysfs"), []) if n == "iommu_group"]
                  for d in tested}
        if groups[a.nic] != groups[a.ctl] or not groups[a.nic]:
            why.append(f"the two functions are not in one IOMMU group ({groups}): the layout tests nothing")
    klines = kernel_lines(log)
    warn_re = re.compile(rf"^(?:\S+ )?(\S+): {re.escape(opt)}: {src} (\[mem 0x[0-9a-f]+-0x[0-9a-f]+\]) "
                         r"reported as relaxable; firmware may still use it$")
    warnings = [(m[1], m[2]) for m in map(warn_re.match, klines) if m]
    if a.upstream:
        # One warning per device, not per region: counted against the region.
        opt = "iommu.relax_direct"
        warn_re = re.compile(r"^(?:\S+ )?(\S+): iommu\.relax_direct: firmware 1:1 mappings made relaxable; ")
        warnings = [(m[1], region) for m in map(warn_re.match, klines) if m]
    announce = [k for k in klines if re.search(rf"{re.escape(opt)}: relaxing {src} identity maps for ", k)]
    tok = opt.split('=')[-1]
    forms = "[DDDD:]BB:DD[.F] or pci:VVVV:DDDD[:SSSS:SSSS] (hex)"
    bad_token = f"{opt}: ignoring '{tok}={bad_value}': expected {tok} or {tok}=<dev>, <dev> being {forms}"
    if a.module:
        bad_token = f"relax_iommu: {param}='zz:99': 'zz:99' is not [DDDD:]BB:DD[.F] or " \
                    "pci:VVVV:DDDD[:SSSS:SSSS] in hex, and the list is not 'all'; not loaded"
    if a.upstream:
        bad_token = f"iommu: {opt}={bad_value}: expected <pci_dev>[;<pci_dev>...] with non-zero IDs; nothing relaxed"
    malformed = [k for k in klines if k == bad_token]
    # The module loader's own lines about any out-of-tree module are not ours.
    loader = re.compile(r"^relax_iommu: (loading out-of-tree module taints kernel|module verification failed)")
    any_relax = [k for k in klines if ("relax_rmrr" in k or "relax_unity" in k or "relax_iommu" in k or "relax_direct" in k)
                 and not loader.match(k)]
    old_line = "relax_iommu: Intel VT-d before Linux 6.6 refuses RMRR devices inside intel_iommu_attach_device()"
    refused_old = [k for k in klines if k.startswith(old_line)]

    def refusal_msg(dev):
        if a.refusal == "direct":
            pat = rf"(^|\s){re.escape(dev)}: Firmware has requested this device have a 1:1 IOMMU mapping, " \
                  r"rejecting configuring the device without a 1:1 mapping\. Contact your platform vendor\."
        elif intel:
            pat = rf"(^|\s){re.escape(dev)}: (DMAR: )?Device is ineligible for IOMMU domain attach due to platform RMRR requirement"
        else:
            return None
        return [k for k in klines if re.search(pat, k)]

    def region_usable(dev, api):
        return any(s <= rs and re_ <= e for s, e in log.iova.get((dev, api), []))

    # Each tested device
    obs_dev = {}
    for dev in tested:
        g, f = log.outcome(dev, "group"), log.outcome(dev, "iommufd")
        types = log.region_types(dev, rs, re_)
        dev_warn = [w for w in warnings if w[0] == dev]
        msgs = refusal_msg(dev)
        want = state[dev]
        # The refusal names the member whose region is still direct.
        group_msgs = [m for d in unrelaxed(dev) for m in (refusal_msg(d) or [])]
        sysfs = log.outcome(dev, "sysfs")
        if sysfs != "ok":
            why.append(f"{dev}: binding to vfio-pci failed: {sysfs}")
        if want in ("relaxed", "free"):
            if g != "ok":
                why.append(f"{dev}: VFIO group/type1 should take it ({want}), got {g}")
            if has_iommufd and f != "ok":
                why.append(f"{dev}: iommufd should take it ({want}), got {f}")
            if msgs:
                why.append(f"{dev}: unexpected refusal message: {msgs[0]}")
        if want in ("relaxed", "named"):
            if types != want_types(dev):
                why.append(f"{dev}: reserved_regions should list the region as {want_types(dev)}, got {types}")
            if dev_warn.count((dev, region)) != 1:
                why.append(f"{dev}: want exactly one '{opt}: {src} {region} reported as relaxable' warning, "
                           f"got {dev_warn.count((dev, region))}")
        if want == "relaxed" and shown == "pt":
            # Before /init, which does every VFIO step: logged at boot.
            at = [i for i, k in enumerate(log.kmsg) if warn_re.match(k) and dev in k]
            init = [i for i, k in enumerate(log.kmsg) if k.startswith("Run /init")]
            if not at or not init or at[0] > init[0]:
                why.append(f"{dev}: the relax line is not logged at boot, before 'Run /init' "
                           f"(line {at[:1]}, /init at {init[:1]})")
        if want == "relaxed":
            if not region_usable(dev, "group"):
                why.append(f"{dev}: the region is not in type1's usable IOVA ranges: {log.iova.get((dev, 'group'))}")
            for api in ("group", "iommufd") if has_iommufd else ("group",):
                maps = [x for n, r, _, _, x in log.steps.get((dev, api), []) if n == "map_dma" and r == "ok"]
                if not any(int(x["iova"], 16) <= rs and re_ <= int(x["iova"], 16) + int(x["size"], 16) - 1
                           for x in maps):
                    why.append(f"{dev}: no {api} map covering the region succeeded: {maps}")
        if want == "free":
            if types:
                why.append(f"{dev}: has no firmware region, yet reserved_regions lists it: {types}")
        if want in ("refused", "free") and dev_warn:
            why.append(f"{dev}: must not be relaxed, yet: {dev_warn}")
        if want == "refused" and types != want_types(dev):
            why.append(f"{dev}: reserved_regions should list the region as {want_types(dev)}, got {types}")
        if want in ("refused", "named"):
            if a.refusal == "direct":
                if g == "ok" or g[0] not in ("set_container", "set_iommu"):
                    why.append(f"{dev}: VFIO group/type1 should refuse the attach, got {g}")
                if has_iommufd and (f == "ok" or f[0] not in ("bind_iommufd", "attach_pt")):
                    why.append(f"{dev}: iommufd should refuse the bind/attach, got {f}")
                if not group_msgs:
                    why.append(f"{dev}: no 'Firmware has requested this device have a 1:1 IOMMU mapping' message "
                               f"for {' or '.join(unrelaxed(dev))}")
                if dev not in unrelaxed(dev) and msgs:
                    why.append(f"{dev}: its region is relaxed, yet the refusal names it: {msgs[0]}")
            elif intel:
                # 5.10: at VFIO_SET_IOMMU (type1 attaches its domain); 6.1:
                # already at VFIO_GROUP_SET_CONTAINER (claiming the group
                # attaches a blocking domain, an unmanaged one on Intel).
                if g not in (("set_container", "EPERM"), ("set_iommu", "EPERM")):
                    why.append(f"{dev}: VFIO_GROUP_SET_CONTAINER or VFIO_SET_IOMMU should fail with EPERM, got {g}")
                if not msgs:
                    why.append(f"{dev}: no 'Device is ineligible for IOMMU domain attach' message")
            else:
                if g == "ok" or g[0] != "map_dma":
                    why.append(f"{dev}: the map over the region should fail, got {g}")
                if region_usable(dev, "group"):
                    why.append(f"{dev}: the region should not be in type1's usable IOVA ranges")
        # e.g. "taken[direct-relaxable]", "refused[direct] at set_container/bind_iommufd EINVAL +msg"
        outs = [g, f] if has_iommufd else [g]
        if all(o == "ok" for o in outs):
            desc = "taken"
        elif all(isinstance(o, tuple) for o in outs):
            errs = sorted({o[1] for o in outs})
            desc = "refused at " + "/".join(o[0] for o in outs) + " " + "/".join(errs)
        else:
            desc = "group " + (g if isinstance(g, str) else f"{g[0]} {g[1]}") + \
                   (", iommufd " + (f if isinstance(f, str) else f"{f[0]} {f[1]}") if has_iommufd else "")
        if types:
            desc = desc.replace(" ", f"[{'+'.join(types)}] ", 1) if " " in desc else f"{desc}[{'+'.join(types)}]"
        if group_msgs:
            desc += " +msg"
        obs_dev[dev] = desc

    # The whole kernel
    relaxed_any = any(scope(d) and selected(d) for d in tested)
    if log.taint is None:
        why.append("no taint reported")
    elif log.taint[1] != int(relaxed_any):
        why.append(f"TAINT_FIRMWARE_WORKAROUND should be {int(relaxed_any)}, tainted={log.taint[0]}")
    if len(set(warnings)) != len(warnings):
        why.append(f"a region was reported more than once: {warnings}")
    for dev, reg in warnings:
        if dev in tested:
            continue
        if not (a.case == "all" and scope(dev)):
            why.append(f"{dev} relaxed, which this case does not name: {dev} {reg}")
    want_announce = {"all": "all PCI devices", "scoped": a.nic, "other": a.ctl,
                     "both": f"{a.nic} {a.ctl}"}.get(a.case)
    if module_old or a.upstream:
        want_announce = None
    if want_announce:
        if announce != [f"{opt}: relaxing {src} identity maps for {want_announce}"]:
            why.append(f"want one '{opt}: relaxing {src} identity maps for {want_announce}' line, got {announce}")
    elif announce:
        why.append(f"unexpected: {announce}")
    if a.case == "malformed":
        if len(malformed) != 1:
            why.append(f"want exactly one line '{bad_token}', got {len(malformed)}")
        if [k for k in any_relax if k != bad_token]:
            why.append(f"other relax lines: {[k for k in any_relax if k != bad_token]}")
    mod_obs = ""
    if a.module:
        # insmod: none for stock; refused for malformed (EINVAL) and on
        # Intel before 6.6 (EOPNOTSUPP); loaded otherwise.  rmmod, when it
        # loaded: refused once it relaxed something (EAGAIN: delete_module
        # with O_NONBLOCK, as rmmod(8) calls it, on a module in use), else
        # done.
        if a.case == "stock":
            want_ins = None
        elif a.case == "malformed":
            want_ins = ("fail", "EINVAL")
        elif module_old:
            want_ins = ("fail", "EOPNOTSUPP")
        else:
            want_ins = ("ok", None)
        got_ins = [(r, e) for p, _, r, e, _ in log.insmod if p.endswith("/relax_iommu.ko")]
        # The image's own modules (vfio on Debian's kernel) must all load.
        others = [(p, e) for p, _, r, e, _ in log.insmod if not p.endswith("/relax_iommu.ko") and r != "ok"]
        if others:
            why.append(f"other modules failed to load: {others}")
        if want_ins is None and got_ins:
            why.append(f"no module load expected, got {log.insmod}")
        if want_ins is not None and got_ins != [want_ins]:
            why.append(f"module load: want {want_ins}, got {got_ins}")
        if want_ins == ("ok", None):
            want_rm = ("fail", "EAGAIN") if relaxed_any else ("ok", None)
            got_rm = [(r, e) for _, r, e in log.rmmod]
            if got_rm != [want_rm]:
                why.append(f"rmmod: want {want_rm} ({'pinned: it relaxed a region' if relaxed_any else 'nothing relaxed'}), got {got_rm}")
            mod_obs = f"; rmmod {'ok' if got_rm == [('ok', None)] else 'in use' if got_rm == [('fail', 'EAGAIN')] else '/'.join(str(x[1]) for x in got_rm)}"
        elif want_ins is not None:
            mod_obs = f"; insmod {'/'.join(str(e) for _, e in got_ins) or 'none'}"
        # A malformed list is refused first, before the vendor is looked at.
        if module_old and a.case not in ("stock", "malformed"):
            if len(refused_old) != 1:
                why.append(f"want exactly one line '{old_line}...', got {len(refused_old)}")
            if [k for k in any_relax if k not in refused_old]:
                why.append(f"other relax lines: {[k for k in any_relax if k not in refused_old]}")
    if a.case in ("stock", "off") and any_relax:
        why.append(f"no relax_* message expected, got {any_relax}")

    # Against the stock kernel
    if a.case != "stock":
        if stock is None or not stock.end:
            why.append("no finished stock run to compare with")
        elif a.case == "off":
            fa, fb = stock.fingerprint(), log.fingerprint()
            if fa != fb:
                diff = [("-" + x) for x in fa if x not in fb] + [("+" + x) for x in fb if x not in fa]
                why.append(f"VFIO results differ from stock: {diff[:6]}")
            # As multisets: asynchronous probes may reorder lines.
            ka, kb = Counter(normalised_kmsg(stock)), Counter(normalised_kmsg(log))
            if ka != kb:
                diff = [f"-{x}" for x in (ka - kb).elements()] + [f"+{x}" for x in (kb - ka).elements()]
                why.append(f"boot log differs from stock: {diff[:6]}")
        elif a.case in ("other", "malformed") or (module_old and a.case != "stock"):
            # In a shared group the NIC's reserved_regions lists the
            # control's relaxed region too: there, VFIO's steps only.
            resv = a.layout != "intelgroup" or a.case == "malformed"
            fa, fb = stock.fingerprint([a.nic], resv), log.fingerprint([a.nic], resv)
            if fa != fb:
                diff = [("-" + x) for x in fa if x not in fb] + [("+" + x) for x in fb if x not in fa]
                why.append(f"{a.nic}: VFIO results differ from stock: {diff[:6]}")

    # The table line
    how = {"direct": "1:1 msg", "legacy": "ineligible msg" if intel else "map fails"}.get(a.refusal, "?")
    word = {"relaxed": "taken[relaxable]", "refused": f"refused[{how}]", "free": "taken",
            "named": f"refused[relaxable; group {how}]"}
    expected = f"NIC {word[state[a.nic]]}; CTL {word[state[a.ctl]]}; taint {int(relaxed_any)}"
    if relaxed_any:
        expected += "; 1 warn/dev"
    if a.module:
        expected += {"stock": "", "malformed": "; NIC = stock; insmod EINVAL, 1 line"}.get(
            a.case, "; NIC = stock; insmod EOPNOTSUPP, 1 line" if module_old else
            f"; rmmod {'in use' if relaxed_any else 'ok'}")
    else:
        expected += {"off": "; = stock", "other": "; NIC = stock", "malformed": "; NIC = stock; ignoring 1"}.get(a.case, "")
    observed = f"NIC {obs_dev[a.nic]}; CTL {obs_dev[a.ctl]}; taint {log.taint[1] if log.taint else '?'}"
    if warnings:
        observed += f"; {len(warnings)} warn"
    observed += mod_obs
    if a.case == "malformed":
        observed += f"; {'lines' if a.module else 'ignoring'} {len(malformed)}"
    if module_old and a.case not in ("stock", "malformed"):
        observed += f"; lines {len(refused_old)}"
    if a.case == "off" and stock is not None and not any(w.startswith(("VFIO results", "boot log")) for w in why):
        observed += "; = stock"
    name = f"{a.version} {a.layout} {'mod-' if a.module else 'up-' if a.upstream else ''}{shown}"
    print(f"{name:<{W_CASE}} {expected:<{W_EXP}} {observed:<{W_OBS}} {'FAIL' if why else 'PASS'}")
    for w in why:
        print(f"    - {w}")
    return 1 if why else 0


def bench(a):
    """Medians of boot-to-/init, of the module load (where there is one) and
    of the VFIO attach (VFIO_GROUP_SET_CONTAINER + VFIO_SET_IOMMU, whatever
    their result) per NIC, for --stock-log (the reference) against --log,
    and their ratios (--log / reference).  The default names are the
    patched kernel's bench: stock against patched without the option, where
    the boot must cost the same; --names patched,module compares the
    patched kernel with the option and the module kernel with the module."""
    ref_name, new_name = a.names.split(",")
    same_kernel_cost = a.names == "stock,patched-off"

    def collect(paths):
        boot, load, nic, ctl = [], [], [], []
        for p in paths:
            log = Log(p)
            if not log.end or log.begin_ns is None:
                continue
            boot.append(log.begin_ns / 1e6)
            load.extend(m[4] / 1e3 for m in log.insmod if m[2] == "ok" and "relax_iommu" in m[0])
            for dev, out in ((a.nic, nic), (a.ctl, ctl)):
                ns = [s[3] for s in log.steps.get((dev, "group"), [])
                      if s[0] in ("set_container", "set_iommu") and s[1] != "skip"]
                out.append(sum(ns) / 1e3)
        return boot, load, nic, ctl

    sb, sl, sn, sc = collect(a.stock_log)
    ob, ol, on, oc = collect(a.log)
    label = f"bench {a.version} {a.layout} {a.mode}"
    if len(sb) < len(a.stock_log) or len(ob) < len(a.log):
        print(f"{label}: only {len(sb)}/{len(a.stock_log)} {ref_name} and {len(ob)}/{len(a.log)} "
              f"{new_name} boots finished")
        if not sb or not ob:
            return 1
    print(f"{label}: {len(sb)} {ref_name} and {len(ob)} {new_name} boots, alternating")
    rc = 0
    rows = [("boot to /init (ms)", sb, ob), (f"attach {a.nic[5:]} (us)", sn, on),
            (f"attach {a.ctl[5:]} (us)", sc, oc)]
    if sl or ol:
        rows.insert(1, ("module load (us)", sl, ol))
    w = max(len(ref_name), len(new_name))
    for what, s, o in rows:
        if not s or not o:
            def fmt(x):
                return f"{statistics.median(x):9.1f}" if x else f"{'-':>9}"
            print(f"  {what:<20} {ref_name:>{w}} {fmt(s)}  {new_name:>{w}} {fmt(o)}")
            continue
        ms, mo = statistics.median(s), statistics.median(o)
        ratio = mo / ms if ms else float("nan")
        flag = ""
        # Under -icount the guest clock counts instructions: no host noise.
        if same_kernel_cost and a.mode == "icount" and what.startswith("boot") and abs(ratio - 1) > 0.02:
            flag, rc = "  OUTSIDE 1.00 +- 0.02", 1
        print(f"  {what:<20} {ref_name:>{w}} {ms:9.1f}  {new_name:>{w}} {mo:9.1f}  ratio {ratio:.3f}{flag}")
        print(f"  {'':<20} ({ref_name} {' '.join(f'{x:.1f}' for x in s)}; "
              f"{new_name} {' '.join(f'{x:.1f}' for x in o)})")
    return rc


if __name__ == "__main__":
    sys.exit(main())
