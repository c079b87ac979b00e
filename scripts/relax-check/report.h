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
	const struct selector *devices;	/* each --device; ndevices 0: none */
	size_t ndevices;
	const struct pci_function *const *device_fns;	/* them, live only */
	const char *remedies_path;	/* NULL when none was found */
	unsigned warnings;		/* parser warnings printed to stderr */
	char *const *warning_texts;	/* and their texts */
};

void report_text(FILE *out, const struct report_input *in);
void report_json(FILE *out, const struct report_input *in);

#endif
