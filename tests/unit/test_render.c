/* test_render.c: unit tests for sec-render's text escaping, indicator
 * types, IP scopes, refanging and noise rules, and the renderer itself. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "buf.h"
#include "check.h"
#include "ioc.h"
#include "../../cmd/sec-render/iocinfo.h"
#include "../../cmd/sec-render/render.h"
#include "../../cmd/sec-render/text.h"

/* Apply fn to s and return the result (a static buffer, overwritten by
 * the next call). */
static const char *
apply(void (*fn)(struct buf *, const char *), const char *s)
{
	static struct buf b;

	buf_reset(&b);
	fn(&b, s);
	return buf_str(&b);
}

static void
test_text(void)
{
	struct buf b = BUF_INIT;

	CHECK_STR(apply(txt_line, "  a\n\tb \r\n c  "), "a b c");
	CHECK_STR(apply(txt_line, "x\x01y\x7fz"), "x y z");
	CHECK_STR(apply(txt_line, "a\xc2\x85" "b\xe2\x80\xa8" "c"), "a b c");
	CHECK_STR(apply(txt_line, "bad\xff"), "bad\xef\xbf\xbd");
	/* U+202E RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE */
	CHECK_STR(apply(txt_line, "invoice\u202Efdp.exe\u200B"),
	    "invoicefdp.exe");
	/* every Bidi_Control character, U+061C ARABIC LETTER MARK included */
	CHECK_STR(apply(txt_line, "a\u061Cb\u200Ec\u200Fd\u202Ae\u202Bf"
	    "\u202Cg\u202Dh\u202Ei\u2066j\u2067k\u2068l\u2069m"),
	    "abcdefghijklm");
	CHECK_STR(apply(txt_plain, "x\u061Cy"), "xy");
	CHECK(txt_blank("\u061C \u2069"));
	CHECK_STR(apply(txt_url, "https://x.example/\u202Eexe"),
	    "https://x.example/%E2%80%AEexe");
	CHECK_STR(apply(txt_line, "<script>x</script> a<=b"),
	    "&lt;script>x&lt;/script> a<=b");
	CHECK_STR(apply(txt_line, "日本\u3000語"), "日本\u3000語");
	CHECK_STR(apply(txt_line, NULL), "");
	CHECK_STR(apply(txt_plain, "<b>\nx"), "<b> x");
	CHECK_STR(apply(txt_linktext, "a [b] c\\d `e`"),
	    "a \\[b\\] c\\\\d \\`e\\`");
	CHECK_STR(apply(txt_url, " https://x.example/a b(c)<d>\n "),
	    "https://x.example/a%20b%28c%29%3Cd%3E");
	CHECK_STR(apply(txt_url, "https://x.example/\x01\xff"),
	    "https://x.example/%01%FF");
	CHECK_STR(apply(txt_url, "https://例え.jp/パス"), "https://例え.jp/パス");
	CHECK_STR(apply(txt_csv, "plain"), "plain");
	CHECK_STR(apply(txt_csv, "a,b"), "\"a,b\"");
	CHECK_STR(apply(txt_csv, "say \"hi\""), "\"say \"\"hi\"\"\"");
	CHECK_STR(apply(txt_csv, "a\nb"), "\"a\nb\"");
	CHECK_STR(apply(txt_csv, NULL), "");
	/* CSV injection: a cell that starts a formula is made text */
	CHECK_STR(apply(txt_csv, "=1+2"), "'=1+2");
	CHECK_STR(apply(txt_csv, "+SUM(1)"), "'+SUM(1)");
	CHECK_STR(apply(txt_csv, "-2+3+cmd|\" /C notepad\"!A0"),
	    "\"'-2+3+cmd|\"\" /C notepad\"\"!A0\"");
	CHECK_STR(apply(txt_csv, "@SUM(1)"), "'@SUM(1)");
	CHECK_STR(apply(txt_csv, "\tx"), "'\tx");
	CHECK_STR(apply(txt_csv, "\rx"), "\"'\rx\"");
	CHECK_STR(apply(txt_csv, "=HYPERLINK(\"http://x\",\"y\")"),
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	CHECK_STR(apply(txt_csv, "a=1"), "a=1");
	/* live link syntax of any scheme is made text in report lines */
	CHECK_STR(apply(txt_line, "[p](javascript:alert(1))"),
	    "[p\\](javascript:alert(1))");
	CHECK_STR(apply(txt_line, "![x](data:text/html,y)"),
	    "![x\\](data:text/html,y)");
	CHECK_STR(apply(txt_line, "[ref]: vbscript:x"), "[ref\\]: vbscript:x");
	CHECK_STR(apply(txt_line, "[a\\](javascript:x)"),
	    "[a\\](javascript:x)");
	CHECK_STR(apply(txt_line, "[a\\\\](javascript:x)"),
	    "[a\\\\\\](javascript:x)");
	CHECK_STR(apply(txt_line, "2001[:]db8[:][:]1 [a][b]"),
	    "2001[:]db8[:][:]1 [a][b]");
	buf_reset(&b);
	buf_puts(&b, "x <javascript:y> a](b");
	txt_mdsafe(&b, 2);
	CHECK_STR(buf_str(&b), "x &lt;javascript:y> a\\](b");
	buf_reset(&b);
	/* credentials never leave: every URL loses its userinfo */
	CHECK_STR(apply(txt_line, "see http://user:pass@h.example/x"),
	    "see http://h.example/x");
	CHECK_STR(apply(txt_plain, "a ftp://u:p@h/ b"), "a ftp://h/ b");
	CHECK_STR(apply(txt_url, "https://u:p@h.example/a"),
	    "https://h.example/a");
	CHECK_STR(apply(txt_visible, "https://u:p@h.example/\u202Ea\nb"),
	    "https://h.example/a\nb");
	txt_context(&b, "C2, at http://evil.example/x,now", NULL, NULL);
	CHECK_STR(buf_str(&b), "C2、at hxxp://evil[.]example/x、now");
	buf_reset(&b);
	txt_context(&b, "EVIL.example から配信,\n二段目", "evil.example",
	    "domain");
	CHECK_STR(buf_str(&b), "EVIL[.]example から配信、二段目");
	buf_reset(&b);
	txt_context(&b, "hxxps://a[.]b/ 済み", "a.b", "domain");
	CHECK_STR(buf_str(&b), "hxxps://a[.]b/ 済み");
	buf_reset(&b);
	txt_context(&b, "HTTPS://Up.example", NULL, NULL);
	CHECK_STR(buf_str(&b), "hxxps://Up[.]example");
	CHECK(txt_blank(" \n\t"));
	CHECK(txt_blank(NULL));
	CHECK(!txt_blank(" x"));
	buf_free(&b);
}

static void
test_scope(void)
{
	CHECK_STR(ri_scope("ipv4", "8.8.8.8"), "global");
	CHECK_STR(ri_scope("ipv4", "192.3.152.183"), "global");
	CHECK_STR(ri_scope("ipv4", "10.1.2.3"), "private");
	CHECK_STR(ri_scope("ipv4", "172.32.0.1"), "global");
	CHECK_STR(ri_scope("ipv4", "127.0.0.1"), "loopback");
	CHECK_STR(ri_scope("ipv4", "169.254.1.1"), "link-local");
	CHECK_STR(ri_scope("ipv4", "192.0.2.1"), "documentation");
	CHECK_STR(ri_scope("ipv4", "5[.]34[.]177[.]38:9861"), "global");
	CHECK_STR(ri_scope("cidr", "10.0.0.0/8"), "private");
	CHECK_STR(ri_scope("ipv6", "2001[:]db8[:][:]1"), "documentation");
	CHECK_STR(ri_scope("ipv6", "[2606:4700::1]:443"), "global");
	CHECK_STR(ri_scope("ipv6", "fe80::1"), "link-local");
	CHECK_STR(ri_scope("cidr", "2001:db8::/32"), "documentation");
	/* a type that says IPv4 for an IPv6 address: the value decides */
	CHECK_STR(ri_scope("ipv4", "fd00::1"), "private");
	CHECK(ri_scope("ipv4", "1.2.3.256") == NULL);
	CHECK(ri_scope("domain", "evil.example") == NULL);
}

static void
test_types(void)
{
	struct buf b = BUF_INIT;

	CHECK_STR(ri_type("IPv4", "x"), "ipv4");
	CHECK_STR(ri_type("fqdn", NULL), "domain");
	CHECK_STR(ri_type("ip", "2001:db8::1"), "ipv6");
	CHECK_STR(ri_type("hash", "d41d8cd98f00b204e9800998ecf8427e"),
	    "md5");
	CHECK_STR(ri_type(NULL, "hxxps://evil[.]example/x"), "url");
	CHECK_STR(ri_type(NULL, "192[.]0[.]2[.]1"), "ipv4");
	CHECK_STR(ri_type(NULL, "5.34.177.38:9861"), "ipv4");
	CHECK_STR(ri_type(NULL, "evil[.]example"), "domain");
	CHECK_STR(ri_type(NULL, "CVE-2024-21887"), "cve");
	CHECK_STR(ri_type(NULL, "AS13335"), "asn");
	CHECK_STR(ri_type(NULL, "a[@]evil[.]example"), "email");
	CHECK_STR(ri_type(NULL, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
	    "sha1");
	CHECK_STR(ri_type(NULL, "hello world"), "other");
	CHECK_STR(ri_type(NULL, "1.2.3"), "other");
	CHECK_STR(ri_type("mutex", "Global\\x"), "mutex");
	CHECK_STR(ri_type("weird-type", "x"), "weird-type");
	CHECK_STR(ri_type("IPアドレス", "2001:db8::1"), "ipv6");
	CHECK_STR(ri_type("IPアドレス", "192.0.2.1"), "ipv4");
	CHECK_STR(ri_type("FQDN名", "x.example"), "domain");
	CHECK_STR(ri_type("ハッシュ値", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
	    "sha1");
	CHECK_STR(ri_type("URL", "x"), "url");
	CHECK_STR(ri_type_label("ipv6"), "IPアドレス");
	CHECK_STR(ri_type_label("domain"), "FQDN名");
	CHECK_STR(ri_type_label("sha512"), "ハッシュ値");
	CHECK_STR(ri_type_label("email"), "メールアドレス");
	CHECK_STR(ri_type_label("cve"), "CVE");
	CHECK_STR(ri_type_label("weird-type"), "weird-type");
	CHECK_STR(ri_csv_type("ipv6"), "ip");
	CHECK_STR(ri_csv_type("sha256"), "file_hash_sha256");
	CHECK(ri_csv_type("cve") == NULL);
	CHECK(ri_csv_type("sha512") == NULL);
	CHECK(ri_csv_type("email") == NULL);
	CHECK(ri_csv_type("asn") == NULL);

#define REFANG(v, t, want) do {						\
	buf_reset(&b);							\
	ri_refang(&b, v, t);						\
	CHECK_STR(buf_str(&b), want);					\
} while (0)
	REFANG("hxxps://evil[.]example/x.", "url",
	    "https://evil.example/x");
	REFANG("HXXP://Evil[.]Example/A", "url", "http://evil.example/A");
	REFANG("fxp://ftp[.]evil[.]example", "url",
	    "ftp://ftp.evil.example");
	REFANG("https://en.example/wiki/A_(b)", "url",
	    "https://en.example/wiki/A_(b)");
	REFANG("(https://evil.example/x)", "url", "https://evil.example/x");
	REFANG("Evil(.)Example.", "domain", "evil.example");
	REFANG("https://Sub.Evil.example:8080/x", "domain",
	    "sub.evil.example");
	REFANG("192[.]0[.]2[.]1:8080", "ipv4", "192.0.2.1");
	REFANG("2001[:]DB8[:][:]1", "ipv6", "2001:db8::1");
	REFANG("[2001:DB8::1]:443", "ipv6", "2001:db8::1");
	REFANG("a[@]evil[.]example", "email", "a@evil.example");
	REFANG("D41D8CD98F00B204E9800998ECF8427E", "md5",
	    "d41d8cd98f00b204e9800998ecf8427e");
#undef REFANG

	CHECK(ri_noise("ipv4", "8.8.8.8", "global", 0));
	CHECK(ri_noise("ipv4", "10.0.0.1", NULL, 0));
	CHECK(ri_noise("ipv4", "192.0.2.1", NULL, 0));
	/* a documentation address stays noise whatever a record says */
	CHECK(ri_noise("ipv4", "192.0.2.1", "global", 0));
	CHECK(ri_noise("ipv4", "203.0.113.9:443", NULL, 0));
	CHECK(ri_noise("ipv6", "2001:db8::1", "global", 0));
	CHECK(ri_noise("ipv4", "0.0.0.0", NULL, 0));
	CHECK(ri_noise("ipv4", "1.1.1.1", NULL, 0));
	CHECK(ri_noise("ipv4", "8.8.4.4", NULL, 0));
	CHECK(ri_noise("domain", "telegram.org", NULL, 0));
	CHECK(ri_noise("domain", "npmjs.com", NULL, 0));
	CHECK(ri_noise("url", "https://t.me", NULL, 0));
	/* a specific code, package or chat page is kept, known or not */
	CHECK(!ri_noise("url", "https://github.com/evil/repo", NULL, 1));
	CHECK(!ri_noise("url", "https://gist.github.com/u/0a1b", NULL, 1));
	CHECK(!ri_noise("url", "https://www.npmjs.com/package/x", NULL, 1));
	CHECK(!ri_noise("url", "https://rubygems.org/gems/x", NULL, 1));
	CHECK(!ri_noise("url", "https://pkg.go.dev/github.com/a/b", NULL, 1));
	CHECK(!ri_noise("url", "https://t.me/chan/12", NULL, 1));
	CHECK(ri_noise("url", "https://cdn.example/x", NULL, 1));
	CHECK(ri_noise("url", "https://github.com/", NULL, 1));

	CHECK(ri_csv_invalid("ip", "45.77.1.2") == NULL);
	CHECK(ri_csv_invalid("ip", "45.77.1.2:8080") != NULL);
	CHECK(ri_csv_invalid("ip", "2001:4860::1") == NULL);
	CHECK(ri_csv_invalid("ip", "[2001:4860::1]:443") != NULL);
	CHECK(ri_csv_invalid("domain", "evil.example") == NULL);
	CHECK(ri_csv_invalid("domain", "evil.example.") == NULL);
	CHECK(ri_csv_invalid("domain", "-evil.example") != NULL);
	CHECK(ri_csv_invalid("domain", "evil") != NULL);
	CHECK(ri_csv_invalid("domain", "evil.c0m") != NULL);
	CHECK(ri_csv_invalid("domain", "ev_il.example") != NULL);
	CHECK(ri_csv_invalid("domain", "xn--80ak6aa92e.com") == NULL);
	CHECK(ri_csv_invalid("domain", "пример.com") != NULL);
	CHECK(ri_csv_invalid("url", "https://evil.example/a?b=c") == NULL);
	CHECK(ri_csv_invalid("url", "wss://evil.example/s") == NULL);
	CHECK(ri_csv_invalid("url", "file:///etc/passwd") != NULL);
	CHECK(ri_csv_invalid("url", "hxxps://evil[.]example/") != NULL);
	CHECK(ri_csv_invalid("url", "https:///x") != NULL);
	CHECK(ri_csv_invalid("file_hash_md5",
	    "d41d8cd98f00b204e9800998ecf8427e") == NULL);
	CHECK(ri_csv_invalid("file_hash_sha1",
	    "d41d8cd98f00b204e9800998ecf8427e") != NULL);
	CHECK(ri_csv_invalid("email", "a@evil.example") != NULL);
	CHECK(ri_noise("ipv4", "192.3.152.183", "private", 0));
	CHECK(!ri_noise("ipv4", "192.3.152.183", NULL, 0));
	CHECK(ri_noise("ipv4", "192.3.152.183", NULL, 1));
	CHECK(ri_noise("domain", "github.com", NULL, 0));
	CHECK(ri_noise("domain", "www.t.me", NULL, 0));
	CHECK(!ri_noise("domain", "evil.github.com.example", NULL, 0));
	CHECK(ri_noise("url", "https://github.com/", NULL, 0));
	CHECK(!ri_noise("url", "https://github.com/evil/repo", NULL, 0));
	CHECK(!ri_noise("url", "https://t.me/+842320686", NULL, 0));
	CHECK(ri_noise("url", "http://127.0.0.1:8080/x", NULL, 0));
	CHECK(ri_noise("url", "http://[::1]/x", NULL, 0));
	CHECK(!ri_noise("url", "http://192.3.152.183/bins", NULL, 0));
	CHECK(!ri_noise("sha256", "ab", NULL, 0));
	CHECK(ri_noise("domain", "gist.github.com", NULL, 0));
	CHECK(ri_noise("ipv6", "2001:4860:4860::8888", "global", 0));
	CHECK(ri_noise("url", "http://[fe80::1]:8080/", NULL, 0));
	buf_free(&b);
}

/* Render records (NDJSON text) in a format; returns new string. */
static char *
render(const char *ndjson, int fmt)
{
	struct render_opts o;
	struct buf out = BUF_INIT;
	struct day *d = day_new();
	const char *why, *p, *nl;
	json_t *rec;

	memset(&o, 0, sizeof(o));
	o.date = "2026-11-25";
	for (p = ndjson; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		rec = json_loadb(p, (size_t)(nl - p), 0, NULL);
		if (rec != NULL)
			day_add(d, rec, &why);
		json_decref(rec);
	}
	if (fmt == 0)
		day_markdown(d, &o, &out);
	else if (fmt == 1)
		day_json(d, &o, &out);
	else if (fmt == 2)
		day_csv(d, &o, &out, NULL);
	else if (fmt == 3)
		day_events(d, &o, &out);
	else if (fmt == 4)
		day_tags(d, &o, &out, NULL);
	else
		day_log(d, &o, &out);
	day_free(d);
	return buf_detach(&out);
}

static void
test_render(void)
{
	char *s;
	const char *why = NULL;
	struct day *d;
	json_t *rec;

	s = render("", 0);
	CHECK_STR(s, "# Daily Security Info\n\n### Tools\nN/A\n\n"
	    "### malware campaign\nN/A\n\n### security report\nN/A\n\n"
	    "### cybercrime topics\nN/A\n\n### 日々のニュース要約\nN/A\n\n"
	    "### 日本のインシデント事例\nN/A\n\n### その他のメモ\nN/A\n");
	free(s);
	/* limits: five summary bullets, three others with the source */
	s = render("{\"digest\":{\"title\":\"T\",\"summary\":[\"1\",\"2\","
	    "\"3\",\"4\",\"5\",\"6\"],\"other\":[\"a\",\"b\",\"c\"],"
	    "\"primary_source\":\"https://p.example/\",\"recommendations\":"
	    "[\"r1\",\"r2\",\"r3\",\"r4\"],\"action\":[\"act\"]},"
	    "\"url\":\"https://u.example/\"}\n", 0);
	CHECK(strstr(s, "    - 5\n- IOC") != NULL);
	CHECK(strstr(s, "    - 6\n") == NULL);
	CHECK(strstr(s, "    - r3\n- その他\n    - a\n    - b\n"
	    "    - 一次ソース: https://p.example/\n- ChatGPT") != NULL);
	CHECK(strstr(s, "の推奨事項\n    - act\n") != NULL);
	free(s);
	/* the source is not repeated when an "other" line names it */
	s = render("{\"digest\":{\"other\":[\"src https://p.example/\"],"
	    "\"primary_source\":\"https://p.example/\"}}\n", 0);
	CHECK(strstr(s, "一次ソース") == NULL);
	CHECK(strstr(s, "#### (タイトルなし)\n\n- 要約\n    - 要約なし\n")
	    != NULL);
	free(s);
	/* digest IOC entries fall back to the record's iocs */
	s = render("{\"url\":\"https://a.example/\",\"iocs\":[{\"type\":"
	    "\"domain\",\"value\":\"evil.example\",\"known\":false,"
	    "\"context\":\"C2 domain\"}],\"digest\":{\"iocs\":["
	    "\"evil.example\",{\"value\":\"10.0.0.5\"}]}}\n", 0);
	CHECK(strstr(s, "    - evil[.]example,FQDN名,知られていない,"
	    "C2 domain,NA(IP以外)\n") != NULL);
	CHECK(strstr(s, "    - 10[.]0[.]0[.]5,IPアドレス,知られていない,不明,"
	    "プライベート\n") != NULL);
	free(s);
	s = render("{\"url\":\"https://a.example/\",\"iocs\":[{\"type\":"
	    "\"domain\",\"value\":\"evil.example\",\"known\":false,"
	    "\"context\":\"C2 domain\"}],\"digest\":{\"iocs\":["
	    "\"evil.example\",{\"value\":\"10.0.0.5\"}]}}\n", 2);
	CHECK_STR(s, "ioc_type,ioc_value,date,category,actor,"
	    "actor_attribute,malware,malware_type,reference,description,"
	    "author,confidence\ndomain,evil.example,2026-11-25,unknown,"
	    "unknown,unknown,unknown,unknown,https://a.example/,"
	    "Extracted by pattern from the article.,sec-tools extractive,"
	    "low\n");
	free(s);
	/* a model that answers with the report's own labels */
	s = render("{\"url\":\"https://a.example/\",\"digest\":{\"iocs\":["
	    "{\"value\":\"192.3.152.183\",\"type\":\"IPアドレス\","
	    "\"known\":\"知られていない\",\"scope\":\"グローバル\"},"
	    "{\"value\":\"8.8.4.4\",\"known\":\"よく知られている\"}]}}\n", 0);
	CHECK(strstr(s, "    - 192[.]3[.]152[.]183,IPアドレス,知られていない,不明,"
	    "グローバル\n    - 8[.]8[.]4[.]4,IPアドレス,よく知られている,") != NULL);
	free(s);
	s = render("{\"url\":\"https://a.example/\",\"digest\":{\"iocs\":["
	    "{\"value\":\"192.3.152.183\",\"type\":\"IPアドレス\","
	    "\"scope\":\"グローバル\"}]}}\n", 2);
	CHECK(strstr(s, "\nip,192.3.152.183,2026-11-25,") != NULL);
	free(s);
	/* without a digest: the record's iocs less links and known ones */
	s = render("{\"url\":\"https://a.example/\",\"summary\":\"S\","
	    "\"iocs\":[{\"type\":\"url\",\"value\":\"https://b.example/\","
	    "\"linked\":true},{\"type\":\"ipv4\",\"value\":\"8.8.8.8\","
	    "\"known\":true},{\"type\":\"sha256\",\"value\":\"" 
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	    "\"}]}\n", 0);
	CHECK(strstr(s, "- 要約\n    - S\n- IOCの列挙\n    - e3b0c442") !=
	    NULL);
	CHECK(strstr(s, "b[.]example") == NULL);
	CHECK(strstr(s, "8[.]8") == NULL);
	free(s);
	d = day_new();
	rec = json_pack("{s:s}", "section", "bogus");
	CHECK_INT(day_add(d, rec, &why), -1);
	CHECK(why != NULL && strstr(why, "unknown section") != NULL);
	json_decref(rec);
	rec = json_pack("{s:s}", "section", "JP-Incidents");
	CHECK_INT(day_add(d, rec, &why), 0);
	json_decref(rec);
	day_free(d);
}

/* The default day: Japan time unless TZ says otherwise. */
static void
test_today(void)
{
	char d[16];
	long long t = 1764606600;	/* 2025-12-01T16:30:00Z */

	unsetenv("TZ");
	CHECK_INT(render_today(t, d, sizeof(d)), 0);
	CHECK_STR(d, "2025-12-02");
	setenv("TZ", "", 1);
	CHECK_INT(render_today(t, d, sizeof(d)), 0);
	CHECK_STR(d, "2025-12-02");
	setenv("TZ", "UTC0", 1);
	tzset();
	CHECK_INT(render_today(t, d, sizeof(d)), 0);
	CHECK_STR(d, "2025-12-01");
	setenv("TZ", "JST-9", 1);
	tzset();
	CHECK_INT(render_today(t - 3600, d, sizeof(d)), 0);
	CHECK_STR(d, "2025-12-02");
	CHECK_INT(render_today(t, d, 4), -1);
	unsetenv("TZ");
	tzset();
}

int
main(void)
{
	test_text();
	test_scope();
	test_types();
	test_render();
	test_today();
	ioc_cleanup();
	return check_failed;
}
