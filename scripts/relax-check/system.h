/* SPDX-License-Identifier: MIT OR GPL-2.0-or-later */
/*
 * The live system as sysfs and procfs show it: PCI functions, IOMMU
 * groups with the kernel's reserved regions, the running kernel's relax
 * support and options, and the machine's DMI identity.  Every path is
 * taken relative to a root directory so tests can use a fake tree.
 */
#ifndef RELAX_SYSTEM_H
#define RELAX_SYSTEM_H

#include <limits.h>
#include <stdint.h>

#include "acpi.h"
#include "options.h"

struct pci_function {
	char name[24];		/* "0000:03:00.0"; VMD: "10000:00:02.0" */
	uint32_t segment;	/* VMD domains are 0x10000 and up */
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint16_t subvendor, subdevice;	/* 0 where sysfs has none */
	uint32_t class;		/* 0xCCSSPP */
	char driver[64];	/* "" when unbound */
	int group;		/* -1: no IOMMU group */
	int secondary, subordinate;	/* bus range below a bridge, else -1 */
};

struct resv_region {
	uint64_t start, end;
	char type[24];		/* "direct", "direct-relaxable", "msi", ... */
};

struct iommu_group {
	int id;
	int readable;		/* reserved_regions could be read */
	struct resv_region *regions;
	size_t nregions;
};

enum tristate { UNKNOWN = -1, NO = 0, YES = 1 };

struct kernel_state {
	char release[128];
	enum tristate patched;	/* carries the relax patch */
	char patched_evidence[256];
	char cmdline[4096];
	int log_readable;
	char log_problem[160];	/* why the log could not be read */
	long tainted;		/* -1 when unreadable */
	struct relax_option intel, amd;
	enum tristate module;	/* relax_iommu loaded (/sys/module/relax_iommu) */
	struct relax_option mod_intel, mod_amd;	/* its rmrr= and unity= */
};

struct dmi_id {
	char sys_vendor[128], product_name[128];
	char board_vendor[128], board_name[128];
	char bios_version[128];
};

struct live_system {
	char root[PATH_MAX];	/* "" for the real system */
	struct pci_function *fns;
	size_t nfns;
	struct iommu_group *groups;
	size_t ngroups;
	struct kernel_state kernel;
	struct dmi_id dmi;
};

/* root + path into buf ("/sys/..." stays as is when root is ""). */
void sys_path(const struct live_system *sys, char *buf, size_t size,
	      const char *path);

/* Read everything but the firmware tables; 0, or -1 after a message. */
int live_load(struct live_system *sys, const char *root);

/*
 * Read DMAR and IVRS from <root>/sys/firmware/acpi/tables.  A missing
 * table is no error; an unreadable or corrupt one is (-1).
 */
int live_load_tables(const struct live_system *sys, struct fw_tables *t,
		     struct parse_log *log);

void live_free(struct live_system *sys);

const struct pci_function *live_find(const struct live_system *sys,
				     uint32_t segment, uint8_t bus,
				     uint8_t dev, uint8_t fn);
const struct iommu_group *live_group(const struct live_system *sys, int id);

/* What a selector matches f by. */
struct pci_ident pci_ident_of(const struct pci_function *f);

#endif
