/* charset.c: charset labels, sniffing, conversion and detection (see
 * charset.h). */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "simd.h"
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
			    (ASCII_ISALNUM((unsigned char)s[k]) || s[k] == '-' ||
			    s[k] == '_' || s[k] == '.' || s[k] == ':'); k++)
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

/* ---- detection ---- */

/* Fewer undecodable bytes than this are not worth an error. */
#define LOST_MIN 4

/* How a decoding of the page reads. */
struct score {
	size_t	 good;	/* non-ASCII characters decoded */
	size_t	 bad;	/* bytes that did not decode */
	size_t	 esc;	/* ISO-2022 escapes left undecoded */
	size_t	 ja;	/* kana, kanji, Japanese punctuation, full width */
	size_t	 hira;	/* of which hiragana */
	size_t	 odd;	/* half-width kana, Latin-1, C1, private use */
};

/* Add the characters of UTF-8 u[0..n) to sc; invalid bytes are bad. */
static void
tally(const char *u, size_t n, struct score *sc)
{
	size_t i = 0;
	uint32_t cp;
	int l;

	while (i < n) {
		/* ASCII without ESC goes eight bytes at a time */
		while (i + 8 <= n) {
			uint64_t w = swar_load(u + i);

			if ((w & SWAR_HIGHS) || swar_has(w, 0x1B))
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if ((unsigned char)u[i] < 0x80) {
			/* ESC $ or ESC ( designates an ISO-2022 set */
			if (u[i] == 0x1B && i + 1 < n && (u[i + 1] == '$' ||
			    u[i + 1] == '('))
				sc->esc++;
			i++;
			continue;
		}
		if ((l = utf8_decode(u + i, n - i, &cp)) < 0) {
			sc->bad++;
			i++;
			continue;
		}
		i += (size_t)l;
		if (cp == UTF8_REPLACEMENT)
			continue;	/* the converter counted it */
		sc->good++;
		if ((cp >= 0x3000 && cp <= 0x30FF) ||
		    (cp >= 0x4E00 && cp <= 0x9FFF) ||
		    (cp >= 0xFF01 && cp <= 0xFF5E)) {
			sc->ja++;
			if (cp >= 0x3041 && cp <= 0x309F)
				sc->hira++;
		}
		else if (cp <= 0xFF || (cp >= 0xFF61 && cp <= 0xFF9F) ||
		    (cp >= 0xE000 && cp <= 0xF8FF))
			sc->odd++;
	}
}

/* Score s[0..n) decoded in the iconv charset name; -1 when iconv does
 * not know it. */
static int
measure(const char *s, size_t n, const char *name, struct score *sc)
{
	struct buf u = BUF_INIT;
	long bad;

	memset(sc, 0, sizeof(*sc));
	if (strcmp(name, "UTF-8") == 0) {
		tally(s, n, sc);
		return 0;
	}
	if ((bad = charset_convert(&u, s, n, name)) < 0)
		return -1;
	tally(u.s, u.len, sc);
	sc->bad += (size_t)bad;
	buf_free(&u);
	return 0;
}

/* Does most of the page decode?  (Fewer than one in twenty fail.) */
static int
mostly(const struct score *sc)
{
	size_t fail = sc->bad + sc->esc;

	return fail * 20 <= sc->good + fail;
}

/* Does the decoding read as Japanese: few odd characters, and hiragana
 * among the kanji as in running text (the wrong one of Shift_JIS and
 * EUC-JP gives half-width kana; Latin-1 read as either, kanji alone)? */
static int
japanese(const struct score *sc)
{
	return sc->ja > 0 && sc->odd * 2 <= sc->ja && sc->hira * 8 >= sc->ja;
}

static int
is_japanese(const char *name)
{
	return strcmp(name, "CP932") == 0 || strcmp(name, "EUC-JP-MS") == 0 ||
	    strcmp(name, "ISO-2022-JP") == 0;
}

/* Is a better than b: fewer failures, then more Japanese? */
static int
better(const struct score *a, const struct score *b)
{
	if (a->bad + a->esc != b->bad + b->esc)
		return a->bad + a->esc < b->bad + b->esc;
	return (long long)a->ja - (long long)a->odd >
	    (long long)b->ja - (long long)b->odd;
}

/* The candidate other than skip that (mostly) decodes s and reads as
 * Japanese, UTF-8 need only decode; its score in *best.  NULL when none
 * does. */
static const char *
detect(const char *s, size_t n, const char *skip, struct score *best)
{
	static const char *const cands[] = {
		"UTF-8", "ISO-2022-JP", "CP932", "EUC-JP-MS"
	};
	struct score sc;
	const char *name = NULL;
	size_t i;

	for (i = 0; i < NELEM(cands); i++) {
		if (strcmp(cands[i], skip) == 0)
			continue;
		if (i == 1 && memchr(s, 0x1B, n) == NULL)
			continue;
		if (measure(s, n, cands[i], &sc) == -1 || sc.good == 0 ||
		    !mostly(&sc) || (i > 0 && !japanese(&sc)))
			continue;
		if (name == NULL || better(&sc, best)) {
			name = cands[i];
			*best = sc;
		}
		/* a clean decoding that reads as Japanese is not beaten
		 * (valid UTF-8 least of all): the rest need not be tried */
		if (sc.bad + sc.esc == 0)
			break;
	}
	return name;
}

void
charset_pick(const char *s, size_t n, const char *label,
    struct charset_pick *pk)
{
	struct score base, best = { 0, 0, 0, 0, 0, 0 };
	const char *name;
	iconv_t cd;
	int need;

	memset(pk, 0, sizeof(*pk));
	if (label != NULL && *label != '\0') {
		snprintf(pk->label, sizeof(pk->label), "%s", label);
		pk->base = charset_alias(label);
		/* a label in ASCII bytes cannot mean UTF-16 or UTF-32 */
		if (ascii_ncasecmp(pk->base, "UTF-16", 6) == 0 ||
		    ascii_ncasecmp(pk->base, "UTF-32", 6) == 0 ||
		    ascii_casecmp(pk->base, "UTF-8") == 0)
			pk->base = "UTF-8";
		else if (!is_japanese(pk->base)) {
			/* other charsets are taken as declared; one unknown
			 * to iconv is read as UTF-8 */
			pk->name = pk->base;
			if ((cd = iconv_open("UTF-8", pk->base)) ==
			    (iconv_t)-1) {
				pk->base = pk->name = "UTF-8";
				measure(s, n, "UTF-8", &base);
				pk->bad = base.bad;
				if (!mostly(&base))
					goto search;
			} else
				iconv_close(cd);
			return;
		}
		measure(s, n, pk->base, &base);
		if (strcmp(pk->base, "UTF-8") == 0)
			need = !mostly(&base);
		else
			need = base.bad > 0 || base.esc > 0 ||
			    (base.good > 0 && !japanese(&base));
	} else {
		measure(s, n, "UTF-8", &base);
		/* mostly UTF-8, not counting escapes */
		pk->base = base.bad * 20 <= base.good + base.bad ? "UTF-8" :
		    "WINDOWS-1252";
		need = base.bad > 0 || base.esc > 0;
	}
	pk->name = pk->base;
	pk->bad = base.bad;
	if (!need)
		return;
search:
	name = detect(s, n, pk->base, &best);
	/* what mostly decodes yields only to a clean find */
	if (name != NULL && mostly(&base) && best.bad + best.esc > 0)
		name = NULL;
	if (name != NULL) {
		pk->name = name;
		pk->bad = best.bad;
		pk->detected = 1;
	} else if (pk->label[0] != '\0' && !mostly(&base) &&
	    base.bad + base.esc >= LOST_MIN) {
		pk->lost = 1;
		pk->bad = base.bad + base.esc;
	}
}

const char *
charset_note(const struct charset_pick *pk, char *buf, size_t cap)
{
	int r;

	if (pk->detected && pk->label[0] != '\0')
		r = snprintf(buf, cap, "declared charset %s does not decode "
		    "the page; decoded as %s instead", pk->label, pk->name);
	else if (pk->detected)
		r = snprintf(buf, cap, "no charset declared; the bytes decode "
		    "as %s, not as %s", pk->name, pk->base);
	else if (pk->lost)
		r = snprintf(buf, cap, "declared charset %s does not decode "
		    "the page, nor does UTF-8 or a Japanese charset: %zu bytes "
		    "replaced by U+FFFD", pk->label, pk->bad);
	else
		return NULL;
	if (r < 0 || (size_t)r >= cap)
		return NULL;
	if (pk->detected && pk->bad > 0) {
		size_t len = (size_t)r;

		r = snprintf(buf + len, cap - len, " (%zu bytes replaced by "
		    "U+FFFD)", pk->bad);
		if (r < 0 || (size_t)r >= cap - len)
			buf[len] = '\0';
	}
	return buf;
}

/* ---- decoding, in chunks ---- */

/* windows-1252 for the C1 range of numeric references (HTML5 rule) */
static const uint16_t c1map[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178
};

uint32_t
c1_remap(uint32_t cp)
{
	return cp >= 0x80 && cp < 0xA0 ? c1map[cp - 0x80] : cp;
}

struct charset_decoder {
	int	 utf8;
	int	 page;		/* an HTML page: C0 controls are dropped, not
				 * replaced (a feed's XML forbids them) */
	iconv_t	 cd;
	char	 carry[16];	/* a sequence cut by the chunk's end */
	size_t	 ncarry;
	struct buf tmp;
};

struct charset_decoder *
charset_decoder_new(const char *enc)
{
	struct charset_decoder *d;
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
charset_decoder_free(struct charset_decoder *d)
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
utf8_pass(const char *in, size_t n, struct buf *out, int final, int page)
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
			else if (!page)
				buf_put(out, repl, 3);
			/* a page's other controls are invisible: dropped */
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
utf8_feed(struct charset_decoder *d, const char *in, size_t n, struct buf *out,
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
		left = utf8_pass(tmp, k, out, final && n == 0,
		    d->page);
		if (left > 0) {
			memcpy(d->carry, tmp + k - left, left);
			d->ncarry = left;
		}
	}
	if (n > 0) {
		left = utf8_pass(in, n, out, final, d->page);
		if (left > 0) {
			memcpy(d->carry, in + n - left, left);
			d->ncarry = left;
		}
	}
	if (final && d->ncarry > 0) {
		utf8_pass(d->carry, d->ncarry, out, 1, d->page);
		d->ncarry = 0;
	}
}

static void
iconv_feed(struct charset_decoder *d, const char *in, size_t n, struct buf *out,
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
	utf8_pass(d->tmp.s == NULL ? "" : d->tmp.s, d->tmp.len, out, 1,
	    d->page);
}

void
charset_decoder_feed(struct charset_decoder *d, const char *in, size_t n, struct buf *out,
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
charset_sniff_xml(const char *s, size_t n, char *enc, size_t cap, size_t *bl)
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
charset_sniff_html(const char *s, size_t n, char *enc, size_t cap, size_t *bl)
{
	if (bom(s, n, enc, cap, bl) == 0)
		return 0;
	return charset_sniff_meta(s, n, enc, cap);
}

int
charset_from_ctype(const char *ct, char *enc, size_t cap)
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
charset_decode_page(const char *body, size_t n, const char *ctype,
    struct buf *html, struct charset_pick *pk)
{
	struct charset_decoder *d;
	const char *b;
	char cs[64];
	size_t bl;

	memset(pk, 0, sizeof(*pk));
	if ((b = charset_bom(body, n, &bl)) != NULL)
		pk->name = pk->base = b;	/* a BOM decides */
	else if (charset_from_ctype(ctype, cs, sizeof(cs)) == 0 ||
	    charset_sniff_meta(body, n, cs, sizeof(cs)) == 0)
		charset_pick(body, n, cs, pk);
	else
		charset_pick(body, n, NULL, pk);
	if ((d = charset_decoder_new(pk->name)) == NULL) {
		pk->name = "UTF-8";
		d = charset_decoder_new(NULL);
	}
	d->page = 1;
	charset_decoder_feed(d, body + bl, n - bl, html, 1);
	charset_decoder_free(d);
}
