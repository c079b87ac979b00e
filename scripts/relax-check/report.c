// SPDX-License-Identifier: MIT OR GPL-2.0-or-later
/* The readable report and the JSON object; see report.h. */
#define _GNU_SOURCE
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define VERDICT_COLUMN 72

static const char *const verdict_words[] = { "PASS", "WARN", "FAIL" };

static void bdf_of_devid(uint16_t segment, uint16_t id, char *buf,
			 size_t size)
{
	sfmt(buf, size, "%04x:%02x:%02x.%x", segment, id >> 8,
	     (id >> 3) & 0x1f, id & 7);
}

/* Whether a table entry concerns the --device function d (or its group). */
static int entry_concerns(const struct report_input *in, struct region_ref ref,
			  const struct selector *d,
			  const struct pci_function *target)
{
	if (in->sys) {
		for (size_t i = 0; i < in->sys->nfns; i++) {
			const struct pci_function *f = &in->sys->fns[i];

			if ((f == target ||
			     (target->group >= 0 && f->group == target->group)) &&
			    region_covers(in->t, ref, in->sys, f))
				return 1;
		}
		return 0;
	}
	/* Offline: what the table names directly. */
	if (ref.is_ivmd) {
		const struct ivmd *m = &in->t->ivmd[ref.index];
		uint16_t id = (uint16_t)(d->bus << 8 | d->dev << 3 | d->fn);

		return m->segment == d->segment && id >= m->first &&
		       id <= m->last;
	}
	const struct rmrr *r = &in->t->rmrr[ref.index];
	char want[16];

	sfmt(want, sizeof(want), "%04x:%02x:%02x.%x", d->segment, d->bus,
	     d->dev, d->fn);
	for (size_t k = 0; k < r->nscopes; k++)
		if (!strcmp(r->scopes[k].bdf, want))
			return 1;
	return 0;
}

/* Every entry without --device; else those concerning any of them. */
static int entry_shown(const struct report_input *in, struct region_ref ref)
{
	if (!in->ndevices)
		return 1;
	for (size_t i = 0; i < in->ndevices; i++)
		if (entry_concerns(in, ref, &in->devices[i],
				   in->sys ? in->device_fns[i] : NULL))
			return 1;
	return 0;
}

/* "label ...... : WORD" in the style of virt-host-validate. */
static void verdict_line(FILE *out, const char *label, const char *word)
{
	int n = fprintf(out, "%s ", label);

	for (; n < VERDICT_COLUMN; n++)
		fputc('.', out);
	fprintf(out, " : %s\n", word);
}

static const char *tristate_word(enum tristate v)
{
	return v == YES ? "present" : v == NO ? "absent" : "unknown";
}

/*
 * Whose taint flag 11 (firmware workaround) is: the kernel's own firmware
 * checks ("Your BIOS is broken") set it too, so it is ours only when the
 * log shows a region reported as relaxable.
 */
static const char *taint_owner(const struct kernel_state *k)
{
	if (k->tainted < 0 || !(k->tainted & (1L << 11)))
		return "none";
	if (!k->log_readable)
		return "unknown";
	if (k->intel.relaxed_lines || k->amd.relaxed_lines ||
	    k->mod_intel.relaxed_lines || k->mod_amd.relaxed_lines)
		return "relax";
	return "firmware";
}

static void text_option_state(FILE *out, const struct kernel_state *k,
			      const struct relax_option *o)
{
	char sel[16 * 16] = "";

	if (!o->given)
		return;
	for (size_t i = 0; i < o->nsel; i++) {
		char one[32];

		selector_format(&o->sel[i], one, sizeof(one));
		append(sel, sizeof(sel), " ", one);
	}
	fprintf(out, "  %-14s%s=%s for %s; kernel log: %s\n", "Relax option",
		o->option, o->token,
		o->all ? "all PCI devices" : sel[0] ? sel : "no device",
		!k->log_readable ? "unreadable" :
		o->announced ? "active" : "no \"relaxing\" line");
	if (k->patched == NO)
		fprintf(out, "  %-14sWARN: this kernel lacks the relax patch and ignores the option\n",
			"");
	if (o->bad[0])
		fprintf(out, "  %-14sWARN: malformed, ignored: %s (expected %s or %s=<dev>, <dev> being %s)\n",
			"", o->bad, o->token, o->token, SELECTOR_FORMS);
	if (o->kernel_errors[0])
		fprintf(out, "  %-14sWARN: kernel said: %s\n", "", o->kernel_errors);
	if (o->unmatched[0])
		fprintf(out, "  %-14sWARN: no region matched %s: a typo, or a device that is absent or has no firmware identity map; check the address with lspci -D, or name the device by its IDs (pci:VVVV:DDDD, from lspci -nn)\n",
			"", o->unmatched);
}

/* The relax_iommu module: loaded or not, and what it names. */
static void text_module(FILE *out, const struct kernel_state *k)
{
	if (k->module == NO)
		fprintf(out, "  %-14srelax_iommu not loaded\n", "Module");
	if (k->module != YES)
		return;
	fprintf(out, "  %-14srelax_iommu loaded", "Module");
	for (int amd = 0; amd < 2; amd++) {
		const struct relax_option *m = amd ? &k->mod_amd : &k->mod_intel;
		char sel[RELAX_MAX_SELECTORS * 16] = "";

		if (!m->given)
			continue;
		for (size_t i = 0; i < m->nsel; i++) {
			char one[32];

			selector_format(&m->sel[i], one, sizeof(one));
			append(sel, sizeof(sel), ",", one);
		}
		fprintf(out, "; %s=%s%s", m->token, m->all ? "all" : sel,
			m->announced ? " (kernel log: active)" : "");
	}
	fputc('\n', out);
}

/* "two words" of what is known, else "". */
static void join2(char *buf, size_t size, const char *a, const char *b)
{
	sfmt(buf, size, "%s%s%s", a, a[0] && b[0] ? " " : "", b);
}

/* The DMI identity; "unknown" for what sysfs does not tell. */
static void text_machine(FILE *out, const struct dmi_id *d)
{
	char name[260], board[260];

	join2(name, sizeof(name), d->sys_vendor, d->product_name);
	join2(board, sizeof(board), d->board_vendor, d->board_name);
	if (!name[0] && !board[0] && !d->bios_version[0]) {
		fprintf(out, "  %-14sunknown (no DMI data in /sys/class/dmi/id)\n",
			"Machine");
		return;
	}
	fprintf(out, "  %-14s%s (board %s), BIOS %s\n", "Machine",
		name[0] ? name : "unknown", board[0] ? board : "unknown",
		d->bios_version[0] ? d->bios_version : "unknown");
}

static void text_system(FILE *out, const struct live_system *sys)
{
	const struct kernel_state *k = &sys->kernel;
	const struct dmi_id *d = &sys->dmi;

	text_machine(out, d);
	fprintf(out, "  %-14s%s; relax patch: %s (%s)\n", "Kernel",
		k->release[0] ? k->release : "unknown", tristate_word(k->patched),
		k->patched_evidence);
	fprintf(out, "  %-14s%s\n", "Command line",
		k->cmdline[0] ? k->cmdline : "(unreadable)");
	if (!k->intel.given && !k->amd.given)
		fprintf(out, "  %-14snone given\n", "Relax option");
	text_module(out, k);
	text_option_state(out, k, &k->intel);
	text_option_state(out, k, &k->amd);
	fprintf(out, "  %-14s%s\n", "Kernel log",
		k->log_readable ? "read" : k->log_problem);
	if (k->tainted >= 0) {
		const char *owner = taint_owner(k);

		fprintf(out, "  %-14s%ld%s\n", "Tainted", k->tainted,
			!strcmp(owner, "relax") ?
				" (flag 11, firmware workaround: set by the relax option, whose relaxed regions the log shows)" :
			!strcmp(owner, "firmware") ?
				" (flag 11, firmware workaround: set by the kernel's own firmware checks, e.g. \"Your BIOS is broken\", not by a relax option: the log shows no region reported as relaxable)" :
			!strcmp(owner, "unknown") ?
				" (flag 11, firmware workaround: the log is unreadable, so whether by a relax option is unknown)" : "");
	}
	fprintf(out, "  %-14s%zu%s\n", "IOMMU groups", sys->ngroups,
		sys->ngroups ? "" :
			       " (FAIL: no IOMMU is active, so VFIO can take no device; the fix is at the end)");
}

static void text_rmrr(FILE *out, const struct report_input *in)
{
	const struct fw_tables *t = in->t;
	int header = 0;

	for (size_t i = 0; i < t->nrmrr; i++) {
		const struct rmrr *r = &t->rmrr[i];

		if (!entry_shown(in, (struct region_ref){ 0, i }))
			continue;
		if (!header++)
			fprintf(out, "\nRMRRs in %s\n  %-3s %-5s %-18s  %-18s  %-8s  %-18s %s\n",
				t->dmar_source, "#", "Seg", "Base", "Limit",
				"Scope", "Path", "Device");
		if (!r->nscopes)
			fprintf(out, "  %-3zu %04x  0x%016llx  0x%016llx  (names no device)\n",
				i, r->segment, (unsigned long long)r->base,
				(unsigned long long)r->limit);
		for (size_t k = 0; k < r->nscopes; k++) {
			const struct dev_scope *s = &r->scopes[k];
			char path[SCOPE_MAX_DEPTH * 6 + 8], dev[128];

			scope_path_string(s, path, sizeof(path));
			sfmt(dev, sizeof(dev), "%s%s%s%s", s->bdf,
			     s->bdf[0] && s->note[0] ? " (" : "", s->note,
			     s->bdf[0] && s->note[0] ? ")" : "");
			if (k == 0)
				fprintf(out, "  %-3zu %04x  0x%016llx  0x%016llx  ",
					i, r->segment,
					(unsigned long long)r->base,
					(unsigned long long)r->limit);
			else
				fprintf(out, "  %-3s %-5s %-18s  %-18s  ", "", "",
					"", "");
			fprintf(out, "%-8s  %-18s %s\n",
				scope_type_name(s->type), path, dev);
		}
	}
	if (!header && t->dmar_source)
		fprintf(out, "\nRMRRs in %s: none%s\n", t->dmar_source,
			in->ndevices ? (in->ndevices == 1 ? " for this device" : " for these devices") : "");
}

static void text_ivmd(FILE *out, const struct report_input *in)
{
	const struct fw_tables *t = in->t;
	int header = 0;

	for (size_t i = 0; i < t->nivmd; i++) {
		const struct ivmd *m = &t->ivmd[i];
		char flags[64], first[16], last[16];

		if (!entry_shown(in, (struct region_ref){ 1, i }))
			continue;
		if (!header++)
			fprintf(out, "\nIVMDs in %s\n  %-3s %-5s %-22s %-13s %-13s %-18s  %s\n",
				t->ivrs_source, "#", "Type", "Flags", "First",
				"Last", "Start", "Length");
		sfmt(flags, sizeof(flags), "0x%02x ", m->flags);
		ivmd_flags_string(m->flags, flags + 5, sizeof(flags) - 5);
		bdf_of_devid(m->segment, m->first, first, sizeof(first));
		bdf_of_devid(m->segment, m->last, last, sizeof(last));
		fprintf(out, "  %-3zu 0x%02x  %-22s %-13s %-13s 0x%016llx  0x%016llx%s%s\n",
			i, m->type, flags, first, last,
			(unsigned long long)m->start,
			(unsigned long long)m->length,
			m->type == IVMD_ALL ? "  (all devices)" : "",
			ivmd_is_identity_map(m) ? "" : "  (Linux ignores it)");
	}
	if (!header && t->ivrs_source)
		fprintf(out, "\nIVMDs in %s: none%s\n", t->ivrs_source,
			in->ndevices ? (in->ndevices == 1 ? " for this device" : " for these devices") : "");
}

/*
 * Remedies already shown in full: later devices only name them, so a
 * machine with many blocked devices stays readable.
 */
struct shown_remedies {
	const struct remedy **items;
	size_t n;
};

static int remedy_shown(struct shown_remedies *shown, const struct remedy *r)
{
	for (size_t i = 0; i < shown->n; i++)
		if (shown->items[i] == r)
			return 1;
	*(const struct remedy **)array_push(&shown->items, &shown->n,
					    sizeof(r)) = r;
	return 0;
}

static void text_finding(FILE *out, const struct finding *fd,
			 struct shown_remedies *shown)
{
	const struct pci_function *f = fd->fn;
	char label[200];

	sfmt(label, sizeof(label), "  %s %04x:%04x %s%s%s%s, group %d",
	     f->name, f->vendor, f->device, class_name(f->class),
	     f->driver[0] ? " (" : "", f->driver, f->driver[0] ? ")" : "",
	     f->group);
	if (f->group < 0)
		sfmt(label, sizeof(label), "  %s %04x:%04x %s, no IOMMU group",
		     f->name, f->vendor, f->device, class_name(f->class));
	verdict_line(out, label, verdict_words[fd->verdict]);
	fprintf(out, "      Kernel reports: %s\n",
		fd->kernel_types[0] ? fd->kernel_types : "no reserved regions");
	fprintf(out, "      %s: %s\n",
		fd->verdict == VERDICT_FAIL ? "Blocked" : "Why", fd->reason);
	if (fd->group_members[0])
		fprintf(out, "      Same group: %s (VFIO takes the whole group)\n",
			fd->group_members);
	if (fd->group_named[0] && fd->verdict == VERDICT_FAIL)
		fprintf(out, "      Named too, for identity maps of their own: %s\n",
			fd->group_named);
	if (fd->verdict != VERDICT_FAIL || (!fd->option[0] && !fd->nremedies))
		return;
	fprintf(out, "      Fix, safer first:\n");
	for (size_t i = 0; i < fd->nremedies; i++) {
		const struct remedy *r = fd->remedies[i];

		if (remedy_shown(shown, r)) {
			fprintf(out, "        %zu. %s (steps above)\n", i + 1,
				r->title);
			continue;
		}
		fprintf(out, "        %zu. %s\n", i + 1, r->title);
		for (size_t k = 0; k < r->nsteps; k++)
			fprintf(out, "           - %s\n", r->steps[k]);
		if (r->source)
			fprintf(out, "           Source: %s\n", r->source);
	}
	if (fd->option[0]) {
		fprintf(out, "        %zu. Last resort, on the kernel command line: %s\n",
			fd->nremedies + 1, fd->option);
		if (fd->option_note[0])
			fprintf(out, "           Note: %s\n", fd->option_note);
	}
}

void report_text(FILE *out, const struct report_input *in)
{
	struct shown_remedies shown = { 0 };
	const struct fw_tables *t = in->t;

	fprintf(out, "relax-check: firmware identity maps and VFIO passthrough\n\n");
	if (in->sys)
		text_system(out, in->sys);
	fprintf(out, "  %-14sDMAR %s; IVRS %s\n", "Tables",
		t->dmar_source ? t->dmar_source : "absent",
		t->ivrs_source ? t->ivrs_source : "absent");
	if (!t->dmar_source && !t->ivrs_source)
		fprintf(out, "  %-14sthe firmware declares no IOMMU here, so no identity maps either\n",
			"");
	if (in->warnings)
		fprintf(out, "  %-14s%u while reading the tables (see above)\n",
			"Warnings", in->warnings);
	text_rmrr(out, in);
	text_ivmd(out, in);

	if (!in->a) {
		fprintf(out, "\nOffline: these are the firmware's declarations only. Run relax-check on\nthe machine itself for the kernel's verdict per device and the option to use.\n");
		return;
	}
	fprintf(out, "\nDevices under firmware identity maps%s\n",
		in->ndevices ? " (--device)" : "");
	if (!in->a->nfindings)
		fprintf(out, "  none\n");
	for (size_t i = 0; i < in->a->nfindings; i++)
		text_finding(out, &in->a->findings[i], &shown);
	free(shown.items);
	if (!in->remedies_path)
		fprintf(out, "  (no remedies file found: firmware-side advice is missing; see --remedies)\n");

	fputc('\n', out);
	if (in->a->blocked) {
		char label[120];

		sfmt(label, sizeof(label), "%zu of %zu device%s blocked for VFIO",
		     in->a->blocked, in->a->nfindings,
		     in->a->nfindings == 1 ? "" : "s");
		verdict_line(out, label, "FAIL");
		for (int amd = 0; amd < 2; amd++)
			if (in->a->all_options[amd][0] &&
			    in->a->nfindings > 1)
				fprintf(out, "  To relax all of them: %s%s\n",
					in->a->all_options[amd],
					in->a->n_all[amd] > RELAX_MAX_SELECTORS ?
						" (more than the 16 devices an option names: every device)" : "");
	} else if (!in->a->no_iommu) {
		verdict_line(out, "Nothing blocked for VFIO by firmware identity maps",
			     "PASS");
	}
	if (in->a->no_iommu) {
		verdict_line(out, "No IOMMU active: VFIO can pass through no device",
			     "FAIL");
		fprintf(out, "  Fix: %s\n", in->a->iommu_fix);
	}
}

/* ---- JSON ------------------------------------------------------------- */

static void json_key(FILE *out, const char *key)
{
	json_string(out, key);
	fputc(':', out);
}

static void json_hex64(FILE *out, const char *key, uint64_t v)
{
	json_key(out, key);
	fprintf(out, "\"0x%016llx\"", (unsigned long long)v);
}

static void json_str(FILE *out, const char *key, const char *v)
{
	json_key(out, key);
	json_string(out, v);
}

/* null for what is absent: "" would read as a table with an empty name. */
static void json_str_or_null(FILE *out, const char *key, const char *v)
{
	json_key(out, key);
	if (v)
		json_string(out, v);
	else
		fputs("null", out);
}

static void json_rmrr(FILE *out, const struct report_input *in)
{
	const struct fw_tables *t = in->t;
	int first = 1;

	json_key(out, "rmrr");
	fputc('[', out);
	for (size_t i = 0; i < t->nrmrr; i++) {
		const struct rmrr *r = &t->rmrr[i];
		char seg[8];

		if (!entry_shown(in, (struct region_ref){ 0, i }))
			continue;
		fprintf(out, "%s{\"index\":%zu,", first ? "" : ",", i);
		first = 0;
		sfmt(seg, sizeof(seg), "0x%04x", r->segment);
		json_str(out, "segment", seg);
		fputc(',', out);
		json_hex64(out, "base", r->base);
		fputc(',', out);
		json_hex64(out, "limit", r->limit);
		fprintf(out, ",\"offset\":%zu,", r->offset);
		json_key(out, "devices");
		fputc('[', out);
		for (size_t k = 0; k < r->nscopes; k++) {
			const struct dev_scope *s = &r->scopes[k];
			char path[SCOPE_MAX_DEPTH * 6 + 8];

			scope_path_string(s, path, sizeof(path));
			fprintf(out, "%s{", k ? "," : "");
			json_str(out, "type", scope_type_name(s->type));
			fputc(',', out);
			json_str(out, "path", path);
			if (s->bdf[0]) {
				fputc(',', out);
				json_str(out, "bdf", s->bdf);
			}
			if (s->note[0]) {
				fputc(',', out);
				json_str(out, "note", s->note);
			}
			fputc('}', out);
		}
		fputs("]}", out);
	}
	fputc(']', out);
}

static void json_ivmd(FILE *out, const struct report_input *in)
{
	const struct fw_tables *t = in->t;
	int first = 1;

	json_key(out, "ivmd");
	fputc('[', out);
	for (size_t i = 0; i < t->nivmd; i++) {
		const struct ivmd *m = &t->ivmd[i];
		char buf[64];

		if (!entry_shown(in, (struct region_ref){ 1, i }))
			continue;
		fprintf(out, "%s{\"index\":%zu,", first ? "" : ",", i);
		first = 0;
		sfmt(buf, sizeof(buf), "0x%02x", m->type);
		json_str(out, "type", buf);
		fputc(',', out);
		sfmt(buf, sizeof(buf), "0x%02x", m->flags);
		json_str(out, "flags", buf);
		fputc(',', out);
		ivmd_flags_string(m->flags, buf, sizeof(buf));
		json_str(out, "flag_names", buf);
		fputc(',', out);
		sfmt(buf, sizeof(buf), "0x%04x", m->segment);
		json_str(out, "segment", buf);
		fputc(',', out);
		bdf_of_devid(m->segment, m->first, buf, sizeof(buf));
		json_str(out, "first", buf);
		fputc(',', out);
		bdf_of_devid(m->segment, m->last, buf, sizeof(buf));
		json_str(out, "last", buf);
		fputc(',', out);
		json_hex64(out, "start", m->start);
		fputc(',', out);
		json_hex64(out, "length", m->length);
		fprintf(out, ",\"offset\":%zu,\"linux_maps_it\":%s}", m->offset,
			ivmd_is_identity_map(m) ? "true" : "false");
	}
	fputc(']', out);
}

static void json_option(FILE *out, const char *key,
			const struct relax_option *o)
{
	json_key(out, key);
	fprintf(out, "{\"given\":%s,\"all\":%s,\"selectors\":%zu,\"active_in_log\":%s,",
		o->given ? "true" : "false", o->all ? "true" : "false",
		o->nsel, o->announced ? "true" : "false");
	json_str(out, "malformed", o->bad);
	fputc(',', out);
	json_str(out, "kernel_errors", o->kernel_errors);
	fputc(',', out);
	json_str(out, "unmatched", o->unmatched);
	fputc('}', out);
}

static void json_system(FILE *out, const struct live_system *sys)
{
	const struct kernel_state *k = &sys->kernel;

	json_key(out, "machine");
	fputc('{', out);
	json_str(out, "sys_vendor", sys->dmi.sys_vendor);
	fputc(',', out);
	json_str(out, "product_name", sys->dmi.product_name);
	fputc(',', out);
	json_str(out, "board_vendor", sys->dmi.board_vendor);
	fputc(',', out);
	json_str(out, "board_name", sys->dmi.board_name);
	fputc(',', out);
	json_str(out, "bios_version", sys->dmi.bios_version);
	fputs("},", out);
	json_key(out, "kernel");
	fputc('{', out);
	json_str(out, "release", k->release);
	fputc(',', out);
	json_str(out, "relax_patch", tristate_word(k->patched));
	fputc(',', out);
	json_str(out, "relax_patch_evidence", k->patched_evidence);
	fputc(',', out);
	json_str(out, "cmdline", k->cmdline);
	fprintf(out, ",\"log_readable\":%s,\"tainted\":%ld,\"iommu_groups\":%zu,",
		k->log_readable ? "true" : "false", k->tainted, sys->ngroups);
	json_str(out, "firmware_workaround_taint", taint_owner(k));
	fputc(',', out);
	json_option(out, "intel_iommu", &k->intel);
	fputc(',', out);
	json_str(out, "relax_iommu_module", tristate_word(k->module));
	fputc(',', out);
	if (k->module == YES) {
		json_option(out, "relax_iommu.rmrr", &k->mod_intel);
		fputc(',', out);
		json_option(out, "relax_iommu.unity", &k->mod_amd);
		fputc(',', out);
	}
	json_option(out, "amd_iommu", &k->amd);
	fputc('}', out);
}

static void json_finding(FILE *out, const struct finding *fd)
{
	const struct pci_function *f = fd->fn;
	char buf[32];

	fputc('{', out);
	json_str(out, "bdf", f->name);
	fputc(',', out);
	sfmt(buf, sizeof(buf), "%04x:%04x", f->vendor, f->device);
	json_str(out, "id", buf);
	fputc(',', out);
	sfmt(buf, sizeof(buf), "0x%06x", f->class);
	json_str(out, "class", buf);
	fputc(',', out);
	json_str(out, "class_name", class_name(f->class));
	fputc(',', out);
	json_str(out, "driver", f->driver);
	fprintf(out, ",\"group\":%d,", f->group);
	json_str(out, "group_members", fd->group_members);
	fputc(',', out);
	json_str(out, "group_named", fd->group_named);
	fputc(',', out);
	json_str(out, "kernel_types", fd->kernel_types);
	fputc(',', out);
	json_key(out, "covered_by");
	fputc('[', out);
	for (size_t i = 0; i < fd->ncovered; i++) {
		struct region_ref r = fd->covered_by[i];

		fprintf(out, "%s{\"table\":\"%s\",\"index\":%zu}", i ? "," : "",
			r.is_ivmd ? "IVRS" : "DMAR", r.index);
	}
	fputs("],", out);
	json_str(out, "verdict", verdict_words[fd->verdict]);
	fprintf(out, ",\"vfio_ok\":%s,", fd->verdict == VERDICT_FAIL ? "false" : "true");
	json_str(out, "reason", fd->reason);
	fputc(',', out);
	json_str(out, "option", fd->option);
	fputc(',', out);
	json_str(out, "option_note", fd->option_note);
	fputc(',', out);
	json_key(out, "remedies");
	fputc('[', out);
	for (size_t i = 0; i < fd->nremedies; i++) {
		const struct remedy *r = fd->remedies[i];

		fprintf(out, "%s{", i ? "," : "");
		json_str(out, "title", r->title);
		fputc(',', out);
		json_key(out, "steps");
		fputc('[', out);
		for (size_t k = 0; k < r->nsteps; k++) {
			if (k)
				fputc(',', out);
			json_string(out, r->steps[k]);
		}
		fputc(']', out);
		if (r->source) {
			fputc(',', out);
			json_str(out, "source", r->source);
		}
		fputc('}', out);
	}
	fputs("]}", out);
}

void report_json(FILE *out, const struct report_input *in)
{
	const struct fw_tables *t = in->t;

	fputc('{', out);
	json_key(out, "tables");
	fputc('{', out);
	json_str_or_null(out, "dmar", t->dmar_source);
	fputc(',', out);
	json_str_or_null(out, "ivrs", t->ivrs_source);
	fputc(',', out);
	json_key(out, "warnings");
	fputc('[', out);
	for (unsigned i = 0; i < in->warnings; i++) {
		if (i)
			fputc(',', out);
		json_string(out, in->warning_texts[i]);
	}
	fputs("]},", out);
	json_rmrr(out, in);
	fputc(',', out);
	json_ivmd(out, in);
	if (in->sys) {
		fputc(',', out);
		json_system(out, in->sys);
		fputc(',', out);
		json_key(out, "devices");
		fputc('[', out);
		for (size_t i = 0; i < in->a->nfindings; i++) {
			if (i)
				fputc(',', out);
			json_finding(out, &in->a->findings[i]);
		}
		fputc(']', out);
		fprintf(out, ",\"blocked\":%zu,\"iommu_active\":%s,", in->a->blocked,
			in->a->no_iommu ? "false" : "true");
		json_str_or_null(out, "iommu_fix",
				 in->a->no_iommu ? in->a->iommu_fix : NULL);
		fputc(',', out);
		json_str(out, "relax_all_intel", in->a->all_options[0]);
		fputc(',', out);
		json_str(out, "relax_all_amd", in->a->all_options[1]);
	}
	fputs("}\n", out);
}
