/* test_fetch.c: unit tests for sec-fetch's parts: HTML to text,
 * URLs, decoding, the feed parser and the config reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "../../cmd/sec-fetch/conf.h"
#include "../../cmd/sec-fetch/fetch.h"

static const char *
text(const char *html, int oneline)
{
	static struct buf b;

	buf_reset(&b);
	html_to_text(&b, html, strlen(html), oneline);
	return buf_str(&b);
}

static void
test_text(void)
{
	struct buf b = BUF_INIT;
	const char *t;

	CHECK_STR(text("a &amp; b", 1), "a & b");
	CHECK_STR(text("Frost Radar&trade; &eacute;t&#233; &#x41;", 1),
	    "Frost Radar\xe2\x84\xa2 \xc3\xa9t\xc3\xa9 A");
	CHECK_STR(text("<p>One <b>bold</b></p><p>Two</p>", 0),
	    "One bold\n\nTwo");
	CHECK_STR(text("<p>One</p>\n<p>Two<br>three</p>", 1),
	    "One Two three");
	CHECK_STR(text("x<script>var a = '<p>';</script>y", 1), "xy");
	CHECK_STR(text("a < b and 1<2", 1), "a < b and 1<2");
	CHECK_STR(text("&unknown; &amp", 1), "&unknown; &amp");
	CHECK_STR(text("  spaced\t\n out  ", 1), "spaced out");
	CHECK_STR(text("&#150; &#0;", 1), "\xe2\x80\x93 \xef\xbf\xbd");
	CHECK_STR(text("<!-- c --><img src=x alt=y>ok", 1), "ok");
	CHECK_STR(text("Use <script> wisely", 1), "Use wisely");
	text_collapse(&b, " a\n\n b  c ", 10, 0);
	CHECK_STR(buf_str(&b), "a\n\nb c");
	/* runs taken eight bytes at a time: spaces single, double, last
	 * in a word, NBSPs and non-ASCII on a word's edge */
	CHECK_STR(text("1234567 abcdefg  hijklmn 12345678 &amp; 1234567&lt;x",
	    1), "1234567 abcdefg hijklmn 12345678 & 1234567<x");
	CHECK_STR(text("abcdefg \xc2\xa0hijklmn\xc2\xa0 opqrstu \xc3\xa9xyz",
	    1), "abcdefg hijklmn opqrstu \xc3\xa9xyz");
	buf_reset(&b);
	t = "abcdefgh\n\nijklmnop q";
	text_collapse(&b, t, strlen(t), 0);
	CHECK_STR(buf_str(&b), "abcdefgh\n\nijklmnop q");
	buf_reset(&b);
	t = "abcdefg  \x01 hijklmn \x7f opq";
	text_collapse(&b, t, strlen(t), 1);
	CHECK_STR(buf_str(&b), "abcdefg hijklmn opq");
	buf_free(&b);
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
	CHECK(fnv1a64("", 0) == 0xcbf29ce484222325ULL);
	CHECK(fnv1a64("a", 1) == 0xaf63dc4c8601ec8cULL);
}

static void
test_decode(void)
{
	struct buf b = BUF_INIT;
	struct charset_decoder *d;
	char enc[64];
	size_t bom;

	/* Shift_JIS "日本" (0x93FA 0x967B), split across two chunks */
	d = charset_decoder_new("Shift_JIS");
	CHECK(d != NULL);
	charset_decoder_feed(d, "\x93", 1, &b, 0);
	charset_decoder_feed(d, "\xfa\x96\x7b", 3, &b, 1);
	CHECK_STR(buf_str(&b), "\xe6\x97\xa5\xe6\x9c\xac");
	charset_decoder_free(d);
	buf_reset(&b);
	/* UTF-8 split in the middle of a sequence, and a bad byte */
	d = charset_decoder_new(NULL);
	charset_decoder_feed(d, "a\xe6\x97", 3, &b, 0);
	charset_decoder_feed(d, "\xa5\xff\x01z", 4, &b, 1);
	CHECK_STR(buf_str(&b), "a\xe6\x97\xa5\xef\xbf\xbd\xef\xbf\xbdz");
	charset_decoder_free(d);
	buf_reset(&b);
	/* a truncated sequence at the very end */
	d = charset_decoder_new("UTF-8");
	charset_decoder_feed(d, "x\xe6\x97", 3, &b, 1);
	CHECK_STR(buf_str(&b), "x\xef\xbf\xbd\xef\xbf\xbd");
	charset_decoder_free(d);
	buf_free(&b);
	CHECK(charset_decoder_new("no-such-charset") == NULL);
	CHECK(charset_sniff_xml("<?xml version='1.0' encoding='EUC-JP'?><a/>", 40,
	    enc, sizeof(enc), &bom) == 0);
	CHECK_STR(enc, "EUC-JP");
	CHECK(charset_sniff_xml("\xef\xbb\xbf<a/>", 7, enc, sizeof(enc), &bom) == 0);
	CHECK_INT(bom, 3);
	CHECK(charset_sniff_xml("<a/>", 4, enc, sizeof(enc), &bom) == -1);
	CHECK(charset_sniff_html("<html><head><meta charset=\"shift_jis\">", 38,
	    enc, sizeof(enc), &bom) == 0);
	CHECK_STR(enc, "shift_jis");
	CHECK(charset_from_ctype("text/xml; charset=\"ISO-8859-1\"", enc,
	    sizeof(enc)) == 0);
	CHECK_STR(enc, "ISO-8859-1");
}

struct got {
	int	 n;
	char	 title[3][128], link[3][128], guid[3][128];
	long long pub[3];
	int	 ncat[3];
};

static void
collect(const struct feed_item *it, void *ud)
{
	struct got *g = ud;

	if (g->n < 3) {
		snprintf(g->title[g->n], 128, "%s", it->field[F_TITLE] ?
		    it->field[F_TITLE] : "");
		snprintf(g->link[g->n], 128, "%s", it->field[F_LINK] ?
		    it->field[F_LINK] : "");
		snprintf(g->guid[g->n], 128, "%s", it->field[F_GUID] ?
		    it->field[F_GUID] : "");
		g->pub[g->n] = it->published;
		g->ncat[g->n] = (int)it->ncat;
	}
	g->n++;
}

static int
parse(const char *doc, const char *url, struct got *g)
{
	struct feed_parser *p;
	int r;

	memset(g, 0, sizeof(*g));
	r = feed_parse_mem(doc, strlen(doc), url, NULL, NULL, collect, g, &p);
	feed_free(p);
	return r;
}

static void
test_feed(void)
{
	struct got g;
	struct feed_parser *p;
	const char *atom =
	    "<feed xmlns='http://www.w3.org/2005/Atom' "
	    "xml:base='http://example.org/blog/'>"
	    "<title>T</title><entry><title type='html'>A &amp;amp; B"
	    "</title><link rel='self' href='self'/>"
	    "<link rel='alternate' href='post/1'/><id>tag:x,1</id>"
	    "<updated>2024-05-10T13:05:00Z</updated>"
	    "<category term='a'/><category term='b'/></entry></feed>";
	const char *rss =
	    "<rss version='2.0'><channel><title>C</title>"
	    "<item><title><![CDATA[X &amp; Y&trade;]]></title>"
	    "<guid>http://e.com/1</guid>"
	    "<pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate></item>"
	    "<item><title>caf&eacute; &nbsp; ok &amp; AT&T</title>"
	    "<link>http://e.com/2</link><guid isPermaLink='false'>2</guid>"
	    "</item></channel></rss>";
	const char *rdf =
	    "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"
	    " xmlns='http://purl.org/rss/1.0/' "
	    "xmlns:dc='http://purl.org/dc/elements/1.1/'>"
	    "<channel rdf:about='http://e.com/'><title>R</title></channel>"
	    "<item rdf:about='http://e.com/r1'><title>r1</title>"
	    "<dc:date>2004-01-01T00:00:00+09:00</dc:date></item></rdf:RDF>";

	CHECK_INT(parse(atom, "http://example.org/feed", &g), 0);
	CHECK_INT(g.n, 1);
	CHECK_STR(g.title[0], "A & B");
	CHECK_STR(g.link[0], "http://example.org/blog/post/1");
	CHECK_STR(g.guid[0], "tag:x,1");
	CHECK(g.pub[0] == DATE_NONE);
	CHECK_INT(g.ncat[0], 2);
	CHECK_INT(parse(rss, NULL, &g), 0);
	CHECK_INT(g.n, 2);
	CHECK_STR(g.title[0], "X & Y\xe2\x84\xa2");
	CHECK_STR(g.link[0], "http://e.com/1");
	CHECK_INT(g.pub[0], 1072986501);
	CHECK_STR(g.title[1], "caf\xc3\xa9 ok & AT&T");
	CHECK_STR(g.guid[1], "2");
	CHECK_INT(parse(rdf, NULL, &g), 0);
	CHECK_INT(g.n, 1);
	CHECK_STR(g.link[0], "http://e.com/r1");
	CHECK_INT(parse("<html><body>no</body></html>", NULL, &g), -1);
	CHECK_INT(parse("", NULL, &g), -1);
	/* a truncated document: the complete items still count */
	CHECK_INT(parse("<rss><channel><item><title>a</title></item>"
	    "<item><title>b", NULL, &g), 0);
	CHECK_INT(g.n, 1);
	/* external entities are never loaded */
	CHECK_INT(parse("<!DOCTYPE rss [<!ENTITY x SYSTEM "
	    "'file:///etc/passwd'>]><rss><channel><item><title>&x;</title>"
	    "</item></channel></rss>", NULL, &g), 0);
	CHECK_STR(g.title[0], "");
	/* the feed title and a chunked push */
	p = feed_new(NULL, NULL, NULL, collect, &g);
	memset(&g, 0, sizeof(g));
	{
		size_t i, n = strlen(rss);

		for (i = 0; i < n; i += 7)
			feed_push(p, rss + i, n - i < 7 ? n - i : 7);
	}
	CHECK_INT(feed_end(p), 0);
	CHECK_STR(feed_title(p), "C");
	CHECK_INT(g.n, 2);
	feed_free(p);
}

static void
test_conf(void)
{
	struct feedlist l = { NULL, 0, 0 };
	const char *c = "# feeds\n\nbc https://bc.example/feed section=news\n"
	    "sn https://sn.example/rss lang=ja encoding=EUC-JP "
	    "section=jp_incidents # trailing\n";
	const char *opml = "<opml version='2.0'><body><outline text='tools'>"
	    "<outline text='GH' xmlUrl='https://gh.example/a.atom'/>"
	    "</outline><outline title='X' xmlUrl='https://x.example/rss' "
	    "category='cybercrime'/></body></opml>";

	CHECK_INT(conf_parse(&l, "c", c, strlen(c)), 0);
	CHECK_INT(l.n, 2);
	CHECK_STR(l.v[1].section, "jp_incidents");
	CHECK_STR(l.v[1].encoding, "EUC-JP");
	CHECK_STR(l.v[0].section, "news");
	conf_free(&l);
	fprintf(stderr, "(two config errors follow, on purpose)\n");
	CHECK_INT(conf_parse(&l, "c", "x https://a section=bogus\ny\n", 28),
	    2);
	conf_free(&l);
	CHECK_INT(conf_parse(&l, "o", opml, strlen(opml)), 0);
	CHECK_INT(l.n, 2);
	CHECK_STR(l.v[0].name, "GH");
	CHECK_STR(l.v[0].section, "tools");
	CHECK_STR(l.v[1].section, "cybercrime");
	conf_free(&l);
	/* sections are recognised the way sec-render recognises them, and
	 * written as records name them */
	c = "a https://a.example/ section=Malware-Campaign\n"
	    "b https://b.example/ section=JP_INCIDENTS\n";
	CHECK_INT(conf_parse(&l, "c", c, strlen(c)), 0);
	CHECK_INT(l.n, 2);
	CHECK_STR(l.n > 0 ? l.v[0].section : NULL, "malware_campaign");
	CHECK_STR(l.n > 1 ? l.v[1].section : NULL, "jp_incidents");
	conf_free(&l);
	opml = "<opml version='2.0'><body><outline text='Security Report'>"
	    "<outline text='R' xmlUrl='https://r.example/a.atom'/>"
	    "</outline></body></opml>";
	CHECK_INT(conf_parse(&l, "o", opml, strlen(opml)), 0);
	CHECK_STR(l.n > 0 ? l.v[0].section : NULL, "security_report");
	conf_free(&l);
}

int
main(void)
{
	feed_global_init();
	test_text();
	test_urls();
	test_decode();
	test_feed();
	test_conf();
	feed_global_cleanup();
	return check_failed;
}
