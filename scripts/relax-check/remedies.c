// SPDX-License-Identifier: MIT OR GPL-2.0-or-later
/* Firmware-side remedies as data; see remedies.h and remedies.conf. */
#define _GNU_SOURCE
#include "remedies.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#define REMEDIES_FILE "remedies.conf"


char *remedies_locate(const char *explicit_path)
{
	char exe[PATH_MAX], path[PATH_MAX + 32];
	ssize_t n;

	if (explicit_path)
		return xstrdup(explicit_path);
	/* Run from the build directory: the file sits beside the binary. */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			sfmt(path, sizeof(path), "%s/%s", exe, REMEDIES_FILE);
			if (!access(path, R_OK))
				return xstrdup(path);
		}
	}
	sfmt(path, sizeof(path), "%s/%s", DATADIR, REMEDIES_FILE);
	if (!access(path, R_OK))
		return xstrdup(path);
	return NULL;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	rtrim(s);
	return s;
}

/* The slot a key fills, NULL for "step" and unknown keys. */
static char **key_slot(struct remedy *r, const char *key)
{
	static const struct {
		const char *key;
		size_t field;
	} keys[] = {
		{ "vendor", offsetof(struct remedy, vendor) },
		{ "product", offsetof(struct remedy, product) },
		{ "bios", offsetof(struct remedy, bios) },
		{ "table", offsetof(struct remedy, table) },
		{ "class", offsetof(struct remedy, class) },
		{ "region", offsetof(struct remedy, region) },
		{ "title", offsetof(struct remedy, title) },
		{ "source", offsetof(struct remedy, source) },
	};

	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (!strcmp(key, keys[i].key))
			return (char **)((char *)r + keys[i].field);
	return NULL;
}

static int finish(const struct remedy *r, const char *path)
{
	if (r && (!r->title || !r->nsteps)) {
		fprintf(stderr,
			"relax-check: error: %s:%zu: a [remedy] needs a title and at least one step\n",
			path, r->line);
		return -1;
	}
	return 0;
}

int remedies_load(const char *path, struct remedy_set *set)
{
	struct remedy *cur = NULL;
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	FILE *f;
	int ret = 0;

	memset(set, 0, sizeof(*set));
	set->path = xstrdup(path);
	f = fopen(path, "re");
	if (!f) {
		fprintf(stderr, "relax-check: error: cannot read remedies file %s: %s\n",
			path, strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) > 0) {
		char *s = trim(line), *eq, *key, *value, **slot;

		lineno++;
		if (!*s || *s == '#')
			continue;
		if (!strcmp(s, "[remedy]")) {
			if (finish(cur, path))
				goto bad;
			cur = array_push(&set->items, &set->n, sizeof(*cur));
			cur->line = lineno;
			continue;
		}
		eq = strchr(s, '=');
		if (!cur || !eq) {
			fprintf(stderr,
				"relax-check: error: %s:%zu: expected \"[remedy]\" or \"key = value\" inside a [remedy] block\n",
				path, lineno);
			goto bad;
		}
		*eq = '\0';
		key = trim(s);
		value = trim(eq + 1);
		if (!strcmp(key, "step")) {
			char **step = array_push(&cur->steps, &cur->nsteps,
						 sizeof(*step));
			*step = xstrdup(value);
			continue;
		}
		slot = key_slot(cur, key);
		if (!slot) {
			fprintf(stderr,
				"relax-check: error: %s:%zu: unknown key '%s' (known: vendor product bios table class region title step source)\n",
				path, lineno, key);
			goto bad;
		}
		free(*slot);
		*slot = xstrdup(value);
	}
	if (finish(cur, path))
		goto bad;
	goto out;
bad:
	ret = -1;
out:
	free(line);
	fclose(f);
	return ret;
}

/* Whether value matches one of the " | "-separated globs, ignoring case. */
static int glob_any(const char *globs, const char *value)
{
	char buf[512], *save = NULL, *alt;

	if (!value || !*value)
		return 0;
	sfmt(buf, sizeof(buf), "%s", globs);
	for (alt = strtok_r(buf, "|", &save); alt;
	     alt = strtok_r(NULL, "|", &save))
		if (!fnmatch(trim(alt), value, FNM_CASEFOLD))
			return 1;
	return 0;
}

/* An absent key matches anything; a present one must match. */
static int key_ok(const char *globs, const char *a, const char *b)
{
	return !globs || glob_any(globs, a) || (b && glob_any(globs, b));
}

int remedy_matches(const struct remedy *r, const struct remedy_context *ctx)
{
	char class[16];

	sfmt(class, sizeof(class), "0x%06x", ctx->class);
	return key_ok(r->vendor, ctx->dmi->sys_vendor, ctx->dmi->board_vendor) &&
	       key_ok(r->product, ctx->dmi->product_name, ctx->dmi->board_name) &&
	       key_ok(r->bios, ctx->dmi->bios_version, NULL) &&
	       key_ok(r->table, ctx->table, NULL) &&
	       key_ok(r->class, class, NULL) &&
	       key_ok(r->region, ctx->ivmd_range ? "ivmd-range" : "single",
		      NULL);
}

void remedies_free(struct remedy_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		struct remedy *r = &set->items[i];

		free(r->vendor);
		free(r->product);
		free(r->bios);
		free(r->table);
		free(r->class);
		free(r->region);
		free(r->title);
		free(r->source);
		for (size_t k = 0; k < r->nsteps; k++)
			free(r->steps[k]);
		free(r->steps);
	}
	free(set->items);
	free(set->path);
	memset(set, 0, sizeof(*set));
}
