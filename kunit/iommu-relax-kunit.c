// SPDX-License-Identifier: GPL-2.0-or-later OR MIT
/*
 * KUnit tests for the IOMMU relax policy: selector parsing, matching of
 * PCI devices and region classification.
 *
 * The parsing cases run everywhere; the others need struct pci_dev, so
 * CONFIG_PCI, which UML builds only on lines with virtio-PCI for UML: run
 * the suite on x86_64 too.  The fake devices are named as such, and the
 * policy under test counts its taints instead of tainting the kernel.
 * What the helper logs is read back from the printk ring buffer.
 */

#include <kunit/test.h>
#include <linux/iommu-relax.h>
#include <linux/kernel.h>
#include <linux/kmsg_dump.h>
#include <linux/pci.h>

static struct iommu_relax policy =
	IOMMU_RELAX_INIT_NAMED(policy, "intel_iommu", "relax_rmrr",
			       "iommu-relax-kunit", "TEST");

/*
 * Where the log stood when the case began.  The iterator was a dumper's
 * before 5.13; kunit_skip() came in 5.14, and no series is for 5.13.
 */
#ifdef kunit_skip
static struct kmsg_dump_iter log_start;
#else
static struct kmsg_dumper log_start = { .active = true };
#endif

static void log_mark(void)
{
	kmsg_dump_rewind(&log_start);
	while (kmsg_dump_get_line(&log_start, false, NULL, 0, NULL))
		;
}

/* Lines logged since the mark that contain @text. */
static unsigned int logged(const char *text)
{
	static char line[512];
	typeof(log_start) iter = log_start;
	unsigned int n = 0;
	size_t len;

	while (kmsg_dump_get_line(&iter, false, line, sizeof(line) - 1, &len)) {
		line[len] = '\0';
		n += !!strstr(line, text);
	}
	return n;
}

/* The helper's line for a relaxed region, and for a typo. */
#define RELAXED		"iommu-relax-kunit: TEST [mem "
#define UNMATCHED	"iommu-relax-kunit: no TEST region matched "

static int relax_test_init(struct kunit *test)
{
	iommu_relax_reset(&policy);
	policy.kunit = true;
	log_mark();
	return 0;
}

static void relax_test_exit(struct kunit *test)
{
	iommu_relax_reset(&policy);
}

/* Enums compare as int: older KUnit type-checks both sides. */
#define EXPECT_TYPE(test, got, want) \
	KUNIT_EXPECT_EQ(test, (int)(got), (int)(want))

static bool relaxes_nothing(const struct iommu_relax *r)
{
	return !r->all && r->nr_sel == 0;
}

/* --- parsing --- */

#define BDF(seg, b, d, f)	{ .segment = seg, .bus = b, .devfn = PCI_DEVFN(d, f) }
#define SLOT(seg, b, d)		{ .segment = seg, .bus = b, \
				  .devfn = PCI_DEVFN(d, 0), .all_fn = true }
#define IDS(v, d, sv, sd)	{ .by_id = true, .vendor = v, .device = d, \
				  .subvendor = sv, .subdevice = sd }

static const struct {
	const char *str;
	struct iommu_relax_sel sel;
} good_selectors[] = {
	{ "0001:03:1e.6", BDF(1, 3, 0x1e, 6) },
	{ "03:00.1", BDF(0, 3, 0, 1) },
	{ "0000:03:1f", SLOT(0, 3, 0x1f) },
	{ "03:1f", SLOT(0, 3, 0x1f) },
	{ "00AB:CD:1F.7", BDF(0xab, 0xcd, 0x1f, 7) },
	{ "ffff:ff:1f.7", BDF(0xffff, 0xff, 0x1f, 7) },
	/* Intel VMD domains, as lspci -D prints them */
	{ "10000:e1:00.0", BDF(0x10000, 0xe1, 0, 0) },
	{ "7fffffff:00:00.0", BDF(0x7fffffff, 0, 0, 0) },
	{ "pci:8086:1521", IDS(0x8086, 0x1521, 0, 0) },
	{ "pci:8086:0000", IDS(0x8086, 0, 0, 0) },
	{ "pci:10DE:1b80:1458:3702", IDS(0x10de, 0x1b80, 0x1458, 0x3702) },
	{ "pci:10de:1b80:1458:0000", IDS(0x10de, 0x1b80, 0x1458, 0) },
};

/* The parser zeroes a selector first; static ones are zeroed too. */
static void expect_sel(struct kunit *test, const struct iommu_relax_sel *got,
		       const struct iommu_relax_sel *want, const char *str)
{
	KUNIT_EXPECT_EQ_MSG(test, memcmp(got, want, sizeof(*got)), 0,
			    "'%s': %x:%x:%x all_fn %d, ids %d %x:%x:%x:%x", str,
			    got->segment, got->bus, got->devfn, got->all_fn,
			    got->by_id, got->vendor, got->device,
			    got->subvendor, got->subdevice);
}

static void parse_every_form(struct kunit *test)
{
	char tok[64];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(good_selectors); i++) {
		iommu_relax_reset(&policy);
		snprintf(tok, sizeof(tok), "relax_rmrr=%s", good_selectors[i].str);
		KUNIT_EXPECT_TRUE_MSG(test, iommu_relax_parse_token(&policy, tok),
				      "'%s'", tok);
		KUNIT_EXPECT_FALSE_MSG(test, policy.all, "'%s'", tok);
		KUNIT_ASSERT_EQ_MSG(test, policy.nr_sel, 1u, "'%s'", tok);
		expect_sel(test, &policy.sel[0], &good_selectors[i].sel, tok);
	}
}

static void parse_bare_token_relaxes_all(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, iommu_relax_parse_token(&policy, "relax_rmrr"));
	KUNIT_EXPECT_TRUE(test, policy.all);
	KUNIT_EXPECT_EQ(test, policy.nr_sel, 0u);
}

static void parse_repeated_tokens_add_up(struct kunit *test)
{
	static const struct iommu_relax_sel want[] = {
		BDF(0, 3, 0, 0), BDF(0, 4, 0, 1), IDS(0x8086, 0x1521, 0, 0),
	};
	unsigned int i;

	iommu_relax_parse(&policy,
			  "on,relax_rmrr=0000:03:00.0,sm_off,,relax_rmrr=04:00.1,relax_rmrr=pci:8086:1521,igfx_off");
	KUNIT_EXPECT_FALSE(test, policy.all);
	KUNIT_ASSERT_EQ(test, policy.nr_sel, 3u);
	for (i = 0; i < ARRAY_SIZE(want); i++)
		expect_sel(test, &policy.sel[i], &want[i], "list");
}

/* A driver's own loop hands over a pointer into the whole option. */
static void parse_token_stops_at_comma(struct kunit *test)
{
	static const struct iommu_relax_sel want = BDF(0, 3, 0, 0);

	KUNIT_EXPECT_TRUE(test,
			  iommu_relax_parse_token(&policy, "relax_rmrr=03:00.0,sm_off"));
	KUNIT_ASSERT_EQ(test, policy.nr_sel, 1u);
	expect_sel(test, &policy.sel[0], &want, "03:00.0,sm_off");
}

static void parse_leaves_other_tokens_alone(struct kunit *test)
{
	static const char * const others[] = {
		"on", "sm_off", "relax_rmrrx", "relax_rmr", "xrelax_rmrr",
		"relax_unity", "relax_unity=03:00.0", "RELAX_RMRR", "",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(others); i++)
		KUNIT_EXPECT_FALSE_MSG(test,
				       iommu_relax_parse_token(&policy, others[i]),
				       "token '%s'", others[i]);
	KUNIT_EXPECT_TRUE(test, relaxes_nothing(&policy));
}

static void parse_empty_option_relaxes_nothing(struct kunit *test)
{
	iommu_relax_parse(&policy, "");
	iommu_relax_parse(&policy, ",,,");
	KUNIT_EXPECT_TRUE(test, relaxes_nothing(&policy));
	KUNIT_EXPECT_TRUE(test, iommu_relax_parse_token(&policy, "relax_rmrr="));
	KUNIT_EXPECT_TRUE(test, relaxes_nothing(&policy));
}

/* Each is ours, relaxes nothing, and is refused whole (no prefix read). */
static const char * const bad_selectors[] = {
	/* garbage */
	"zz:99", "hello", "03-00.0", "03", "03:", ":03:00", "03:00.",
	"03:00.0.1", "0000:03:00:00.0", "03:00.0x", "03:00:", "0x3:00.0",
	"03:00.a", "*", "03:00.*", "-1:00.0",
	/* whitespace */
	" 03:00.0", "03:00.0 ", "03: 00.0", "03:00 .0", "03:00.\t0",
	/* widths other than lspci -D's */
	"0001:03", "3:00.0", "03:0.0", "3:0.0", "003:00.0", "03:000.0",
	"0000:3:00.0", "000:03:00.0", "0:03:00.0", "03:00.00", "0000:003:00.0",
	"00001:03:00.0", "010000:03:00.0",
	/* out of range */
	"03:20.0", "03:00.8", "80000000:00:00.0", "100000000:00:00.0",
	"ffffffffff:00:00.0",
	/* IDs */
	"pci:", "pci:8086", "pci:8086:", "pci:808:1521", "pci:80861:1521",
	"pci:8086:152", "pci:8086:1521:1458", "pci:8086:1521:1458:",
	"pci:8086:1521:1458:3702:0000", "pci:0000:1521", "pci:0000:0000",
	"pci:8086:1521 ", "PCI:8086:1521", "pci:8086-1521", "pci:zzzz:1521",
	"pci:8086:1521.0", "pci:0x8086:1521", "8086:1521",
};

static void parse_rejects_malformed(struct kunit *test)
{
	char tok[64];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad_selectors); i++) {
		snprintf(tok, sizeof(tok), "relax_rmrr=%s", bad_selectors[i]);
		KUNIT_EXPECT_TRUE_MSG(test, iommu_relax_parse_token(&policy, tok),
				      "token '%s'", tok);
		KUNIT_EXPECT_TRUE_MSG(test, relaxes_nothing(&policy),
				      "token '%s' relaxed something", tok);
		iommu_relax_reset(&policy);
	}
}

static void parse_bad_token_does_not_stop_the_rest(struct kunit *test)
{
	static const struct iommu_relax_sel want = BDF(0, 5, 0, 0);

	iommu_relax_parse(&policy, "relax_rmrr=zz:99,relax_rmrr=05:00.0,on");
	KUNIT_ASSERT_EQ(test, policy.nr_sel, 1u);
	expect_sel(test, &policy.sel[0], &want, "05:00.0");
}

static void parse_keeps_at_most_16(struct kunit *test)
{
	char tok[32];
	unsigned int i;

	for (i = 0; i < IOMMU_RELAX_MAX_DEVICES + 1; i++) {
		snprintf(tok, sizeof(tok), "relax_rmrr=%02x:00.0", i + 1);
		KUNIT_EXPECT_TRUE(test, iommu_relax_parse_token(&policy, tok));
	}
	KUNIT_ASSERT_EQ(test, policy.nr_sel, 16u);
	KUNIT_EXPECT_EQ(test, (int)policy.sel[15].bus, 16);
}

static void parse_duplicates_count_once(struct kunit *test)
{
	char tok[32];
	unsigned int i;

	iommu_relax_parse(&policy,
			  "relax_rmrr=0000:03:00.0,relax_rmrr=03:00.0,relax_rmrr=pci:8086:1521,relax_rmrr=pci:8086:1521");
	KUNIT_EXPECT_EQ(test, policy.nr_sel, 2u);
	/* 14 more fill the table; a repeat of the first is no 17th. */
	for (i = 0; i < IOMMU_RELAX_MAX_DEVICES - 2; i++) {
		snprintf(tok, sizeof(tok), "relax_rmrr=%02x:00.0", i + 0x10);
		iommu_relax_parse_token(&policy, tok);
	}
	iommu_relax_parse_token(&policy, "relax_rmrr=03:00.0");
	KUNIT_EXPECT_EQ(test, policy.nr_sel, 16u);
}

static void parse_all_wins_over_selectors(struct kunit *test)
{
	iommu_relax_parse(&policy, "relax_rmrr=03:00.0,relax_rmrr");
	KUNIT_EXPECT_TRUE(test, policy.all);
}

/* --- lists: the module's parameters, all or nothing --- */

static void list_selectors(struct kunit *test)
{
	static const struct iommu_relax_sel want[] = {
		BDF(0, 3, 0, 0), SLOT(0, 4, 0), BDF(0x10000, 5, 0x1f, 7),
		IDS(0x8086, 0x1521, 0x103c, 0x337f),
	};
	const char *bad = NULL;
	size_t bad_len = 0;
	unsigned int i;

	KUNIT_EXPECT_EQ(test, iommu_relax_parse_list(&policy,
						     "0000:03:00.0,04:00,10000:05:1f.7,pci:8086:1521:103c:337f",
						     &bad, &bad_len), 0);
	KUNIT_EXPECT_FALSE(test, policy.all);
	KUNIT_ASSERT_EQ(test, policy.nr_sel, 4u);
	for (i = 0; i < ARRAY_SIZE(want); i++)
		expect_sel(test, &policy.sel[i], &want[i], "list");
}

static void list_all(struct kunit *test)
{
	const char *bad;
	size_t bad_len;

	KUNIT_EXPECT_EQ(test,
			iommu_relax_parse_list(&policy, "all", &bad, &bad_len), 0);
	KUNIT_EXPECT_TRUE(test, policy.all);
}

/* Any bad entry refuses the whole list and names that entry. */
static void list_rejects_bad_entries(struct kunit *test)
{
	static const struct {
		const char *list, *bad;
		int err;
	} cases[] = {
		{ "", "", -EINVAL },
		{ "zz:99", "zz:99", -EINVAL },
		{ "03:00.0,zz:99", "zz:99", -EINVAL },
		{ "03:00.0,,04:00.0", "", -EINVAL },
		{ "03:00.0,", "", -EINVAL },
		{ "all,03:00.0", "all", -EINVAL },
		{ "03:00.0,all", "all", -EINVAL },
		{ "ALL", "ALL", -EINVAL },
		{ " 03:00.0", " 03:00.0", -EINVAL },
		{ "03:00.0 ", "03:00.0 ", -EINVAL },
		{ "relax_rmrr=03:00.0", "relax_rmrr=03:00.0", -EINVAL },
		{ "03:20.0", "03:20.0", -EINVAL },
		{ "03:00.0,0001:03", "0001:03", -EINVAL },
		{ "pci:8086:1521,pci:8086", "pci:8086", -EINVAL },
		{ "00001:03:00.0,03:00.0", "00001:03:00.0", -EINVAL },
	};
	const char *bad;
	size_t bad_len;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		KUNIT_EXPECT_EQ_MSG(test,
				    iommu_relax_parse_list(&policy, cases[i].list,
							   &bad, &bad_len),
				    cases[i].err, "list '%s'", cases[i].list);
		KUNIT_EXPECT_EQ_MSG(test, (int)bad_len,
				    (int)strlen(cases[i].bad), "list '%s'",
				    cases[i].list);
		KUNIT_EXPECT_EQ_MSG(test, strncmp(bad, cases[i].bad, bad_len), 0,
				    "list '%s'", cases[i].list);
		KUNIT_EXPECT_TRUE_MSG(test, relaxes_nothing(&policy),
				      "list '%s' relaxed something",
				      cases[i].list);
	}
}

static void list_keeps_at_most_16(struct kunit *test)
{
	char list[20 * 8];
	const char *bad;
	size_t bad_len, used = 0;
	unsigned int i;

	for (i = 0; i < IOMMU_RELAX_MAX_DEVICES + 1; i++)
		used += snprintf(list + used, sizeof(list) - used, "%s%02x:00.0",
				 i ? "," : "", i + 1);
	KUNIT_EXPECT_EQ(test, iommu_relax_parse_list(&policy, list, &bad,
						     &bad_len), -E2BIG);
	KUNIT_EXPECT_EQ(test, strncmp(bad, "11:00.0", bad_len), 0);
	KUNIT_EXPECT_TRUE(test, relaxes_nothing(&policy));
	/* The first 16 alone fit. */
	list[strlen(list) - 8] = '\0';
	KUNIT_EXPECT_EQ(test, iommu_relax_parse_list(&policy, list, &bad,
						     &bad_len), 0);
	KUNIT_EXPECT_EQ(test, policy.nr_sel, 16u);
}

static void selected_needs_a_pci_device(struct kunit *test)
{
	struct device *dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	iommu_relax_parse_token(&policy, "relax_rmrr");
	KUNIT_EXPECT_FALSE(test, iommu_relax_selected(&policy, dev));
	EXPECT_TYPE(test, iommu_relax_classify(&policy, dev, IOMMU_RESV_DIRECT,
					       0, 0x1000),
		    IOMMU_RESV_DIRECT);
	KUNIT_EXPECT_FALSE(test, iommu_relax_selected(&policy, NULL));
	KUNIT_EXPECT_EQ(test, policy.nr_relaxed, 0u);
}

/* Before any region is read, every selector is named as the user wrote it. */
static void report_names_each_selector(struct kunit *test)
{
	iommu_relax_report_unmatched(&policy);
	KUNIT_EXPECT_EQ(test, logged("iommu-relax-kunit"), 0u);
	iommu_relax_parse(&policy,
			  "relax_rmrr=03:00.0,relax_rmrr=0001:04:1f,relax_rmrr=10000:e1:00.7,relax_rmrr=pci:8086:1521,relax_rmrr=pci:10de:0000:1458:3702");
	iommu_relax_report_unmatched(&policy);
	KUNIT_EXPECT_EQ(test, logged(UNMATCHED "0000:03:00.0\n"), 1u);
	KUNIT_EXPECT_EQ(test, logged(UNMATCHED "0001:04:1f.*\n"), 1u);
	KUNIT_EXPECT_EQ(test, logged(UNMATCHED "10000:e1:00.7\n"), 1u);
	KUNIT_EXPECT_EQ(test, logged(UNMATCHED "pci:8086:1521\n"), 1u);
	KUNIT_EXPECT_EQ(test, logged(UNMATCHED "pci:10de:0000:1458:3702\n"), 1u);
	KUNIT_EXPECT_EQ(test, logged(UNMATCHED), 5u);
}

#ifdef CONFIG_PCI
/* --- struct pci_dev: x86_64, and UML where it builds PCI --- */

/*
 * A PCI function that is no device of this machine, named as a test one
 * in the log.  pci_domain_nr() reads the domain from the bus's sysdata on
 * x86, from the bus on PCI_DOMAINS_GENERIC and is 0 elsewhere (UML).
 */
static struct pci_dev *fake_pci_dev(struct kunit *test, u32 domain, u8 busnr,
				    u8 dev, u8 fn)
{
	struct pci_bus *bus = kunit_kzalloc(test, sizeof(*bus), GFP_KERNEL);
	struct pci_dev *pdev = kunit_kzalloc(test, sizeof(*pdev), GFP_KERNEL);
	char *name = kunit_kzalloc(test, 40, GFP_KERNEL);
#ifdef CONFIG_X86
	struct pci_sysdata *sd = kunit_kzalloc(test, sizeof(*sd), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, sd);
	sd->domain = domain;
	bus->sysdata = sd;
#endif
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, bus);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, pdev);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, name);
#ifdef CONFIG_PCI_DOMAINS_GENERIC
	bus->domain_nr = domain;
#endif
	bus->number = busnr;
	pdev->bus = bus;
	pdev->devfn = PCI_DEVFN(dev, fn);
	pdev->dev.bus = &pci_bus_type;
	snprintf(name, 40, "kunit-fake-pci-%04x:%02x:%02x.%d", domain, busnr,
		 dev, fn);
	pdev->dev.init_name = name;
	if (domain && (u32)pci_domain_nr(bus) != domain) {
#ifdef kunit_skip
		kunit_skip(test, "pci_domain_nr() cannot be faked here");
#else
		KUNIT_FAIL(test, "pci_domain_nr() cannot be faked here");
#endif
	}
	return pdev;
}

/* Whether the policy names domain:bus:dev.fn. */
static bool names(struct kunit *test, u32 domain, u8 bus, u8 dev, u8 fn)
{
	return iommu_relax_selected(&policy,
				    &fake_pci_dev(test, domain, bus, dev, fn)->dev);
}

static bool names_ids(struct kunit *test, u16 vendor, u16 device,
		      u16 subvendor, u16 subdevice)
{
	struct pci_dev *pdev = fake_pci_dev(test, 0, 0x42, 0, 0);

	pdev->vendor = vendor;
	pdev->device = device;
	pdev->subsystem_vendor = subvendor;
	pdev->subsystem_device = subdevice;
	return iommu_relax_selected(&policy, &pdev->dev);
}

static void match_exact_function(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=0000:03:00.1");
	KUNIT_EXPECT_TRUE(test, names(test, 0, 3, 0, 1));
	KUNIT_EXPECT_FALSE(test, names(test, 0, 3, 0, 0));
	KUNIT_EXPECT_FALSE(test, names(test, 0, 3, 1, 1));
	KUNIT_EXPECT_FALSE(test, names(test, 0, 4, 0, 1));
	KUNIT_EXPECT_FALSE(test, names(test, 0, 0x13, 0, 1));
}

static void match_all_functions_of_one_device(struct kunit *test)
{
	unsigned int fn;

	iommu_relax_parse_token(&policy, "relax_rmrr=03:02");
	for (fn = 0; fn < 8; fn++)
		KUNIT_EXPECT_TRUE(test, names(test, 0, 3, 2, fn));
	KUNIT_EXPECT_FALSE(test, names(test, 0, 3, 1, 0));
	KUNIT_EXPECT_FALSE(test, names(test, 0, 3, 3, 0));
}

static void match_every_selector_of_a_list(struct kunit *test)
{
	iommu_relax_parse(&policy, "relax_rmrr=03:00.0,relax_rmrr=04:00.1");
	KUNIT_EXPECT_TRUE(test, names(test, 0, 3, 0, 0));
	KUNIT_EXPECT_TRUE(test, names(test, 0, 4, 0, 1));
	KUNIT_EXPECT_FALSE(test, names(test, 0, 4, 0, 0));
}

static void match_all(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr");
	KUNIT_EXPECT_TRUE(test, names(test, 0, 0xfe, 0x1f, 7));
	KUNIT_EXPECT_TRUE(test, names_ids(test, 0x1234, 0x5678, 0, 0));
}

static void match_nothing_without_option(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, names(test, 0, 0, 0, 0));
	KUNIT_EXPECT_FALSE(test, names(test, 0, 3, 0, 0));
	KUNIT_EXPECT_FALSE(test, names_ids(test, 0x8086, 0x1521, 0, 0));
}

static void match_segment_matters(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=0001:03:00.0");
	KUNIT_EXPECT_TRUE(test, names(test, 1, 3, 0, 0));
	KUNIT_EXPECT_FALSE(test, names(test, 0, 3, 0, 0));
	KUNIT_EXPECT_FALSE(test, names(test, 0x101, 3, 0, 0));
	KUNIT_EXPECT_FALSE(test, names(test, 0x10001, 3, 0, 0));
}

/* An Intel VMD domain is no alias of segment 0000. */
static void match_vmd_domain(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=10000:e1:00.0");
	KUNIT_EXPECT_TRUE(test, names(test, 0x10000, 0xe1, 0, 0));
	KUNIT_EXPECT_FALSE(test, names(test, 0, 0xe1, 0, 0));
	iommu_relax_reset(&policy);
	iommu_relax_parse_token(&policy, "relax_rmrr=0000:e1:00.0");
	KUNIT_EXPECT_TRUE(test, names(test, 0, 0xe1, 0, 0));
	KUNIT_EXPECT_FALSE(test, names(test, 0x10000, 0xe1, 0, 0));
}

static void match_by_vendor_and_device(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=pci:8086:1521");
	KUNIT_EXPECT_TRUE(test, names_ids(test, 0x8086, 0x1521, 0x103c, 0x337f));
	KUNIT_EXPECT_FALSE(test, names_ids(test, 0x8086, 0x1522, 0, 0));
	KUNIT_EXPECT_FALSE(test, names_ids(test, 0x8087, 0x1521, 0, 0));
	/* the IDs, not the address */
	KUNIT_EXPECT_FALSE(test, names(test, 0, 0x42, 0, 0));
}

static void match_by_subsystem(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=pci:8086:1521:103c:337f");
	KUNIT_EXPECT_TRUE(test, names_ids(test, 0x8086, 0x1521, 0x103c, 0x337f));
	KUNIT_EXPECT_FALSE(test, names_ids(test, 0x8086, 0x1521, 0x103c, 0x3380));
	KUNIT_EXPECT_FALSE(test, names_ids(test, 0x8086, 0x1521, 0x103d, 0x337f));
	KUNIT_EXPECT_FALSE(test, names_ids(test, 0x8086, 0x1521, 0, 0));
}

/* 0000 matches any ID, as in pci=resource_alignment=. */
static void match_id_0000_is_any(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=pci:8086:0000:103c:0000");
	KUNIT_EXPECT_TRUE(test, names_ids(test, 0x8086, 0x1521, 0x103c, 0x337f));
	KUNIT_EXPECT_TRUE(test, names_ids(test, 0x8086, 0x10fb, 0x103c, 0x17d3));
	KUNIT_EXPECT_FALSE(test, names_ids(test, 0x8086, 0x1521, 0x1028, 0x1f60));
	KUNIT_EXPECT_FALSE(test, names_ids(test, 0x10de, 0x1521, 0x103c, 0x337f));
}

/* --- classification --- */

static enum iommu_resv_type classify_at(struct kunit *test, u32 domain,
					u8 bus, enum iommu_resv_type type,
					phys_addr_t start)
{
	return iommu_relax_classify(&policy,
				    &fake_pci_dev(test, domain, bus, 0, 0)->dev,
				    type, start, 0x100000);
}

static enum iommu_resv_type classify(struct kunit *test,
				     enum iommu_resv_type type, u8 bus)
{
	return classify_at(test, 0, bus, type, 0x30000000);
}

static void classify_direct_of_named_device(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=03:00.0");
	EXPECT_TYPE(test, classify(test, IOMMU_RESV_DIRECT, 3),
		    IOMMU_RESV_DIRECT_RELAXABLE);
	KUNIT_EXPECT_EQ(test, logged("kunit-fake-pci-0000:03:00.0: " RELAXED
				     "0x30000000-0x300fffff] reported as relaxable"), 1u);
	KUNIT_EXPECT_EQ(test, logged(RELAXED), 1u);
}

static void classify_direct_of_other_device(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=03:00.0");
	EXPECT_TYPE(test, classify(test, IOMMU_RESV_DIRECT, 4),
		    IOMMU_RESV_DIRECT);
	KUNIT_EXPECT_EQ(test, logged(RELAXED), 0u);
	KUNIT_EXPECT_EQ(test, policy.nr_kunit_taints, 0u);
}

static void classify_leaves_other_types(struct kunit *test)
{
	static const enum iommu_resv_type others[] = {
		IOMMU_RESV_DIRECT_RELAXABLE, IOMMU_RESV_RESERVED,
		IOMMU_RESV_MSI, IOMMU_RESV_SW_MSI,
	};
	unsigned int i;

	iommu_relax_parse_token(&policy, "relax_rmrr");
	for (i = 0; i < ARRAY_SIZE(others); i++)
		EXPECT_TYPE(test, classify(test, others[i], 3), others[i]);
	KUNIT_EXPECT_EQ(test, logged(RELAXED), 0u);
}

static void classify_unchanged_without_option(struct kunit *test)
{
	unsigned int bus;

	for (bus = 0; bus < 256; bus += 17)
		EXPECT_TYPE(test, classify(test, IOMMU_RESV_DIRECT, bus),
			    IOMMU_RESV_DIRECT);
	iommu_relax_report_unmatched(&policy);
	KUNIT_EXPECT_EQ(test, logged("iommu-relax-kunit"), 0u);
	KUNIT_EXPECT_EQ(test, policy.nr_kunit_taints, 0u);
}

/* Each newly relaxed region taints, through the test's hook only. */
static void classify_taints_per_new_region(struct kunit *test)
{
	bool tainted = test_taint(TAINT_FIRMWARE_WORKAROUND);

	iommu_relax_parse_token(&policy, "relax_rmrr=03:00.0");
	classify(test, IOMMU_RESV_DIRECT, 3);
	KUNIT_EXPECT_EQ(test, policy.nr_kunit_taints, 1u);
	classify(test, IOMMU_RESV_DIRECT, 3);
	KUNIT_EXPECT_EQ(test, policy.nr_kunit_taints, 1u);
	classify_at(test, 0, 3, IOMMU_RESV_DIRECT, 0x40000000);
	KUNIT_EXPECT_EQ(test, policy.nr_kunit_taints, 2u);
	/* the kernel running the suite is left as it was */
	KUNIT_EXPECT_EQ(test, (int)test_taint(TAINT_FIRMWARE_WORKAROUND), (int)tainted);
}

static void classify_logs_each_region_once(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=03:00");
	classify(test, IOMMU_RESV_DIRECT, 3);
	classify(test, IOMMU_RESV_DIRECT, 3);
	KUNIT_EXPECT_EQ(test, logged(RELAXED), 1u);
	classify_at(test, 0, 3, IOMMU_RESV_DIRECT, 0x40000000);
	KUNIT_EXPECT_EQ(test, logged(RELAXED "0x40000000-0x400fffff]"), 1u);
	/* the same range of another named function is another region */
	iommu_relax_classify(&policy, &fake_pci_dev(test, 0, 3, 0, 1)->dev,
			     IOMMU_RESV_DIRECT, 0x30000000, 0x100000);
	KUNIT_EXPECT_EQ(test, logged("kunit-fake-pci-0000:03:00.1: " RELAXED), 1u);
	KUNIT_EXPECT_EQ(test, logged(RELAXED), 3u);
}

/* Named devices: a line per region; all devices: a summary after 16. */
static void classify_logs_all_devices_in_summary(struct kunit *test)
{
	unsigned int bus;

	iommu_relax_parse_token(&policy, "relax_rmrr");
	for (bus = 0; bus < 40; bus++)
		EXPECT_TYPE(test, classify(test, IOMMU_RESV_DIRECT, bus),
			    IOMMU_RESV_DIRECT_RELAXABLE);
	KUNIT_EXPECT_EQ(test, logged(RELAXED), 16u);
	KUNIT_EXPECT_EQ(test, logged("iommu-relax-kunit: more TEST regions"), 1u);
	KUNIT_EXPECT_EQ(test, policy.nr_kunit_taints, 40u);

	iommu_relax_reset(&policy);
	log_mark();
	iommu_relax_parse_token(&policy, "relax_rmrr=03:00.0");
	for (bus = 0; bus < 40; bus++)
		classify_at(test, 0, 3, IOMMU_RESV_DIRECT, 0x30000000 + bus * 0x100000);
	KUNIT_EXPECT_EQ(test, logged(RELAXED), 40u);
	KUNIT_EXPECT_EQ(test, logged("more TEST regions"), 0u);
}

static struct pci_dev *fake_nic(struct kunit *test, u8 bus, u8 dev, u8 fn)
{
	struct pci_dev *nic = fake_pci_dev(test, 0, bus, dev, fn);

	nic->vendor = 0x8086;
	nic->device = 0x1521;
	return nic;
}

static void classify_by_id(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=pci:8086:1521");
	EXPECT_TYPE(test, iommu_relax_classify(&policy, &fake_nic(test, 7, 0, 0)->dev,
					       IOMMU_RESV_DIRECT,
					       0x30000000, 0x100000),
		    IOMMU_RESV_DIRECT_RELAXABLE);
	EXPECT_TYPE(test, classify(test, IOMMU_RESV_DIRECT, 7),
		    IOMMU_RESV_DIRECT);
	KUNIT_EXPECT_EQ(test, logged(RELAXED), 1u);
}

/* One ID selector names every VF of a PF: the limit is 16 selectors. */
static void classify_by_id_names_every_vf(struct kunit *test)
{
	unsigned int vf;

	iommu_relax_parse_token(&policy, "relax_rmrr=pci:8086:1521");
	for (vf = 0; vf < 24; vf++) {
		struct pci_dev *nic = fake_nic(test, 0x10 + vf / 8, 0x10, vf % 8);

		KUNIT_EXPECT_TRUE(test, iommu_relax_selected(&policy, &nic->dev));
		EXPECT_TYPE(test, iommu_relax_classify(&policy, &nic->dev,
						       IOMMU_RESV_DIRECT,
						       0x30000000, 0x100000),
			    IOMMU_RESV_DIRECT_RELAXABLE);
	}
	KUNIT_EXPECT_EQ(test, logged(RELAXED), 24u);
	iommu_relax_report_unmatched(&policy);
	KUNIT_EXPECT_EQ(test, logged(UNMATCHED), 0u);
}

/* A selector matched nothing: absent, no direct region, or a typo. */
static void report_unmatched_selectors(struct kunit *test)
{
	iommu_relax_parse(&policy,
			  "relax_rmrr=03:00.0,relax_rmrr=04:00.1,relax_rmrr=pci:8086:1521,relax_rmrr=05:00");
	classify(test, IOMMU_RESV_DIRECT, 3);
	/* 04:00.1 is present with a region that is not direct */
	iommu_relax_classify(&policy, &fake_pci_dev(test, 0, 4, 0, 1)->dev,
			     IOMMU_RESV_RESERVED, 0x30000000, 0x100000);
	/* 05:00.2 relaxed: the selector of all functions matched */
	iommu_relax_classify(&policy, &fake_pci_dev(test, 0, 5, 0, 2)->dev,
			     IOMMU_RESV_DIRECT, 0x30000000, 0x100000);
	iommu_relax_report_unmatched(&policy);
	KUNIT_EXPECT_EQ(test, logged(UNMATCHED "0000:04:00.1"), 1u);
	KUNIT_EXPECT_EQ(test, logged(UNMATCHED "pci:8086:1521"), 1u);
	KUNIT_EXPECT_EQ(test, logged(UNMATCHED), 2u);
}

static void report_all_devices_matched_nothing(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr");
	classify(test, IOMMU_RESV_RESERVED, 3);
	iommu_relax_report_unmatched(&policy);
	KUNIT_EXPECT_EQ(test, logged(UNMATCHED "any device"), 1u);
	KUNIT_EXPECT_EQ(test, logged(UNMATCHED), 1u);

	log_mark();
	classify(test, IOMMU_RESV_DIRECT, 3);
	iommu_relax_report_unmatched(&policy);
	KUNIT_EXPECT_EQ(test, logged(UNMATCHED), 0u);
}
#endif /* CONFIG_PCI */

static struct kunit_case iommu_relax_test_cases[] = {
	KUNIT_CASE(parse_every_form),
	KUNIT_CASE(parse_bare_token_relaxes_all),
	KUNIT_CASE(parse_repeated_tokens_add_up),
	KUNIT_CASE(parse_token_stops_at_comma),
	KUNIT_CASE(parse_leaves_other_tokens_alone),
	KUNIT_CASE(parse_empty_option_relaxes_nothing),
	KUNIT_CASE(parse_rejects_malformed),
	KUNIT_CASE(parse_bad_token_does_not_stop_the_rest),
	KUNIT_CASE(parse_keeps_at_most_16),
	KUNIT_CASE(parse_duplicates_count_once),
	KUNIT_CASE(parse_all_wins_over_selectors),
	KUNIT_CASE(list_selectors),
	KUNIT_CASE(list_all),
	KUNIT_CASE(list_rejects_bad_entries),
	KUNIT_CASE(list_keeps_at_most_16),
	KUNIT_CASE(selected_needs_a_pci_device),
	KUNIT_CASE(report_names_each_selector),
#ifdef CONFIG_PCI
	KUNIT_CASE(match_exact_function),
	KUNIT_CASE(match_all_functions_of_one_device),
	KUNIT_CASE(match_every_selector_of_a_list),
	KUNIT_CASE(match_all),
	KUNIT_CASE(match_nothing_without_option),
	KUNIT_CASE(match_segment_matters),
	KUNIT_CASE(match_vmd_domain),
	KUNIT_CASE(match_by_vendor_and_device),
	KUNIT_CASE(match_by_subsystem),
	KUNIT_CASE(match_id_0000_is_any),
	KUNIT_CASE(classify_direct_of_named_device),
	KUNIT_CASE(classify_direct_of_other_device),
	KUNIT_CASE(classify_leaves_other_types),
	KUNIT_CASE(classify_unchanged_without_option),
	KUNIT_CASE(classify_taints_per_new_region),
	KUNIT_CASE(classify_logs_each_region_once),
	KUNIT_CASE(classify_logs_all_devices_in_summary),
	KUNIT_CASE(classify_by_id),
	KUNIT_CASE(classify_by_id_names_every_vf),
	KUNIT_CASE(report_unmatched_selectors),
	KUNIT_CASE(report_all_devices_matched_nothing),
#endif
	{}
};

static struct kunit_suite iommu_relax_test_suite = {
	.name = "iommu-relax",
	.init = relax_test_init,
	.exit = relax_test_exit,
	.test_cases = iommu_relax_test_cases,
};
kunit_test_suite(iommu_relax_test_suite);

MODULE_DESCRIPTION("KUnit tests for the IOMMU relax policy");
MODULE_LICENSE("Dual MIT/GPL");
