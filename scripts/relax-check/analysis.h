/* SPDX-License-Identifier: MIT OR GPL-2.0-or-later */
/*
 * From tables + live system to verdicts: which functions each region
 * covers, what the kernel decided for their groups, and what to do.
 */
#ifndef RELAX_ANALYSIS_H
#define RELAX_ANALYSIS_H

#include "acpi.h"
#include "remedies.h"
#include "system.h"

enum verdict { VERDICT_PASS, VERDICT_WARN, VERDICT_FAIL };

/* One table entry: RMRR or IVMD, by index. */
struct region_ref {
	int is_ivmd;
	size_t index;
};

struct finding {
	const struct pci_function *fn;
	struct region_ref *covered_by;	/* entries that name this function */
	size_t ncovered;
	enum verdict verdict;
	char kernel_types[128];	/* types in its group: "direct, msi" */
	char group_members[256];	/* the other functions of its group */
	char group_named[256];	/* those of them the option must name too */
	char reason[1024];
	char option[600];	/* the relax option for this group, or "" */
	char option_note[512];
	const struct remedy **remedies;	/* safer fixes, in file order */
	size_t nremedies;
};

#define ANALYSIS_MAX_NAMES 64

struct analysis {
	struct finding *findings;
	size_t nfindings;
	size_t blocked;		/* findings with VERDICT_FAIL */
	/* Every blocked function per vendor (0 Intel, 1 AMD), and the
	 * one option that relaxes them all. */
	char all_names[2][ANALYSIS_MAX_NAMES][16];
	size_t n_all[2];
	char all_options[2][1200];
	/* No IOMMU groups: VFIO can take no device at all; what to do. */
	int no_iommu;
	char iommu_fix[512];
};

/*
 * Fill every scope's bdf: on a live system by walking bridges
 * (sys may be NULL offline: then only one-hop paths resolve).
 */
void resolve_scopes(struct fw_tables *t, const struct live_system *sys);

/* Whether an entry covers a function (Linux's own rules). */
int region_covers(const struct fw_tables *t, struct region_ref ref,
		  const struct live_system *sys,
		  const struct pci_function *f);

/*
 * Judge every covered function, or, when nonly > 0, only the functions in
 * only[] (each whether covered or not).  remedies may be NULL.
 */
void analyse(struct analysis *a, const struct fw_tables *t,
	     const struct live_system *sys, const struct remedy_set *remedies,
	     const struct pci_function *const *only, size_t nonly);

void analysis_free(struct analysis *a);

/* PCI class as words: "USB controller", "Ethernet controller". */
const char *class_name(uint32_t class);

/* Upstream Intel relaxes these (device_rmrr_is_relaxable()). */
int upstream_relaxes(uint32_t class);

#endif
