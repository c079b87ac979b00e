// SPDX-License-Identifier: GPL-2.0-or-later OR MIT
/*
 * Relax firmware-declared identity maps of named PCI devices.
 *
 * Some platforms declare an RMRR (VT-d) or IVMD range (AMD-Vi) for devices
 * that never use it after boot, and the IOMMU core then refuses to hand
 * those devices to VFIO.  The user may name such devices on the command
 * line; their IOMMU_RESV_DIRECT regions are then reported as
 * IOMMU_RESV_DIRECT_RELAXABLE, as upstream already does for USB and
 * graphics RMRRs.  Every relaxed region is logged and taints the kernel.
 *
 * Nothing is exported: the drivers and the KUnit suite are built in, and
 * the out-of-tree relax_iommu module builds its own copy of this file
 * (IOMMU_RELAX_MODULE defined), announcing its policies itself.
 */

#include <linux/device.h>
#include <linux/init.h>
#include <linux/iommu-relax.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string.h>

/* A region already reported, so that each one is logged once. */
struct iommu_relax_seen {
	struct list_head list;
	u32 segment;
	u8 bus;
	u8 devfn;
	phys_addr_t start;
	size_t length;
};

/* With the bare all-devices form, regions logged one by one. */
#define IOMMU_RELAX_LOG_ALL	16

/* Policies given at boot: announced, then checked for typos. */
static LIST_HEAD(iommu_relax_pending);
static bool iommu_relax_announced;

/* hex_to_bin() moved headers across kernel lines; this works on all. */
static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* @min to @max hex digits at @p, before @end: the end of them, or NULL. */
static const char *hex_field(const char *p, const char *end, int min,
			     int max, u32 *val)
{
	int digits = 0, d;

	*val = 0;
	while (p < end && digits <= max && (d = hex_digit(*p)) >= 0) {
		*val = *val * 16 + d;
		digits++;
		p++;
	}
	return digits >= min && digits <= max ? p : NULL;
}

/*
 * "[DDDD:]BB:DD[.F]" with the widths lspci -D prints: a domain of 4 digits,
 * or more without a leading 0 for Intel VMD domains (0x10000 and up).
 */
static bool parse_bdf(const char *p, const char *end,
		      struct iommu_relax_sel *sel)
{
	const char *colon = memchr(p, ':', end - p), *q;
	u32 bus, dev, fn = 0;

	if (colon && memchr(colon + 1, ':', end - colon - 1)) {
		q = hex_field(p, end, 4, 8, &sel->segment);
		if (!q || *q != ':' || sel->segment > INT_MAX ||
		    (q - p > 4 && *p == '0'))
			return false;
		p = q + 1;
	}
	p = hex_field(p, end, 2, 2, &bus);
	if (!p || p == end || *p++ != ':')
		return false;
	p = hex_field(p, end, 2, 2, &dev);
	if (!p || dev > 0x1f)
		return false;
	sel->all_fn = p == end;
	if (!sel->all_fn) {
		if (*p++ != '.')
			return false;
		p = hex_field(p, end, 1, 1, &fn);
		if (p != end || fn > 7)
			return false;
	}
	sel->bus = bus;
	sel->devfn = PCI_DEVFN(dev, fn);
	return true;
}

/* "VVVV:DDDD[:SSSS:SSSS]" after "pci:", as pci_dev_str_match() reads it. */
static bool parse_ids(const char *p, const char *end,
		      struct iommu_relax_sel *sel)
{
	u32 id[4] = {};
	unsigned int nr = 0;

	for (;;) {
		p = hex_field(p, end, 4, 4, &id[nr++]);
		if (!p)
			return false;
		if (p == end)
			break;
		if (nr == ARRAY_SIZE(id) || *p++ != ':')
			return false;
	}
	/* 0000 matches any ID, but a selector must name a vendor. */
	if ((nr != 2 && nr != 4) || !id[0])
		return false;
	sel->by_id = true;
	sel->vendor = id[0];
	sel->device = id[1];
	sel->subvendor = id[2];
	sel->subdevice = id[3];
	return true;
}

/* One selector in [@s, @end) into @sel; false when malformed. */
static bool parse_selector(const char *s, const char *end,
			   struct iommu_relax_sel *sel)
{
	memset(sel, 0, sizeof(*sel));
	if (end - s > 4 && !strncmp(s, "pci:", 4))
		return parse_ids(s + 4, end, sel);
	return parse_bdf(s, end, sel);
}

#define IOMMU_RELAX_FORMS "[DDDD:]BB:DD[.F] or pci:VVVV:DDDD[:SSSS:SSSS] (hex)"

/*
 * False when @r is full; a selector it has already is not added twice
 * (parse_selector() zeroes each first, so memcmp() compares them).
 */
static bool add_selector(struct iommu_relax *r,
			 const struct iommu_relax_sel *sel)
{
	unsigned int i;

	for (i = 0; i < r->nr_sel; i++)
		if (!memcmp(&r->sel[i], sel, sizeof(*sel)))
			return true;
	if (r->nr_sel == IOMMU_RELAX_MAX_DEVICES)
		return false;
	r->sel[r->nr_sel++] = *sel;
	return true;
}

static void iommu_relax_activate(struct iommu_relax *r)
{
	if (!iommu_relax_announced && list_empty(&r->node))
		list_add_tail(&r->node, &iommu_relax_pending);
}

/**
 * iommu_relax_parse_token - parse one token of a comma-separated option
 * @r: the policy
 * @tok: the token; it ends at the next ',' or at the end of the string
 *
 * Return: true when the token is @r's ("relax_rmrr" or "relax_rmrr=..."),
 * whether or not it was well formed; a malformed one is reported and
 * relaxes nothing.
 */
bool iommu_relax_parse_token(struct iommu_relax *r, const char *tok)
{
	size_t len = strcspn(tok, ","), name = strlen(r->token);
	struct iommu_relax_sel sel;

	if (len < name || strncmp(tok, r->token, name))
		return false;
	if (len == name) {
		r->all = true;
		iommu_relax_activate(r);
		return true;
	}
	if (tok[name] != '=')
		return false;

	if (!parse_selector(tok + name + 1, tok + len, &sel)) {
		pr_err("%s: ignoring '%.*s': expected %s or %s=<dev>, <dev> being %s\n",
		       r->name, (int)len, tok, r->token, r->token,
		       IOMMU_RELAX_FORMS);
		return true;
	}
	if (!add_selector(r, &sel)) {
		pr_err("%s: ignoring '%.*s': at most %d devices may be named\n",
		       r->name, (int)len, tok, IOMMU_RELAX_MAX_DEVICES);
		return true;
	}
	iommu_relax_activate(r);
	return true;
}

/**
 * iommu_relax_parse - parse every token of @r's in a comma-separated option
 * @r: the policy
 * @str: the whole option value, e.g. "on,relax_rmrr=03:00.0,sm_off"
 *
 * For drivers whose own parser does not split on commas.
 */
void iommu_relax_parse(struct iommu_relax *r, const char *str)
{
	while (*str) {
		iommu_relax_parse_token(r, str);
		str += strcspn(str, ",");
		while (*str == ',')
			str++;
	}
}

/**
 * iommu_relax_parse_list - set a policy from a list of devices
 * @r: the policy; it must relax nothing yet
 * @list: "all", or selectors as in the boot options, separated by commas
 * @bad: on error, set to the offending entry
 * @bad_len: on error, set to its length
 *
 * All or nothing, for callers that refuse bad input as a whole (the
 * module's parameters): on error @r is left unchanged.
 *
 * Return: 0; -EINVAL for an empty list, an empty or malformed entry or
 * "all" among selectors; -E2BIG for more than %IOMMU_RELAX_MAX_DEVICES
 * devices.
 */
int iommu_relax_parse_list(struct iommu_relax *r, const char *list,
			   const char **bad, size_t *bad_len)
{
	unsigned int nr_sel = r->nr_sel;
	struct iommu_relax_sel sel;
	const char *p = list;
	size_t len;
	int ret;

	*bad = list;
	*bad_len = strlen(list);
	if (!strcmp(list, "all")) {
		r->all = true;
		iommu_relax_activate(r);
		return 0;
	}
	do {
		len = strcspn(p, ",");
		ret = -EINVAL;
		if (parse_selector(p, p + len, &sel))
			ret = add_selector(r, &sel) ? 0 : -E2BIG;
		if (ret) {
			*bad = p;
			*bad_len = len;
			r->nr_sel = nr_sel;
			return ret;
		}
		p += len;
	} while (*p++ == ',');
	iommu_relax_activate(r);
	return 0;
}

/* Only PCI devices can be named, and only they can go to vfio-pci. */
static struct pci_dev *relax_pci_dev(struct device *dev)
{
#ifdef CONFIG_PCI
	if (dev && dev_is_pci(dev))
		return to_pci_dev(dev);
#endif
	return NULL;
}

static bool sel_matches(const struct iommu_relax_sel *sel,
			struct pci_dev *pdev)
{
	if (sel->by_id)
		return sel->vendor == pdev->vendor &&
		       (!sel->device || sel->device == pdev->device) &&
		       (!sel->subvendor ||
			sel->subvendor == pdev->subsystem_vendor) &&
		       (!sel->subdevice ||
			sel->subdevice == pdev->subsystem_device);
	if (sel->segment != (u32)pci_domain_nr(pdev->bus) ||
	    sel->bus != pdev->bus->number)
		return false;
	return sel->all_fn ? PCI_SLOT(sel->devfn) == PCI_SLOT(pdev->devfn) :
			     sel->devfn == pdev->devfn;
}

/* The selectors of @r that name @pdev, one bit each. */
static unsigned long relax_matches(const struct iommu_relax *r,
				   struct pci_dev *pdev)
{
	unsigned long matches = 0;
	unsigned int i;

	for (i = 0; i < r->nr_sel; i++)
		if (sel_matches(&r->sel[i], pdev))
			matches |= BIT(i);
	return matches;
}

/**
 * iommu_relax_selected - whether the policy names @dev
 * @r: the policy
 * @dev: the device
 *
 * Return: true for a PCI device that @r names.
 */
bool iommu_relax_selected(const struct iommu_relax *r, struct device *dev)
{
	struct pci_dev *pdev = relax_pci_dev(dev);

	return pdev && (r->all || relax_matches(r, pdev));
}

/* Callers may hold RCU or a spinlock. */
static struct iommu_relax_seen *seen_alloc(void)
{
	return kzalloc(sizeof(struct iommu_relax_seen), GFP_ATOMIC);
}

/*
 * Note that @matches relaxed a region: the region's number the first time
 * it is seen (from 1), else 0.
 */
static unsigned int first_report(struct iommu_relax *r, struct pci_dev *pdev,
				 unsigned long matches, phys_addr_t start,
				 size_t length)
{
	u32 segment = pci_domain_nr(pdev->bus);
	struct iommu_relax_seen *s;
	unsigned int nr = 0;
	unsigned long flags;

	spin_lock_irqsave(&r->lock, flags);
	r->matched |= matches;
	list_for_each_entry(s, &r->seen, list) {
		if (s->segment == segment && s->bus == pdev->bus->number &&
		    s->devfn == pdev->devfn && s->start == start &&
		    s->length == length)
			goto out;
	}
	/* Should memory run out, the region is logged again next time. */
	s = seen_alloc();
	if (s) {
		s->segment = segment;
		s->bus = pdev->bus->number;
		s->devfn = pdev->devfn;
		s->start = start;
		s->length = length;
		list_add_tail(&s->list, &r->seen);
	}
	nr = ++r->nr_relaxed;
out:
	spin_unlock_irqrestore(&r->lock, flags);
	return nr;
}

static void relax_taint(struct iommu_relax *r)
{
	/* The suite must not taint the kernel it runs on. */
	if (r->kunit)
		r->nr_kunit_taints++;
	else
		add_taint(TAINT_FIRMWARE_WORKAROUND, LOCKDEP_STILL_OK);
}

/**
 * iommu_relax_classify - classify a reserved region of @dev
 * @r: the policy
 * @dev: the device the region belongs to
 * @type: the type the driver would report
 * @start: first address of the region
 * @length: its length in bytes
 *
 * A region relaxed for the first time is logged and taints the kernel;
 * with the all-devices form, after %IOMMU_RELAX_LOG_ALL lines one more
 * says that the rest are relaxed without a line each.
 *
 * Return: IOMMU_RESV_DIRECT_RELAXABLE for an IOMMU_RESV_DIRECT region of a
 * PCI device the policy names, @type otherwise.
 */
enum iommu_resv_type iommu_relax_classify(struct iommu_relax *r,
					  struct device *dev,
					  enum iommu_resv_type type,
					  phys_addr_t start, size_t length)
{
	u64 first = start, last = length ? first + length - 1 : first;
	struct pci_dev *pdev = relax_pci_dev(dev);
	unsigned long matches;
	unsigned int nr;

	if (type != IOMMU_RESV_DIRECT || !pdev)
		return type;
	matches = relax_matches(r, pdev);
	if (!r->all && !matches)
		return type;

	nr = first_report(r, pdev, matches, start, length);
	if (!nr)
		return IOMMU_RESV_DIRECT_RELAXABLE;
	if (!r->all || nr <= IOMMU_RELAX_LOG_ALL) {
		dev_warn(dev, "%s: %s [mem %#010llx-%#010llx] reported as relaxable; firmware may still use it\n",
			 r->name, r->source, first, last);
	} else if (nr == IOMMU_RELAX_LOG_ALL + 1) {
		pr_warn("%s: more %s regions reported as relaxable; not logging each\n",
			r->name, r->source);
	}
	relax_taint(r);
	return IOMMU_RESV_DIRECT_RELAXABLE;
}

/**
 * iommu_relax_reset - forget every selector and every reported region
 * @r: the policy
 */
void iommu_relax_reset(struct iommu_relax *r)
{
	struct iommu_relax_seen *s, *next;
	unsigned long flags;
	LIST_HEAD(old);

	spin_lock_irqsave(&r->lock, flags);
	list_splice_init(&r->seen, &old);
	r->all = false;
	r->nr_sel = 0;
	r->nr_relaxed = 0;
	r->matched = 0;
	r->nr_kunit_taints = 0;
	spin_unlock_irqrestore(&r->lock, flags);
	list_for_each_entry_safe(s, next, &old, list)
		kfree(s);
}

/* @sel as the user wrote it, in the widths lspci -D prints. */
static void sel_format(const struct iommu_relax_sel *sel, char *buf,
		       size_t size)
{
	if (sel->by_id && (sel->subvendor || sel->subdevice))
		snprintf(buf, size, "pci:%04x:%04x:%04x:%04x", sel->vendor,
			 sel->device, sel->subvendor, sel->subdevice);
	else if (sel->by_id)
		snprintf(buf, size, "pci:%04x:%04x", sel->vendor, sel->device);
	else if (sel->all_fn)
		snprintf(buf, size, "%04x:%02x:%02x.*", sel->segment, sel->bus,
			 PCI_SLOT(sel->devfn));
	else
		snprintf(buf, size, "%04x:%02x:%02x.%d", sel->segment, sel->bus,
			 PCI_SLOT(sel->devfn), PCI_FUNC(sel->devfn));
}

/**
 * iommu_relax_announce - say once which devices a policy relaxes
 * @r: the policy
 */
void iommu_relax_announce(const struct iommu_relax *r)
{
	/* " pci:vvvv:dddd:ssss:ssss" per selector */
	char list[IOMMU_RELAX_MAX_DEVICES * 25 + 1];
	size_t used = 0;
	unsigned int i;

	if (r->all) {
		pr_warn("%s: relaxing %s identity maps for all PCI devices\n",
			r->name, r->source);
		return;
	}
	list[0] = '\0';
	for (i = 0; i < r->nr_sel; i++) {
		if (i)
			list[used++] = ' ';
		sel_format(&r->sel[i], list + used, sizeof(list) - used);
		used += strlen(list + used);
	}
	pr_warn("%s: relaxing %s identity maps for %s\n", r->name, r->source,
		list);
}

/**
 * iommu_relax_report_unmatched - name the selectors that relaxed nothing
 * @r: the policy
 *
 * A line for each selector that matched no relaxed region (a typo, an
 * absent device or one without a region), or with the all-devices form
 * one line if nothing was relaxed.
 */
void iommu_relax_report_unmatched(const struct iommu_relax *r)
{
	char sel[26];
	unsigned int i;

	if (r->all) {
		if (!r->nr_relaxed)
			pr_warn("%s: no %s region matched any device\n",
				r->name, r->source);
		return;
	}
	for (i = 0; i < r->nr_sel; i++) {
		if (r->matched & BIT(i))
			continue;
		sel_format(&r->sel[i], sel, sizeof(sel));
		pr_warn("%s: no %s region matched %s\n", r->name, r->source, sel);
	}
}

#ifndef IOMMU_RELAX_MODULE
/* One line per active option, after the command line has been parsed. */
static int __init iommu_relax_announce_all(void)
{
	struct iommu_relax *r;

	list_for_each_entry(r, &iommu_relax_pending, node)
		iommu_relax_announce(r);
	iommu_relax_announced = true;
	return 0;
}
core_initcall(iommu_relax_announce_all);

/*
 * Read the regions of each named device behind an IOMMU: with an identity
 * default domain (iommu=pt) some lines read them only when VFIO attaches,
 * but the log line, the taint and the check for typos belong to boot.
 */
static void read_named_regions(const struct iommu_relax *r)
{
	struct pci_dev *pdev = NULL;
	struct iommu_group *group;

	for_each_pci_dev(pdev) {
		LIST_HEAD(regions);

		if (!iommu_relax_selected(r, &pdev->dev))
			continue;
		group = iommu_group_get(&pdev->dev);
		if (!group)
			continue;
		iommu_get_resv_regions(&pdev->dev, &regions);
		iommu_put_resv_regions(&pdev->dev, &regions);
		iommu_group_put(group);
	}
}

/* After the IOMMU drivers have probed the devices present at boot. */
static int __init iommu_relax_report_all(void)
{
	struct iommu_relax *r;

	list_for_each_entry(r, &iommu_relax_pending, node) {
		read_named_regions(r);
		iommu_relax_report_unmatched(r);
	}
	return 0;
}
late_initcall(iommu_relax_report_all);
#endif
