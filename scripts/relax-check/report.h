/* SPDX-License-Identifier: MIT OR GPL-2.0-or-later */
/* The two outputs: a readable report and one JSON object. */
#ifndef RELAX_REPORT_H
#define RELAX_REPORT_H

#include <stdio.h>

#include "acpi.h"
#include "analysis.h"
#include "options.h"
#include "system.h"

struct report_input {
	const struct fw_tables *t;
	const struct live_system *sys;	/* NULL offline */
	const struct analysis *a;	/* NULL offline */
	const struct selector *device;	/* --device, or NULL */
	const struct pci_function *device_fn;	/* it, on a live system */
	const char *remedies_path;	/* NULL when none was found */
	unsigned warnings;		/* parser warnings printed to stderr */
};

void report_text(FILE *out, const struct report_input *in);
void report_json(FILE *out, const struct report_input *in);

#endif
