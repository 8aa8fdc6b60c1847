/* decode.c: bytes in any encoding to valid UTF-8, in chunks, with iconv
 * for everything that is not UTF-8.  Invalid and unconvertible bytes
 * become U+FFFD; so do control characters XML forbids. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "fetch.h"
#include "utf8.h"
#include "util.h"

struct decoder {
	int	 utf8;
	iconv_t	 cd;
	char	 carry[16];	/* a sequence cut by the chunk's end */
	size_t	 ncarry;
	struct buf tmp;
};

struct decoder *
decoder_new(const char *enc)
{
	struct decoder *d;
	const char *name;

	d = xcalloc(1, sizeof(*d));
	buf_init(&d->tmp);
	name = enc == NULL || *enc == '\0' ? "UTF-8" : charset_alias(enc);
	if (ascii_casecmp(name, "UTF-8") == 0) {
		d->utf8 = 1;
		return d;
	}
	if ((d->cd = iconv_open("UTF-8", name)) == (iconv_t)-1) {
		free(d);
		return NULL;
	}
	return d;
}

void
decoder_free(struct decoder *d)
{
	if (d == NULL)
		return;
	if (!d->utf8)
		iconv_close(d->cd);
	buf_free(&d->tmp);
	free(d);
}

static const char repl[3] = { (char)0xEF, (char)0xBF, (char)0xBD };

/* Bytes a UTF-8 sequence with this lead byte needs, 0 if none. */
static int
seqlen(unsigned char c)
{
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 0;
}

/* The end of the run from in[i] that passes unchanged: printable ASCII,
 * tab, LF, CR, and valid multi-byte sequences other than U+FFFE, U+FFFF
 * and the C1 controls.  Clean ASCII goes eight bytes at a time. */
static size_t
clean_run(const char *in, size_t i, size_t n)
{
	uint64_t w;
	uint32_t cp;
	size_t end;
	int l;

	for (;;) {
		while (i + 8 <= n) {
			w = swar_load(in + i);
			/* line breaks and tabs are in most words of XML:
			 * a word is clean when its controls are only those */
			if (((w & SWAR_HIGHS) | swar_less(w, 0x20)) &&
			    ((w & SWAR_HIGHS) || (swar_eq(w &
			    (SWAR_ONES * 0xE0), 0) & ~(swar_eq(w, '\n') |
			    swar_eq(w, '\t') | swar_eq(w, '\r')))))
				break;
			i += 8;
		}
		end = i + 8 < n ? i + 8 : n;
		while (i < end) {
			unsigned char c = (unsigned char)in[i];

			if ((c >= 0x20 && c < 0x80) || c == '\n' || c == '\t' ||
			    c == '\r') {
				i++;
				continue;
			}
			if (c < 0xC2 ||
			    (l = utf8_decode(in + i, n - i, &cp)) < 0 ||
			    cp == 0xFFFE || cp == 0xFFFF ||
			    (cp >= 0x80 && cp < 0xA0))
				return i;
			i += (size_t)l;
		}
		if (i >= n)
			return n;
	}
}

/* Validate UTF-8 in[0..n) into out; an incomplete tail is returned as the
 * number of bytes not consumed (when !final). */
static size_t
utf8_pass(const char *in, size_t n, struct buf *out, int final)
{
	size_t i = 0, run;
	uint32_t cp;
	int l;

	buf_grow(out, n);
	while (i < n) {
		unsigned char c = (unsigned char)in[i];

		if ((run = clean_run(in, i, n)) > i) {
			buf_put(out, in + i, run - i);
			i = run;
			continue;
		}
		if (c < 0x20) {
			/* not tab, LF or CR: clean_run takes those */
			if (c == 0x0B || c == 0x0C)
				buf_putc(out, ' ');
			else
				buf_put(out, repl, 3);
			i++;
			continue;
		}
		if ((l = utf8_decode(in + i, n - i, &cp)) > 0) {
			if (cp == 0xFFFE || cp == 0xFFFF)
				buf_put(out, repl, 3);
			else
				/* C1: mojibake of windows-1252, never meant */
				utf8_encode(out, c1_remap(cp));
			i += (size_t)l;
			continue;
		}
		/* invalid, or cut off by the end of this chunk */
		if (!final && seqlen(c) > 0 && (size_t)seqlen(c) > n - i) {
			size_t k;

			for (k = i + 1; k < n; k++)
				if (((unsigned char)in[k] & 0xC0) != 0x80)
					break;
			if (k == n)
				return n - i;
		}
		buf_put(out, repl, 3);
		i++;
	}
	return 0;
}

/* Feed bytes through the UTF-8 validator, with the carry. */
static void
utf8_feed(struct decoder *d, const char *in, size_t n, struct buf *out,
    int final)
{
	size_t left;

	while (d->ncarry > 0 && n > 0) {
		/* complete the carried sequence one byte at a time */
		char tmp[8];
		size_t k;

		memcpy(tmp, d->carry, d->ncarry);
		tmp[d->ncarry] = in[0];
		k = d->ncarry + 1;
		in++;
		n--;
		d->ncarry = 0;
		left = utf8_pass(tmp, k, out, final && n == 0);
		if (left > 0) {
			memcpy(d->carry, tmp + k - left, left);
			d->ncarry = left;
		}
	}
	if (n > 0) {
		left = utf8_pass(in, n, out, final);
		if (left > 0) {
			memcpy(d->carry, in + n - left, left);
			d->ncarry = left;
		}
	}
	if (final && d->ncarry > 0) {
		utf8_pass(d->carry, d->ncarry, out, 1);
		d->ncarry = 0;
	}
}

static void
iconv_feed(struct decoder *d, const char *in, size_t n, struct buf *out,
    int final)
{
	struct buf src = BUF_INIT;
	char *ip, *op;
	size_t il, ol, r;

	buf_reset(&d->tmp);
	if (d->ncarry > 0) {
		buf_put(&src, d->carry, d->ncarry);
		buf_put(&src, in, n);
		d->ncarry = 0;
		ip = src.s;
		il = src.len;
	} else {
		ip = (char *)(uintptr_t)in;
		il = n;
	}
	while (il > 0) {
		buf_grow(&d->tmp, il * 3 + 16);
		op = d->tmp.s + d->tmp.len;
		ol = d->tmp.cap - d->tmp.len - 1;
		r = iconv(d->cd, &ip, &il, &op, &ol);
		d->tmp.len = (size_t)(op - d->tmp.s);
		d->tmp.s[d->tmp.len] = '\0';
		if (r != (size_t)-1)
			continue;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !final && il < sizeof(d->carry)) {
			memcpy(d->carry, ip, il);
			d->ncarry = il;
			break;
		}
		/* EILSEQ, or an incomplete sequence at the very end */
		buf_put(&d->tmp, repl, 3);
		ip++;
		il--;
	}
	if (final) {
		/* return a stateful encoding to its initial state */
		buf_grow(&d->tmp, 16);
		op = d->tmp.s + d->tmp.len;
		ol = d->tmp.cap - d->tmp.len - 1;
		iconv(d->cd, NULL, NULL, &op, &ol);
		d->tmp.len = (size_t)(op - d->tmp.s);
	}
	buf_free(&src);
	utf8_pass(d->tmp.s == NULL ? "" : d->tmp.s, d->tmp.len, out, 1);
}

void
decoder_feed(struct decoder *d, const char *in, size_t n, struct buf *out,
    int final)
{
	if (d->utf8)
		utf8_feed(d, in, n, out, final);
	else
		iconv_feed(d, in, n, out, final);
}

/* Copy a charset token from s into enc. */
static int
token(const char *s, const char *end, char *enc, size_t cap)
{
	size_t n = 0;

	while (s < end && (*s == ' ' || *s == '=' || *s == '"' ||
	    *s == '\''))
		s++;
	while (s < end && (ASCII_ISALNUM(*s) || *s == '-' || *s == '_' ||
	    *s == '.' || *s == ':')) {
		if (n + 1 >= cap)
			return -1;
		enc[n++] = *s++;
	}
	enc[n] = '\0';
	return n > 0 ? 0 : -1;
}

/* A BOM's charset into enc, its length in *bl; 0, or -1 when none. */
static int
bom(const char *s, size_t n, char *enc, size_t cap, size_t *bl)
{
	const char *e;

	if ((e = charset_bom(s, n, bl)) == NULL || strlen(e) >= cap)
		return -1;
	strcpy(enc, e);
	return 0;
}

int
xml_sniff(const char *s, size_t n, char *enc, size_t cap, size_t *bl)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *end, *p;

	if (bom(s, n, enc, cap, bl) == 0)
		return 0;
	if (n >= 4 && u[0] == '<' && u[1] == 0 && u[2] == '?' && u[3] == 0)
		return snprintf(enc, cap, "UTF-16LE") > 0 ? 0 : -1;
	if (n >= 4 && u[0] == 0 && u[1] == '<' && u[2] == 0 && u[3] == '?')
		return snprintf(enc, cap, "UTF-16BE") > 0 ? 0 : -1;
	p = s;
	while (p < s + n && ASCII_ISSPACE(*p))
		p++;
	if ((size_t)(s + n - p) < 6 || memcmp(p, "<?xml", 5) != 0)
		return -1;
	end = memchr(p, '>', (size_t)(s + n - p));
	if (end == NULL)
		end = s + n;
	for (; p + 8 < end; p++)
		if (memcmp(p, "encoding", 8) == 0)
			return token(p + 8, end, enc, cap);
	return -1;
}

int
html_sniff(const char *s, size_t n, char *enc, size_t cap, size_t *bl)
{
	if (bom(s, n, enc, cap, bl) == 0)
		return 0;
	return charset_sniff_meta(s, n, enc, cap);
}

int
ctype_charset(const char *ct, char *enc, size_t cap)
{
	const char *p;

	if (ct == NULL)
		return -1;
	for (p = ct; *p != '\0'; p++)
		if (ascii_ncasecmp(p, "charset", 7) == 0)
			return token(p + 7, p + strlen(p), enc, cap);
	return -1;
}

void
page_decode(const char *body, size_t n, const char *ctype, struct buf *html,
    struct charset_pick *pk)
{
	struct decoder *d;
	const char *b;
	char cs[64];
	size_t bl;

	memset(pk, 0, sizeof(*pk));
	if ((b = charset_bom(body, n, &bl)) != NULL)
		pk->name = pk->base = b;	/* a BOM decides */
	else if (ctype_charset(ctype, cs, sizeof(cs)) == 0 ||
	    charset_sniff_meta(body, n, cs, sizeof(cs)) == 0)
		charset_pick(body, n, cs, pk);
	else
		charset_pick(body, n, NULL, pk);
	if ((d = decoder_new(pk->name)) == NULL) {
		pk->name = "UTF-8";
		d = decoder_new(NULL);
	}
	decoder_feed(d, body + bl, n - bl, html, 1);
	decoder_free(d);
}
