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
 * This file also builds into the out-of-tree relax_iommu module, with
 * IOMMU_RELAX_MODULE defined: there the functions stay private to it (a
 * patched kernel's own copies keep their names) and it announces its
 * policies itself.
 */

#include <linux/device.h>
#include <linux/init.h>
#include <linux/iommu-relax.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string.h>

#ifdef IOMMU_RELAX_MODULE
/* Not exported: a patched kernel may export the same names. */
#undef EXPORT_SYMBOL_GPL
#define EXPORT_SYMBOL_GPL(sym) static_assert(__same_type(sym, sym))
#endif

/* A region already reported, so that each one is logged once. */
struct iommu_relax_seen {
	struct list_head list;
	u16 segment;
	u8 bus;
	u8 devfn;
	phys_addr_t start;
	size_t length;
};

/* Policies to announce once the command line has been parsed. */
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

/* Parse 1 to @max_digits hex digits at *@p, stopping before @end. */
static bool parse_hex(const char **p, const char *end, int max_digits,
		      unsigned int *val)
{
	int digits = 0, d;

	*val = 0;
	while (*p < end && (d = hex_digit(**p)) >= 0) {
		if (++digits > max_digits)
			return false;
		*val = *val * 16 + d;
		(*p)++;
	}
	return digits > 0;
}

/* "[DDDD:]BB:DD[.F]" in [@s, @end) into @sel; false when malformed. */
static bool parse_selector(const char *s, const char *end,
			   struct iommu_relax_sel *sel)
{
	unsigned int field[3], nr = 0, fn = 0;
	const char *p = s;

	for (;;) {
		if (nr == ARRAY_SIZE(field) || !parse_hex(&p, end, 4, &field[nr]))
			return false;
		nr++;
		if (p == end || *p != ':')
			break;
		p++;
	}
	if (nr < 2)
		return false;

	sel->all_fn = p == end;
	if (!sel->all_fn &&
	    (*p++ != '.' || !parse_hex(&p, end, 1, &fn) || p != end || fn > 7))
		return false;

	/* Fields from the right: device, bus, then the optional segment. */
	if (field[nr - 1] > 0x1f || field[nr - 2] > 0xff)
		return false;
	sel->segment = nr == 3 ? field[0] : 0;
	sel->bus = field[nr - 2];
	sel->devfn = PCI_DEVFN(field[nr - 1], fn);
	return true;
}

static bool sel_equal(const struct iommu_relax_sel *a,
		      const struct iommu_relax_sel *b)
{
	return a->segment == b->segment && a->bus == b->bus &&
	       a->devfn == b->devfn && a->all_fn == b->all_fn;
}

/* False when @r is full; a selector it has already is not added twice. */
static bool add_selector(struct iommu_relax *r,
			 const struct iommu_relax_sel *sel)
{
	unsigned int i;

	for (i = 0; i < r->nr_sel; i++)
		if (sel_equal(&r->sel[i], sel))
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
		pr_err("%s: ignoring '%.*s': expected %s or %s=[DDDD:]BB:DD[.F] (hex)\n",
		       r->name, (int)len, tok, r->token, r->token);
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
EXPORT_SYMBOL_GPL(iommu_relax_parse_token);

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
EXPORT_SYMBOL_GPL(iommu_relax_parse);

/**
 * iommu_relax_parse_list - set a policy from a list of devices
 * @r: the policy; it must relax nothing yet
 * @list: "all", or "[DDDD:]BB:DD[.F]" selectors separated by commas
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
EXPORT_SYMBOL_GPL(iommu_relax_parse_list);

/**
 * iommu_relax_match - whether the policy names a PCI function
 * @r: the policy
 * @segment: PCI segment (domain)
 * @bus: bus number
 * @devfn: device and function
 */
bool iommu_relax_match(const struct iommu_relax *r, u16 segment, u8 bus,
		       u8 devfn)
{
	unsigned int i;

	if (r->all)
		return true;
	for (i = 0; i < r->nr_sel; i++) {
		const struct iommu_relax_sel *sel = &r->sel[i];

		if (sel->segment != segment || sel->bus != bus)
			continue;
		if (sel->all_fn ? PCI_SLOT(sel->devfn) == PCI_SLOT(devfn) :
				  sel->devfn == devfn)
			return true;
	}
	return false;
}
EXPORT_SYMBOL_GPL(iommu_relax_match);

/* Only PCI devices can be named, and only they can go to vfio-pci. */
static bool pci_ids(struct device *dev, u16 *segment, u8 *bus, u8 *devfn)
{
#ifdef CONFIG_PCI
	struct pci_dev *pdev;

	if (!dev || !dev_is_pci(dev))
		return false;
	pdev = to_pci_dev(dev);
	*segment = pci_domain_nr(pdev->bus);
	*bus = pdev->bus->number;
	*devfn = pdev->devfn;
	return true;
#else
	return false;
#endif
}

/**
 * iommu_relax_selected - whether the policy names @dev
 * @r: the policy
 * @dev: the device
 */
bool iommu_relax_selected(const struct iommu_relax *r, struct device *dev)
{
	u16 segment;
	u8 bus, devfn;

	return pci_ids(dev, &segment, &bus, &devfn) &&
	       iommu_relax_match(r, segment, bus, devfn);
}
EXPORT_SYMBOL_GPL(iommu_relax_selected);

/* Callers may hold RCU or a spinlock. */
static struct iommu_relax_seen *seen_alloc(void)
{
	return kzalloc(sizeof(struct iommu_relax_seen), GFP_ATOMIC);
}

/* True the first time a region is seen; true too if we cannot remember. */
static bool first_report(struct iommu_relax *r, u16 segment, u8 bus,
			 u8 devfn, phys_addr_t start, size_t length)
{
	struct iommu_relax_seen *s;
	unsigned long flags;
	bool first = true;

	spin_lock_irqsave(&r->lock, flags);
	list_for_each_entry(s, &r->seen, list) {
		if (s->segment == segment && s->bus == bus &&
		    s->devfn == devfn && s->start == start &&
		    s->length == length) {
			first = false;
			break;
		}
	}
	if (first) {
		s = seen_alloc();
		if (s) {
			s->segment = segment;
			s->bus = bus;
			s->devfn = devfn;
			s->start = start;
			s->length = length;
			list_add_tail(&s->list, &r->seen);
		}
	}
	spin_unlock_irqrestore(&r->lock, flags);
	return first;
}

/**
 * iommu_relax_classify_id - classify a reserved region of a PCI function
 * @r: the policy
 * @dev: the device, for the log; may be NULL
 * @segment: PCI segment of the function the region belongs to
 * @bus: its bus number
 * @devfn: its device and function
 * @type: the type the driver would report
 * @start: first address of the region
 * @length: its length in bytes
 *
 * Return: IOMMU_RESV_DIRECT_RELAXABLE for an IOMMU_RESV_DIRECT region of a
 * function the policy names, @type otherwise.
 */
enum iommu_resv_type iommu_relax_classify_id(struct iommu_relax *r,
					     struct device *dev, u16 segment,
					     u8 bus, u8 devfn,
					     enum iommu_resv_type type,
					     phys_addr_t start, size_t length)
{
	u64 first = start, last = length ? first + length - 1 : first;

	if (type != IOMMU_RESV_DIRECT ||
	    !iommu_relax_match(r, segment, bus, devfn))
		return type;

	if (first_report(r, segment, bus, devfn, start, length)) {
		if (dev)
			dev_warn(dev, "%s: %s [mem %#010llx-%#010llx] reported as relaxable; firmware may still use it\n",
				 r->name, r->source, first, last);
		else
			pr_warn("%04x:%02x:%02x.%d: %s: %s [mem %#010llx-%#010llx] reported as relaxable; firmware may still use it\n",
				segment, bus, PCI_SLOT(devfn), PCI_FUNC(devfn),
				r->name, r->source, first, last);
		add_taint(TAINT_FIRMWARE_WORKAROUND, LOCKDEP_STILL_OK);
	}
	return IOMMU_RESV_DIRECT_RELAXABLE;
}
EXPORT_SYMBOL_GPL(iommu_relax_classify_id);

/**
 * iommu_relax_classify - classify a reserved region of @dev
 * @r: the policy
 * @dev: the device the region belongs to
 * @type: the type the driver would report
 * @start: first address of the region
 * @length: its length in bytes
 *
 * Return: IOMMU_RESV_DIRECT_RELAXABLE for an IOMMU_RESV_DIRECT region of a
 * PCI device the policy names, @type otherwise.
 */
enum iommu_resv_type iommu_relax_classify(struct iommu_relax *r,
					  struct device *dev,
					  enum iommu_resv_type type,
					  phys_addr_t start, size_t length)
{
	u16 segment;
	u8 bus, devfn;

	if (type != IOMMU_RESV_DIRECT ||
	    !pci_ids(dev, &segment, &bus, &devfn))
		return type;
	return iommu_relax_classify_id(r, dev, segment, bus, devfn, type,
				       start, length);
}
EXPORT_SYMBOL_GPL(iommu_relax_classify);

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
	spin_unlock_irqrestore(&r->lock, flags);
	list_for_each_entry_safe(s, next, &old, list)
		kfree(s);
}
EXPORT_SYMBOL_GPL(iommu_relax_reset);

/**
 * iommu_relax_announce - say once which devices a policy relaxes
 * @r: the policy
 */
void iommu_relax_announce(const struct iommu_relax *r)
{
	/* "0000:00:00.0 " per selector */
	char list[IOMMU_RELAX_MAX_DEVICES * 13 + 1];
	unsigned int i;

	if (r->all) {
		pr_warn("%s: relaxing %s identity maps for all PCI devices\n",
			r->name, r->source);
		return;
	}
	list[0] = '\0';
	for (i = 0; i < r->nr_sel; i++) {
		const struct iommu_relax_sel *sel = &r->sel[i];
		size_t used = strlen(list);

		if (sel->all_fn)
			snprintf(list + used, sizeof(list) - used,
				 "%s%04x:%02x:%02x.*", i ? " " : "",
				 sel->segment, sel->bus, PCI_SLOT(sel->devfn));
		else
			snprintf(list + used, sizeof(list) - used,
				 "%s%04x:%02x:%02x.%d", i ? " " : "",
				 sel->segment, sel->bus, PCI_SLOT(sel->devfn),
				 PCI_FUNC(sel->devfn));
	}
	pr_warn("%s: relaxing %s identity maps for %s\n", r->name, r->source,
		list);
}
EXPORT_SYMBOL_GPL(iommu_relax_announce);

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
#endif
