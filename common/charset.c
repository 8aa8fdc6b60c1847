/* charset.c: charset labels, sniffing, conversion and detection (see
 * charset.h). */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "charset.h"
#include "utf8.h"
#include "util.h"

static const struct {
	const char *label;
	const char *name;
} aliases[] = {
	{ "ascii", "WINDOWS-1252" }, { "big5", "BIG5-HKSCS" },
	{ "cp1252", "WINDOWS-1252" }, { "cp819", "WINDOWS-1252" },
	{ "cp932", "CP932" }, { "csiso2022jp", "ISO-2022-JP" },
	{ "csshiftjis", "CP932" }, { "euc-jp", "EUC-JP-MS" },
	{ "euc-kr", "CP949" }, { "gb18030", "GB18030" },
	{ "gb2312", "GB18030" }, { "gbk", "GB18030" },
	{ "iso-2022-jp", "ISO-2022-JP" }, { "iso-8859-1", "WINDOWS-1252" },
	{ "iso8859-1", "WINDOWS-1252" }, { "iso_8859-1", "WINDOWS-1252" },
	{ "koi8-r", "KOI8-R" }, { "ks_c_5601-1987", "CP949" },
	{ "l1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
	{ "ms_kanji", "CP932" }, { "shift-jis", "CP932" },
	{ "shift_jis", "CP932" }, { "sjis", "CP932" },
	{ "unicode-1-1-utf-8", "UTF-8" }, { "us-ascii", "WINDOWS-1252" },
	{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" },
	{ "windows-1251", "CP1251" }, { "windows-1252", "WINDOWS-1252" },
	{ "windows-31j", "CP932" }, { "x-euc-jp", "EUC-JP-MS" },
	{ "x-gbk", "GB18030" }, { "x-sjis", "CP932" },
};

const char *
charset_alias(const char *label)
{
	size_t i;

	for (i = 0; i < NELEM(aliases); i++)
		if (ascii_casecmp(label, aliases[i].label) == 0)
			return aliases[i].name;
	return label;
}

const char *
charset_bom(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;

	*len = 0;
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		*len = 3;
		return "UTF-8";
	}
	if (n >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) {
		*len = 4;
		return "UTF-32LE";
	}
	if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF) {
		*len = 4;
		return "UTF-32BE";
	}
	if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		*len = 2;
		return "UTF-16LE";
	}
	if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		*len = 2;
		return "UTF-16BE";
	}
	return NULL;
}

int
charset_sniff_meta(const char *s, size_t n, char *enc, size_t cap)
{
	size_t i, j, k;

	if (cap == 0)
		return -1;
	if (n > CHARSET_SNIFF_BYTES)
		n = CHARSET_SNIFF_BYTES;
	for (i = 0; i + 5 < n; i++) {
		if (s[i] != '<' || ascii_ncasecmp(s + i + 1, "meta", 4) != 0)
			continue;
		for (j = i + 5; j + 7 < n && s[j] != '>'; j++) {
			if (ascii_ncasecmp(s + j, "charset", 7) != 0)
				continue;
			k = j + 7;
			while (k < n && ASCII_ISSPACE((unsigned char)s[k]))
				k++;
			if (k >= n || s[k] != '=')
				continue;
			k++;
			while (k < n && (ASCII_ISSPACE((unsigned char)s[k]) ||
			    s[k] == '"' || s[k] == '\''))
				k++;
			for (j = 0; k < n && j + 1 < cap &&
			    (ASCII_ISALNUM((unsigned char)s[k]) ||
			    strchr("-_.:", s[k]) != NULL); k++)
				enc[j++] = s[k];
			enc[j] = '\0';
			return j > 0 ? 0 : -1;
		}
	}
	return -1;
}

long
charset_convert(struct buf *out, const char *s, size_t n, const char *name)
{
	iconv_t cd;
	char *in, *o;
	size_t il, ol, r;
	long bad = 0;

	if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1)
		return -1;
	in = (char *)(uintptr_t)s;
	il = n;
	buf_grow(out, n + n / 2 + 16);
	while (il > 0) {
		o = out->s + out->len;
		ol = out->cap - out->len - 1;
		r = iconv(cd, &in, &il, &o, &ol);
		out->len = (size_t)(o - out->s);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			buf_grow(out, il * 2 + 16);
		else if (errno == EILSEQ || errno == EINVAL) {
			utf8_encode(out, UTF8_REPLACEMENT);
			bad++;
			in++;
			il--;
			iconv(cd, NULL, NULL, NULL, NULL);
		} else
			break;
	}
	out->s[out->len] = '\0';
	iconv_close(cd);
	return bad;
}
