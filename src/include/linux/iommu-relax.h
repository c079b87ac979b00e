/* SPDX-License-Identifier: GPL-2.0-or-later OR MIT */
/*
 * Boot-time policy to relax firmware-declared identity maps (Intel RMRRs,
 * AMD IVMD ranges) of named PCI devices, so that VFIO may take them.
 *
 * One policy object per boot option; the vendor driver owns it, feeds it
 * the option's tokens and passes each reserved region it reports through
 * iommu_relax_classify().  Without the option nothing changes.
 *
 * The same code also builds into the out-of-tree relax_iommu module
 * (IOMMU_RELAX_MODULE defined), which sets a policy from a module
 * parameter with iommu_relax_parse_list().
 */
#ifndef _LINUX_IOMMU_RELAX_H
#define _LINUX_IOMMU_RELAX_H

#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct device;

#define IOMMU_RELAX_MAX_DEVICES	16

/*
 * One selector: "[DDDD:]BB:DD[.F]" (all_fn when ".F" was left out) or, when
 * by_id, "pci:VVVV:DDDD[:SSSS:SSSS]" (0000 matches any, as in the PCI core).
 * The segment is a u32: pci_domain_nr() is an int, and Intel VMD domains
 * start at 0x10000.
 */
struct iommu_relax_sel {
	u32 segment;
	u8 bus;
	u8 devfn;
	bool all_fn;
	bool by_id;
	u16 vendor, device, subvendor, subdevice;
};

struct iommu_relax {
	const char *option;	/* "intel_iommu" */
	const char *token;	/* "relax_rmrr" */
	const char *name;	/* "intel_iommu=relax_rmrr", named in the log */
	const char *source;	/* "RMRR", named in the log */
	bool all;
	unsigned int nr_sel;
	struct iommu_relax_sel sel[IOMMU_RELAX_MAX_DEVICES];
	struct list_head node;	/* on the list announced at boot */
	spinlock_t lock;	/* protects @seen, @nr_relaxed, @matched */
	struct list_head seen;	/* regions already reported */
	unsigned int nr_relaxed;	/* regions relaxed, each counted once */
	unsigned long matched;	/* bit i: sel[i] matched a relaxed region */
	bool kunit;		/* the KUnit suite's: count taints, add none */
	unsigned int nr_kunit_taints;
};

/* @nm names the policy in the log; the boot options use "opt=tok". */
#define IOMMU_RELAX_INIT_NAMED(var, opt, tok, nm, src) {		\
	.option = opt,							\
	.token = tok,							\
	.name = nm,							\
	.source = src,							\
	.node = LIST_HEAD_INIT(var.node),				\
	.lock = __SPIN_LOCK_UNLOCKED(var.lock),				\
	.seen = LIST_HEAD_INIT(var.seen),				\
}

#define IOMMU_RELAX_INIT(var, opt, tok, src)				\
	IOMMU_RELAX_INIT_NAMED(var, opt, tok, opt "=" tok, src)

#if IS_ENABLED(CONFIG_IOMMU_RELAX) || defined(IOMMU_RELAX_MODULE)

bool iommu_relax_parse_token(struct iommu_relax *r, const char *tok);
void iommu_relax_parse(struct iommu_relax *r, const char *str);
int iommu_relax_parse_list(struct iommu_relax *r, const char *list,
			   const char **bad, size_t *bad_len);
bool iommu_relax_selected(const struct iommu_relax *r, struct device *dev);
enum iommu_resv_type iommu_relax_classify(struct iommu_relax *r,
					  struct device *dev,
					  enum iommu_resv_type type,
					  phys_addr_t start, size_t length);
void iommu_relax_reset(struct iommu_relax *r);
void iommu_relax_announce(const struct iommu_relax *r);
void iommu_relax_report_unmatched(const struct iommu_relax *r);

#else /* !CONFIG_IOMMU_RELAX */

static inline bool iommu_relax_parse_token(struct iommu_relax *r,
					   const char *tok)
{
	return false;
}

static inline void iommu_relax_parse(struct iommu_relax *r, const char *str)
{
}

static inline bool iommu_relax_selected(const struct iommu_relax *r,
					struct device *dev)
{
	return false;
}

static inline enum iommu_resv_type
iommu_relax_classify(struct iommu_relax *r, struct device *dev,
		     enum iommu_resv_type type, phys_addr_t start,
		     size_t length)
{
	return type;
}

#endif /* CONFIG_IOMMU_RELAX */

#endif /* _LINUX_IOMMU_RELAX_H */
