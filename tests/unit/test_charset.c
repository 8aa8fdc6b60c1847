/* test_charset.c: unit tests for common/charset.c: the one alias table,
 * the BOM and <meta> sniffers, conversion and the choice of a page's
 * charset. */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "charset.h"
#include "check.h"

static void
test_alias(void)
{
	/* one table for both tools: EUC-JP keeps the NEC rows (①) */
	CHECK_STR(charset_alias("euc-jp"), "EUC-JP-MS");
	CHECK_STR(charset_alias("EUC-JP"), "EUC-JP-MS");
	CHECK_STR(charset_alias("x-euc-jp"), "EUC-JP-MS");
	CHECK_STR(charset_alias("Shift_JIS"), "CP932");
	CHECK_STR(charset_alias("windows-31j"), "CP932");
	CHECK_STR(charset_alias("ISO-2022-JP"), "ISO-2022-JP");
	CHECK_STR(charset_alias("iso-8859-1"), "WINDOWS-1252");
	CHECK_STR(charset_alias("US-ASCII"), "WINDOWS-1252");
	CHECK_STR(charset_alias("utf8"), "UTF-8");
	CHECK_STR(charset_alias("gb2312"), "GB18030");
	CHECK_STR(charset_alias("koi8-r"), "KOI8-R");
	CHECK_STR(charset_alias("x-bogus"), "x-bogus");
}

static void
test_bom(void)
{
	size_t n;

	CHECK_STR(charset_bom("\xef\xbb\xbfx", 4, &n), "UTF-8");
	CHECK_INT(n, 3);
	CHECK_STR(charset_bom("\xff\xfex\0", 4, &n), "UTF-16LE");
	CHECK_INT(n, 2);
	CHECK_STR(charset_bom("\xfe\xff\0x", 4, &n), "UTF-16BE");
	CHECK_STR(charset_bom("\xff\xfe\0\0", 4, &n), "UTF-32LE");
	CHECK_INT(n, 4);
	CHECK(charset_bom("<htm", 4, &n) == NULL);
	CHECK_INT(n, 0);
	CHECK(charset_bom("\xef\xbb", 2, &n) == NULL);
}

static void
test_meta(void)
{
	char enc[16], big[CHARSET_SNIFF_BYTES + 64];
	const char *s;

	s = "<html><head><meta charset=\"Shift_JIS\">";
	CHECK(charset_sniff_meta(s, strlen(s), enc, sizeof(enc)) == 0);
	CHECK_STR(enc, "Shift_JIS");
	s = "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; "
	    "charset=euc-jp\">";
	CHECK(charset_sniff_meta(s, strlen(s), enc, sizeof(enc)) == 0);
	CHECK_STR(enc, "euc-jp");
	s = "<meta charset = 'utf-8' >";
	CHECK(charset_sniff_meta(s, strlen(s), enc, sizeof(enc)) == 0);
	CHECK_STR(enc, "utf-8");
	/* a word "charset" without "=" does not end the search */
	s = "<meta name=\"charset\" charset=\"EUC-JP\">";
	CHECK(charset_sniff_meta(s, strlen(s), enc, sizeof(enc)) == 0);
	CHECK_STR(enc, "EUC-JP");
	s = "<meta name=\"description\" content=\"x\"><p>charset=x</p>";
	CHECK(charset_sniff_meta(s, strlen(s), enc, sizeof(enc)) == -1);
	/* a NUL byte ends the label, and so does an empty one */
	CHECK(charset_sniff_meta("<meta charset=\0ab>", 19, enc,
	    sizeof(enc)) == -1);
	s = "<meta charset=\"\">";
	CHECK(charset_sniff_meta(s, strlen(s), enc, sizeof(enc)) == -1);
	/* only the first 4 KiB are looked at */
	memset(big, ' ', sizeof(big));
	memcpy(big + CHARSET_SNIFF_BYTES, "<meta charset=sjis>", 19);
	CHECK(charset_sniff_meta(big, sizeof(big), enc, sizeof(enc)) == -1);
	memcpy(big + 100, "<meta charset=sjis>", 19);
	CHECK(charset_sniff_meta(big, sizeof(big), enc, sizeof(enc)) == 0);
	CHECK_STR(enc, "sjis");
}

static void
test_convert(void)
{
	struct buf b = BUF_INIT;

	CHECK_INT(charset_convert(&b, "\x93\xfa\x96\x7b", 4, "CP932"), 0);
	CHECK_STR(buf_str(&b), "日本");
	buf_reset(&b);
	/* NEC special characters of EUC-JP */
	CHECK_INT(charset_convert(&b, "\xad\xa1\xad\xa2", 4,
	    charset_alias("EUC-JP")), 0);
	CHECK_STR(buf_str(&b), "①②");
	buf_reset(&b);
	CHECK_INT(charset_convert(&b, "a\xa1z", 3, "EUC-JP-MS"), 1);
	CHECK_STR(buf_str(&b), "a\xef\xbf\xbdz");
	buf_reset(&b);
	CHECK_INT(charset_convert(&b, "\x1b$BF|K\\\x1b(B", 10,
	    "ISO-2022-JP"), 0);
	CHECK_STR(buf_str(&b), "日本");
	buf_reset(&b);
	CHECK_INT(charset_convert(&b, "x", 1, "no-such-charset"), -1);
	buf_free(&b);
}

/* charset_pick() on s with label: the charset chosen, with "+" after it
 * when detected and "!" when lost. */
static const char *
pick(const char *s, const char *label)
{
	static char out[64];
	struct charset_pick pk;

	charset_pick(s, strlen(s), label, &pk);
	snprintf(out, sizeof(out), "%s%s%s", pk.name, pk.detected ? "+" : "",
	    pk.lost ? "!" : "");
	return out;
}

static void
test_pick(void)
{
	/* 日本語の文章です。 in each charset */
	const char *sjis = "<p>\x93\xfa\x96\x7b\x8c\xea\x82\xcc\x95\xb6"
	    "\x8f\xcd\x82\xc5\x82\xb7\x81\x42</p>";
	const char *euc = "<p>\xc6\xfc\xcb\xdc\xb8\xec\xa4\xce\xca\xb8"
	    "\xbe\xcf\xa4\xc7\xa4\xb9\xa1\xa3</p>";
	const char *jis = "<p>\x1b$BF|K\\8l$NJ8>O$G$9!#\x1b(B</p>";
	const char *u8 = "<p>日本語の文章です。</p>";
	struct charset_pick pk;
	char note[256];

	/* the twelve cases of a wrong or missing label */
	CHECK_STR(pick(sjis, "UTF-8"), "CP932+");
	CHECK_STR(pick(sjis, NULL), "CP932+");
	CHECK_STR(pick(sjis, "EUC-JP"), "CP932+");
	CHECK_STR(pick(euc, "Shift_JIS"), "EUC-JP-MS+");
	CHECK_STR(pick(euc, "utf-8"), "EUC-JP-MS+");
	CHECK_STR(pick(euc, NULL), "EUC-JP-MS+");
	CHECK_STR(pick(euc, "ISO-2022-JP"), "EUC-JP-MS+");
	CHECK_STR(pick(jis, NULL), "ISO-2022-JP+");
	CHECK_STR(pick(jis, "utf-8"), "ISO-2022-JP+");
	CHECK_STR(pick(jis, "Shift_JIS"), "ISO-2022-JP+");
	CHECK_STR(pick(u8, "Shift_JIS"), "UTF-8+");
	CHECK_STR(pick(u8, "EUC-JP"), "UTF-8+");
	/* a right label is kept, silently */
	CHECK_STR(pick(sjis, "Shift_JIS"), "CP932");
	CHECK_STR(pick(euc, "EUC-JP"), "EUC-JP-MS");
	CHECK_STR(pick(jis, "ISO-2022-JP"), "ISO-2022-JP");
	CHECK_STR(pick(u8, "utf-8"), "UTF-8");
	CHECK_STR(pick(u8, NULL), "UTF-8");
	CHECK_STR(pick("<p>plain</p>", NULL), "UTF-8");
	/* other charsets are believed; Latin-1 is no Japanese */
	CHECK_STR(pick("<p>caf\xe9 cr\xe8me br\xfb" "l\xe9" "e</p>", NULL),
	    "WINDOWS-1252");
	CHECK_STR(pick("<p>caf\xe9</p>", "iso-8859-1"), "WINDOWS-1252");
	CHECK_STR(pick(sjis, "koi8-r"), "KOI8-R");
	/* a label claiming UTF-16 in ASCII, or unknown, reads as UTF-8 */
	CHECK_STR(pick(u8, "utf-16"), "UTF-8");
	CHECK_STR(pick(sjis, "x-bogus"), "CP932+");
	CHECK_STR(pick("<p>caf\xc3\xa9 \xff</p>", "x-bogus"), "UTF-8");
	/* mostly UTF-8 with one stray byte stays UTF-8, not flagged */
	CHECK_STR(pick("<p>日本語の文章です。日本語の文章です。\xff</p>",
	    "utf-8"), "UTF-8");
	CHECK_STR(pick("<p>日本語の文章です。日本語の文章です。日本語の文章で"
	    "す。\xff</p>", NULL), "UTF-8");
	/* Shift_JIS and EUC-JP mixed: nothing fits, flagged */
	charset_pick("\x93\xfa\x96\x7b\x8c\xea \xc6\xfc\xcb\xdc\xb8\xec",
	    13, "utf-8", &pk);
	CHECK(pk.lost && !pk.detected);
	CHECK_STR(pk.name, "UTF-8");
	CHECK_INT(pk.bad, 9);
	CHECK_STR(charset_note(&pk, note, sizeof(note)), "declared charset "
	    "utf-8 does not decode the page, nor does UTF-8 or a Japanese "
	    "charset: 9 bytes replaced by U+FFFD");
	charset_pick(sjis, strlen(sjis), "UTF-8", &pk);
	CHECK_STR(charset_note(&pk, note, sizeof(note)), "declared charset "
	    "UTF-8 does not decode the page; decoded as CP932 instead");
	charset_pick(euc, strlen(euc), NULL, &pk);
	CHECK_STR(charset_note(&pk, note, sizeof(note)), "no charset "
	    "declared; the bytes decode as EUC-JP-MS, not as WINDOWS-1252");
	charset_pick(u8, strlen(u8), "utf-8", &pk);
	CHECK(charset_note(&pk, note, sizeof(note)) == NULL);
	CHECK(charset_note(&pk, note, 4) == NULL);
}

int
main(void)
{
	test_alias();
	test_bom();
	test_meta();
	test_convert();
	test_pick();
	return check_failed;
}
