/* test_fetch.c: unit tests for sec-fetch's parts: decoding, the feed
 * parser and the config reader.  HTML to text and URLs are common/ and
 * tested in test_htmltext.c and test_url.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "../../cmd/sec-fetch/conf.h"
#include "../../cmd/sec-fetch/fetch.h"

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
	test_decode();
	test_feed();
	test_conf();
	feed_global_cleanup();
	return check_failed;
}
