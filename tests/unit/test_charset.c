/* test_charset.c: unit tests for common/charset.c: the one alias table,
 * the BOM and <meta> sniffers and conversion. */
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

int
main(void)
{
	test_alias();
	test_bom();
	test_meta();
	test_convert();
	return check_failed;
}
