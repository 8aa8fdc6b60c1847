/* utf8.c: UTF-8 helpers.  JSON strings must be valid UTF-8 (jansson refuses
 * anything else), and text from the web often is not. */
#include <string.h>

#include "utf8.h"

int
utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	int len, i;

	if (n == 0)
		return -1;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		c &= 0x07;
	} else
		return -1;
	if (n < (size_t)len)
		return -1;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*cp = c;
	return len;
}

int
utf8_encode_to(char *out, uint32_t cp)
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

void
utf8_encode(struct buf *b, uint32_t cp)
{
	char tmp[4];

	buf_put(b, tmp, (size_t)utf8_encode_to(tmp, cp));
}

int
utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;
	int l;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			if (s[i] == '\0')
				return 0;
			i++;
			continue;
		}
		if ((l = utf8_decode(s + i, n - i, &cp)) < 0)
			return 0;
		i += (size_t)l;
	}
	return 1;
}

/* The length of the maximal subpart of an ill-formed sequence at s: the
 * bytes that start a valid sequence but do not finish it count as one error
 * (Unicode 15, 3.9, as the WHATWG decoder does).  At least 1. */
static size_t
badlen(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xBF;
	size_t need, i;

	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		need = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		need = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		need = 4;
	else
		return 1;
	if (s[0] == 0xE0)
		lo = 0xA0;
	else if (s[0] == 0xED)
		hi = 0x9F;
	else if (s[0] == 0xF0)
		lo = 0x90;
	else if (s[0] == 0xF4)
		hi = 0x8F;
	for (i = 1; i < need && i < n; i++) {
		if (s[i] < lo || s[i] > hi)
			break;
		lo = 0x80;
		hi = 0xBF;
	}
	return i;
}

size_t
utf8_repair(struct buf *out, const char *s, size_t n)
{
	size_t i = 0, start, bad = 0;
	uint32_t cp;
	int l;

	buf_grow(out, n);
	while (i < n) {
		start = i;
		/* copy the longest valid run at once */
		while (i < n) {
			if ((unsigned char)s[i] < 0x80) {
				if (s[i] == '\0')
					break;
				i++;
			} else if ((l = utf8_decode(s + i, n - i, &cp)) > 0)
				i += (size_t)l;
			else
				break;
		}
		buf_put(out, s + start, i - start);
		if (i < n) {
			if (s[i] != '\0') {
				utf8_encode(out, UTF8_REPLACEMENT);
				bad++;
				i += badlen((const unsigned char *)s + i,
				    n - i);
			} else
				i++;
		}
	}
	return bad;
}

void
utf8_tally(const char *s, size_t n, size_t tail, size_t *good, size_t *bad)
{
	size_t i = 0;
	uint32_t cp;
	int l;

	*good = *bad = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((l = utf8_decode(s + i, n - i, &cp)) > 0) {
			(*good)++;
			i += (size_t)l;
		} else {
			if (n - i < tail)
				break;
			(*bad)++;
			i++;
		}
	}
}

size_t
utf8_len(const char *s, size_t n)
{
	size_t i, count = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}
