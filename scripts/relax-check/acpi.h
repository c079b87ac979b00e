/* SPDX-License-Identifier: MIT OR GPL-2.0-or-later */
/*
 * Parsers for the two firmware tables that declare identity maps:
 * DMAR (Intel VT-d: RMRR structures) and IVRS (AMD-Vi: IVMD blocks),
 * plus the acpidump text format that carries them in bug reports.
 *
 * Every parser takes untrusted bytes: it checks each length against the
 * buffer before reading and reports problems naming the source, table
 * and byte offset.
 */
#ifndef RELAX_ACPI_H
#define RELAX_ACPI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ACPI_HEADER_LEN 36

/* DMAR device scope types that name PCI functions. */
enum { SCOPE_ENDPOINT = 1, SCOPE_BRIDGE = 2 };

/* Deeper paths than this do not exist on real machines. */
#define SCOPE_MAX_DEPTH 32

struct pci_hop {
	uint8_t dev, fn;
};

struct dev_scope {
	uint8_t type;		/* SCOPE_ENDPOINT or SCOPE_BRIDGE */
	uint8_t start_bus;
	uint8_t depth;		/* hops in path */
	struct pci_hop path[SCOPE_MAX_DEPTH];
	size_t offset;		/* in the table, for messages */
	/* Filled by resolve_scopes(), not by the parser: */
	char bdf[16];		/* "0000:03:00.0", "" when unresolved */
	uint8_t bus;		/* the bus of the last hop, when resolved */
	int present;		/* the function exists on the live system */
	char note[96];		/* why unresolved or absent */
};

struct rmrr {
	uint16_t segment;
	uint64_t base, limit;
	size_t offset;
	size_t nscopes;
	struct dev_scope *scopes;
};

enum { IVMD_ALL = 0x20, IVMD_ONE = 0x21, IVMD_RANGE = 0x22 };
enum {
	IVMD_UNITY = 0x01,
	IVMD_READ = 0x02,
	IVMD_WRITE = 0x04,
	IVMD_EXCLUSION = 0x08,
};

struct ivmd {
	uint8_t type, flags;
	uint16_t segment;
	uint16_t first, last;	/* device ids: bus << 8 | dev << 3 | fn */
	uint64_t start, length;
	size_t offset;
};

/* What the tables declare; one DMAR and one IVRS at most. */
struct fw_tables {
	char *dmar_source, *ivrs_source;	/* NULL: table absent */
	struct rmrr *rmrr;
	size_t nrmrr;
	struct ivmd *ivmd;
	size_t nivmd;
};

/* Where parser messages go; out == NULL keeps the parser quiet. */
struct parse_log {
	FILE *out;
	unsigned warnings;
	char **texts;		/* each warning, "SOURCE: offset 0x..: what" */
};

void parse_log_free(struct parse_log *log);

/*
 * Parse one table.  source names it in messages ("DMAR.dat",
 * "dump.txt: DMAR").  Returns 0, or -1 after reporting why the table
 * cannot be trusted; warnings (skipped parts) are counted in log.
 */
int dmar_parse(const uint8_t *buf, size_t len, const char *source,
	       struct fw_tables *t, struct parse_log *log);
int ivrs_parse(const uint8_t *buf, size_t len, const char *source,
	       struct fw_tables *t, struct parse_log *log);

/*
 * Pick the DMAR and IVRS tables out of acpidump text and parse them.
 * Returns 0, or -1 after reporting the broken line or table; finding
 * neither table is an error too.
 */
int acpidump_parse(const char *text, size_t len, const char *source,
		   struct fw_tables *t, struct parse_log *log);

void fw_tables_free(struct fw_tables *t);

/* Whether Linux builds an identity map from this IVMD at all. */
int ivmd_is_identity_map(const struct ivmd *m);

/* "endpoint" / "bridge". */
const char *scope_type_name(uint8_t type);

/* The path as the table gives it: "00:1c.4/00.0" (start bus first). */
void scope_path_string(const struct dev_scope *s, char *buf, size_t size);

/* "unity,read,write" or "none". */
void ivmd_flags_string(uint8_t flags, char *buf, size_t size);

#endif
