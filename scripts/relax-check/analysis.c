// SPDX-License-Identifier: MIT OR GPL-2.0-or-later
/* From tables + live system to verdicts; see analysis.h. */
#define _GNU_SOURCE
#include "analysis.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define PAGE_SIZE 4096ull

/* Linux page-aligns IVMD ranges (init_unity_map_range()). */
static uint64_t page_align(uint64_t v)
{
	return (v + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

static void ref_range(const struct fw_tables *t, struct region_ref ref,
		      uint64_t *first, uint64_t *last)
{
	if (ref.is_ivmd) {
		const struct ivmd *m = &t->ivmd[ref.index];
		uint64_t len = page_align(m->length);

		*first = page_align(m->start);
		*last = len ? *first + len - 1 : *first;
	} else {
		*first = t->rmrr[ref.index].base;
		*last = t->rmrr[ref.index].limit;
	}
}

static uint16_t devid(const struct pci_function *f)
{
	return (uint16_t)(f->bus << 8 | f->dev << 3 | f->fn);
}

void resolve_scopes(struct fw_tables *t, const struct live_system *sys)
{
	for (size_t i = 0; i < t->nrmrr; i++) {
		const struct rmrr *r = &t->rmrr[i];

		for (size_t k = 0; k < r->nscopes; k++) {
			struct dev_scope *s = &r->scopes[k];
			unsigned bus = s->start_bus;
			size_t hop;

			for (hop = 0; sys && hop + 1 < s->depth; hop++) {
				const struct pci_function *b =
					live_find(sys, r->segment, (uint8_t)bus,
						  s->path[hop].dev,
						  s->path[hop].fn);

				if (!b || b->secondary < 0) {
					sfmt(s->note, sizeof(s->note),
					     "path stops at %04x:%02x:%02x.%x: %s",
					     r->segment, bus, s->path[hop].dev,
					     s->path[hop].fn,
					     b ? "not a bridge" : "absent");
					break;
				}
				bus = (unsigned)b->secondary;
			}
			if (s->note[0])
				continue;
			if (!sys && s->depth > 1) {
				sfmt(s->note, sizeof(s->note),
				     "behind a bridge: resolved on the live system only");
				continue;
			}
			hop = s->depth - 1u;
			s->bus = (uint8_t)bus;
			sfmt(s->bdf, sizeof(s->bdf), "%04x:%02x:%02x.%x",
			     r->segment, bus, s->path[hop].dev, s->path[hop].fn);
			s->present = sys && live_find(sys, r->segment, s->bus,
						      s->path[hop].dev,
						      s->path[hop].fn);
			if (sys && !s->present)
				sfmt(s->note, sizeof(s->note), "absent");
		}
	}
}

int region_covers(const struct fw_tables *t, struct region_ref ref,
		  const struct live_system *sys, const struct pci_function *f)
{
	if (ref.is_ivmd) {
		const struct ivmd *m = &t->ivmd[ref.index];

		return ivmd_is_identity_map(m) && m->segment == f->segment &&
		       devid(f) >= m->first && devid(f) <= m->last;
	}

	const struct rmrr *r = &t->rmrr[ref.index];

	if (r->segment != f->segment)
		return 0;
	for (size_t k = 0; k < r->nscopes; k++) {
		const struct dev_scope *s = &r->scopes[k];
		const struct pci_hop *last = &s->path[s->depth - 1];
		const struct pci_function *b;

		if (!s->present)
			continue;
		if (s->bus == f->bus && last->dev == f->dev &&
		    last->fn == f->fn)
			return 1;
		/* Anything below a named bridge (is_downstream_to_pci_bridge) */
		b = live_find(sys, r->segment, s->bus, last->dev, last->fn);
		if (b && b->secondary >= 0 && f->bus >= b->secondary &&
		    f->bus <= b->subordinate)
			return 1;
	}
	return 0;
}

const char *class_name(uint32_t class)
{
	static const struct {
		uint16_t code;
		const char *name;
	} names[] = {
		{ 0x0100, "SCSI controller" }, { 0x0104, "RAID controller" },
		{ 0x0106, "SATA controller" }, { 0x0107, "SAS controller" },
		{ 0x0108, "NVMe controller" }, { 0x0200, "Ethernet controller" },
		{ 0x0280, "Network controller" }, { 0x0300, "VGA controller" },
		{ 0x0302, "3D controller" }, { 0x0380, "Display controller" },
		{ 0x0403, "Audio device" }, { 0x0600, "Host bridge" },
		{ 0x0601, "ISA bridge" }, { 0x0604, "PCI bridge" },
		{ 0x0780, "Communication controller" },
		{ 0x0880, "System peripheral" }, { 0x0c03, "USB controller" },
		{ 0x0c05, "SMBus" }, { 0x0c80, "Serial bus controller" },
		{ 0x1180, "Signal processing controller" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].code == class >> 8)
			return names[i].name;
	return "PCI function";
}

int upstream_relaxes(uint32_t class)
{
	return class >> 8 == 0x0c03 || class >> 16 == 0x03;
}

/* A table entry that puts a kernel region on a member of the group. */
struct blocker {
	const struct pci_function *fn;
	struct region_ref ref;
};

/* Entries behind one kernel region [first, last] of f's group. */
static size_t find_blockers(const struct fw_tables *t,
			    const struct live_system *sys,
			    const struct pci_function *f, uint64_t first,
			    uint64_t last, struct blocker *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < sys->nfns; i++) {
		const struct pci_function *m = &sys->fns[i];
		size_t total = t->nrmrr + t->nivmd;

		if (m != f && (f->group < 0 || m->group != f->group))
			continue;
		for (size_t k = 0; k < total && n < max; k++) {
			struct region_ref ref = { k >= t->nrmrr,
						  k >= t->nrmrr ? k - t->nrmrr : k };
			uint64_t a, b;

			ref_range(t, ref, &a, &b);
			if (a <= last && b >= first &&
			    region_covers(t, ref, sys, m)) {
				out[n].fn = m;
				out[n].ref = ref;
				n++;
			}
		}
	}
	return n;
}

/* Add word to a ", "-separated list unless it is there already. */
static void add_unique(char *list, size_t size, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");

		if (len == n && !strncmp(p, word, n))
			return;
		p += len;
		p += strspn(p, ", ");
	}
	append(list, size, ", ", word);
}

static void describe_ref(const struct fw_tables *t, struct region_ref ref,
			 char *buf, size_t size)
{
	uint64_t a, b;

	ref_range(t, ref, &a, &b);
	if (ref.is_ivmd)
		sfmt(buf, size, "IVMD #%zu (IVRS, type 0x%02x) [0x%llx-0x%llx]",
		     ref.index, t->ivmd[ref.index].type,
		     (unsigned long long)a, (unsigned long long)b);
	else
		sfmt(buf, size, "RMRR #%zu (DMAR) [0x%llx-0x%llx]", ref.index,
		     (unsigned long long)a, (unsigned long long)b);
}

/*
 * "intel_iommu=relax_rmrr=A,relax_rmrr=B" for the functions in names; past
 * the kernel's limit, the bare token (every device).
 */
static void build_option(const struct relax_option *o, char names[][16],
			 size_t n, char *buf, size_t size)
{
	buf[0] = '\0';
	if (!n)
		return;
	if (n > RELAX_MAX_SELECTORS) {
		/* The kernel takes at most 16: relax every device instead. */
		sfmt(buf, size, "%s=%s", o->option, o->token);
		return;
	}
	sfmt(buf, size, "%s=", o->option);
	for (size_t i = 0; i < n; i++) {
		size_t used = strlen(buf);

		sfmt(buf + used, size - used, "%s%s=%s", i ? "," : "",
		     o->token, names[i]);
	}
}

static void add_name(char names[][16], size_t *n, size_t max, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(names[i], name))
			return;
	if (*n < max)
		sfmt(names[(*n)++], 16, "%s", name);
}

static void add_remedies(struct finding *fd, const struct remedy_set *set,
			 const struct live_system *sys,
			 const struct fw_tables *t, const struct blocker *b)
{
	struct remedy_context ctx = {
		.dmi = &sys->dmi,
		.table = b->ref.is_ivmd ? "IVRS" : "DMAR",
		.class = b->fn->class,	/* the function the region is for */
		.ivmd_range = b->ref.is_ivmd &&
			      t->ivmd[b->ref.index].type != IVMD_ONE,
	};

	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++) {
		const struct remedy *r = &set->items[i];
		size_t k;

		if (!remedy_matches(r, &ctx))
			continue;
		for (k = 0; k < fd->nremedies && fd->remedies[k] != r; k++)
			;
		if (k == fd->nremedies)
			*(const struct remedy **)array_push(&fd->remedies,
							    &fd->nremedies,
							    sizeof(r)) = r;
	}
}

#define MAX_BLOCKERS ANALYSIS_MAX_NAMES

/* Selectors to relax, per vendor, for a set of blockers. */
struct relax_plan {
	char names[2][MAX_BLOCKERS][16];
	struct pci_ident ids[2][MAX_BLOCKERS];	/* of each name */
	size_t n[2];
};

static void plan_add(struct relax_plan *p, const struct blocker *b)
{
	int amd = b->ref.is_ivmd;

	size_t n = p->n[amd];

	add_name(p->names[amd], &p->n[amd], MAX_BLOCKERS, b->fn->name);
	if (p->n[amd] > n)
		p->ids[amd][n] = pci_ident_of(b->fn);
}

/* Why an option on the command line did not take, or what it needs. */
static void option_note(const struct kernel_state *k,
			const struct relax_option *o,
			const struct relax_plan *p, int amd, char *buf,
			size_t size)
{
	size_t selected = 0;

	for (size_t i = 0; i < p->n[amd]; i++)
		if (relax_option_selects(o, &p->ids[amd][i]))
			selected++;
	char list[MAX_BLOCKERS * 17] = "";

	for (size_t i = 0; i < p->n[amd]; i++)
		append(list, sizeof(list), ",", p->names[amd][i]);
	if (p->n[amd] > RELAX_MAX_SELECTORS) {
		sfmt(buf, size,
		     "%zu functions need naming, more than the %d the option and the module take: the line relaxes the %ss of every device instead",
		     p->n[amd], RELAX_MAX_SELECTORS, amd ? "IVMD" : "RMRR");
		return;
	}
	if (k->patched == NO)
		sfmt(buf, size,
		     "the running kernel%s%s lacks the relax patch (%s): the option does nothing until you boot a kernel built with CONFIG_IOMMU_RELAX=y, or, without a rebuild (Linux 6.6 and later, or AMD): make dkms %s=%s%s",
		     k->release[0] ? " " : "", k->release, k->patched_evidence,
		     amd ? "UNITY" : "RMRR", list,
		     k->module == YES ? " (relax_iommu is loaded: name the devices in its options, then reboot)" : "");
	else if (k->patched == UNKNOWN)
		sfmt(buf, size,
		     "could not tell whether the running kernel carries the relax patch (%s)",
		     k->patched_evidence);
	else if (selected && selected == p->n[amd])
		sfmt(buf, size,
		     "%s=%s already names it, yet the kernel reports a direct region%s%s",
		     o->option, o->token,
		     o->kernel_errors[0] ? "; the kernel said: " : "",
		     o->kernel_errors);
	else
		sfmt(buf, size,
		     "then reboot: the kernel logs each region it relaxes and sets taint flag 11 (firmware workaround)");
}

/*
 * Text for the direct region behind found[i]: each entry once, with every
 * function of the group it is declared for; "" when found[i]'s entry was
 * already described.  Collects the option and the remedies as it goes.
 */
static void direct_text(struct finding *fd, const struct fw_tables *t,
			const struct live_system *sys,
			const struct remedy_set *remedies,
			struct relax_plan *plan, const struct blocker *found,
			size_t n, size_t i, char *text, size_t size)
{
	char ref[160], names[256] = "";

	text[0] = '\0';
	for (size_t j = 0; j < i; j++)
		if (!memcmp(&found[j].ref, &found[i].ref, sizeof(found[i].ref)))
			return;
	for (size_t j = i; j < n; j++) {
		if (memcmp(&found[j].ref, &found[i].ref, sizeof(found[i].ref)))
			continue;
		append(names, sizeof(names), ", ", found[j].fn->name);
		plan_add(plan, &found[j]);
		add_remedies(fd, remedies, sys, t, &found[j]);
	}
	describe_ref(t, found[i].ref, ref, sizeof(ref));
	sfmt(text, size, "%s, declared for %s", ref, names);
}

/* Why the kernel relaxed the region behind b; 1 when our option did. */
static int relaxed_text(const struct fw_tables *t,
			const struct kernel_state *k, const struct blocker *b,
			char *text, size_t size)
{
	const struct relax_option *o = b->ref.is_ivmd ? &k->amd : &k->intel;
	char ref[160];

	describe_ref(t, b->ref, ref, sizeof(ref));
	if (!b->ref.is_ivmd && upstream_relaxes(b->fn->class)) {
		sfmt(text, size,
		     "%s relaxed by upstream Linux (USB controllers and graphics devices)",
		     ref);
		return 0;
	}
	const struct relax_option *m = b->ref.is_ivmd ? &k->mod_amd :
							 &k->mod_intel;
	const struct pci_ident id = pci_ident_of(b->fn);

	if (k->module == YES &&
	    relax_option_selects(m, &id)) {
		sfmt(text, size,
		     "%s relaxed by the relax_iommu module (%s=): firmware may still use it, so watch the kernel log for DMA faults",
		     ref, m->token);
		return 1;
	}
	if (k->patched == YES &&
	    relax_option_selects(o, &id)) {
		sfmt(text, size,
		     "%s relaxed by %s=%s: firmware may still use it, so watch the kernel log for DMA faults",
		     ref, o->option, o->token);
		return 1;
	}
	sfmt(text, size, "%s reported relaxable by the kernel", ref);
	return 0;
}

static void judge(struct analysis *a, struct finding *fd,
		  const struct fw_tables *t, const struct live_system *sys,
		  const struct remedy_set *remedies)
{
	const struct pci_function *f = fd->fn;
	const struct kernel_state *k = &sys->kernel;
	const struct iommu_group *g;
	struct blocker found[MAX_BLOCKERS];
	struct relax_plan plan = { 0 };
	int direct = 0, relaxed = 0;
	char text[512];

	for (size_t i = 0; f->group >= 0 && i < sys->nfns; i++)
		if (&sys->fns[i] != f && sys->fns[i].group == f->group)
			append(fd->group_members, sizeof(fd->group_members),
			       " ", sys->fns[i].name);

	if (f->group < 0) {
		fd->verdict = VERDICT_FAIL;
		sfmt(fd->reason, sizeof(fd->reason), "%s",
		     sys->ngroups ?
			     "the kernel put it in no IOMMU group: VFIO cannot take it" :
			     "no IOMMU groups at all: no IOMMU is active (the fix is below)");
		return;
	}
	g = live_group(sys, f->group);
	if (!g || !g->readable) {
		fd->verdict = VERDICT_WARN;
		sfmt(fd->reason, sizeof(fd->reason),
		     "cannot read /sys/kernel/iommu_groups/%d/reserved_regions: the kernel's verdict is unknown",
		     f->group);
		return;
	}

	for (size_t r = 0; r < g->nregions; r++) {
		const struct resv_region *reg = &g->regions[r];
		int is_direct = !strcmp(reg->type, "direct");
		size_t n;

		add_unique(fd->kernel_types, sizeof(fd->kernel_types),
			   reg->type);
		if (!is_direct && strcmp(reg->type, "direct-relaxable"))
			continue;

		n = find_blockers(t, sys, f, reg->start, reg->end, found,
				  MAX_BLOCKERS);
		if (!n) {
			sfmt(text, sizeof(text),
			     "%s region [0x%llx-0x%llx] matches no entry of the tables read",
			     reg->type, (unsigned long long)reg->start,
			     (unsigned long long)reg->end);
			append(fd->reason, sizeof(fd->reason), "; ", text);
		}
		for (size_t i = 0; i < n; i++) {
			if (is_direct) {
				direct_text(fd, t, sys, remedies, &plan, found,
					    n, i, text, sizeof(text));
			} else if (relaxed_text(t, k, &found[i], text,
						sizeof(text))) {
				/* The option must keep naming it. */
				plan_add(&plan, &found[i]);
				relaxed = 1;
			}
			if (text[0] && !strstr(fd->reason, text))
				append(fd->reason, sizeof(fd->reason), "; ",
				       text);
		}
		direct |= is_direct;
	}

	/* VFIO takes the group whole: which members the option must name. */
	for (size_t i = 0; i < sys->nfns; i++) {
		const struct pci_function *m = &sys->fns[i];
		int named = 0;

		if (m == f || m->group != f->group)
			continue;
		for (int amd = 0; amd < 2; amd++)
			for (size_t j = 0; j < plan.n[amd]; j++)
				named |= !strcmp(plan.names[amd][j], m->name);
		if (named)
			append(fd->group_named, sizeof(fd->group_named), " ",
			       m->name);
	}

	if (direct) {
		fd->verdict = VERDICT_FAIL;
		for (int amd = 0; amd < 2; amd++) {
			const struct relax_option *o = amd ? &k->amd : &k->intel;
			char opt[600];

			if (!plan.n[amd])
				continue;
			build_option(o, plan.names[amd], plan.n[amd], opt,
				     sizeof(opt));
			append(fd->option, sizeof(fd->option), " ", opt);
			option_note(k, o, &plan, amd, fd->option_note,
				    sizeof(fd->option_note));
			for (size_t i = 0; i < plan.n[amd]; i++)
				add_name(a->all_names[amd], &a->n_all[amd],
					 MAX_BLOCKERS, plan.names[amd][i]);
		}
	} else if (relaxed) {
		fd->verdict = VERDICT_WARN;
	} else {
		fd->verdict = VERDICT_PASS;
		if (!fd->reason[0])
			sfmt(fd->reason, sizeof(fd->reason),
			     "the kernel reports no identity map for its group");
	}
}

/* Whether a "param=a,b,..." word of the command line lists value. */
static int cmdline_has(const char *cmdline, const char *param,
		       const char *value)
{
	size_t plen = strlen(param), vlen = strlen(value);

	for (const char *w = cmdline; *w;) {
		size_t wlen = strcspn(w, " \t");

		if (wlen > plen && !strncmp(w, param, plen) && w[plen] == '=') {
			const char *v = w + plen + 1, *end = w + wlen;

			while (v < end) {
				size_t n = strcspn(v, ",");

				if (n > (size_t)(end - v))
					n = (size_t)(end - v);
				if (n == vlen && !strncmp(v, value, n))
					return 1;
				v += n + 1;
			}
		}
		w += wlen;
		w += strspn(w, " \t");
	}
	return 0;
}

/*
 * No IOMMU groups means no IOMMU is active, so nothing can go to VFIO:
 * say what turns it on, from what firmware declares and the command line.
 */
static void explain_no_iommu(const struct fw_tables *t,
			     const struct live_system *sys, char *buf,
			     size_t size)
{
	const char *cmd = sys->kernel.cmdline;

	if (!t->dmar_source && !t->ivrs_source)
		sfmt(buf, size,
		     "the firmware publishes no DMAR (Intel VT-d) or IVRS (AMD-Vi) table: turn on VT-d (Intel, \"Intel Virtualization Technology for Directed I/O\") or the IOMMU / AMD-Vi (AMD) in the firmware setup; on Intel also boot with intel_iommu=on");
	else if (cmdline_has(cmd, "iommu", "off"))
		sfmt(buf, size,
		     "the kernel command line turns the IOMMU off (iommu=off): remove it%s",
		     t->dmar_source && !cmdline_has(cmd, "intel_iommu", "on") ?
			     " and boot with intel_iommu=on" : "");
	else if (t->dmar_source && cmdline_has(cmd, "intel_iommu", "off"))
		sfmt(buf, size,
		     "the kernel command line turns VT-d off (intel_iommu=off): boot with intel_iommu=on instead");
	else if (t->dmar_source && !cmdline_has(cmd, "intel_iommu", "on"))
		sfmt(buf, size,
		     "the firmware declares VT-d (DMAR) but the kernel did not turn it on: boot with intel_iommu=on");
	else if (t->ivrs_source && cmdline_has(cmd, "amd_iommu", "off"))
		sfmt(buf, size,
		     "the kernel command line turns AMD-Vi off (amd_iommu=off): remove it");
	else
		sfmt(buf, size,
		     "the firmware declares an IOMMU (%s) and the command line does not turn it off, yet the kernel made no IOMMU groups: see dmesg | grep -i -e DMAR -e IOMMU -e AMD-Vi (a kernel built without CONFIG_INTEL_IOMMU / CONFIG_AMD_IOMMU, or firmware the driver refused)",
		     t->dmar_source ? "DMAR" : "IVRS");
}

static int is_one_of(const struct pci_function *f,
		     const struct pci_function *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == f)
			return 1;
	return 0;
}

void analyse(struct analysis *a, const struct fw_tables *t,
	     const struct live_system *sys, const struct remedy_set *remedies,
	     const struct pci_function *const *only, size_t nonly)
{
	memset(a, 0, sizeof(*a));
	for (size_t i = 0; i < sys->nfns; i++) {
		const struct pci_function *f = &sys->fns[i];
		size_t total = t->nrmrr + t->nivmd;
		struct finding *fd = NULL;

		if (nonly && !is_one_of(f, only, nonly))
			continue;
		for (size_t k = 0; k < total; k++) {
			struct region_ref ref = { k >= t->nrmrr,
						  k >= t->nrmrr ? k - t->nrmrr : k };

			if (!region_covers(t, ref, sys, f))
				continue;
			if (!fd) {
				fd = array_push(&a->findings, &a->nfindings,
						sizeof(*fd));
				fd->fn = f;
			}
			*(struct region_ref *)array_push(&fd->covered_by,
							 &fd->ncovered,
							 sizeof(ref)) = ref;
		}
		if (!fd && nonly) {
			fd = array_push(&a->findings, &a->nfindings,
					sizeof(*fd));
			fd->fn = f;
		}
		if (!fd)
			continue;
		judge(a, fd, t, sys, remedies);
		if (fd->verdict == VERDICT_FAIL)
			a->blocked++;
	}
	for (int amd = 0; amd < 2; amd++)
		build_option(amd ? &sys->kernel.amd : &sys->kernel.intel,
			     a->all_names[amd], a->n_all[amd],
			     a->all_options[amd], sizeof(a->all_options[amd]));
	a->no_iommu = !sys->ngroups;
	if (a->no_iommu)
		explain_no_iommu(t, sys, a->iommu_fix, sizeof(a->iommu_fix));
}

void analysis_free(struct analysis *a)
{
	for (size_t i = 0; i < a->nfindings; i++) {
		free(a->findings[i].covered_by);
		free(a->findings[i].remedies);
	}
	free(a->findings);
	memset(a, 0, sizeof(*a));
}
