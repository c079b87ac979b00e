// SPDX-License-Identifier: GPL-2.0-or-later OR MIT
/*
 * KUnit tests for the IOMMU relax policy: selector parsing, matching of
 * PCI functions and region classification.
 *
 * The matching cases work on plain (segment, bus, devfn) values so they run
 * on every kernel line; the struct pci_dev cases need CONFIG_PCI, which UML
 * can build only on lines with virtio-PCI for UML.
 */

#include <kunit/test.h>
#include <linux/iommu-relax.h>
#include <linux/kernel.h>
#include <linux/pci.h>

static struct iommu_relax policy =
	IOMMU_RELAX_INIT(policy, "intel_iommu", "relax_rmrr", "RMRR");

static int relax_test_init(struct kunit *test)
{
	iommu_relax_reset(&policy);
	test->priv = &policy;
	return 0;
}

static void relax_test_exit(struct kunit *test)
{
	iommu_relax_reset(&policy);
}

/* Whether the policy names segment:bus:dev.fn. */
static bool names(const struct iommu_relax *r, u16 seg, u8 bus, u8 dev, u8 fn)
{
	return iommu_relax_match(r, seg, bus, PCI_DEVFN(dev, fn));
}

/* Enums compare as int: older KUnit type-checks both sides. */
#define EXPECT_TYPE(test, got, want) \
	KUNIT_EXPECT_EQ(test, (int)(got), (int)(want))

static bool relaxes_nothing(const struct iommu_relax *r)
{
	return !r->all && r->nr_sel == 0;
}

static unsigned int nr_reported(struct iommu_relax *r)
{
	struct list_head *pos;
	unsigned int n = 0;

	list_for_each(pos, &r->seen)
		n++;
	return n;
}

/* --- parsing --- */

static void parse_bare_token_relaxes_all(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, iommu_relax_parse_token(&policy, "relax_rmrr"));
	KUNIT_EXPECT_TRUE(test, policy.all);
	KUNIT_EXPECT_EQ(test, policy.nr_sel, 0u);
	KUNIT_EXPECT_TRUE(test, names(&policy, 0x1234, 0xfe, 0x1f, 7));
}

static void parse_full_selector(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test,
			  iommu_relax_parse_token(&policy, "relax_rmrr=0001:03:1e.6"));
	KUNIT_EXPECT_FALSE(test, policy.all);
	KUNIT_ASSERT_EQ(test, policy.nr_sel, 1u);
	KUNIT_EXPECT_EQ(test, (int)policy.sel[0].segment, 1);
	KUNIT_EXPECT_EQ(test, (int)policy.sel[0].bus, 3);
	KUNIT_EXPECT_EQ(test, (int)policy.sel[0].devfn, PCI_DEVFN(0x1e, 6));
	KUNIT_EXPECT_FALSE(test, policy.sel[0].all_fn);
}

static void parse_domain_omitted_means_0000(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=03:00.1");
	KUNIT_ASSERT_EQ(test, policy.nr_sel, 1u);
	KUNIT_EXPECT_EQ(test, (int)policy.sel[0].segment, 0);
	KUNIT_EXPECT_TRUE(test, names(&policy, 0, 3, 0, 1));
	KUNIT_EXPECT_FALSE(test, names(&policy, 1, 3, 0, 1));
}

static void parse_function_omitted_means_all(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=0000:03:1f");
	KUNIT_ASSERT_EQ(test, policy.nr_sel, 1u);
	KUNIT_EXPECT_TRUE(test, policy.sel[0].all_fn);
	KUNIT_EXPECT_TRUE(test, names(&policy, 0, 3, 0x1f, 0));
	KUNIT_EXPECT_TRUE(test, names(&policy, 0, 3, 0x1f, 7));
}

static void parse_hex_is_case_insensitive(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=00AB:CD:1F.7");
	iommu_relax_parse_token(&policy, "relax_rmrr=00ab:cd:1f.7");
	KUNIT_EXPECT_EQ(test, policy.nr_sel, 1u);
	KUNIT_EXPECT_TRUE(test, names(&policy, 0xab, 0xcd, 0x1f, 7));
}

static void parse_repeated_tokens_add_up(struct kunit *test)
{
	iommu_relax_parse(&policy, "relax_rmrr=03:00.0,relax_rmrr=04:00.1");
	KUNIT_EXPECT_EQ(test, policy.nr_sel, 2u);
	KUNIT_EXPECT_TRUE(test, names(&policy, 0, 3, 0, 0));
	KUNIT_EXPECT_TRUE(test, names(&policy, 0, 4, 0, 1));
	KUNIT_EXPECT_FALSE(test, names(&policy, 0, 4, 0, 0));
}

static void parse_mixed_with_other_tokens(struct kunit *test)
{
	iommu_relax_parse(&policy,
			  "on,relax_rmrr=0000:03:00.0,sm_off,,relax_rmrr=03:00.1,igfx_off");
	KUNIT_EXPECT_FALSE(test, policy.all);
	KUNIT_EXPECT_EQ(test, policy.nr_sel, 2u);
	KUNIT_EXPECT_TRUE(test, names(&policy, 0, 3, 0, 1));
}

/* A driver's own loop hands over a pointer into the whole option. */
static void parse_token_stops_at_comma(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test,
			  iommu_relax_parse_token(&policy, "relax_rmrr=03:00.0,sm_off"));
	KUNIT_ASSERT_EQ(test, policy.nr_sel, 1u);
	KUNIT_EXPECT_TRUE(test, names(&policy, 0, 3, 0, 0));
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

/* Every malformed selector is ours, relaxes nothing, and is reported. */
static void expect_rejected(struct kunit *test, const char * const *bad,
			    unsigned int n)
{
	char tok[64];
	unsigned int i;

	for (i = 0; i < n; i++) {
		snprintf(tok, sizeof(tok), "relax_rmrr=%s", bad[i]);
		KUNIT_EXPECT_TRUE_MSG(test, iommu_relax_parse_token(&policy, tok),
				      "token '%s'", tok);
		KUNIT_EXPECT_TRUE_MSG(test, relaxes_nothing(&policy),
				      "token '%s' relaxed something", tok);
	}
}

static void parse_rejects_garbage(struct kunit *test)
{
	static const char * const bad[] = {
		"zz:99", "hello", "03-00.0", "03", "03:", ":03:00", "03:00.",
		"03:00.0.1", "0000:03:00:00.0", "03:00.0x", "03:00:", "0x3:00.0",
		"03:00.a", "*", "03:00.*", "-1:00.0",
	};

	expect_rejected(test, bad, ARRAY_SIZE(bad));
}

static void parse_rejects_whitespace(struct kunit *test)
{
	static const char * const bad[] = {
		" 03:00.0", "03:00.0 ", "03: 00.0", "03:00 .0", "03:00.\t0",
	};

	expect_rejected(test, bad, ARRAY_SIZE(bad));
}

static void parse_rejects_out_of_range(struct kunit *test)
{
	static const char * const bad[] = {
		"03:20.0", "03:00.8", "100:00.0", "10000:00:00.0", "03:00.10",
		"0000:0100:00.0", "03:020.0",
	};

	expect_rejected(test, bad, ARRAY_SIZE(bad));
}

static void parse_bad_token_does_not_stop_the_rest(struct kunit *test)
{
	iommu_relax_parse(&policy, "relax_rmrr=zz:99,relax_rmrr=05:00.0,on");
	KUNIT_ASSERT_EQ(test, policy.nr_sel, 1u);
	KUNIT_EXPECT_TRUE(test, names(&policy, 0, 5, 0, 0));
}

static void parse_keeps_at_most_16(struct kunit *test)
{
	char tok[32];
	unsigned int i;

	for (i = 0; i < IOMMU_RELAX_MAX_DEVICES + 1; i++) {
		snprintf(tok, sizeof(tok), "relax_rmrr=%02x:00.0", i + 1);
		KUNIT_EXPECT_TRUE(test, iommu_relax_parse_token(&policy, tok));
	}
	KUNIT_EXPECT_EQ(test, policy.nr_sel, 16u);
	KUNIT_EXPECT_TRUE(test, names(&policy, 0, 16, 0, 0));
	KUNIT_EXPECT_FALSE(test, names(&policy, 0, 17, 0, 0));
}

static void parse_duplicates_count_once(struct kunit *test)
{
	char tok[32];
	unsigned int i;

	iommu_relax_parse(&policy,
			  "relax_rmrr=0000:03:00.0,relax_rmrr=03:00.0,relax_rmrr=3:0.0");
	KUNIT_EXPECT_EQ(test, policy.nr_sel, 1u);
	/* 15 more fill the table; a repeat of the first is no 17th. */
	for (i = 0; i < IOMMU_RELAX_MAX_DEVICES - 1; i++) {
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
	KUNIT_EXPECT_TRUE(test, names(&policy, 0, 9, 1, 2));
}

/* --- matching on plain values --- */

/* --- lists: the module's parameters, all or nothing --- */

static void list_selectors(struct kunit *test)
{
	const char *bad = NULL;
	size_t bad_len = 0;

	KUNIT_EXPECT_EQ(test, iommu_relax_parse_list(&policy,
						     "0000:03:00.0,04:00,0001:05:1f.7",
						     &bad, &bad_len), 0);
	KUNIT_EXPECT_FALSE(test, policy.all);
	KUNIT_EXPECT_EQ(test, policy.nr_sel, 3u);
	KUNIT_EXPECT_TRUE(test, names(&policy, 0, 3, 0, 0));
	KUNIT_EXPECT_FALSE(test, names(&policy, 0, 3, 0, 1));
	KUNIT_EXPECT_TRUE(test, names(&policy, 0, 4, 0, 5));
	KUNIT_EXPECT_TRUE(test, names(&policy, 1, 5, 0x1f, 7));
}

static void list_all(struct kunit *test)
{
	const char *bad;
	size_t bad_len;

	KUNIT_EXPECT_EQ(test,
			iommu_relax_parse_list(&policy, "all", &bad, &bad_len), 0);
	KUNIT_EXPECT_TRUE(test, policy.all);
	KUNIT_EXPECT_TRUE(test, names(&policy, 0x1234, 0xfe, 0x1f, 7));
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

static void match_exact_function(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=0000:03:00.1");
	KUNIT_EXPECT_TRUE(test, names(&policy, 0, 3, 0, 1));
	KUNIT_EXPECT_FALSE(test, names(&policy, 0, 3, 0, 0));
	KUNIT_EXPECT_FALSE(test, names(&policy, 0, 3, 1, 1));
	KUNIT_EXPECT_FALSE(test, names(&policy, 0, 4, 0, 1));
}

static void match_all_functions_of_one_device(struct kunit *test)
{
	unsigned int fn;

	iommu_relax_parse_token(&policy, "relax_rmrr=03:02");
	for (fn = 0; fn < 8; fn++)
		KUNIT_EXPECT_TRUE(test, names(&policy, 0, 3, 2, fn));
	KUNIT_EXPECT_FALSE(test, names(&policy, 0, 3, 1, 0));
	KUNIT_EXPECT_FALSE(test, names(&policy, 0, 3, 3, 0));
}

static void match_segment_matters(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=0001:03:00.0");
	KUNIT_EXPECT_TRUE(test, names(&policy, 1, 3, 0, 0));
	KUNIT_EXPECT_FALSE(test, names(&policy, 0, 3, 0, 0));
	KUNIT_EXPECT_FALSE(test, names(&policy, 0x101, 3, 0, 0));
}

static void match_nothing_without_option(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, names(&policy, 0, 0, 0, 0));
	KUNIT_EXPECT_FALSE(test, names(&policy, 0, 3, 0, 0));
}

/* --- classification --- */

static enum iommu_resv_type classify(enum iommu_resv_type type, u8 bus)
{
	return iommu_relax_classify_id(&policy, NULL, 0, bus, PCI_DEVFN(0, 0),
				       type, 0x30000000, 0x100000);
}

static void classify_direct_of_named_device(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=03:00.0");
	EXPECT_TYPE(test, classify(IOMMU_RESV_DIRECT, 3),
		    IOMMU_RESV_DIRECT_RELAXABLE);
}

static void classify_direct_of_other_device(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=03:00.0");
	EXPECT_TYPE(test, classify(IOMMU_RESV_DIRECT, 4), IOMMU_RESV_DIRECT);
	KUNIT_EXPECT_EQ(test, nr_reported(&policy), 0u);
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
		EXPECT_TYPE(test, classify(others[i], 3), others[i]);
	KUNIT_EXPECT_EQ(test, nr_reported(&policy), 0u);
}

static void classify_unchanged_without_option(struct kunit *test)
{
	unsigned int bus;

	for (bus = 0; bus < 256; bus += 17)
		EXPECT_TYPE(test, classify(IOMMU_RESV_DIRECT, bus),
			    IOMMU_RESV_DIRECT);
	KUNIT_EXPECT_EQ(test, nr_reported(&policy), 0u);
}

static void classify_taints_the_kernel(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr=03:00.0");
	classify(IOMMU_RESV_DIRECT, 3);
	KUNIT_EXPECT_TRUE(test, test_taint(TAINT_FIRMWARE_WORKAROUND));
}

static void classify_reports_each_region_once(struct kunit *test)
{
	iommu_relax_parse_token(&policy, "relax_rmrr");
	classify(IOMMU_RESV_DIRECT, 3);
	classify(IOMMU_RESV_DIRECT, 3);
	KUNIT_EXPECT_EQ(test, nr_reported(&policy), 1u);
	classify(IOMMU_RESV_DIRECT, 4);
	iommu_relax_classify_id(&policy, NULL, 0, 3, 0, IOMMU_RESV_DIRECT,
				0x40000000, 0x1000);
	KUNIT_EXPECT_EQ(test, nr_reported(&policy), 3u);
}

static void classify_non_pci_device_untouched(struct kunit *test)
{
	struct device *dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	iommu_relax_parse_token(&policy, "relax_rmrr");
	KUNIT_EXPECT_FALSE(test, iommu_relax_selected(&policy, dev));
	EXPECT_TYPE(test, iommu_relax_classify(&policy, dev, IOMMU_RESV_DIRECT,
					       0, 0x1000),
		    IOMMU_RESV_DIRECT);
	KUNIT_EXPECT_FALSE(test, iommu_relax_selected(&policy, NULL));
}

#ifdef CONFIG_PCI
/* --- real struct pci_dev objects (lines whose UML builds PCI) --- */

static struct pci_dev *fake_pci_dev(struct kunit *test, u8 busnr, u8 devfn)
{
	struct pci_bus *bus = kunit_kzalloc(test, sizeof(*bus), GFP_KERNEL);
	struct pci_dev *pdev = kunit_kzalloc(test, sizeof(*pdev), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, bus);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, pdev);
	bus->number = busnr;
	pdev->bus = bus;
	pdev->devfn = devfn;
	pdev->dev.bus = &pci_bus_type;
	return pdev;
}

static void pci_dev_selected_by_bus_and_devfn(struct kunit *test)
{
	struct pci_dev *nic = fake_pci_dev(test, 3, PCI_DEVFN(0, 1));
	struct pci_dev *sibling = fake_pci_dev(test, 3, PCI_DEVFN(0, 0));
	struct pci_dev *other_bus = fake_pci_dev(test, 4, PCI_DEVFN(0, 1));

	iommu_relax_parse_token(&policy, "relax_rmrr=03:00.1");
	KUNIT_EXPECT_TRUE(test, iommu_relax_selected(&policy, &nic->dev));
	KUNIT_EXPECT_FALSE(test, iommu_relax_selected(&policy, &sibling->dev));
	KUNIT_EXPECT_FALSE(test, iommu_relax_selected(&policy, &other_bus->dev));
}

static void pci_dev_segment_is_its_domain(struct kunit *test)
{
	struct pci_dev *pdev = fake_pci_dev(test, 3, PCI_DEVFN(0, 0));
	int segment = pci_domain_nr(pdev->bus);
	char tok[40];

	/* Name the device in every segment but its own. */
	snprintf(tok, sizeof(tok), "relax_rmrr=%04x:03:00.0", (segment + 1) & 0xffff);
	iommu_relax_parse_token(&policy, tok);
	KUNIT_EXPECT_FALSE(test, iommu_relax_selected(&policy, &pdev->dev));
	snprintf(tok, sizeof(tok), "relax_rmrr=%04x:03:00.0", segment);
	iommu_relax_parse_token(&policy, tok);
	KUNIT_EXPECT_TRUE(test, iommu_relax_selected(&policy, &pdev->dev));
}

static void pci_dev_region_classified(struct kunit *test)
{
	struct pci_dev *nic = fake_pci_dev(test, 0, PCI_DEVFN(3, 0));
	struct pci_dev *other = fake_pci_dev(test, 0, PCI_DEVFN(4, 0));

	iommu_relax_parse_token(&policy, "relax_rmrr=0000:00:03.0");
	EXPECT_TYPE(test, iommu_relax_classify(&policy, &nic->dev,
					       IOMMU_RESV_DIRECT,
					       0x30000000, 0x100000),
		    IOMMU_RESV_DIRECT_RELAXABLE);
	EXPECT_TYPE(test, iommu_relax_classify(&policy, &other->dev,
					       IOMMU_RESV_DIRECT,
					       0x30000000, 0x100000),
		    IOMMU_RESV_DIRECT);
	KUNIT_EXPECT_EQ(test, nr_reported(&policy), 1u);
}
#endif /* CONFIG_PCI */

static struct kunit_case iommu_relax_test_cases[] = {
	KUNIT_CASE(parse_bare_token_relaxes_all),
	KUNIT_CASE(parse_full_selector),
	KUNIT_CASE(parse_domain_omitted_means_0000),
	KUNIT_CASE(parse_function_omitted_means_all),
	KUNIT_CASE(parse_hex_is_case_insensitive),
	KUNIT_CASE(parse_repeated_tokens_add_up),
	KUNIT_CASE(parse_mixed_with_other_tokens),
	KUNIT_CASE(parse_token_stops_at_comma),
	KUNIT_CASE(parse_leaves_other_tokens_alone),
	KUNIT_CASE(parse_empty_option_relaxes_nothing),
	KUNIT_CASE(parse_rejects_garbage),
	KUNIT_CASE(parse_rejects_whitespace),
	KUNIT_CASE(parse_rejects_out_of_range),
	KUNIT_CASE(parse_bad_token_does_not_stop_the_rest),
	KUNIT_CASE(parse_keeps_at_most_16),
	KUNIT_CASE(parse_duplicates_count_once),
	KUNIT_CASE(parse_all_wins_over_selectors),
	KUNIT_CASE(list_selectors),
	KUNIT_CASE(list_all),
	KUNIT_CASE(list_rejects_bad_entries),
	KUNIT_CASE(list_keeps_at_most_16),
	KUNIT_CASE(match_exact_function),
	KUNIT_CASE(match_all_functions_of_one_device),
	KUNIT_CASE(match_segment_matters),
	KUNIT_CASE(match_nothing_without_option),
	KUNIT_CASE(classify_direct_of_named_device),
	KUNIT_CASE(classify_direct_of_other_device),
	KUNIT_CASE(classify_leaves_other_types),
	KUNIT_CASE(classify_unchanged_without_option),
	KUNIT_CASE(classify_taints_the_kernel),
	KUNIT_CASE(classify_reports_each_region_once),
	KUNIT_CASE(classify_non_pci_device_untouched),
#ifdef CONFIG_PCI
	KUNIT_CASE(pci_dev_selected_by_bus_and_devfn),
	KUNIT_CASE(pci_dev_segment_is_its_domain),
	KUNIT_CASE(pci_dev_region_classified),
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
