/* charset.c: bring a raw page to UTF-8 before it is parsed; labels,
 * sniffing and conversion are common/charset.c's, shared with
 * sec-fetch. */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "charset.h"
#include "extract.h"
#include "utf8.h"
#include "util.h"

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
	const char *cs;
	char name[64];
	size_t bl;

	if ((cs = charset_bom(s, n, &bl)) != NULL) {
		s += bl;
		n -= bl;
	} else if (charset_sniff_meta(s, n, name, sizeof(name)) == 0) {
		cs = charset_alias(name);
		/* a page cannot really be UTF-16 when its meta says so in
		 * ASCII */
		if (ascii_ncasecmp(cs, "UTF-16", 6) == 0)
			cs = "UTF-8";
	} else
		cs = mostly_utf8(s, n) ? "UTF-8" : "WINDOWS-1252";
	if (strcmp(cs, "UTF-8") != 0 && charset_convert(&tmp, s, n, cs) >= 0) {
		utf8_repair(&out, tmp.s ? tmp.s : "", tmp.len);
		buf_free(&tmp);
	} else {
		cs = "UTF-8";
		utf8_repair(&out, s, n);
	}
	if (charset != NULL) {
		static char used[64];

		snprintf(used, sizeof(used), "%s", cs);
		*charset = used;
	}
	*outlen = out.len;
	return out.s != NULL ? buf_detach(&out) : xstrdup("");
}
