// SPDX-License-Identifier: MIT OR GPL-2.0-or-later
/*
 * DMAR, IVRS and acpidump-text parsers.  Field offsets follow the VT-d
 * specification (chapter 8), the AMD I/O Virtualization Technology
 * specification (IVRS) and Linux's drivers/iommu/{intel/dmar.c,amd/init.c}.
 */
#define _GNU_SOURCE
#include "acpi.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Both tables start their subtables after a 12-byte table-specific part. */
#define SUBTABLES_START 48

#define DMAR_TYPE_RMRR 1
#define DMAR_TYPE_MAX_KNOWN 7	/* DRHD .. SIDP: skipped silently */
#define RMRR_FIXED_LEN 24
#define SCOPE_FIXED_LEN 6

#define IVMD_LEN 32

/* For messages about text lines rather than table bytes. */
#define NO_OFFSET ((size_t)-1)

__attribute__((format(printf, 5, 0)))
static void vreport(struct parse_log *log, const char *level,
		    const char *source, size_t offset, const char *fmt,
		    va_list ap)
{
	if (!log->out)
		return;
	if (offset == NO_OFFSET)
		fprintf(log->out, "relax-check: %s: %s: ", level, source);
	else
		fprintf(log->out, "relax-check: %s: %s: offset 0x%zx: ", level,
			source, offset);
	vfprintf(log->out, fmt, ap);
	fputc('\n', log->out);
}

/* Report why the input cannot be trusted; returns -1 for the caller. */
__attribute__((format(printf, 4, 5)))
static int fail(struct parse_log *log, const char *source, size_t offset,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(log, "error", source, offset, fmt, ap);
	va_end(ap);
	return -1;
}

/* Report a part that is skipped while the rest stays sound. */
__attribute__((format(printf, 4, 5)))
static void warn(struct parse_log *log, const char *source, size_t offset,
		 const char *fmt, ...)
{
	char text[512], *where = text;
	size_t n = log->warnings;
	va_list ap;

	/* The text is kept for --json, whose reader may not see stderr. */
	if (offset == NO_OFFSET)
		sfmt(text, sizeof(text), "%s: ", source);
	else
		sfmt(text, sizeof(text), "%s: offset 0x%zx: ", source, offset);
	where += strlen(text);
	va_start(ap, fmt);
	vsnprintf(where, sizeof(text) - (size_t)(where - text), fmt, ap);
	va_end(ap);
	*(char **)array_push(&log->texts, &n, sizeof(char *)) = xstrdup(text);
	log->warnings++;

	va_start(ap, fmt);
	vreport(log, "warning", source, offset, fmt, ap);
	va_end(ap);
}

void parse_log_free(struct parse_log *log)
{
	for (unsigned i = 0; i < log->warnings; i++)
		free(log->texts[i]);
	free(log->texts);
	log->texts = NULL;
	log->warnings = 0;
}

/*
 * Text where a raw table belongs: acpidump output ("DMAR @ 0x...") starts
 * with the very signature, so the header check alone would only report a
 * nonsense length.  A raw table's length field holds NUL bytes below
 * 16 MiB, and text has none.
 */
static int looks_like_text(const uint8_t *buf, size_t len)
{
	size_t n = len < 64 ? len : 64;

	if (n < 8)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isprint(buf[i]) && !isspace(buf[i]))
			return 0;
	return 1;
}

/*
 * Check the common ACPI header; on success *table_len is the length the
 * header declares, trimmed to it (trailing bytes get a warning).
 */
static int check_header(const uint8_t *buf, size_t len, const char *sig,
			const char *source, struct parse_log *log,
			size_t *table_len)
{
	uint32_t declared;
	uint8_t sum = 0;
	size_t i;

	if (looks_like_text(buf, len))
		return fail(log, source, NO_OFFSET,
			    "this is text, not a raw %s table; for acpidump output use --acpidump %s",
			    sig, source);
	if (len < SUBTABLES_START)
		return fail(log, source, len,
			    "truncated: %zu bytes, shorter than the %d-byte %s header",
			    len, SUBTABLES_START, sig);
	if (memcmp(buf, sig, 4)) {
		char got[5];

		for (i = 0; i < 4; i++)
			got[i] = isprint(buf[i]) ? (char)buf[i] : '?';
		got[4] = '\0';
		return fail(log, source, 0,
			    "signature is '%s', expected '%s' (is this the right file?)",
			    got, sig);
	}
	declared = le32(buf + 4);
	if (declared < SUBTABLES_START)
		return fail(log, source, 4,
			    "table length %u is shorter than the %d-byte %s header",
			    declared, SUBTABLES_START, sig);
	if (declared > len)
		return fail(log, source, len,
			    "truncated: header says %u bytes, only %zu present",
			    declared, len);
	if (declared < len)
		warn(log, source, declared,
		     "%zu bytes after the table's declared end ignored",
		     len - declared);
	for (i = 0; i < declared; i++)
		sum = (uint8_t)(sum + buf[i]);
	/* Linux warns and uses such a table anyway, so only warn too. */
	if (sum)
		warn(log, source, 9,
		     "checksum mismatch (bytes sum to 0x%02x, not 0): the table may be corrupt",
		     sum);
	*table_len = declared;
	return 0;
}

static int parse_scope(const uint8_t *p, size_t avail, size_t offset,
		       const char *source, struct parse_log *log,
		       struct rmrr *r)
{
	uint8_t type, len = p[1];
	struct dev_scope *s;
	size_t i, depth;

	if (len < SCOPE_FIXED_LEN)
		return fail(log, source, offset,
			    "device scope length %u is shorter than its %d-byte header",
			    len, SCOPE_FIXED_LEN);
	if (len > avail)
		return fail(log, source, offset,
			    "device scope length %u runs past the end of its RMRR (%zu bytes left)",
			    len, avail);
	if ((len - SCOPE_FIXED_LEN) % 2)
		return fail(log, source, offset,
			    "device scope length %u leaves an odd number of path bytes; a path is (device, function) pairs",
			    len);
	type = p[0];
	if (type != SCOPE_ENDPOINT && type != SCOPE_BRIDGE) {
		/* IOAPIC, HPET, ACPI namespace: Linux ignores them here. */
		warn(log, source, offset,
		     "device scope type %u in an RMRR names no PCI function; skipped",
		     type);
		return 0;
	}
	depth = (size_t)(len - SCOPE_FIXED_LEN) / 2;
	if (depth == 0)
		return fail(log, source, offset, "device scope has an empty path");
	if (depth > SCOPE_MAX_DEPTH)
		return fail(log, source, offset,
			    "device scope path has %zu hops; at most %d are believable",
			    depth, SCOPE_MAX_DEPTH);

	s = array_push(&r->scopes, &r->nscopes, sizeof(*s));
	s->type = type;
	s->start_bus = p[5];
	s->depth = (uint8_t)depth;
	s->offset = offset;
	for (i = 0; i < depth; i++) {
		s->path[i].dev = p[SCOPE_FIXED_LEN + 2 * i];
		s->path[i].fn = p[SCOPE_FIXED_LEN + 2 * i + 1];
		if (s->path[i].dev > 0x1f || s->path[i].fn > 7)
			return fail(log, source,
				    offset + SCOPE_FIXED_LEN + 2 * i,
				    "device scope path hop %02x.%x is not a PCI device.function (device <= 1f, function <= 7)",
				    s->path[i].dev, s->path[i].fn);
	}
	return 0;
}

static int parse_rmrr(const uint8_t *p, size_t len, size_t offset,
		      const char *source, struct parse_log *log,
		      struct fw_tables *t)
{
	struct rmrr *r;
	size_t pos;

	if (len < RMRR_FIXED_LEN)
		return fail(log, source, offset,
			    "RMRR length %zu is shorter than its %d fixed bytes",
			    len, RMRR_FIXED_LEN);
	r = array_push(&t->rmrr, &t->nrmrr, sizeof(*r));
	r->segment = le16(p + 6);
	r->base = le64(p + 8);
	r->limit = le64(p + 16);
	r->offset = offset;
	if (r->limit < r->base || r->base & 0xfff || (r->limit & 0xfff) != 0xfff)
		warn(log, source, offset + 8,
		     "RMRR [0x%016llx-0x%016llx] is not a page-aligned range; Linux reports a firmware bug and uses it anyway",
		     (unsigned long long)r->base, (unsigned long long)r->limit);

	for (pos = RMRR_FIXED_LEN; pos < len;) {
		if (len - pos < 2)
			return fail(log, source, offset + pos,
				    "truncated device scope: %zu byte left in the RMRR",
				    len - pos);
		if (parse_scope(p + pos, len - pos, offset + pos, source, log,
				r))
			return -1;
		pos += p[pos + 1];
	}
	if (!r->nscopes)
		warn(log, source, offset,
		     "RMRR [0x%016llx-0x%016llx] names no PCI device; it covers nothing",
		     (unsigned long long)r->base, (unsigned long long)r->limit);
	return 0;
}

int dmar_parse(const uint8_t *buf, size_t len, const char *source,
	       struct fw_tables *t, struct parse_log *log)
{
	size_t pos, table_len;

	if (t->dmar_source)
		return fail(log, source, 0,
			    "a second DMAR table (the first came from %s)",
			    t->dmar_source);
	if (check_header(buf, len, "DMAR", source, log, &table_len))
		return -1;
	t->dmar_source = xstrdup(source);

	for (pos = SUBTABLES_START; pos < table_len;) {
		uint16_t type, sub_len;

		if (table_len - pos < 4)
			return fail(log, source, pos,
				    "truncated subtable header: %zu bytes left, 4 needed",
				    table_len - pos);
		type = le16(buf + pos);
		sub_len = le16(buf + pos + 2);
		if (sub_len < 4)
			return fail(log, source, pos,
				    "subtable type %u has length %u; the table cannot be walked further",
				    type, sub_len);
		if (sub_len > table_len - pos)
			return fail(log, source, pos,
				    "subtable type %u, length %u runs past the table end (%zu bytes left)",
				    type, sub_len, table_len - pos);
		if (type == DMAR_TYPE_RMRR) {
			if (parse_rmrr(buf + pos, sub_len, pos, source, log, t))
				return -1;
		} else if (type >= DMAR_TYPE_MAX_KNOWN) {
			warn(log, source, pos,
			     "unknown subtable type %u (length %u) skipped",
			     type, sub_len);
		}
		pos += sub_len;
	}
	return 0;
}

static int parse_ivmd(const uint8_t *p, size_t len, size_t offset,
		      const char *source, struct parse_log *log,
		      struct fw_tables *t)
{
	struct ivmd *m;

	if (len < IVMD_LEN)
		return fail(log, source, offset,
			    "IVMD type 0x%02x has length %zu, expected %d",
			    p[0], len, IVMD_LEN);
	m = array_push(&t->ivmd, &t->nivmd, sizeof(*m));
	m->type = p[0];
	m->flags = p[1];
	m->offset = offset;
	/* Older specs call the segment field reserved (zero); Linux reads it. */
	m->segment = le16(p + 8);
	m->start = le64(p + 16);
	m->length = le64(p + 24);
	switch (m->type) {
	case IVMD_ALL:
		m->first = 0;
		m->last = 0xffff;
		break;
	case IVMD_ONE:
		m->first = m->last = le16(p + 4);
		break;
	default:	/* IVMD_RANGE: the end device sits in the aux field */
		m->first = le16(p + 4);
		m->last = le16(p + 6);
		if (m->last < m->first)
			warn(log, source, offset + 6,
			     "IVMD range ends (devid 0x%04x) before it starts (0x%04x); Linux maps it for no device",
			     m->last, m->first);
		break;
	}
	if (!ivmd_is_identity_map(m))
		warn(log, source, offset,
		     "IVMD flags 0x%02x set neither unity (0x01) nor exclusion (0x08); Linux ignores this entry",
		     m->flags);
	return 0;
}

int ivrs_parse(const uint8_t *buf, size_t len, const char *source,
	       struct fw_tables *t, struct parse_log *log)
{
	size_t pos, table_len;

	if (t->ivrs_source)
		return fail(log, source, 0,
			    "a second IVRS table (the first came from %s)",
			    t->ivrs_source);
	if (check_header(buf, len, "IVRS", source, log, &table_len))
		return -1;
	t->ivrs_source = xstrdup(source);

	for (pos = SUBTABLES_START; pos < table_len;) {
		uint8_t type;
		uint16_t sub_len;

		if (table_len - pos < 4)
			return fail(log, source, pos,
				    "truncated subtable header: %zu bytes left, 4 needed",
				    table_len - pos);
		type = buf[pos];
		sub_len = le16(buf + pos + 2);
		/* Linux would loop forever on a zero length: stop here. */
		if (sub_len < 4)
			return fail(log, source, pos,
				    "subtable type 0x%02x has length %u; the table cannot be walked further",
				    type, sub_len);
		if (sub_len > table_len - pos)
			return fail(log, source, pos,
				    "subtable type 0x%02x, length %u runs past the table end (%zu bytes left)",
				    type, sub_len, table_len - pos);
		switch (type) {
		case IVMD_ALL:
		case IVMD_ONE:
		case IVMD_RANGE:
			if (parse_ivmd(buf + pos, sub_len, pos, source, log, t))
				return -1;
			break;
		case 0x10:	/* IVHD blocks: context only, walked past */
		case 0x11:
		case 0x40:
			break;
		default:
			warn(log, source, pos,
			     "unknown subtable type 0x%02x (length %u) skipped; Linux ignores it too",
			     type, sub_len);
			break;
		}
		pos += sub_len;
	}
	return 0;
}

/* ---- acpidump text ---------------------------------------------------- */

/* One table being collected from the dump. */
struct dump_table {
	char sig[5];
	size_t line;		/* of its "SIG @ 0x..." header */
	int broken;		/* a table we do not need had a broken line */
	uint8_t *bytes;
	size_t len, cap;
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* "DMAR @ 0x00000000BD6F7000": 1 and the signature when it is one. */
static int is_table_header(const char *line, size_t n, char sig[5])
{
	size_t i = 0;

	while (i < n && isspace((unsigned char)line[i]))
		i++;
	if (n - i < 9)	/* "SIG @ 0x" and a digit */
		return 0;
	for (int k = 0; k < 4; k++)
		if (!isprint((unsigned char)line[i + k]) || line[i + k] == ' ')
			return 0;
	if (memcmp(line + i + 4, " @ 0x", 5))
		return 0;
	memcpy(sig, line + i, 4);
	sig[4] = '\0';
	return 1;
}

/*
 * "    0010: 42 45 41 52 ...  BEARLAKE": the offset and up to 16 bytes,
 * which end at two spaces (the ASCII column) or at the line end.
 * Returns the byte count, 0 when the line is not a data line, -1 when it
 * starts like one but is broken.
 */
static int parse_data_line(const char *line, size_t n, unsigned long *offset,
			   uint8_t bytes[16])
{
	size_t i = 0;
	int count = 0, digits = 0;

	while (i < n && isspace((unsigned char)line[i]))
		i++;
	*offset = 0;
	while (i < n && hexval(line[i]) >= 0 && digits < 8) {
		*offset = *offset * 16 + (unsigned long)hexval(line[i++]);
		digits++;
	}
	if (digits < 4 || i >= n || line[i] != ':')
		return 0;
	i++;
	while (count < 16) {
		if (i >= n)
			break;	/* the line ends after its last byte */
		if (line[i] != ' ')
			return -1;
		if (i + 1 >= n || line[i + 1] == ' ')
			break;	/* trailing space or the ASCII column */
		if (i + 2 >= n || hexval(line[i + 1]) < 0 ||
		    hexval(line[i + 2]) < 0)
			return -1;
		if (i + 3 < n && line[i + 3] != ' ')
			return -1;
		bytes[count++] = (uint8_t)(hexval(line[i + 1]) << 4 |
					   hexval(line[i + 2]));
		i += 3;
	}
	return count ? count : -1;
}

static int is_blank(const char *line, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)line[i]))
			return 0;
	return 1;
}

/* The tables this tool reads out of a dump. */
static int is_wanted(const char *sig)
{
	return !strcmp(sig, "DMAR") || !strcmp(sig, "IVRS");
}

static int finish_table(struct dump_table *d, const char *source,
			struct fw_tables *t, struct parse_log *log)
{
	char name[512];
	int ret = 0;

	sfmt(name, sizeof(name), "%s: %s (line %zu)", source, d->sig, d->line);
	if (!strcmp(d->sig, "DMAR"))
		ret = dmar_parse(d->bytes, d->len, name, t, log);
	else if (!strcmp(d->sig, "IVRS"))
		ret = ivrs_parse(d->bytes, d->len, name, t, log);
	free(d->bytes);
	memset(d, 0, sizeof(*d));
	return ret;
}

int acpidump_parse(const char *text, size_t len, const char *source,
		   struct fw_tables *t, struct parse_log *log)
{
	struct dump_table cur = { 0 };
	char seen[256] = "";
	size_t pos = 0, lineno = 0;
	int in_table = 0;

	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;
		unsigned long offset;
		uint8_t bytes[16];
		char sig[5];
		int count;

		pos += n + (nl ? 1 : 0);
		lineno++;
		if (n && line[n - 1] == '\r')	/* pasted from Windows */
			n--;

		if (is_table_header(line, n, sig)) {
			if (in_table && finish_table(&cur, source, t, log))
				goto error;
			in_table = 1;
			memcpy(cur.sig, sig, 5);
			cur.line = lineno;
			if (strlen(seen) + 6 < sizeof(seen)) {
				strcat(seen, seen[0] ? ", " : "");
				strcat(seen, sig);
			}
			continue;
		}
		count = parse_data_line(line, n, &offset, bytes);
		if (!in_table) {
			if (count > 0) {
				fail(log, source, NO_OFFSET,
				     "line %zu: table data before any \"SIG @ 0x...\" header line",
				     lineno);
				goto error;
			}
			continue;	/* prose around the dump */
		}
		if (count == 0 && is_blank(line, n)) {
			/* A blank line ends the table. */
			if (finish_table(&cur, source, t, log))
				goto error;
			in_table = 0;
			continue;
		}
		if (cur.broken)
			continue;
		if (count <= 0 || offset != cur.len) {
			char what[128];

			if (count <= 0)
				sfmt(what, sizeof(what),
				     "broken line; expected \"OFFSET: HH HH ...\" with up to 16 hex bytes");
			else
				sfmt(what, sizeof(what),
				     "offset 0x%lx, expected 0x%zx (a line is missing or repeated)",
				     offset, cur.len);
			if (is_wanted(cur.sig)) {
				fail(log, source, NO_OFFSET,
				     "line %zu (in %s from line %zu): %s", lineno,
				     cur.sig, cur.line, what);
				goto error;
			}
			/* A table we do not read: skip it, keep the rest. */
			warn(log, source, NO_OFFSET,
			     "line %zu (in %s from line %zu): %s; the rest of %s is skipped (not needed here)",
			     lineno, cur.sig, cur.line, what, cur.sig);
			cur.broken = 1;
			continue;
		}
		if (cur.len + (size_t)count > cur.cap) {
			cur.cap = cur.cap ? cur.cap * 2 : 4096;
			cur.bytes = xrealloc(cur.bytes, cur.cap);
		}
		memcpy(cur.bytes + cur.len, bytes, (size_t)count);
		cur.len += (size_t)count;
	}
	if (in_table && finish_table(&cur, source, t, log))
		goto error;
	if (!t->dmar_source && !t->ivrs_source) {
		fail(log, source, NO_OFFSET,
		     "no DMAR or IVRS table in this acpidump (tables found: %s)",
		     seen[0] ? seen : "none");
		goto error;
	}
	return 0;
error:
	free(cur.bytes);	/* the table being collected, if any */
	return -1;
}

void fw_tables_free(struct fw_tables *t)
{
	for (size_t i = 0; i < t->nrmrr; i++)
		free(t->rmrr[i].scopes);
	free(t->rmrr);
	free(t->ivmd);
	free(t->dmar_source);
	free(t->ivrs_source);
	memset(t, 0, sizeof(*t));
}

int ivmd_is_identity_map(const struct ivmd *m)
{
	return (m->flags & (IVMD_UNITY | IVMD_EXCLUSION)) &&
	       m->first <= m->last;
}

const char *scope_type_name(uint8_t type)
{
	return type == SCOPE_BRIDGE ? "bridge" : "endpoint";
}

void scope_path_string(const struct dev_scope *s, char *buf, size_t size)
{
	size_t used;

	sfmt(buf, size, "%02x:", s->start_bus);
	for (size_t i = 0; i < s->depth; i++) {
		used = strlen(buf);
		sfmt(buf + used, size - used, "%s%02x.%x", i ? "/" : "",
		     s->path[i].dev, s->path[i].fn);
	}
}

void ivmd_flags_string(uint8_t flags, char *buf, size_t size)
{
	static const char *const names[] = { "unity", "read", "write",
					     "exclusion" };

	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (!(flags & (1u << i)))
			continue;
		size_t used = strlen(buf);

		sfmt(buf + used, size - used, "%s%s", used ? "," : "",
		     names[i]);
	}
	if (!buf[0])
		sfmt(buf, size, "none");
}
