/* test_select.c: unit tests for sec-select's rule parser and its story
 * comparison. */
#include <stdio.h>
#include <string.h>

#include "../../cmd/sec-select/conf.h"
#include "../../cmd/sec-select/sim.h"
#include "check.h"

static int
parse(struct sel_conf *c, const char *text, char *err, size_t errlen)
{
	sel_conf_init(c);
	return sel_conf_parse(c, text, strlen(text), "t.conf", err, errlen);
}

static int
match(const char *pat, const char *s)
{
	struct sel_pat p;
	struct sel_conf c;
	char err[256], text[256];
	int r;

	snprintf(text, sizeof(text), "drop title %s\n", pat);
	if (parse(&c, text, err, sizeof(err)) == -1) {
		sel_conf_free(&c);
		return -1;
	}
	p = c.rules[0].pat;
	r = sel_match(&p, s, strlen(s));
	sel_conf_free(&c);
	return r;
}

static void
test_conf(void)
{
	struct sel_conf c;
	char err[256];

	CHECK(parse(&c, "# rules\n\n  drop title webinar \n"
	    "keep title CVE-\ndrop category Deals\nrank news memo\n"
	    "max 7\nsection-max 4\nsection-max jp_incidents 30\n"
	    "exploited in the wild\nfix patched\nsimilarity 55\n"
	    "weight outlet 5", err, sizeof(err)) == 0);
	CHECK_INT(c.nrules, 3);
	CHECK_STR(c.rules[0].pat.s, "webinar");
	CHECK_STR(c.rules[0].text, "drop title webinar");
	CHECK_INT(c.rules[1].keep, 1);
	CHECK_INT(c.rules[2].field, SEL_CATEGORY);
	CHECK_INT(c.nranked, 2);
	CHECK_STR(c.ranked[1], "memo");
	CHECK_INT(c.max, 7);
	CHECK_INT(c.section_max, 4);
	CHECK_INT(c.ncaps, 1);
	CHECK_STR(c.caps[0].section, "jp_incidents");
	CHECK_INT(c.caps[0].max, 30);
	CHECK_INT(c.nexploited, 1);	/* replaced the defaults */
	CHECK_STR(c.exploited[0].s, "in the wild");
	CHECK_INT(c.nfix, 1);
	CHECK_INT(c.similarity, 55);
	CHECK_INT(c.weight[W_OUTLET], 5);
	CHECK_INT(c.weight[W_EXPLOITED], 8);
	sel_conf_free(&c);

	CHECK(parse(&c, "drop title\n", err, sizeof(err)) == -1);
	CHECK_STR(err, "t.conf:1: missing pattern");
	sel_conf_free(&c);
	CHECK(parse(&c, "\ndrop colour red\n", err, sizeof(err)) == -1);
	CHECK(strncmp(err, "t.conf:2: unknown field \"colour\"", 31) == 0);
	sel_conf_free(&c);
	CHECK(parse(&c, "max ten\n", err, sizeof(err)) == -1);
	sel_conf_free(&c);
	CHECK(parse(&c, "max 10 20\n", err, sizeof(err)) == -1);
	CHECK_STR(err, "t.conf:1: trailing words");
	sel_conf_free(&c);
	CHECK(parse(&c, "frobnicate\n", err, sizeof(err)) == -1);
	sel_conf_free(&c);
	CHECK(parse(&c, "similarity 101\n", err, sizeof(err)) == -1);
	sel_conf_free(&c);
	CHECK(parse(&c, "rank News\n", err, sizeof(err)) == -1);
	sel_conf_free(&c);
	CHECK(parse(&c, "weight speed 3\n", err, sizeof(err)) == -1);
	sel_conf_free(&c);
	CHECK(parse(&c, "drop title ^$\n", err, sizeof(err)) == -1);
	sel_conf_free(&c);
}

static void
test_match(void)
{
	CHECK_INT(match("webinar", "Join our Webinar today"), 1);
	CHECK_INT(match("webinar", "Webinars for you"), 1);
	CHECK_INT(match("deal", "An ideal patch"), 0);
	CHECK_INT(match("deal", "Deals of the week"), 1);
	CHECK_INT(match("^sponsored", "Sponsored: buy now"), 1);
	CHECK_INT(match("^sponsored", "Not sponsored"), 0);
	CHECK_INT(match("recap$", "Weekly Recap"), 1);
	CHECK_INT(match("recap$", "Recap of the week"), 0);
	CHECK_INT(match("/deals/", "http://x.example/deals/1"), 1);
	CHECK_INT(match("セミナー", "無料セミナーのご案内"), 1);
	CHECK_INT(match("raises \\$", "Startup raises $40M"), 1);
	CHECK_INT(match("raises $", "Startup raises $40M"), 0);
	CHECK_INT(match("\\^caret", "a ^caret"), 1);
	CHECK_INT(match("50%", "Save 50% now"), 1);
}

static void
test_sim(void)
{
	struct hset a = HSET_INIT, b = HSET_INIT, c = HSET_INIT;
	const char *t1 = "Hackers exploit critical Fortinet FortiWeb flaw";
	const char *t2 = "Hackers exploiting critical FortiWeb flaw, Fortinet"
	    " warns";
	const char *t3 = "Microsoft fixes Outlook bug";
	const char *j1 = "ランサムウェア被害を公表";
	const char *j2 = "ランサムウェア被害が判明、公表";

	sim_tokens(&a, t1, strlen(t1));
	sim_tokens(&b, t2, strlen(t2));
	sim_tokens(&c, t3, strlen(t3));
	hset_finish(&a);
	hset_finish(&b);
	hset_finish(&c);
	CHECK(sim_dice(&a, &b) >= 60);
	CHECK(sim_dice(&a, &c) < 20);
	CHECK_INT(sim_dice(&a, &a), 100);
	hset_free(&a);
	hset_free(&b);
	hset_free(&c);

	/* "the", "of" and the plural s do not count */
	sim_tokens(&a, "The Flaws of Routers", 20);
	sim_tokens(&b, "flaw router", 11);
	hset_finish(&a);
	hset_finish(&b);
	CHECK(hset_equal(&a, &b));
	hset_free(&a);
	hset_free(&b);

	/* Japanese: character bigrams */
	sim_tokens(&a, j1, strlen(j1));
	sim_tokens(&b, j2, strlen(j2));
	hset_finish(&a);
	hset_finish(&b);
	CHECK(sim_dice(&a, &b) >= 50);
	hset_free(&a);
	hset_free(&b);

	sim_cves(&a, "cve-2026-1234 and CVE-2026-99999, not CVE-2026-12 or"
	    " XCVE-2026-5555", 70);
	hset_finish(&a);
	sim_cves(&b, "CVE_2026_99999 / CVE-2026-1234", 30);
	hset_finish(&b);
	CHECK_INT(a.n, 2);
	CHECK(hset_equal(&a, &b));
	hset_free(&a);
	hset_free(&b);
	sim_cves(&a, "CVE-2026-12345678901234", 23);
	sim_cves(&a, "CVE-2026-1", 10);
	sim_cves(&a, "CVE-", 4);
	CHECK_INT(a.n, 0);
	hset_free(&a);
}

/* The order the inverted index and the grouping of equal sets rest on. */
static void
test_order(void)
{
	struct hset a = HSET_INIT, b = HSET_INIT;
	struct post p[] = {
		{ 9, 0, 4 }, { 3, 1, 2 }, { 9, 0, 1 }, { 3, 0, 7 },
		{ 3, 1, 0 }, { 1, 5, 3 }
	};

	post_sort(p, sizeof(p) / sizeof(p[0]));
	CHECK(p[0].key == 1);
	CHECK(p[1].key == 3 && p[1].group == 0 && p[1].item == 7);
	CHECK(p[2].key == 3 && p[2].group == 1 && p[2].item == 0);
	CHECK(p[3].key == 3 && p[3].group == 1 && p[3].item == 2);
	CHECK(p[4].key == 9 && p[4].item == 1);
	CHECK(p[5].key == 9 && p[5].item == 4);
	post_sort(p, 0);

	CHECK_INT(hset_cmp(&a, &b), 0);
	hset_add(&a, 5);
	CHECK(hset_cmp(&a, &b) > 0);
	hset_add(&b, 7);
	CHECK(hset_cmp(&a, &b) < 0);
	CHECK(hset_cmp(&b, &a) > 0);
	hset_add(&b, 2);
	hset_finish(&b);
	CHECK(hset_cmp(&a, &b) < 0);	/* the smaller set first */
	hset_add(&a, 7);
	hset_finish(&a);
	CHECK(hset_cmp(&a, &b) > 0);	/* { 5, 7 } after { 2, 7 } */
	hset_free(&a);
	hset_add(&a, 7);
	hset_add(&a, 2);
	hset_add(&a, 7);
	hset_finish(&a);
	CHECK_INT(hset_cmp(&a, &b), 0);
	hset_free(&a);
	hset_free(&b);
}

int
main(void)
{
	test_conf();
	test_match();
	test_sim();
	test_order();
	return check_failed;
}
