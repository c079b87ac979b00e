// SPDX-License-Identifier: GPL-2.0-or-later OR MIT
/*
 * relax_iommu: on a stock kernel, report the firmware identity maps (Intel
 * RMRRs, AMD IVMD ranges) of the PCI devices the administrator names as
 * IOMMU_RESV_DIRECT_RELAXABLE, so that VFIO may take them.  The loadable
 * twin of intel_iommu=relax_rmrr=<dev> and amd_iommu=relax_unity=<dev>,
 * with the same policy code (iommu-relax.c, built in with
 * IOMMU_RELAX_MODULE).
 *
 * How:
 * - intel_iommu_get_resv_regions() and amd_iommu_get_resv_regions() are
 *   reached only through the drivers' iommu_ops, so they exist as
 *   functions.  A kretprobe on the one the devices' ops point to retags,
 *   on return, the IOMMU_RESV_DIRECT entries that call appended for a
 *   named device.  Every reader of the regions (the core at probe and at
 *   default-domain changes, VFIO type1 and iommufd at attach, sysfs) gets
 *   them through that op.
 * - From 6.6 on, the core also marks a device with a direct region
 *   require_direct when it is probed (before any module can load) and
 *   then refuses VFIO ownership.  At load, for each named device whose
 *   regions are now all relaxable, the mark is cleared under its group's
 *   mutex, as the core sets it.  Later probes go through the retagged op.
 * - Intel before 6.6 refuses RMRR devices inside the attach path
 *   (device_is_rmrr_locked(), inlined), out of a module's reach: refused.
 *
 * Bad input, no IOMMU, a missing symbol or a probe that cannot be placed:
 * the module does not load and has changed nothing.  Once it has relaxed
 * a region it pins itself: unloading could not undo what VFIO and the
 * core did with the relaxed regions meanwhile.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/iommu-relax.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 10, 0)
#error "relax_iommu needs Linux 5.10 or later"
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0) && !defined(RELAX_HAVE_REQUIRE_DIRECT)
#error "Linux 6.6 or later without dev_iommu.require_direct: not a tree this module knows"
#endif

/* Intel's attach-time RMRR check is gone from 6.6 on (checked 6.6, 6.12, 7.3). */
#define INTEL_ATTACH_CHECKS_RMRR \
	(LINUX_VERSION_CODE < KERNEL_VERSION(6, 6, 0))

static char *rmrr;
module_param(rmrr, charp, 0444);
MODULE_PARM_DESC(rmrr, "Intel VT-d: relax the RMRRs of these PCI devices: [DDDD:]BB:DD[.F] or pci:VVVV:DDDD[:SSSS:SSSS],... in hex, or all");

static char *unity;
module_param(unity, charp, 0444);
MODULE_PARM_DESC(unity, "AMD-Vi: relax the IVMD ranges of these PCI devices: [DDDD:]BB:DD[.F] or pci:VVVV:DDDD[:SSSS:SSSS],... in hex, or all");

struct relax_vendor {
	const char *name;	/* for messages */
	const char *param;	/* its module parameter */
	char **value;
	const char *symbol;	/* the driver's get_resv_regions op */
	struct iommu_relax *policy;
};

static struct iommu_relax rmrr_policy =
	IOMMU_RELAX_INIT_NAMED(rmrr_policy, "relax_iommu", "rmrr",
			       "relax_iommu.rmrr", "RMRR");
static struct iommu_relax unity_policy =
	IOMMU_RELAX_INIT_NAMED(unity_policy, "relax_iommu", "unity",
			       "relax_iommu.unity", "IVMD");

static struct relax_vendor vendors[] = {
	{ "Intel VT-d", "rmrr", &rmrr, "intel_iommu_get_resv_regions",
	  &rmrr_policy },
	{ "AMD-Vi", "unity", &unity, "amd_iommu_get_resv_regions",
	  &unity_policy },
};

static struct relax_vendor *vendor;	/* the one in use, once loaded */
static atomic_t pinned = ATOMIC_INIT(0);

/* What the entry handler saw: the device and where its list ended. */
struct relax_call {
	struct device *dev;
	struct list_head *list;
	struct list_head *tail;
};

static int resv_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct relax_call *call = (struct relax_call *)ri->data;

	call->dev = (struct device *)regs_get_kernel_argument(regs, 0);
	call->list = (struct list_head *)regs_get_kernel_argument(regs, 1);
	/* Devices we do not name cost nothing more on return. */
	if (!iommu_relax_selected(vendor->policy, call->dev))
		return 1;
	call->tail = call->list->prev;
	return 0;
}

/* Retag what this call appended; the list is the caller's own. */
static int resv_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct relax_call *call = (struct relax_call *)ri->data;
	struct list_head *pos;
	bool relaxed = false;

	for (pos = call->tail->next; pos != call->list; pos = pos->next) {
		struct iommu_resv_region *region =
			list_entry(pos, struct iommu_resv_region, list);
		enum iommu_resv_type type;

		type = iommu_relax_classify(vendor->policy, call->dev,
					    region->type, region->start,
					    region->length);
		if (type != region->type) {
			region->type = type;
			relaxed = true;
		}
	}
	if (relaxed && !atomic_xchg(&pinned, 1))
		__module_get(THIS_MODULE);
	return 0;
}

static struct kretprobe resv_probe = {
	.entry_handler = resv_entry,
	.handler = resv_return,
	.data_size = sizeof(struct relax_call),
};

/* The get_resv_regions op of the IOMMU behind @dev, or NULL. */
static void *resv_op(struct device *dev)
{
	if (!dev->iommu || !dev->iommu->iommu_dev ||
	    !dev->iommu->iommu_dev->ops)
		return NULL;
	return dev->iommu->iommu_dev->ops->get_resv_regions;
}

/*
 * The vendor whose op the PCI devices' IOMMU uses, found by the op's
 * symbol name; @fn is set to that op.
 */
static int find_vendor(struct relax_vendor **found, void **fn)
{
	char name[KSYM_SYMBOL_LEN] = "";
	struct pci_dev *pdev = NULL;
	unsigned int i;
	void *op;

	for_each_pci_dev(pdev) {
		op = resv_op(&pdev->dev);
		if (!op)
			continue;
		sprint_symbol_no_offset(name, (unsigned long)op);
		for (i = 0; i < ARRAY_SIZE(vendors); i++) {
			if (!strcmp(name, vendors[i].symbol)) {
				pci_dev_put(pdev);
				*found = &vendors[i];
				*fn = op;
				return 0;
			}
		}
	}
	if (name[0])
		pr_err("PCI devices are behind an IOMMU whose regions come from %s, neither Intel VT-d nor AMD-Vi; not loaded\n",
		       name);
	else
		pr_err("no PCI device is behind an IOMMU (is it on? intel_iommu=on, amd_iommu not off); not loaded\n");
	return -ENODEV;
}

static int parse_param(struct relax_vendor *v)
{
	const char *bad;
	size_t bad_len;
	int ret;

	if (!*v->value)
		return 0;
	ret = iommu_relax_parse_list(v->policy, *v->value, &bad, &bad_len);
	if (ret == -E2BIG)
		pr_err("%s=%s: at most %d devices may be named; not loaded\n",
		       v->param, *v->value, IOMMU_RELAX_MAX_DEVICES);
	else if (ret)
		pr_err("%s='%s': '%.*s' is not [DDDD:]BB:DD[.F] or pci:VVVV:DDDD[:SSSS:SSSS] in hex, and the list is not 'all'; not loaded\n",
		       v->param, *v->value, (int)bad_len, bad);
	return ret;
}

/* Named devices must sit behind the op the probe is on. */
static int check_named(struct relax_vendor *v, void *fn)
{
	struct pci_dev *pdev = NULL;
	void *op;

	if (v->policy->all)
		return 0;
	for_each_pci_dev(pdev) {
		if (!iommu_relax_selected(v->policy, &pdev->dev))
			continue;
		op = resv_op(&pdev->dev);
		if (op && op != fn) {
			pci_err(pdev, "relax_iommu: behind another IOMMU (%ps, not %ps); not loaded\n",
				op, fn);
			pci_dev_put(pdev);
			return -ENODEV;
		}
	}
	return 0;
}

#ifdef RELAX_HAVE_REQUIRE_DIRECT
/*
 * Called for each device of a named device's group, with the group's
 * mutex held (as the core holds it when it sets require_direct): read the
 * regions again, through the probe, and drop require_direct when none is
 * direct any more.
 */
static int refresh_device(struct device *dev, void *target)
{
	struct iommu_resv_region *region;
	bool direct = false;
	LIST_HEAD(regions);

	if (dev != target)
		return 0;
	iommu_get_resv_regions(dev, &regions);
	list_for_each_entry(region, &regions, list)
		if (region->type == IOMMU_RESV_DIRECT)
			direct = true;
	iommu_put_resv_regions(dev, &regions);
	if (direct)
		dev_warn(dev, "relax_iommu: still has a direct region (a missed probe?); VFIO will refuse it\n");
	else if (dev->iommu->require_direct) {
		dev->iommu->require_direct = 0;
		dev_info(dev, "relax_iommu: no longer requires its identity maps: VFIO may take it\n");
	}
	return 1;
}

static void refresh_group(struct iommu_group *group, struct device *dev)
{
	iommu_group_for_each_dev(group, dev, refresh_device);
}
#else
/* Nothing to clear before 6.6: read the regions once, to log them now. */
static void refresh_group(struct iommu_group *group, struct device *dev)
{
	struct iommu_resv_region *region, *next;
	LIST_HEAD(regions);

	iommu_get_group_resv_regions(group, &regions);
	list_for_each_entry_safe(region, next, &regions, list)
		kfree(region);
}
#endif

static void refresh_named(struct relax_vendor *v)
{
	struct iommu_group *group;
	struct pci_dev *pdev = NULL;

	for_each_pci_dev(pdev) {
		if (!iommu_relax_selected(v->policy, &pdev->dev))
			continue;
		group = iommu_group_get(&pdev->dev);
		if (!group)
			continue;
		refresh_group(group, &pdev->dev);
		iommu_group_put(group);
	}
}

static int __init relax_iommu_init(void)
{
	struct relax_vendor *v;
	unsigned int i;
	void *fn;
	int ret;

	for (i = 0; i < ARRAY_SIZE(vendors); i++) {
		ret = parse_param(&vendors[i]);
		if (ret)
			goto reset;
	}
	if (!rmrr && !unity) {
		pr_err("no device named: set rmrr=<devices> (Intel) or unity=<devices> (AMD), e.g. rmrr=0000:03:00.0; not loaded\n");
		ret = -EINVAL;
		goto reset;
	}
	ret = find_vendor(&v, &fn);
	if (ret)
		goto reset;
	for (i = 0; i < ARRAY_SIZE(vendors); i++) {
		if (&vendors[i] != v && *vendors[i].value) {
			pr_err("%s= is for %s, but this machine's IOMMU is %s: use %s=; not loaded\n",
			       vendors[i].param, vendors[i].name, v->name,
			       v->param);
			ret = -EINVAL;
			goto reset;
		}
	}
	if (!*v->value) {
		pr_err("no device named for %s: set %s=<devices>; not loaded\n",
		       v->name, v->param);
		ret = -EINVAL;
		goto reset;
	}
	if (v == &vendors[0] && INTEL_ATTACH_CHECKS_RMRR) {
		pr_err("Intel VT-d before Linux 6.6 refuses RMRR devices inside intel_iommu_attach_device(), out of a module's reach: build the patched kernel (make kernel) and boot it with intel_iommu=relax_rmrr=<dev>; not loaded\n");
		ret = -EOPNOTSUPP;
		goto reset;
	}
	ret = check_named(v, fn);
	if (ret)
		goto reset;

	vendor = v;
	resv_probe.kp.symbol_name = v->symbol;
	/* A call that finds no free instance is not retagged: keep many. */
	resv_probe.maxactive = max_t(int, 64, 4 * num_possible_cpus());
	ret = register_kretprobe(&resv_probe);
	if (ret) {
		pr_err("cannot probe %s (error %d): is KRETPROBES on? not loaded\n",
		       v->symbol, ret);
		goto reset;
	}
	/* The probe must sit at the start of the op the devices use. */
	if ((unsigned long)resv_probe.kp.addr < (unsigned long)fn ||
	    (unsigned long)resv_probe.kp.addr >= (unsigned long)fn + 16) {
		pr_err("the probe on %s landed at %pS, not at the devices' op %ps; not loaded\n",
		       v->symbol, resv_probe.kp.addr, fn);
		unregister_kretprobe(&resv_probe);
		ret = -EFAULT;
		goto reset;
	}

	iommu_relax_announce(v->policy);
	refresh_named(v);
	/* Every named device present has had its regions read, probed. */
	iommu_relax_report_unmatched(v->policy);
	return 0;

reset:
	for (i = 0; i < ARRAY_SIZE(vendors); i++)
		iommu_relax_reset(vendors[i].policy);
	return ret;
}

/* Reached only while nothing was relaxed (see the pin in resv_return()). */
static void __exit relax_iommu_exit(void)
{
	unsigned int i;

	unregister_kretprobe(&resv_probe);
	for (i = 0; i < ARRAY_SIZE(vendors); i++)
		iommu_relax_reset(vendors[i].policy);
}

module_init(relax_iommu_init);
module_exit(relax_iommu_exit);

MODULE_DESCRIPTION("Relax firmware identity maps (RMRR, IVMD) of named PCI devices for VFIO");
MODULE_LICENSE("Dual MIT/GPL");
