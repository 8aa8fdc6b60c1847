/* test_ioc: the scanner's canonical values, refang and classification. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "ioc.h"

/* "type value" of every indicator in s, joined by ";" */
static const char *
scan(const char *s)
{
	static struct buf b;
	json_t *a, *o;
	size_t i;

	buf_reset(&b);
	a = ioc_scan_json(s, strlen(s), NULL, NULL);
	json_array_foreach(a, i, o) {
		if (i > 0)
			buf_putc(&b, ';');
		buf_printf(&b, "%s %s",
		    json_string_value(json_object_get(o, "type")),
		    json_string_value(json_object_get(o, "value")));
	}
	json_decref(a);
	if (b.s == NULL)
		buf_puts(&b, "");
	return b.s;
}

static const char *
refang(const char *s)
{
	static struct buf b;

	buf_reset(&b);
	ioc_refang(&b, s, strlen(s));
	return buf_str(&b);
}

int
main(void)
{
	struct buf b = BUF_INIT;
	unsigned m;
	const char *bad;
	size_t cs, cn;
	char *alt;

	CHECK_STR(scan("192[.]0[.]2[.]1"), "ipv4 192.0.2.1");
	CHECK_STR(scan("010.001.002.003"), "ipv4 10.1.2.3");
	CHECK_STR(scan("2001:DB8:0:0:0:0:0:1"), "ipv6 2001:db8::1");
	CHECK_STR(scan("Example.COM."), "domain example.com");
	CHECK_STR(scan("HXXPS://Evil[.]Example/Path"), "");
	CHECK_STR(scan("HXXPS://Evil[.]Example.com/Path"),
	    "url https://evil.example.com/Path");
	CHECK_STR(scan("(see https://en.wikipedia.org/wiki/A_(b))."),
	    "url https://en.wikipedia.org/wiki/A_(b)");
	CHECK_STR(scan("https://x.example.com/a、次"),
	    "url https://x.example.com/a");
	CHECK_STR(scan("D41D8CD98F00B204E9800998ECF8427E"),
	    "md5 d41d8cd98f00b204e9800998ecf8427e");
	CHECK_STR(scan("cve-2021-44228"), "cve CVE-2021-44228");
	CHECK_STR(scan("asn 13335"), "asn AS13335");
	CHECK_STR(scan("T1566.001"), "attack T1566.001");
	CHECK_STR(scan("1.2.3.0/24"), "cidr 1.2.3.0/24");
	CHECK_STR(scan("Bob(at)Example[.]org"), "email bob@example.org");
	CHECK_STR(scan("a\xE2\x80\x8B.example.com"), "domain a.example.com");
	CHECK_STR(scan("version 1.2.3.4"), "");
	CHECK_STR(scan("1.2.3.4.5"), "");
	CHECK_STR(scan("00:11:22:33:44:55"), "");
	CHECK_STR(scan("README.md payload.zip evil[.]md"),
	    "domain evil.md");
	CHECK_STR(scan("Trojan.Win32.Agent.gen"), "");
	/* URLs written without a scheme: the host, then the URL */
	CHECK_STR(scan("cdn.example-cdn[.]com/update.zip"),
	    "domain cdn.example-cdn.com;"
	    "url https://cdn.example-cdn.com/update.zip");
	CHECK_STR(scan("x.example[.]com/a/b"),
	    "domain x.example.com;url https://x.example.com/a/b");
	CHECK_STR(scan("x.example[.]com:8080/a"),
	    "domain x.example.com;url https://x.example.com:8080/a");
	CHECK_STR(scan("x.example[.]com/ x.example[.]com?"),
	    "domain x.example.com");
	CHECK_STR(scan("dir/setup.py update.zip/x"), "");
	CHECK_STR(scan("192.0.2.1/admin 192.0.2.2/255.255.255.0"),
	    "ipv4 192.0.2.1;url https://192.0.2.1/admin;ipv4 192.0.2.2;"
	    "ipv4 255.255.255.0");
	CHECK_STR(scan("a.example[.]com/b.example[.]net/192.0.2.3"),
	    "domain a.example.com;domain b.example.net;ipv4 192.0.2.3");
	CHECK_STR(scan("192.0.2.4:443/4321/53"), "ipv4 192.0.2.4");
	/* non-ASCII paths and placeholders */
	CHECK_STR(scan("https://x.example.com/u/\xD1\x84/\xD1\x84.zip"),
	    "url https://x.example.com/u/\xD1\x84/\xD1\x84.zip");
	CHECK_STR(scan("https://x.example.com/\xE8\xB5\x84/a.rar"),
	    "url https://x.example.com/\xE8\xB5\x84/a.rar");
	CHECK_STR(scan("https://x.example.com/a\xE3\x82\x92"),
	    "url https://x.example.com/a");
	CHECK_STR(scan("https://x.example.com/q?uid=<uid>&s={t}"),
	    "url https://x.example.com/q?uid=<uid>&s={t}");
	CHECK_STR(scan("https://x.example.com/<user>/<repo>"),
	    "url https://x.example.com/<user>/<repo>");
	CHECK_STR(refang("<a>/<b> {h}:{p} evil<.>com"),
	    "<a>/<b> {h}:{p} evil.com");
	CHECK_STR(scan("https://x.example.com/q/<br>"),
	    "url https://x.example.com/q/");
	CHECK_STR(scan("<https://x.example.com/q>"),
	    "url https://x.example.com/q");
	/* file names under TLDs that are file extensions, by context */
	CHECK_STR(scan("CLAUDE[.]md products.8.4.zip Terminal.app ASP.NET"),
	    "");
	CHECK_STR(scan("vpass-co[.]zip zoomconference.app"),
	    "domain vpass-co.zip;domain zoomconference.app");
	CHECK_STR(scan("\xE6\xB7\xBB\xE4\xBB\x98: x[.]zip"), "");
	CHECK_STR(scan("download x[.]zip now"), "");
	CHECK_STR(scan("archive4[.]zip"), "");
	CHECK_STR(scan("processhacker-2.39-bin.zip www.evil.zip"), "");
	/* prose: a capitalised top-level domain is a sentence or an
	 * abbreviation */
	CHECK_STR(scan("R-W.Va. fixed.Now Wired.com"), "domain wired.com");
	CHECK_STR(scan("AS2 AS13335 ASN7"), "asn AS13335;asn AS7");
	/* Bitcoin: checksums decide (the second of each pair is off by a
	 * character) */
	CHECK_STR(scan("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 "
	    "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"),
	    "btc 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2");
	CHECK_STR(scan("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq "
	    "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdz"),
	    "btc bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq");
	CHECK_STR(scan("0x52908400098527886E0F7030069857D2E4169EE7 "
	    "0x52908400098527886E0F7030069857D2E4169EE7a"),
	    "eth 0x52908400098527886e0f7030069857d2e4169ee7");
	CHECK_STR(scan("bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9"
	    "rusxg3297"), "btc bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztw"
	    "ac72sfr9rusxg3297");
	CHECK_STR(scan("bücher.de ÜBER.de café.Next"),
	    "domain bücher.de;domain über.de");
	CHECK_STR(scan("サーバーbücher.deに"), "domain bücher.de");
	alt = ioc_idn_other("bücher.de");
	CHECK_STR(alt, "xn--bcher-kva.de");
	free(alt);
	alt = ioc_idn_other("xn--e1afmkfd.xn--p1ai");
	CHECK_STR(alt, "пример.рф");
	free(alt);
	CHECK(ioc_idn_other("example.com") == NULL);

	CHECK_STR(refang("hxxp://a[.]b (.) c [dot] d \\. e"),
	    "http://a.b.c.d . e");
	CHECK_STR(refang("x [at] y.com"), "x@y.com");
	CHECK_STR(refang("plain text [1] (a)"), "plain text [1] (a)");
	CHECK_STR(refang(""), "");

	CHECK_STR(ioc_scope(IOC_IPV4, "10.1.2.3"), "private");
	CHECK_STR(ioc_scope(IOC_IPV4, "100.64.0.1"), "cgnat");
	CHECK_STR(ioc_scope(IOC_IPV4, "169.254.1.1"), "link-local");
	CHECK_STR(ioc_scope(IOC_IPV4, "127.0.0.1"), "loopback");
	CHECK_STR(ioc_scope(IOC_IPV4, "198.51.100.7"), "documentation");
	CHECK_STR(ioc_scope(IOC_IPV4, "224.0.0.1"), "multicast");
	CHECK_STR(ioc_scope(IOC_IPV4, "240.0.0.1"), "reserved");
	CHECK_STR(ioc_scope(IOC_IPV4, "8.8.8.8"), "global");
	CHECK_STR(ioc_scope(IOC_IPV6, "fe80::1"), "link-local");
	CHECK_STR(ioc_scope(IOC_IPV6, "fd00::1"), "private");
	CHECK_STR(ioc_scope(IOC_IPV6, "::1"), "loopback");
	CHECK_STR(ioc_scope(IOC_IPV6, "2001:db8::5"), "documentation");
	CHECK_STR(ioc_scope(IOC_IPV6, "2606:4700::1"), "global");
	CHECK(ioc_scope(IOC_DOMAIN, "a.com") == NULL);

	CHECK(ioc_known(IOC_IPV4, "1.1.1.1"));
	CHECK(!ioc_known(IOC_IPV4, "1.1.1.2"));
	CHECK(ioc_known(IOC_DOMAIN, "api.github.com"));
	CHECK(!ioc_known(IOC_DOMAIN, "evil.github.io"));
	CHECK(ioc_known(IOC_URL, "https://bit.ly/"));
	CHECK(!ioc_known(IOC_URL, "https://bit.ly/abc"));

	CHECK_INT(ioc_types_parse("ipv4,url", &m, &bad), 0);
	CHECK_INT(m, 1u << IOC_IPV4 | 1u << IOC_URL);
	CHECK_INT(ioc_types_parse("ipv4,nope", &m, &bad), -1);
	CHECK_STR(bad, "nope");

	ioc_context("One. Two 1.2.3.4 here. Three", 28, 9, 7, &cs, &cn);
	buf_put(&b, "One. Two 1.2.3.4 here. Three" + cs, cn);
	CHECK_STR(buf_str(&b), "Two 1.2.3.4 here.");
	buf_free(&b);
	ioc_cleanup();
	return check_failed;
}
