/* test_week.c: the weekly review of cmd/sec-archive/week.c over a small
 * week written here: its range, orderings, counts, coverage and the IOC
 * analysis. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "week.h"

static const struct wk_event ev[] = {
	{ "2026-05-11_old_incident", "2026-05-11", "incident", "古い侵害",
	    "high", "yes", "https://a.example/1", NULL, 0 },
	{ "2026-05-14_kev_flaw", "2026-05-14", "active_exploitation",
	    "悪用 | 表を壊す題名", "high", "yes", "https://a.example/2", NULL,
	    0 },
	{ "2026-05-14_new_incident", "2026-05-14", "incident", "新しい侵害",
	    "medium", "yes", "", NULL, 1 },
	{ "2026-05-15_research", "2026-05-15", "security_research", "調査",
	    "high", "maybe", "https://a.example/4", NULL, 0 },
	{ "2026-05-16_tool", "2026-05-16", "tool_release", "ツール", "low",
	    "no", "https://a.example/5", NULL, 0 },
};

static const struct wk_tag tag[] = {
	{ "2026-05-11_old_incident", "attack_method", "認証情報の窃取",
	    "credential_theft" },
	{ "2026-05-14_kev_flaw", "attack_method", "RCE",
	    "remote_code_execution" },
	{ "2026-05-14_new_incident", "attack_method", "認証情報の窃取",
	    "credential_theft" },
	/* the same event twice in one value counts once */
	{ "2026-05-14_new_incident", "attack_method", "認証情報",
	    "credential_theft" },
	{ "2026-05-14_new_incident", "actor", "Storm-1175", "storm_1175" },
	{ "2026-05-11_old_incident", "actor", "Storm-1175", "storm_1175" },
	{ "2026-05-15_research", "actor", "unknown", "unknown" },
	{ "2026-05-14_kev_flaw", "product_class", "VPN", "vpn" },
	{ "2026-05-14_kev_flaw", "product", "GateWay X", "gateway_x" },
	/* a tag of an event of another week is not counted */
	{ "2026-04-01_elsewhere", "attack_method", "x", "ddos" },
};

static const struct wk_ioc ioc[] = {
	/* earlier weeks */
	{ "2026-04-01", "iocs/20260401.csv", 2, "ip", "45.9.1.2", "c2",
	    "unknown", "unknown", "Medusa", "ransomware",
	    "https://r.example/a", "AI generated. x", "medium" },
	{ "2026-04-02", "iocs/20260402.csv", 2, "url",
	    "http://bad.example:80/x", "c2", "unknown", "unknown", "unknown",
	    "unknown", "https://r.example/b", "d", "medium" },
	{ "2026-04-03", "iocs/20260403.csv", 2, "url",
	    "https://raw.githubusercontent.com/a/b", "malware", "unknown",
	    "unknown", "unknown", "unknown", "https://r.example/c", "d",
	    "medium" },
	/* the week */
	{ "2026-05-14", "iocs/20260514.csv", 2, "ip", "45.9.1.2", "c2",
	    "unknown", "unknown", "Medusa", "ransomware",
	    "https://r.example/z", "d", "medium" },
	{ "2026-05-14", "iocs/20260514.csv", 3, "url",
	    "http://BAD.example/other", "c2", "Storm-1175", "cybercrime",
	    "unknown", "unknown", "https://r.example/z", "d, with comma",
	    "medium" },
	{ "2026-05-15", "iocs/20260515.csv", 2, "url",
	    "https://raw.githubusercontent.com/c/d", "malware", "unknown",
	    "unknown", "unknown", "unknown", "https://r.example/y", "d",
	    "medium" },
	{ "2026-05-15", "iocs/20260515.csv", 3, "url",
	    "http://bad.example/x", "c2", "unknown", "unknown", "unknown",
	    "unknown", "https://r.example/b", "d", "medium" },
	/* after the week: ignored */
	{ "2026-05-20", "iocs/20260520.csv", 2, "domain", "later.example",
	    "c2", "unknown", "unknown", "unknown", "unknown",
	    "https://r.example/l", "d", "medium" },
};

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

int
main(void)
{
	struct wk_input in;
	struct buf md = BUF_INIT, cur = BUF_INIT, mat = BUF_INIT;
	struct buf sum = BUF_INIT;
	const char *p, *q;

	memset(&in, 0, sizeof(in));
	CHECK(week_range(&in, "2026-W19") == 0);
	CHECK_STR(in.start, "2026-05-10");	/* Sunday to Saturday */
	CHECK_STR(in.end, "2026-05-16");
	CHECK(week_range(&in, "2026-W54") == -1);
	CHECK(week_range(&in, "2026-19") == -1);
	CHECK(week_range(&in, "2027-W53") == -1);
	CHECK(week_range(&in, "2026-W19") == 0);
	in.ev = ev;
	in.nev = sizeof(ev) / sizeof(ev[0]);
	in.tag = tag;
	in.ntag = sizeof(tag) / sizeof(tag[0]);
	in.ioc = ioc;
	in.nioc = sizeof(ioc) / sizeof(ioc[0]);
	in.shared = wk_shared_builtin();
	in.tax = taxonomy_builtin();

	week_review(&in, &md);
	CHECK(strstr(md.s, "- 期間: 2026-05-10 〜 2026-05-16\n") != NULL);
	CHECK(strstr(md.s, "- 対象イベント数: 5件\n") != NULL);
	CHECK(strstr(md.s, "- `needs_review=true` 件数: 1件\n") != NULL);
	/* two events, not three tags, and the other week's ddos not at all */
	CHECK(strstr(md.s, "| credential_theft | 認証情報の窃取 | 2 | "
	    "`2026-05-11_old_incident`, `2026-05-14_new_incident` |") != NULL);
	CHECK(strstr(md.s, "ddos") == NULL);
	CHECK(strstr(md.s, "- **攻撃手法の最多は認証情報の窃取**: 2件。")
	    != NULL);
	CHECK(strstr(md.s, "yes=3件、maybe=1件") != NULL);
	/* a "|" in a title stays inside its cell */
	CHECK(strstr(md.s, "悪用 \\| 表を壊す題名") != NULL);
	/* main events: follow-up first, then active_exploitation before
	 * incident, then high before medium; tool_release (no) last */
	p = strstr(md.s, "## 3.");
	CHECK(p != NULL);
	q = strstr(p, "`2026-05-14_kev_flaw`");
	CHECK(q != NULL && q < strstr(p, "`2026-05-11_old_incident`"));
	CHECK(strstr(p, "`2026-05-11_old_incident`") <
	    strstr(p, "`2026-05-14_new_incident`"));
	CHECK(strstr(p, "`2026-05-14_new_incident`") <
	    strstr(p, "`2026-05-15_research`"));
	/* follow-up reasons */
	CHECK(strstr(md.s, "| yes | 実悪用・confidence=high |") != NULL);
	CHECK(strstr(md.s, "| 新しい侵害 | yes | 月次候補 |") != NULL);
	/* secondary: the actor of two events is shown, with its name */
	CHECK(strstr(md.s, "| Storm-1175 | 2 |") != NULL);
	CHECK(strstr(md.s, "| VPN | 1 | GateWay X |") != NULL);
	/* coverage: actor 2 of 5 informative (unknown not), 3 tagged */
	CHECK(strstr(md.s, "| actor | 2 | 3 | 5 | 40.0% | usable |") != NULL);
	CHECK(strstr(md.s, "| attack_method | 3 | 3 | 5 | 60.0% | strong |")
	    != NULL);
	CHECK(strstr(md.s, "| product | 1 | 1 | 5 | 20.0% | low |") != NULL);
	CHECK(strstr(md.s, "| crime_trend | 0 | 0 | 5 | 0.0% | none |") !=
	    NULL);
	/* an event without a URL is a data-quality note */
	CHECK(strstr(md.s, "events_without_source_url: 1") != NULL);

	week_ioc_csv(&in, &cur, &mat, &sum);
	/* the four rows of the week, none of the later one */
	CHECK(count(cur.s, "\n") == 5);
	CHECK(strstr(cur.s, "later.example") == NULL);
	CHECK(strstr(cur.s, "\"d, with comma\"") != NULL);
	/* the default port does not hide a match; case
	 * neither */
	CHECK(strstr(mat.s, "exact,true,true,true,2026-05-15,") != NULL);
	CHECK(strstr(mat.s, "exact,false,true,true,2026-05-14,") != NULL);
	/* bad.example/other shares its host with an earlier URL */
	CHECK(strstr(mat.s, "host_overlap,false,true,false,2026-05-14,") !=
	    NULL);
	/* raw.githubusercontent.com is a shared service: no overlap */
	CHECK(strstr(mat.s, "raw.githubusercontent.com/c/d") == NULL);
	CHECK(strstr(sum.s, "target_ioc_rows,total,4\n") != NULL);
	CHECK(strstr(sum.s, "matched_ioc_distinct,total,3\n") != NULL);
	CHECK(strstr(sum.s, "cross_reference_matched_ioc_distinct,total,2\n")
	    != NULL);
	CHECK(strstr(sum.s, "host_overlap_suppressed_current_shared_service_"
	    "rows,total,1\n") != NULL);
	CHECK(strstr(sum.s, "target_category,c2,3\n") != NULL);
	CHECK(wk_shared_has(in.shared, "x.trycloudflare.com"));
	CHECK(wk_shared_has(in.shared, "trycloudflare.com"));
	CHECK(!wk_shared_has(in.shared, "evilgithub.com"));
	buf_free(&md);
	buf_free(&cur);
	buf_free(&mat);
	buf_free(&sum);

	/* a week without anything is a complete review of zeros */
	memset(&in, 0, sizeof(in));
	CHECK(week_range(&in, "2026-W01") == 0);
	in.tax = taxonomy_builtin();
	week_review(&in, &md);
	CHECK(strstr(md.s, "- 対象イベント数: 0件\n") != NULL);
	CHECK(strstr(md.s, "| - | - | 0 | - |") != NULL);
	CHECK(strstr(md.s, "## 9.") == NULL);
	week_ioc_csv(&in, &cur, &mat, &sum);
	CHECK(count(cur.s, "\n") == 1 && count(mat.s, "\n") == 1);
	buf_free(&md);
	buf_free(&cur);
	buf_free(&mat);
	buf_free(&sum);
	return check_failed;
}
