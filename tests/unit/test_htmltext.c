/* test_htmltext.c: unit tests for common/htmltext.c: HTML to text,
 * character references and the white space collapser. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "buf.h"
#include "htmltext.h"

static const char *
text(const char *html, unsigned flags)
{
	static struct buf b;

	buf_reset(&b);
	html_to_text(&b, html, strlen(html), flags);
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
	text_collapse(&b, " a\n\n b  c ", 10, COLLAPSE_LINES);
	CHECK_STR(buf_str(&b), "a\n\nb c");
	/* runs taken eight bytes at a time: spaces single, double, last
	 * in a word, NBSPs and non-ASCII on a word's edge */
	CHECK_STR(text("1234567 abcdefg  hijklmn 12345678 &amp; 1234567&lt;x",
	    1), "1234567 abcdefg hijklmn 12345678 & 1234567<x");
	CHECK_STR(text("abcdefg \xc2\xa0hijklmn\xc2\xa0 opqrstu \xc3\xa9xyz",
	    1), "abcdefg hijklmn opqrstu \xc3\xa9xyz");
	buf_reset(&b);
	t = "abcdefgh\n\nijklmnop q";
	text_collapse(&b, t, strlen(t), COLLAPSE_LINES);
	CHECK_STR(buf_str(&b), "abcdefgh\n\nijklmnop q");
	buf_reset(&b);
	t = "abcdefg  \x01 hijklmn \x7f opq";
	text_collapse(&b, t, strlen(t), 0);
	CHECK_STR(buf_str(&b), "abcdefg hijklmn opq");
	buf_free(&b);
}

/* HTML_HIDDEN and HTML_LINES: markup in untrusted text (sec-summarize) */
static void
test_hidden(void)
{
	CHECK_STR(text("a<span style=\"display: none\">x</span>b "
	    "<div hidden>n<div>n</div>n</div>c<div>d</div>",
	    HTML_HIDDEN | HTML_ONELINE), "ab c d");
	/* without the flag, hidden text is text */
	CHECK_STR(text("a<span hidden>x</span>b", HTML_ONELINE), "axb");
	CHECK_STR(text("<head><title>T</title></head>t<title>u</title>v",
	    HTML_HIDDEN), "tv");
	CHECK_STR(text("<TITLE>T</TITLE>x", 0), "Tx");
	/* the same name nested; a self-closed tag hides nothing */
	CHECK_STR(text("<b aria-hidden='true'>1<b>2</b>3</b>4<i hidden/>5",
	    HTML_HIDDEN), "45");
	/* left open: the rest goes (it may be what hides) */
	CHECK_STR(text("a <span style='opacity:0;'>b c", HTML_HIDDEN), "a");
	CHECK_STR(text("a<script>x", HTML_HIDDEN), "a");
	CHECK_STR(text("a<script>x", 0), "ax");
	CHECK_STR(text("<scripts>x</scripts>y", HTML_HIDDEN), "xy");
	CHECK_STR(text("x\ty \n z\n\n\nw<br>v", HTML_LINES),
	    "x\ty\nz\n\nw\nv");
	CHECK_STR(text("x\ty \n z", HTML_LINES | HTML_ONELINE), "x y z");
	CHECK_STR(text("x\ty \n z", 0), "x y z");
}

static const char *
coll(const char *s, unsigned flags)
{
	static struct buf b;

	buf_reset(&b);
	text_collapse(&b, s, strlen(s), flags);
	return buf_str(&b);
}

/* The collapser's flags, for what each tool asks of it. */
static void
test_collapse(void)
{
	struct buf b = BUF_INIT;

	/* sec-fetch: NBSP is white space, line breaks kept or not */
	CHECK_STR(coll("a\xc2\xa0\xc2\xa0 b", 0), "a b");
	CHECK_STR(coll(" a \n b \n\n\n c ", COLLAPSE_LINES), "a\nb\n\nc");
	CHECK_STR(coll(" a \n b \n\n\n c ", 0), "a b c");
	/* the ideographic and the wide spaces only with COLLAPSE_WIDE
	 * (sec-extract); a Japanese title keeps them otherwise */
	CHECK_STR(coll("\xe3\x80\x80" "a\xe3\x80\x80\xe2\x80\x83" "b"
	    "\xe2\x80\x8b", COLLAPSE_WIDE), "a b");
	CHECK_STR(coll("a\xe3\x80\x80" "b", 0), "a\xe3\x80\x80" "b");
	CHECK_STR(coll("a\xe2\x80\x8c" "b\xe2\x80\x8b", COLLAPSE_WIDE),
	    "a\xe2\x80\x8c" "b");
	/* a wide space on a run's edge, a space before it */
	CHECK_STR(coll("abcdefghij \xe3\x80\x80 klmnopqrstu", COLLAPSE_WIDE),
	    "abcdefghij klmnopqrstu");
	CHECK_STR(coll("\xe3\x80", COLLAPSE_WIDE), "\xe3\x80");
	/* controls are dropped by every caller's collapser now (sec-extract
	 * used to copy them into titles and link texts) */
	CHECK_STR(coll("a\x01" "b \x1f\x7f c", COLLAPSE_WIDE), "ab c");
	/* appending: the text before is not trimmed nor spaced */
	buf_puts(&b, "x ");
	text_collapse(&b, "  y ", 4, 0);
	CHECK_STR(buf_str(&b), "x y");
	buf_free(&b);
	CHECK_INT(text_ws_len("\xc2\xa0", 2, 0, 0), 2);
	CHECK_INT(text_ws_len("\xc2", 1, 0, 0), 0);
	CHECK_INT(text_ws_len("\xe3\x80\x80", 3, 0, 0), 0);
	CHECK_INT(text_ws_len("\xe3\x80\x80", 3, 0, COLLAPSE_WIDE), 3);
	CHECK_INT(text_ws_len("\xe3\x80\x80", 2, 0, COLLAPSE_WIDE), 0);
	CHECK_INT(text_ws_len("\xe2\x80\x8b", 3, 0, COLLAPSE_WIDE), 3);
	CHECK_INT(text_ws_len("\xe2\x80\x8c", 3, 0, COLLAPSE_WIDE), 0);
	CHECK_INT(text_ws_len("a\t", 2, 1, 0), 1);
}

static void
test_entities(void)
{
	CHECK_INT(entity_lookup("amp", 3), '&');
	CHECK_INT(entity_lookup("AElig", 5), 198);
	CHECK_INT(entity_lookup("zwnj", 4), 8204);
	CHECK_INT(entity_lookup("ampx", 4), 0);
	CHECK_INT(entity_lookup("am", 2), 0);
	CHECK_INT(entity_lookup("", 0), 0);
}

int
main(void)
{
	test_text();
	test_hidden();
	test_collapse();
	test_entities();
	return check_failed;
}
