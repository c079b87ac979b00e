// SPDX-License-Identifier: MIT OR GPL-2.0-or-later
/* The live system; see system.h. */
#define _GNU_SOURCE
#include "system.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "util.h"

#define TABLE_MAX (16u << 20)	/* firmware tables are kilobytes */
#define LOG_MAX (16u << 20)

void sys_path(const struct live_system *sys, char *buf, size_t size,
	      const char *path)
{
	sfmt(buf, size, "%s%s", sys->root, path);
}

/* A sysfs attribute holding a number ("0x8086", "12"); -1 if absent. */
static long read_number(const char *path, int base)
{
	char line[64], *end;
	long v;

	if (read_line(path, line, sizeof(line)))
		return -1;
	errno = 0;
	v = strtol(line, &end, base);
	if (errno || end == line || v < 0)
		return -1;
	return v;
}

/* Last component of a symlink's target ("../../../bus/pci/drivers/igb"). */
static void link_name(const char *path, char *out, size_t size)
{
	char target[PATH_MAX];
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	const char *slash;

	out[0] = '\0';
	if (n <= 0)
		return;
	target[n] = '\0';
	slash = strrchr(target, '/');
	sfmt(out, size, "%s", slash ? slash + 1 : target);
}

/* Secondary and subordinate bus of a bridge: sysfs files, else config. */
static void read_bridge_buses(const char *dir, struct pci_function *f)
{
	char path[PATH_MAX];
	uint8_t *cfg;
	size_t len;

	f->secondary = f->subordinate = -1;
	sfmt(path, sizeof(path), "%s/secondary_bus_number", dir);
	f->secondary = (int)read_number(path, 10);
	sfmt(path, sizeof(path), "%s/subordinate_bus_number", dir);
	f->subordinate = (int)read_number(path, 10);
	if (f->secondary >= 0 && f->subordinate >= 0)
		return;

	/* Older kernels: type 1 header, bytes 0x19 and 0x1a of config. */
	f->secondary = f->subordinate = -1;
	sfmt(path, sizeof(path), "%s/config", dir);
	if (read_file(path, &cfg, &len, 4096))
		return;
	if (len > 0x1a && (cfg[0x0e] & 0x7f) == 1) {
		f->secondary = cfg[0x19];
		f->subordinate = cfg[0x1a];
	}
	free(cfg);
}

static int cmp_fn(const void *a, const void *b)
{
	return strcmp(((const struct pci_function *)a)->name,
		      ((const struct pci_function *)b)->name);
}

static void load_pci(struct live_system *sys)
{
	char base[PATH_MAX], dir[PATH_MAX], path[PATH_MAX + 32];
	struct dirent *de;
	DIR *d;

	sys_path(sys, base, sizeof(base), "/sys/bus/pci/devices");
	d = opendir(base);
	if (!d)
		return;
	while ((de = readdir(d))) {
		unsigned seg, bus, dev, fn;
		struct pci_function *f;
		/* The domain has 4 hex digits or more: VMD's are 0x10000 up. */
		size_t width = strspn(de->d_name, "0123456789abcdef");
		int used = 0;
		long v;

		if (width < 4 || width > 8 ||
		    sscanf(de->d_name, "%8x:%2x:%2x.%1x%n", &seg, &bus, &dev,
			   &fn, &used) != 4 || used != (int)width + 8 ||
		    strlen(de->d_name) != width + 8 || dev > 0x1f || fn > 7)
			continue;
		f = array_push(&sys->fns, &sys->nfns, sizeof(*f));
		sfmt(f->name, sizeof(f->name), "%04x:%02x:%02x.%x", seg, bus,
		     dev, fn);
		f->segment = seg;
		f->bus = (uint8_t)bus;
		f->dev = (uint8_t)dev;
		f->fn = (uint8_t)fn;
		sfmt(dir, sizeof(dir), "%s/%s", base, de->d_name);
		sfmt(path, sizeof(path), "%s/vendor", dir);
		v = read_number(path, 16);
		f->vendor = v < 0 ? 0xffff : (uint16_t)v;
		sfmt(path, sizeof(path), "%s/device", dir);
		v = read_number(path, 16);
		f->device = v < 0 ? 0xffff : (uint16_t)v;
		sfmt(path, sizeof(path), "%s/subsystem_vendor", dir);
		v = read_number(path, 16);
		f->subvendor = v < 0 ? 0 : (uint16_t)v;
		sfmt(path, sizeof(path), "%s/subsystem_device", dir);
		v = read_number(path, 16);
		f->subdevice = v < 0 ? 0 : (uint16_t)v;
		sfmt(path, sizeof(path), "%s/class", dir);
		v = read_number(path, 16);
		f->class = v < 0 ? 0xffffff : (uint32_t)v;
		sfmt(path, sizeof(path), "%s/driver", dir);
		link_name(path, f->driver, sizeof(f->driver));
		sfmt(path, sizeof(path), "%s/iommu_group", dir);
		{
			char g[32], *end;

			link_name(path, g, sizeof(g));
			v = strtol(g, &end, 10);
			f->group = g[0] && !*end ? (int)v : -1;
		}
		read_bridge_buses(dir, f);
	}
	closedir(d);
	if (sys->nfns)
		qsort(sys->fns, sys->nfns, sizeof(*sys->fns), cmp_fn);
}

static void load_regions(struct iommu_group *g, const char *path)
{
	char line[256];
	FILE *f = fopen(path, "re");

	if (!f)
		return;
	g->readable = 1;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long start, end;
		char type[24];
		struct resv_region *r;

		if (sscanf(line, "%llx %llx %23s", &start, &end, type) != 3)
			continue;
		r = array_push(&g->regions, &g->nregions, sizeof(*r));
		r->start = start;
		r->end = end;
		sfmt(r->type, sizeof(r->type), "%s", type);
	}
	fclose(f);
}

static int cmp_group(const void *a, const void *b)
{
	return ((const struct iommu_group *)a)->id -
	       ((const struct iommu_group *)b)->id;
}

static void load_groups(struct live_system *sys)
{
	char base[PATH_MAX], path[PATH_MAX + 64];
	struct dirent *de;
	DIR *d;

	sys_path(sys, base, sizeof(base), "/sys/kernel/iommu_groups");
	d = opendir(base);
	if (!d)
		return;
	while ((de = readdir(d))) {
		struct iommu_group *g;
		char *end;
		long id = strtol(de->d_name, &end, 10);

		if (!isdigit((unsigned char)de->d_name[0]) || *end ||
		    id > 1000000)
			continue;
		g = array_push(&sys->groups, &sys->ngroups, sizeof(*g));
		g->id = (int)id;
		sfmt(path, sizeof(path), "%s/%s/reserved_regions", base,
		     de->d_name);
		load_regions(g, path);
	}
	closedir(d);
	if (sys->ngroups)
		qsort(sys->groups, sys->ngroups, sizeof(*sys->groups),
		      cmp_group);
}

/* Whether a kallsyms line names one of the patch's functions. */
static int is_relax_symbol(const char *line)
{
	static const char *const symbols[] = { "iommu_relax_classify",
					       "iommu_relax_parse_token" };
	char name[128];

	/* The relax_iommu module's own copies ("... [relax_iommu]") are not the patch. */
	if (strchr(line, '['))
		return 0;
	if (sscanf(line, "%*s %*s %127s", name) != 1)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(symbols); i++)
		if (!strcmp(name, symbols[i]))
			return 1;
	return 0;
}

/* 1: CONFIG_IOMMU_RELAX=y, 0: config read without it, -1: no config. */
static int config_has_relax(const struct live_system *sys, char *where,
			    size_t size)
{
	char path[PATH_MAX], rel[PATH_MAX], line[256];
	int found = 0;
	gzFile gz;

	/* gzopen reads plain files too, so one loop serves both. */
	sfmt(rel, sizeof(rel), "/boot/config-%s", sys->kernel.release);
	sys_path(sys, path, sizeof(path), rel);
	gz = sys->kernel.release[0] ? gzopen(path, "rb") : NULL;
	if (!gz) {
		sfmt(rel, sizeof(rel), "/proc/config.gz");
		sys_path(sys, path, sizeof(path), rel);
		gz = gzopen(path, "rb");
	}
	if (!gz)
		return -1;
	while (gzgets(gz, line, sizeof(line)))
		if (!strncmp(line, "CONFIG_IOMMU_RELAX=y", 20))
			found = 1;
	gzclose(gz);
	sfmt(where, size, "%s", rel);
	return found;
}

/* The relax_iommu module and its parameters ("(null)" when not set). */
static void detect_module(struct live_system *sys)
{
	struct kernel_state *k = &sys->kernel;
	static const char *const params[2] = { "rmrr", "unity" };
	char path[PATH_MAX], rel[PATH_MAX], val[1024];
	struct stat st;

	relax_option_init_module(&k->mod_intel, 0);
	relax_option_init_module(&k->mod_amd, 1);
	sys_path(sys, path, sizeof(path), "/sys/module");
	if (stat(path, &st)) {
		k->module = UNKNOWN;
		return;
	}
	sys_path(sys, path, sizeof(path), "/sys/module/relax_iommu");
	k->module = stat(path, &st) ? NO : YES;
	if (k->module != YES)
		return;
	for (int amd = 0; amd < 2; amd++) {
		sfmt(rel, sizeof(rel), "/sys/module/relax_iommu/parameters/%s",
		     params[amd]);
		sys_path(sys, path, sizeof(path), rel);
		val[0] = '\0';
		if (read_line(path, val, sizeof(val)) || !val[0] ||
		    !strcmp(val, "(null)"))
			continue;
		relax_option_parse_list(amd ? &k->mod_amd : &k->mod_intel, val);
	}
}

static void detect_patch(struct live_system *sys)
{
	struct kernel_state *k = &sys->kernel;
	char path[PATH_MAX], where[PATH_MAX], *line = NULL;
	int kallsyms = -1, config;
	size_t cap = 0;
	FILE *f;

	sys_path(sys, path, sizeof(path), "/proc/kallsyms");
	f = fopen(path, "re");
	if (f) {
		kallsyms = 0;
		while (getline(&line, &cap, f) > 0)
			if (is_relax_symbol(line)) {
				kallsyms = 1;
				break;
			}
		free(line);
		fclose(f);
	}
	config = config_has_relax(sys, where, sizeof(where));

	if (kallsyms == 1 || config == 1) {
		k->patched = YES;
		sfmt(k->patched_evidence, sizeof(k->patched_evidence), "%s%s",
		     kallsyms == 1 ? "iommu_relax_* in /proc/kallsyms" :
				     "CONFIG_IOMMU_RELAX=y in ",
		     kallsyms == 1 ? "" : where);
	} else if (kallsyms == 0 || config == 0) {
		k->patched = NO;
		sfmt(k->patched_evidence, sizeof(k->patched_evidence), "%s%s%s%s",
		     kallsyms == 0 ? "no iommu_relax_* in /proc/kallsyms" : "",
		     kallsyms == 0 && config == 0 ? ", " : "",
		     config == 0 ? "no CONFIG_IOMMU_RELAX=y in " : "",
		     config == 0 ? where : "");
	} else {
		k->patched = UNKNOWN;
		sfmt(k->patched_evidence, sizeof(k->patched_evidence),
		     "neither /proc/kallsyms nor a kernel config is readable");
	}
}

/* One log record or line: drop a /dev/kmsg "6,123,456,-;" prefix. */
static void feed_log_line(struct kernel_state *k, char *line)
{
	char *semi = strchr(line, ';');

	if (line[0] == ' ')	/* /dev/kmsg dictionary continuation */
		return;
	if (isdigit((unsigned char)line[0]) && semi &&
	    strspn(line, "0123456789,-+cx") == (size_t)(semi - line))
		line = semi + 1;
	relax_option_parse_log(&k->intel, line);
	relax_option_parse_log(&k->amd, line);
	relax_option_parse_log(&k->mod_intel, line);
	relax_option_parse_log(&k->mod_amd, line);
}

static void read_kernel_log(struct live_system *sys)
{
	struct kernel_state *k = &sys->kernel;
	size_t used = 0, total = 0;
	char path[PATH_MAX], chunk[8192 + 1];
	char *pending = NULL;
	int fd;

	sys_path(sys, path, sizeof(path), "/dev/kmsg");
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		sfmt(k->log_problem, sizeof(k->log_problem), "%s: %s%s", path,
		     strerror(errno),
		     errno == EACCES || errno == EPERM ?
			     " (run as root, or kernel.dmesg_restrict is set)" : "");
		return;
	}
	k->log_readable = 1;
	/* /dev/kmsg gives one record per read; a plain file gives chunks. */
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk) - 1);
		char *start, *nl;

		if (n < 0 && (errno == EINTR || errno == EPIPE))
			continue;	/* EPIPE: records overwritten meanwhile */
		if (n <= 0 || (total += (size_t)n) > LOG_MAX)
			break;
		pending = xrealloc(pending, used + (size_t)n + 1);
		memcpy(pending + used, chunk, (size_t)n);
		used += (size_t)n;
		pending[used] = '\0';
		start = pending;
		while ((nl = strchr(start, '\n'))) {
			*nl = '\0';
			feed_log_line(k, start);
			start = nl + 1;
		}
		used = strlen(start);
		memmove(pending, start, used + 1);
	}
	if (used)
		feed_log_line(k, pending);
	free(pending);
	close(fd);
}

static void load_kernel(struct live_system *sys)
{
	struct kernel_state *k = &sys->kernel;
	char path[PATH_MAX];
	uint8_t *buf;
	size_t len;

	relax_option_init(&k->intel, 0);
	relax_option_init(&k->amd, 1);
	sys_path(sys, path, sizeof(path), "/proc/sys/kernel/osrelease");
	read_line(path, k->release, sizeof(k->release));
	sys_path(sys, path, sizeof(path), "/proc/cmdline");
	if (!read_file(path, &buf, &len, 1 << 20)) {
		sfmt(k->cmdline, sizeof(k->cmdline), "%s", (char *)buf);
		rtrim(k->cmdline);
		free(buf);
	}
	relax_option_parse_cmdline(&k->intel, k->cmdline);
	relax_option_parse_cmdline(&k->amd, k->cmdline);
	sys_path(sys, path, sizeof(path), "/proc/sys/kernel/tainted");
	k->tainted = read_number(path, 10);
	detect_patch(sys);
	detect_module(sys);
	read_kernel_log(sys);
}

static void load_dmi(struct live_system *sys)
{
	static const struct {
		const char *file;
		size_t field;
	} fields[] = {
		{ "sys_vendor", offsetof(struct dmi_id, sys_vendor) },
		{ "product_name", offsetof(struct dmi_id, product_name) },
		{ "board_vendor", offsetof(struct dmi_id, board_vendor) },
		{ "board_name", offsetof(struct dmi_id, board_name) },
		{ "bios_version", offsetof(struct dmi_id, bios_version) },
	};
	char path[PATH_MAX], rel[128];

	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		sfmt(rel, sizeof(rel), "/sys/class/dmi/id/%s", fields[i].file);
		sys_path(sys, path, sizeof(path), rel);
		read_line(path, (char *)&sys->dmi + fields[i].field, 128);
	}
}

int live_load(struct live_system *sys, const char *root)
{
	char path[PATH_MAX];

	memset(sys, 0, sizeof(*sys));
	/* "/" and "" both mean the real system; strip a trailing slash. */
	sfmt(sys->root, sizeof(sys->root), "%s", root ? root : "");
	while (sys->root[0] && sys->root[strlen(sys->root) - 1] == '/')
		sys->root[strlen(sys->root) - 1] = '\0';
	sys_path(sys, path, sizeof(path), "/sys/bus/pci/devices");
	if (access(path, R_OK | X_OK)) {
		fprintf(stderr, "relax-check: error: cannot read %s: %s%s\n",
			path, strerror(errno),
			sys->root[0] ? " (is --root a system tree?)" : "");
		return -1;
	}
	load_pci(sys);
	load_groups(sys);
	load_kernel(sys);
	load_dmi(sys);
	return 0;
}

int live_load_tables(const struct live_system *sys, struct fw_tables *t,
		     struct parse_log *log)
{
	static const char *const sigs[] = { "DMAR", "IVRS" };

	for (size_t i = 0; i < ARRAY_SIZE(sigs); i++) {
		char rel[64], path[PATH_MAX];
		uint8_t *buf;
		size_t len;
		int err, ret;

		sfmt(rel, sizeof(rel), "/sys/firmware/acpi/tables/%s", sigs[i]);
		sys_path(sys, path, sizeof(path), rel);
		err = read_file(path, &buf, &len, TABLE_MAX);
		if (err == -ENOENT)
			continue;
		if (err) {
			fprintf(stderr, "relax-check: error: cannot read %s: %s%s\n",
				path, strerror(-err),
				err == -EACCES ? " (the ACPI tables are readable by root only)" : "");
			return -1;
		}
		ret = i == 0 ? dmar_parse(buf, len, path, t, log) :
			       ivrs_parse(buf, len, path, t, log);
		free(buf);
		if (ret)
			return -1;
	}
	return 0;
}

void live_free(struct live_system *sys)
{
	for (size_t i = 0; i < sys->ngroups; i++)
		free(sys->groups[i].regions);
	free(sys->groups);
	free(sys->fns);
	memset(sys, 0, sizeof(*sys));
}

const struct pci_function *live_find(const struct live_system *sys,
				     uint32_t segment, uint8_t bus,
				     uint8_t dev, uint8_t fn)
{
	for (size_t i = 0; i < sys->nfns; i++) {
		const struct pci_function *f = &sys->fns[i];

		if (f->segment == segment && f->bus == bus && f->dev == dev &&
		    f->fn == fn)
			return f;
	}
	return NULL;
}

const struct iommu_group *live_group(const struct live_system *sys, int id)
{
	for (size_t i = 0; i < sys->ngroups; i++)
		if (sys->groups[i].id == id)
			return &sys->groups[i];
	return NULL;
}

struct pci_ident pci_ident_of(const struct pci_function *f)
{
	struct pci_ident id = {
		.segment = f->segment, .bus = f->bus, .dev = f->dev, .fn = f->fn,
		.id = { f->vendor, f->device, f->subvendor, f->subdevice },
	};

	return id;
}
