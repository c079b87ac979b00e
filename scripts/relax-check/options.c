// SPDX-License-Identifier: MIT OR GPL-2.0-or-later
/* The relax patch's boot options; see options.h. */
#define _GNU_SOURCE
#include "options.h"

#include <ctype.h>
#include <limits.h>
#include <string.h>

#include "util.h"

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* min to max hex digits at *p, stopping before end (hex_field). */
static int parse_hex(const char **p, const char *end, int min, int max,
		     unsigned *val)
{
	int digits = 0, d;

	*val = 0;
	while (*p < end && (d = hex_digit(**p)) >= 0) {
		if (++digits > max)
			return 0;
		*val = *val * 16 + (unsigned)d;
		(*p)++;
	}
	return digits >= min;
}

/* "[DDDD:]BB:DD[.F]" with lspci -D's widths; VMD domains 5-8 digits (parse_bdf). */
static int parse_bdf(const char *p, const char *end, struct selector *sel)
{
	const char *colon = memchr(p, ':', (size_t)(end - p)), *start = p;
	unsigned seg = 0, bus, dev, fn = 0;

	if (colon && memchr(colon + 1, ':', (size_t)(end - colon - 1))) {
		if (!parse_hex(&p, end, 4, 8, &seg) || *p != ':' ||
		    seg > INT_MAX || (p - start > 4 && *start == '0'))
			return -1;
		p++;
	}
	if (!parse_hex(&p, end, 2, 2, &bus) || p == end || *p++ != ':' ||
	    !parse_hex(&p, end, 2, 2, &dev) || dev > 0x1f)
		return -1;
	sel->all_fn = p == end;
	if (!sel->all_fn &&
	    (*p++ != '.' || !parse_hex(&p, end, 1, 1, &fn) || p != end || fn > 7))
		return -1;
	sel->segment = seg;
	sel->bus = (uint8_t)bus;
	sel->dev = (uint8_t)dev;
	sel->fn = (uint8_t)fn;
	return 0;
}

/* "VVVV:DDDD[:SSSS:SSSS]" after "pci:" (parse_ids). */
static int parse_ids(const char *p, const char *end, struct selector *sel)
{
	unsigned id, nr = 0;

	for (;;) {
		if (!parse_hex(&p, end, 4, 4, &id))
			return -1;
		sel->id[nr++] = (uint16_t)id;
		if (p == end)
			break;
		if (nr == ARRAY_SIZE(sel->id) || *p++ != ':')
			return -1;
	}
	/* 0000 matches any ID, but a selector must name a vendor. */
	if ((nr != 2 && nr != 4) || !sel->id[0])
		return -1;
	sel->by_id = 1;
	return 0;
}

int selector_parse(const char *s, size_t n, struct selector *sel)
{
	memset(sel, 0, sizeof(*sel));
	if (n > 4 && !strncmp(s, "pci:", 4))
		return parse_ids(s + 4, s + n, sel);
	return parse_bdf(s, s + n, sel);
}

int selector_matches(const struct selector *sel, const struct pci_ident *f)
{
	if (sel->by_id) {
		for (size_t i = 0; i < ARRAY_SIZE(sel->id); i++)
			if (sel->id[i] && sel->id[i] != f->id[i])
				return 0;
		return 1;
	}
	return sel->segment == f->segment && sel->bus == f->bus &&
	       sel->dev == f->dev && (sel->all_fn || sel->fn == f->fn);
}

void selector_format(const struct selector *s, char *buf, size_t size)
{
	if (s->by_id && (s->id[2] || s->id[3]))
		sfmt(buf, size, "pci:%04x:%04x:%04x:%04x", s->id[0], s->id[1],
		     s->id[2], s->id[3]);
	else if (s->by_id)
		sfmt(buf, size, "pci:%04x:%04x", s->id[0], s->id[1]);
	else if (s->all_fn)
		sfmt(buf, size, "%04x:%02x:%02x.*", s->segment, s->bus, s->dev);
	else
		sfmt(buf, size, "%04x:%02x:%02x.%x", s->segment, s->bus, s->dev,
		     s->fn);
}

void relax_option_init(struct relax_option *o, int amd)
{
	memset(o, 0, sizeof(*o));
	o->option = amd ? "amd_iommu" : "intel_iommu";
	o->token = amd ? "relax_unity" : "relax_rmrr";
	o->table = amd ? "IVRS" : "DMAR";
}

static void append_word(char *buf, size_t size, const char *word, size_t n)
{
	size_t used = strlen(buf);

	sfmt(buf + used, size - used, "%s%.*s", used ? " " : "", (int)n, word);
}

void relax_option_init_module(struct relax_option *o, int amd)
{
	memset(o, 0, sizeof(*o));
	o->option = "relax_iommu";
	o->token = amd ? "unity" : "rmrr";
	o->table = amd ? "IVRS" : "DMAR";
	o->log_name = amd ? "relax_iommu.unity" : "relax_iommu.rmrr";
}

/* As iommu_relax_parse_list(): the module loads only when all of it parses. */
void relax_option_parse_list(struct relax_option *o, const char *list)
{
	const char *p = list;

	o->given = 1;
	if (!strcmp(list, "all")) {
		o->all = 1;
		return;
	}
	for (;;) {
		size_t n = strcspn(p, ",");
		struct selector sel;

		if (selector_parse(p, n, &sel) || o->nsel == RELAX_MAX_SELECTORS)
			append_word(o->bad, sizeof(o->bad), p, n);
		else
			o->sel[o->nsel++] = sel;
		if (!p[n])
			break;
		p += n + 1;
	}
}

/* One comma-separated token of "<option>=..." (iommu_relax_parse_token). */
static void parse_token(struct relax_option *o, const char *tok, size_t len)
{
	size_t name = strlen(o->token);
	struct selector sel;

	if (len < name || strncmp(tok, o->token, name))
		return;
	if (len == name) {
		o->given = o->all = 1;
		return;
	}
	if (tok[name] != '=')
		return;
	o->given = 1;
	if (selector_parse(tok + name + 1, len - name - 1, &sel)) {
		append_word(o->bad, sizeof(o->bad), tok, len);
		return;
	}
	for (size_t i = 0; i < o->nsel; i++)
		if (!memcmp(&o->sel[i], &sel, sizeof(sel)))
			return;
	if (o->nsel == RELAX_MAX_SELECTORS) {
		append_word(o->bad, sizeof(o->bad), tok, len);
		return;
	}
	o->sel[o->nsel++] = sel;
}

void relax_option_parse_cmdline(struct relax_option *o, const char *cmdline)
{
	size_t prefix = strlen(o->option);
	const char *p = cmdline;

	while (*p) {
		size_t word = strcspn(p, " \t\n");

		/* Quoted values are rare here; words split on blanks. */
		if (word > prefix + 1 && !strncmp(p, o->option, prefix) &&
		    p[prefix] == '=') {
			const char *v = p + prefix + 1, *end = p + word;

			while (v < end) {
				size_t tok = strcspn(v, ",");

				if (v + tok > end)
					tok = (size_t)(end - v);
				parse_token(o, v, tok);
				v += tok;
				while (v < end && *v == ',')
					v++;
			}
		}
		p += word;
		while (*p && isspace((unsigned char)*p))
			p++;
	}
}

void relax_option_parse_log(struct relax_option *o, const char *msg)
{
	char prefix[64];
	const char *at;

	if (o->log_name)
		sfmt(prefix, sizeof(prefix), "%s: ", o->log_name);
	else
		sfmt(prefix, sizeof(prefix), "%s=%s: ", o->option, o->token);
	at = strstr(msg, prefix);
	if (!at)
		return;
	at += strlen(prefix);
	if (!strncmp(at, "relaxing ", 9))
		o->announced = 1;
	else if (strstr(at, "reported as relaxable"))
		o->relaxed_lines++;
	else if (!strncmp(at, "no ", 3) && strstr(at, " region matched ")) {
		/* late boot: "no RMRR region matched 0000:03:00.0" */
		size_t used = strlen(o->unmatched);

		sfmt(o->unmatched + used, sizeof(o->unmatched) - used, "%s%s",
		     used ? ", " : "", strstr(at, " region matched ") + 16);
	} else if (!strncmp(at, "ignoring ", 9)) {
		size_t used = strlen(o->kernel_errors);

		sfmt(o->kernel_errors + used, sizeof(o->kernel_errors) - used,
		     "%s%s", used ? "; " : "", at);
	}
}

int relax_option_selects(const struct relax_option *o,
			 const struct pci_ident *f)
{
	if (o->all)
		return 1;
	for (size_t i = 0; i < o->nsel; i++)
		if (selector_matches(&o->sel[i], f))
			return 1;
	return 0;
}
