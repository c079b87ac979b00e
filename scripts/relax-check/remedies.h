/* SPDX-License-Identifier: MIT OR GPL-2.0-or-later */
/*
 * Firmware-side remedies, kept as data (remedies.conf) so that people can
 * add what worked on their machine without touching code.
 */
#ifndef RELAX_REMEDIES_H
#define RELAX_REMEDIES_H

#include <stddef.h>
#include <stdint.h>

#include "system.h"

struct remedy {
	/* Match keys, "" when not given; "a | b" lists alternatives. */
	char *vendor, *product, *bios, *table, *class, *region;
	char *title, *source;
	char **steps;
	size_t nsteps;
	size_t line;		/* where it starts in the file */
};

struct remedy_set {
	char *path;
	struct remedy *items;
	size_t n;
};

/* What a remedy is matched against: one blocked device. */
struct remedy_context {
	const struct dmi_id *dmi;
	const char *table;	/* "DMAR" or "IVRS" */
	uint32_t class;		/* the device's PCI class */
	int ivmd_range;		/* blocked by an IVMD over many devices */
};

/*
 * Find the data file: explicit path, next to the executable, then the
 * installed data directory.  Returns NULL when none exists.
 */
char *remedies_locate(const char *explicit_path);

/* Load a remedies file; -1 after a message naming file and line. */
int remedies_load(const char *path, struct remedy_set *set);

int remedy_matches(const struct remedy *r, const struct remedy_context *ctx);

void remedies_free(struct remedy_set *set);

#endif
