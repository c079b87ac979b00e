// SPDX-License-Identifier: MIT OR GPL-2.0-or-later
/*
 * relax-check: which PCI devices do firmware identity maps (Intel RMRRs,
 * AMD IVMDs) keep from VFIO, why, and what would fix it.
 *
 * Exit status: 0 nothing blocked, 1 something blocked, 2 bad usage or
 * unreadable input, 3 no IOMMU active (nothing can be passed through).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "analysis.h"
#include "options.h"
#include "remedies.h"
#include "report.h"
#include "system.h"
#include "util.h"

#define INPUT_MAX (64u << 20)
#define MAX_DEVICES 16		/* --device, as many as the boot option takes */


static const char usage_text[] =
	"Usage: relax-check [--root DIR] [--device BDF]... [--json] [--remedies FILE]\n"
	"       relax-check [--dmar FILE] [--ivrs FILE] [--acpidump FILE] [--device BDF]... [--json]\n"
	"\n"
	"Tells which PCI devices firmware identity maps (Intel RMRRs in DMAR, AMD IVMDs\n"
	"in IVRS) keep from VFIO passthrough, why, and the fix: firmware-side first,\n"
	"then intel_iommu=relax_rmrr=<dev> / amd_iommu=relax_unity=<dev>.\n"
	"\n"
	"  --root DIR        read sysfs/procfs under DIR instead of / (fake trees)\n"
	"  --dmar FILE       offline: a raw DMAR table (/sys/firmware/acpi/tables/DMAR)\n"
	"  --ivrs FILE       offline: a raw IVRS table\n"
	"  --acpidump FILE   offline: acpidump text; its DMAR and IVRS are used\n"
	"  --device BDF      only this function and its IOMMU group; BDF is\n"
	"                    [DDDD:]BB:DD.F in hex, e.g. 0000:03:00.0; repeat it\n"
	"                    for more functions (up to 16)\n"
	"  --json            one JSON object instead of the report\n"
	"  --remedies FILE   firmware-side remedies data (default: remedies.conf\n"
	"                    beside the binary, else " DATADIR "/remedies.conf)\n"
	"  --help            this text\n"
	"\n"
	"Exit status: 0 nothing blocked, 1 something blocked, 2 bad usage or input,\n"
	"3 no IOMMU active (no device can be passed through).\n"
	"Offline runs only list the tables and exit 0 when they parse.\n";

__attribute__((format(printf, 1, 2), noreturn))
static void usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "relax-check: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'relax-check --help'.\n");
	exit(EXIT_BAD_INPUT);
}

enum input_kind { IN_DMAR, IN_IVRS, IN_ACPIDUMP };

static int load_offline(enum input_kind kind, const char *path,
			struct fw_tables *t, struct parse_log *log)
{
	uint8_t *buf;
	size_t len;
	int err = read_file(path, &buf, &len, INPUT_MAX), ret;

	if (err) {
		fprintf(stderr, "relax-check: error: cannot read %s: %s\n", path,
			err == -EFBIG ? "larger than 64 MiB, not a firmware table" :
					strerror(-err));
		return -1;
	}
	if (kind == IN_DMAR)
		ret = dmar_parse(buf, len, path, t, log);
	else if (kind == IN_IVRS)
		ret = ivrs_parse(buf, len, path, t, log);
	else
		ret = acpidump_parse((const char *)buf, len, path, t, log);
	free(buf);
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "dmar", required_argument, NULL, 'd' },
		{ "ivrs", required_argument, NULL, 'i' },
		{ "acpidump", required_argument, NULL, 'a' },
		{ "device", required_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'j' },
		{ "remedies", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *root = NULL, *remedies_arg = NULL;
	const char *device_args[MAX_DEVICES];
	struct selector devices[MAX_DEVICES];
	const struct pci_function *device_fns[MAX_DEVICES];
	size_t ndevices = 0;
	const char *files[3] = { NULL, NULL, NULL };
	struct parse_log log = { .out = stderr };
	struct report_input in = { 0 };
	struct remedy_set remedies = { 0 };
	struct live_system sys;
	struct fw_tables t = { 0 };
	struct analysis a;
	int json = 0, opt, offline = 0, status;
	char *remedies_path = NULL;

	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 'r':
			root = optarg;
			break;
		case 'd':
		case 'i':
		case 'a': {
			int k = opt == 'd' ? IN_DMAR : opt == 'i' ? IN_IVRS : IN_ACPIDUMP;

			if (files[k])
				usage_error("%s given twice", longopts[k + 1].name);
			files[k] = optarg;
			offline = 1;
			break;
		}
		case 'D':
			if (ndevices == MAX_DEVICES)
				usage_error("--device given more than %d times", MAX_DEVICES);
			device_args[ndevices++] = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'R':
			remedies_arg = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_CLEAR;
		default:
			usage_error("%s", "unknown option or missing argument");
		}
	}
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);
	if (offline && root)
		usage_error("%s", "--root reads a system tree; it cannot be combined with --dmar, --ivrs or --acpidump");
	for (size_t i = 0; i < ndevices; i++)
		if (selector_parse(device_args[i], strlen(device_args[i]),
				   &devices[i]) || devices[i].all_fn ||
		    devices[i].by_id)
			usage_error("--device '%s': expected [DDDD:]BB:DD.F in hex, e.g. 0000:03:00.0",
				    device_args[i]);
	in.devices = devices;
	in.ndevices = ndevices;
	in.device_fns = device_fns;

	status = EXIT_BAD_INPUT;	/* until the report is out */
	if (offline) {
		for (int k = 0; k < 3; k++)
			if (files[k] && load_offline(k, files[k], &t, &log))
				goto out_tables;
		resolve_scopes(&t, NULL);
		in.t = &t;
		in.warnings = log.warnings;
		in.warning_texts = log.texts;
		(json ? report_json : report_text)(stdout, &in);
		status = EXIT_CLEAR;
		goto out_tables;
	}

	if (live_load(&sys, root))
		goto out_tables;
	if (live_load_tables(&sys, &t, &log))
		goto out_system;
	resolve_scopes(&t, &sys);
	for (size_t i = 0; i < ndevices; i++) {
		const struct selector *d = &devices[i];

		device_fns[i] = live_find(&sys, d->segment, d->bus, d->dev, d->fn);
		if (!device_fns[i]) {
			fprintf(stderr, "relax-check: --device %s: no such PCI function in %s/sys/bus/pci/devices\n",
				device_args[i], sys.root);
			goto out_system;
		}
	}
	remedies_path = remedies_locate(remedies_arg);
	if (remedies_path && remedies_load(remedies_path, &remedies))
		goto out_remedies;

	analyse(&a, &t, &sys, remedies_path ? &remedies : NULL, device_fns,
		ndevices);
	in.t = &t;
	in.sys = &sys;
	in.a = &a;
	in.remedies_path = remedies_path;
	in.warnings = log.warnings;
	in.warning_texts = log.texts;
	(json ? report_json : report_text)(stdout, &in);
	status = a.no_iommu ? EXIT_NO_IOMMU :
		 a.blocked ? EXIT_BLOCKED : EXIT_CLEAR;
	analysis_free(&a);
out_remedies:
	remedies_free(&remedies);
	free(remedies_path);
out_system:
	live_free(&sys);
out_tables:
	fw_tables_free(&t);
	parse_log_free(&log);
	return status;
}
