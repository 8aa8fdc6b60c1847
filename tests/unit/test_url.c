/* test_url.c: unit tests for common/url.c and url_resolve.c: canonical
 * form, resolution, scheme and authority, userinfo stripping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "url.h"

static void
test_userinfo(void)
{
	char s[] = "fetch http://user:pa%40ss@host.example:8/x?a@b failed; "
	    "see HTTPS://u@h/ and mailto:a@b and ftp://x@y";
	char *c;

	url_strip_userinfo(s);
	CHECK_STR(s, "fetch http://host.example:8/x?a@b failed; "
	    "see HTTPS://h/ and mailto:a@b and ftp://y");
	c = url_redacted("http://a:b@c@d/e@f");
	CHECK_STR(c, "http://d/e@f");
	free(c);
	c = url_redacted("://x@y");
	CHECK_STR(c, "://x@y");
	free(c);
	CHECK(url_is_http("http://a/"));
	CHECK(url_is_http("HTTPS://a/"));
	CHECK(!url_is_http("javascript:alert(1)"));
	CHECK(!url_is_http(" http://a/"));
	CHECK(!url_is_http("data:text/html,x"));
}

static void
test_urls(void)
{
	char *s;

	CHECK(url_is_http("HtTp://x") && url_is_http("https://x"));
	CHECK(!url_is_http("httpx://x") && !url_is_http("http:/x") &&
	    !url_is_http("http") && !url_is_http("HTTPS:"));

	s = url_canon("HTTPS://Example.COM:443/a/b?utm_source=x&id=3"
	    "&utm_medium=y#frag");
	CHECK_STR(s, "https://example.com/a/b?id=3");
	free(s);
	s = url_canon("http://example.com");
	CHECK_STR(s, "http://example.com/");
	free(s);
	s = url_canon("http://example.com:8080/?fbclid=1");
	CHECK_STR(s, "http://example.com:8080/");
	free(s);
	s = url_canon("  urn:uuid:1234 ");
	CHECK_STR(s, "urn:uuid:1234");
	free(s);
	/* white space before a fragment, blank parameters and a path that
	 * ends in a space (fuzz_url: canonical forms were not canonical, so
	 * one story got two ids) */
	s = url_canon("http://Ec?utc& #x");
	CHECK_STR(s, "http://ec/?utc");
	free(s);
	s = url_canon("http://a.example/p?a=1& &&b=2");
	CHECK_STR(s, "http://a.example/p?a=1&b=2");
	free(s);
	s = url_canon("http://a.example/x ?");
	CHECK_STR(s, "http://a.example/x");
	free(s);
	/* a tracking parameter followed by blanks is still one */
	s = url_canon("http://a.example/?fbclid      &");
	CHECK_STR(s, "http://a.example/");
	free(s);
	s = url_resolve("http://example.com/a/b/feed.xml", "../c.html");
	CHECK_STR(s, "http://example.com/a/c.html");
	free(s);
	s = url_resolve(NULL, "rel.html");
	CHECK_STR(s, "rel.html");
	free(s);
}

static void
test_authority(void)
{
	const char *u = "https://user@Host.example:8/p?q#f", *a;

	CHECK(url_has_scheme(u));
	CHECK(url_has_scheme("hxxp://x"));
	CHECK(!url_has_scheme("mailto:a@b"));
	a = url_authority(u);
	CHECK(a == u + 8);
	CHECK_INT(url_authority_len(a), 19);
	CHECK(url_authority("a:/b") == NULL);
	/* the first "://" counts, wherever it is (values keep a defanged
	 * or an unknown scheme) */
	CHECK_STR(url_authority("x y://z"), "z");
	CHECK_INT(url_authority_len(url_authority("http://")), 0);
	CHECK_INT(url_authority_len(url_authority("ftp://h#x/")), 1);
}

static const char *
host(const char *u)
{
	static char h[64];
	const char *p;
	size_t n;

	if ((p = url_host(u, &n)) == NULL)
		return "(none)";
	memcpy(h, p, n);
	h[n] = '\0';
	return h;
}

static void
test_host(void)
{
	CHECK_STR(host("https://Host.example/p"), "Host.example");
	CHECK_STR(host("http://h.example:8080"), "h.example");
	/* the userinfo goes up to its last '@', with a ':' in it too */
	CHECK_STR(host("http://user:pw@evil.example/x"), "evil.example");
	CHECK_STR(host("http://a@b@c.example:1/@d"), "c.example");
	CHECK_STR(host("http://[2001:db8::1]:443/"), "[2001:db8::1]");
	CHECK_STR(host("http://[2001:db8::1/"), "[2001");
	CHECK_STR(host("http:///x"), "");
	CHECK_STR(host("mailto:a@b"), "(none)");
}

int
main(void)
{
	test_userinfo();
	test_urls();
	test_authority();
	test_host();
	return check_failed;
}
