/* test_extract.c: unit tests for sec-extract's extraction core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "charset.h"
#include "check.h"
#include "../../cmd/sec-extract/extract.h"

/* Extract from a string; the result belongs to the caller. */
static void
ex(const char *html, const char *url, int raw, struct ext_result *r)
{
	struct ext_opts o;

	memset(&o, 0, sizeof(o));
	o.url = url;
	o.raw = raw;
	extract_page(html, strlen(html), &o, r);
}

static void
test_dates(void)
{
	char out[21];

	CHECK(ext_parse_date("2024-05-10T13:05:00Z", out) == 0);
	CHECK_STR(out, "2024-05-10T13:05:00Z");
	CHECK(ext_parse_date("2024-05-10T22:05:00+09:00", out) == 0);
	CHECK_STR(out, "2024-05-10T13:05:00Z");
	CHECK(ext_parse_date("2019-11-19T08:00:00.000-0500", out) == 0);
	CHECK_STR(out, "2019-11-19T13:00:00Z");
	CHECK(ext_parse_date("2019-11-19T08:00-05:00", out) == 0);
	CHECK_STR(out, "2019-11-19T13:00:00Z");
	CHECK(ext_parse_date("2019-11-19 08:30:15", out) == 0);
	CHECK_STR(out, "2019-11-19T08:30:15Z");
	CHECK(ext_parse_date("2019-11-19", out) == 0);
	CHECK_STR(out, "2019-11-19T00:00:00Z");
	CHECK(ext_parse_date("Tue, 19 Nov 2019 13:05:00 GMT", out) == 0);
	CHECK_STR(out, "2019-11-19T13:05:00Z");
	CHECK(ext_parse_date("19 Nov 2019 14:05 +0100", out) == 0);
	CHECK_STR(out, "2019-11-19T13:05:00Z");
	CHECK(ext_parse_date("2019-02-30", out) == -1);
	CHECK(ext_parse_date("yesterday", out) == -1);
	CHECK(ext_parse_date("", out) == -1);
	CHECK(ext_parse_date("2019-13-01T00:00:00Z", out) == -1);
	/* read by common/date.c: the zone counts, two-digit years and the
	 * forms feeds use are read, trailing words are not skipped */
	CHECK(ext_parse_date("Tue, 19 Nov 2019 13:05:00 EST", out) == 0);
	CHECK_STR(out, "2019-11-19T18:05:00Z");
	CHECK(ext_parse_date("2019-11-19T08:00:00 +0900", out) == 0);
	CHECK_STR(out, "2019-11-18T23:00:00Z");
	CHECK(ext_parse_date("19 Nov 19 10:00 GMT", out) == 0);
	CHECK_STR(out, "2019-11-19T10:00:00Z");
	CHECK(ext_parse_date("2019/11/19", out) == 0);
	CHECK_STR(out, "2019-11-19T00:00:00Z");
	CHECK(ext_parse_date("2019-11-19 garbage", out) == -1);
	CHECK(ext_parse_date("Tue, 19 Nov 2019 13:05", out) == -1);
	/* before 1970: a placeholder, not a publication date */
	CHECK(ext_parse_date("1969-12-31T23:59:59Z", out) == -1);
	CHECK(ext_parse_date("1970-01-01T00:00:00Z", out) == 0);
}

static void
test_lang(void)
{
	const char *ja = "国内の製造業を狙ったランサムウェア攻撃が相次いでいる。";
	const char *en = "The attackers used a loader to break into the "
	    "servers of the company and then moved to the domain controller.";

	CHECK_STR(ext_guess_lang(ja, strlen(ja)), "ja");
	CHECK_STR(ext_guess_lang(en, strlen(en)), "en");
	CHECK_STR(ext_guess_lang("Привет, как дела? Всё хорошо.", 50), "ru");
	CHECK(ext_guess_lang("12345 67890", 11) == NULL);
	CHECK(ext_guess_lang("", 0) == NULL);
}

static void
test_charset(void)
{
	struct charset_pick pk;
	size_t n;
	char *s;

	s = ext_to_utf8("<meta charset=\"Shift_JIS\"><p>\x93\xfa\x96\x7b</p>",
	    34, &n, &pk);
	CHECK_STR(pk.name, "CP932");
	CHECK(strstr(s, "日本") != NULL);
	free(s);
	s = ext_to_utf8("<p>caf\xe9</p>", 11, &n, &pk);
	CHECK_STR(pk.name, "WINDOWS-1252");
	CHECK_STR(s, "<p>café</p>");
	free(s);
	s = ext_to_utf8("\xef\xbb\xbf<p>x\0y</p>", 13, &n, &pk);
	CHECK_STR(pk.name, "UTF-8");
	CHECK_STR(s, "<p>xy</p>");
	free(s);
	/* an unknown charset falls back to UTF-8 with repair */
	s = ext_to_utf8("<meta charset=x-bogus><p>\xff</p>", 30, &n, &pk);
	CHECK_STR(pk.name, "UTF-8");
	CHECK(strstr(s, "\xef\xbf\xbd") != NULL);
	free(s);
	/* a meta that claims UTF-16 in ASCII bytes is not believed */
	s = ext_to_utf8("<meta charset=utf-16><p>ok</p>", 30, &n, &pk);
	CHECK_STR(pk.name, "UTF-8");
	free(s);
}

static void
test_format(void)
{
	struct ext_result r;

	ex("<body><article><p>First para, with words.</p><p>Second "
	    "<b>bold</b>  and\n spaced.</p><ul><li>one</li><li>two</li>"
	    "</ul><table><tr><th>a</th><th>b</th></tr><tr><td>1</td>"
	    "<td></td><td>3</td></tr></table><pre>\n  x  y\n\tz\n</pre>"
	    "<p>line<br>break</p></article></body>", NULL, 0, &r);
	CHECK_STR(r.text, "First para, with words.\n\nSecond bold and "
	    "spaced.\n\none\ntwo\n\na\tb\n1\t\t3\n\n  x  y\n\tz\n\n"
	    "line\nbreak");
	CHECK_INT(r.nerrors, 0);
	ext_result_free(&r);

	/* entities, NBSP and words split by tags */
	ex("<p>end.</p><p>Next&nbsp;word &amp; more&#x21;</p>", NULL, 0, &r);
	CHECK_STR(r.text, "end.\n\nNext word & more!");
	ext_result_free(&r);
}

static void
test_boilerplate(void)
{
	struct ext_result r;
	static const char page[] =
	    "<html><head><title>A story about things | The Site</title>"
	    "</head><body><nav><a href=/>Home</a></nav>"
	    "<div class=\"content\"><h1>A story about things</h1>"
	    "<p>The first paragraph of the story is long enough to count, "
	    "and it has commas, clauses, and a full stop.</p>"
	    "<p>The second paragraph, also long, continues the story with "
	    "more detail, more words, and more punctuation.</p>"
	    "<div class=\"share-buttons\"><a href=\"https://twitter.com/x\">"
	    "Tweet</a></div>"
	    "<ul><li><a href=/a>Other story one</a></li><li><a href=/b>"
	    "Other story two</a></li></ul>"
	    "<p style=\"display:none\">Invisible words here.</p>"
	    "</div><div id=\"comments\"><p>A comment, long enough to be a "
	    "paragraph of its own, with commas, too.</p></div>"
	    "<footer>Copyright notice</footer></body></html>";

	ex(page, "https://site.example/story", 0, &r);
	CHECK_STR(r.text, "The first paragraph of the story is long enough "
	    "to count, and it has commas, clauses, and a full stop.\n\n"
	    "The second paragraph, also long, continues the story with "
	    "more detail, more words, and more punctuation.");
	CHECK_STR(r.title, "A story about things");
	CHECK_INT(r.nlinks, 0);
	ext_result_free(&r);
}

static void
test_links(void)
{
	struct ext_result r;
	static const char page[] =
	    "<html><head><base href=\"/news/\"></head><body><article>"
	    "<p>According to a <a href=\"https://vendor.example/blog/"
	    "apt-report\">new report</a>, the group is active again, and "
	    "it targets many sectors in many countries.</p>"
	    "<p>The group was <a href=\"older-story\">covered before</a>, "
	    "and <a href=\"https://twitter.com/vendor/status/1\">the "
	    "vendor tweeted</a> about the report as well, twice.</p>"
	    "<p>See also <a href=\"https://vendor.example/\">the vendor</a>"
	    ", and <a href=\"javascript:void(0)\">this</a>, and <a href="
	    "\"#top\">top</a>, and <a href=\"older-story\">again</a>.</p>"
	    "</article></body></html>";

	ex(page, "https://paper.example/x/y", 0, &r);
	CHECK_INT(r.nlinks, 4);
	if (r.nlinks == 4) {
		CHECK_STR(r.links[0].url,
		    "https://vendor.example/blog/apt-report");
		CHECK_STR(r.links[0].text, "new report");
		CHECK_INT(r.links[0].primary, 1);
		CHECK_STR(r.links[1].url,
		    "https://paper.example/news/older-story");
		CHECK_INT(r.links[1].primary, 0);
		CHECK_INT(r.links[2].primary, 0);	/* social network */
		CHECK_STR(r.links[3].url, "https://vendor.example/");
		CHECK_INT(r.links[3].primary, 0);	/* a front page */
	}
	ext_result_free(&r);
}

/* A short paragraph made mostly of its link is pruned as boilerplate,
 * unless the link is the story's source: then it stays, with the link,
 * marked primary (in Japanese and in English). */
static void
test_cited_paragraph(void)
{
	struct ext_result r;
	static const char long1[] =
	    "<p>製品Xの認証回避の脆弱性が実際に悪用されていることが確認された。"
	    "影響を受けるバージョンを利用している組織は、速やかに修正版へ更新"
	    "することが推奨される。攻撃者は管理画面に細工したリクエストを送る"
	    "という。</p><p>同社によると、修正版は既に公開されており、回避策と"
	    "して管理画面へのアクセス制限も有効である。ログの点検も呼びかけら"
	    "れている。</p>";
	static const char ja[] =
	    "<p>詳細は <a href=\"https://www.jpcert.or.jp/at/2026/at260001."
	    "html\">JPCERT/CCの注意喚起</a> を参照してください。</p>";
	static const char en[] =
	    "<p>Read the <a href=\"https://research.example-labs.com/blog/"
	    "x\">full report</a>.</p>";
	/* link-dense and not a citation: still left out */
	static const char nocue[] =
	    "<p>Follow <a href=\"https://other.example/people/x\">our "
	    "writer Jane</a>.</p>";
	static const char same[] =
	    "<p>See <a href=\"https://news.example/2026/report\">our "
	    "report</a>.</p>";
	struct buf page = BUF_INIT;
	size_t i;
	int ja_ok = 0, en_ok = 0;

	buf_printf(&page, "<html><body><article><h1>t</h1>%s%s%s%s%s"
	    "</article></body></html>", long1, ja, en, nocue, same);
	ex(page.s, "https://news.example/2026/06/x", 0, &r);
	CHECK(strstr(r.text, "詳細は JPCERT/CCの注意喚起 を参照してください。")
	    != NULL);
	CHECK(strstr(r.text, "Read the full report.") != NULL);
	CHECK(strstr(r.text, "Follow") == NULL);
	CHECK(strstr(r.text, "See our report") == NULL);
	for (i = 0; i < r.nlinks; i++) {
		if (strcmp(r.links[i].url, "https://www.jpcert.or.jp/at/2026/"
		    "at260001.html") == 0 && r.links[i].primary)
			ja_ok = 1;
		if (strcmp(r.links[i].url, "https://research.example-labs."
		    "com/blog/x") == 0 && r.links[i].primary)
			en_ok = 1;
	}
	CHECK(ja_ok);
	CHECK(en_ok);
	CHECK_INT(r.nlinks, 2);
	ext_result_free(&r);
	buf_free(&page);
}

static void
test_meta(void)
{
	struct ext_result r;
	static const char page[] =
	    "<html lang=\"en_GB\"><head><title>Site Name | Big headline "
	    "about a topic</title><meta property=\"og:site_name\" "
	    "content=\"Site Name\"><meta name=\"author\" content=\"By Ann "
	    "Author\"><link rel=\"canonical\" href=\"/c/1\"></head><body>"
	    "<p>Some text that is long enough to be the article, with "
	    "commas.</p><time datetime=\"2020-01-02T03:04:05+01:00\">Jan "
	    "2</time></body></html>";

	ex(page, "https://site.example/a?b", 0, &r);
	CHECK_STR(r.title, "Big headline about a topic");
	CHECK_STR(r.site_name, "Site Name");
	CHECK_STR(r.byline, "Ann Author");
	CHECK_STR(r.lang, "en-GB");
	CHECK_STR(r.canonical, "https://site.example/c/1");
	CHECK_STR(r.published, "2020-01-02T02:04:05Z");
	ext_result_free(&r);
}

static void
test_hostile(void)
{
	struct ext_result r;
	char *p;
	size_t i, n = 200000;

	/* deep nesting: an error entry, the text before it kept */
	p = malloc(n * 5 + 64);
	strcpy(p, "<p>Kept text before the deep part.</p>");
	for (i = 0; i < n; i++)
		memcpy(p + 38 + i * 5, "<div>", 5);
	p[38 + n * 5] = '\0';
	ex(p, NULL, 0, &r);
	CHECK_STR(r.text, "Kept text before the deep part.");
	CHECK_INT(r.nerrors, 1);
	ext_result_free(&r);
	/* deep inline nesting */
	for (i = 0; i < n; i++)
		memcpy(p + 38 + i * 5, "<b><i", 5);
	ex(p, NULL, 1, &r);
	CHECK(strncmp(r.text, "Kept text", 9) == 0);
	ext_result_free(&r);
	free(p);

	ex("", NULL, 1, &r);
	CHECK_STR(r.text, "");
	CHECK_INT(r.nerrors, 1);
	CHECK_STR(r.errors[0], "empty page");
	ext_result_free(&r);
	ex("<html><body></body></html>", NULL, 0, &r);
	CHECK_STR(r.text, "");
	CHECK_INT(r.nerrors, 1);
	ext_result_free(&r);
	ex("<<<>>>&&&;</p></div><p<p<p", NULL, 1, &r);
	CHECK(r.text != NULL);
	ext_result_free(&r);
}

static void
test_byline(void)
{
	struct ext_result r;

	ex("<body><article><div class=\"post-byline\">By Sam Writer "
	    "\xC2\xB7 May 10</div><p>A paragraph long enough to be the "
	    "article text, with commas, and a stop.</p></article></body>",
	    NULL, 0, &r);
	CHECK_STR(r.byline, "Sam Writer");
	CHECK_STR(r.text, "A paragraph long enough to be the article text, "
	    "with commas, and a stop.");
	ext_result_free(&r);
}

int
main(void)
{
	xmlInitParser();
	test_dates();
	test_lang();
	test_charset();
	test_format();
	test_boilerplate();
	test_links();
	test_cited_paragraph();
	test_meta();
	test_byline();
	test_hostile();
	xmlCleanupParser();
	return check_failed;
}
