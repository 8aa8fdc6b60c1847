/* charset.c: bring a raw page to UTF-8 before it is parsed. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "extract.h"
#include "utf8.h"
#include "util.h"

#define SNIFF_BYTES 4096

/* The charset a <meta> in the first bytes declares, lower-cased in
 * name[size], or NULL. */
static const char *
sniff_meta(const char *s, size_t n, char *name, size_t size)
{
	size_t i, j, k;

	if (n > SNIFF_BYTES)
		n = SNIFF_BYTES;
	for (i = 0; i + 5 < n; i++) {
		if (s[i] != '<' || ascii_ncasecmp(s + i + 1, "meta", 4) != 0)
			continue;
		for (j = i + 5; j + 7 < n && s[j] != '>'; j++) {
			if (ascii_ncasecmp(s + j, "charset", 7) != 0)
				continue;
			j += 7;
			while (j < n && ASCII_ISSPACE((unsigned char)s[j]))
				j++;
			if (j >= n || s[j] != '=')
				break;
			j++;
			while (j < n && (ASCII_ISSPACE((unsigned char)s[j]) ||
			    s[j] == '"' || s[j] == '\''))
				j++;
			for (k = 0; j < n && k + 1 < size &&
			    (ASCII_ISALNUM((unsigned char)s[j]) ||
			    strchr("-_.:", s[j]) != NULL); j++)
				name[k++] = (char)ascii_lower((unsigned char)s[j]);
			name[k] = '\0';
			return k > 0 ? name : NULL;
		}
	}
	return NULL;
}

/* The iconv name for a charset label (WHATWG treats the Latin-1 family as
 * windows-1252), or NULL for UTF-8. */
static const char *
iconv_name(const char *label)
{
	static const struct {
		const char *label, *name;
	} alias[] = {
		{ "utf-8", NULL }, { "utf8", NULL }, { "unicode-1-1-utf-8", NULL },
		{ "us-ascii", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" },
		{ "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" },
		{ "latin1", "WINDOWS-1252" }, { "l1", "WINDOWS-1252" },
		{ "windows-1252", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
		{ "shift_jis", "CP932" }, { "shift-jis", "CP932" },
		{ "sjis", "CP932" }, { "x-sjis", "CP932" },
		{ "windows-31j", "CP932" }, { "cp932", "CP932" },
		{ "euc-jp", "EUC-JP" }, { "x-euc-jp", "EUC-JP" },
		{ "iso-2022-jp", "ISO-2022-JP" },
		{ "gb2312", "GB18030" }, { "gbk", "GB18030" },
		{ "gb18030", "GB18030" }, { "euc-kr", "CP949" },
		{ "ks_c_5601-1987", "CP949" }, { "big5", "BIG5-HKSCS" },
		{ "koi8-r", "KOI8-R" }, { "windows-1251", "CP1251" },
		{ "utf-16", "UTF-16LE" }, { "utf-16le", "UTF-16LE" },
		{ "utf-16be", "UTF-16BE" },
	};
	size_t i;

	for (i = 0; i < NELEM(alias); i++)
		if (strcmp(label, alias[i].label) == 0)
			return alias[i].name;
	return label;
}

/* Convert s[0..n) from the iconv charset cs into out, replacing what
 * cannot be converted by U+FFFD.  Returns -1 when iconv does not know
 * cs. */
static int
convert(struct buf *out, const char *s, size_t n, const char *cs)
{
	iconv_t cd;
	char *in, *o;
	size_t il, ol, r;

	if ((cd = iconv_open("UTF-8", cs)) == (iconv_t)-1)
		return -1;
	in = (char *)s;
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
			in++;
			il--;
			iconv(cd, NULL, NULL, NULL, NULL);
		} else
			break;
	}
	out->s[out->len] = '\0';
	iconv_close(cd);
	return 0;
}

/* Heuristic for undeclared pages: UTF-8 unless invalid sequences are
 * common among the non-ASCII bytes. */
static int
mostly_utf8(const char *s, size_t n)
{
	size_t good, bad;

	utf8_tally(s, n, 0, &good, &bad);
	return bad * 20 <= good + bad;
}

char *
ext_to_utf8(const char *s, size_t n, size_t *outlen, const char **charset)
{
	struct buf out = BUF_INIT, tmp = BUF_INIT;
	const char *label = NULL, *cs;
	char name[40];

	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
		label = "utf-8";
	} else if (n >= 2 && memcmp(s, "\xFF\xFE", 2) == 0) {
		s += 2;
		n -= 2;
		label = "utf-16le";
	} else if (n >= 2 && memcmp(s, "\xFE\xFF", 2) == 0) {
		s += 2;
		n -= 2;
		label = "utf-16be";
	} else
		label = sniff_meta(s, n, name, sizeof(name));
	if (label == NULL)
		label = mostly_utf8(s, n) ? "utf-8" : "windows-1252";
	cs = iconv_name(label);
	/* a page cannot really be UTF-16 when its meta says so in ASCII */
	if (cs != NULL && strncmp(cs, "UTF-16", 6) == 0 &&
	    label == name)
		cs = NULL;
	if (cs != NULL && convert(&tmp, s, n, cs) == 0) {
		utf8_repair(&out, tmp.s ? tmp.s : "", tmp.len);
		buf_free(&tmp);
	} else {
		cs = NULL;
		utf8_repair(&out, s, n);
	}
	if (charset != NULL) {
		static char used[40];

		snprintf(used, sizeof(used), "%s", cs == NULL ? "UTF-8" : cs);
		*charset = used;
	}
	*outlen = out.len;
	return out.s != NULL ? buf_detach(&out) : xstrdup("");
}
