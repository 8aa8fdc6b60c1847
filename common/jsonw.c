/* jsonw.c: the record writer (see jsonw.h). */
#include <err.h>
#include <stdint.h>
#include <string.h>

#include "jsonw.h"
#include "simd.h"
#include "utf8.h"

char *
jsonw_escape(char *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i = 0, j = 0;
	unsigned char c;
	uint64_t w;

	*o++ = '"';
	while (i < n) {
		/* skip words with nothing to escape */
		while (i + 8 <= n && (w = swar_load(s + i),
		    !(swar_less(w, 0x20) | swar_has(w, '"') |
		    swar_has(w, '\\'))))
			i += 8;
		if (i >= n)
			break;
		c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\') {
			i++;
			continue;
		}
		memcpy(o, s + j, i - j);
		o += i - j;
		*o++ = '\\';
		switch (c) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '\n': *o++ = 'n'; break;
		case '\t': *o++ = 't'; break;
		case '\r': *o++ = 'r'; break;
		case '\b': *o++ = 'b'; break;
		case '\f': *o++ = 'f'; break;
		default:
			*o++ = 'u';
			*o++ = '0';
			*o++ = '0';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
		j = ++i;
	}
	memcpy(o, s + j, n - j);
	o += n - j;
	*o++ = '"';
	return o;
}

void
jsonw_str(struct buf *b, const char *key, const char *v, int flags)
{
	struct buf fix = BUF_INIT;
	size_t kl, n;
	char *o;

	if (v == NULL)
		return;
	n = strlen(v);
	if ((flags & JSONW_REPAIR) && !utf8_valid(v, n)) {
		utf8_repair(&fix, v, n);
		v = buf_str(&fix);
		n = fix.len;
	}
	kl = key != NULL ? strlen(key) : 0;
	if (n > (SIZE_MAX - kl - 8) / 6)
		errx(1, "string of %zu bytes too long to encode", n);
	/* room for all of it, then written straight in */
	buf_grow(b, kl + jsonw_room(n) + 6);
	o = b->s + b->len;
	if (!(flags & JSONW_FIRST))
		*o++ = ',';
	if (key != NULL) {
		*o++ = '"';
		memcpy(o, key, kl);
		o += kl;
		*o++ = '"';
		*o++ = ':';
	}
	o = jsonw_escape(o, v, n);
	*o = '\0';
	b->len = (size_t)(o - b->s);
	buf_free(&fix);
}
