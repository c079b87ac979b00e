/* SPDX-License-Identifier: MIT OR GPL-2.0-or-later */
/*
 * The relax patch's boot options, mirrored from src/drivers/iommu/
 * iommu-relax.c: the selector grammar, the command-line tokens and the
 * kernel log lines that show an option at work.
 */
#ifndef RELAX_OPTIONS_H
#define RELAX_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#define RELAX_MAX_SELECTORS 16	/* IOMMU_RELAX_MAX_DEVICES */

/*
 * "[DDDD:]BB:DD[.F]" (all_fn when ".F" was left out), or, by_id,
 * "pci:VVVV:DDDD[:SSSS:SSSS]" (an ID of 0000 matches any).
 */
struct selector {
	uint32_t segment;
	uint8_t bus, dev, fn;
	int all_fn;
	int by_id;
	uint16_t id[4];		/* vendor, device, subsystem vendor, device */
};

/* A PCI function as a selector sees it. */
struct pci_ident {
	uint32_t segment;
	uint8_t bus, dev, fn;
	uint16_t id[4];		/* as struct selector's */
};

/* One boot option as the command line and the kernel log show it. */
struct relax_option {
	const char *option;	/* "intel_iommu" */
	const char *token;	/* "relax_rmrr" */
	const char *table;	/* "DMAR": the table whose regions it relaxes */
	int given;		/* a token of ours is on the command line */
	int all;		/* bare "relax_rmrr" */
	size_t nsel;
	struct selector sel[RELAX_MAX_SELECTORS];
	char bad[512];		/* our malformed tokens, space separated */
	int announced;		/* the kernel logged "relaxing ... for ..." */
	size_t relaxed_lines;	/* per-region "reported as relaxable" lines */
	char kernel_errors[512];	/* the kernel's "ignoring ..." lines */
	char unmatched[512];	/* selectors the kernel says matched no region */
	const char *log_name;	/* its name in the kernel log; NULL: option=token */
};

/* Parse s[0..n) as a selector, exactly as the kernel does; 0 on success. */
int selector_parse(const char *s, size_t n, struct selector *sel);

int selector_matches(const struct selector *sel, const struct pci_ident *f);

/* As the user writes it: "0000:03:00.*", "0000:03:00.0", "pci:8086:10d3". */
void selector_format(const struct selector *sel, char *buf, size_t size);

/* The expected forms, for messages (IOMMU_RELAX_FORMS). */
#define SELECTOR_FORMS "[DDDD:]BB:DD[.F] or pci:VVVV:DDDD[:SSSS:SSSS] (hex)"

/* Set option, token and table for the Intel or AMD option. */
void relax_option_init(struct relax_option *o, int amd);

/*
 * The relax_iommu module's parameter (rmrr= for Intel, unity= for AMD),
 * named "relax_iommu.rmrr" in the kernel log.
 */
void relax_option_init_module(struct relax_option *o, int amd);

/* A module parameter's value: "all" or selectors separated by commas. */
void relax_option_parse_list(struct relax_option *o, const char *list);

/* Collect our tokens from every "<option>=" parameter of a command line. */
void relax_option_parse_cmdline(struct relax_option *o, const char *cmdline);

/* Feed one kernel log message (prefix already stripped). */
void relax_option_parse_log(struct relax_option *o, const char *msg);

/* Whether the option, as given, names this function. */
int relax_option_selects(const struct relax_option *o,
			 const struct pci_ident *f);

#endif
