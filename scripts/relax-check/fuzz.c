// SPDX-License-Identifier: MIT OR GPL-2.0-or-later
/*
 * libFuzzer harness: every input goes through the DMAR, IVRS and
 * acpidump-text parsers, and whatever parses is rendered as the offline
 * report and JSON, so the output code sees hostile tables too.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "analysis.h"
#include "report.h"

static FILE *sink;

static void render(struct fw_tables *t)
{
	struct report_input in = { .t = t };

	resolve_scopes(t, NULL);
	report_text(sink, &in);
	report_json(sink, &in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse_log quiet = { .out = NULL };
	struct fw_tables t;
	char *text;

	if (!sink)
		sink = fopen("/dev/null", "w");

	memset(&t, 0, sizeof(t));
	if (!dmar_parse(data, size, "fuzz", &t, &quiet))
		render(&t);
	fw_tables_free(&t);

	if (!ivrs_parse(data, size, "fuzz", &t, &quiet))
		render(&t);
	fw_tables_free(&t);

	/* The text parser gets an exact-size copy so ASan sees overreads. */
	text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	if (!acpidump_parse(text, size, "fuzz", &t, &quiet))
		render(&t);
	fw_tables_free(&t);
	free(text);
	parse_log_free(&quiet);
	return 0;
}
