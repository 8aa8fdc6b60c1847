/* text.c: untrusted strings made safe for the report's lines, links and
 * CSV fields. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "defang.h"
#include "ioc.h"
#include "text.h"
#include "url.h"
#include "utf8.h"
#include "util.h"

/* Is code point cp white space or a control character for our purposes? */
static int
spacelike(uint32_t cp)
{
	return cp <= 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0xfeff;
}

/* Is cp an invisible formatting character that can hide or reorder text
 * (zero-width space, word joiner, and the whole Bidi_Control set: the
 * Arabic letter mark U+061C, direction marks, embeddings, overrides and
 * isolates)?  Such characters are dropped. */
static int
invisible(uint32_t cp)
{
	return cp == 0x061c || cp == 0x200b || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || cp == 0x2060 ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

/* The indicators a reader could click or resolve. */
#define NET_IOCS	(1u << IOC_IPV4 | 1u << IOC_IPV6 | 1u << IOC_CIDR | \
	1u << IOC_DOMAIN | 1u << IOC_URL | 1u << IOC_EMAIL | 1u << IOC_ONION)

struct fang {
	struct buf	*out;
	struct buf	 tmp;
	size_t		 cursor;
	char *const	*live;	/* URLs left live (txt_prose) */
	size_t		 nlive;
};

/* Is the URL u one of f's live links (equal, or but for a final "/")? */
static int
is_live(const struct fang *f, const char *u)
{
	size_t i, n, m = strlen(u);

	if (!url_is_http(u))
		return 0;
	for (i = 0; i < f->nlive; i++) {
		n = strlen(f->live[i]);
		if ((n == m || (n == m + 1 && f->live[i][m] == '/') ||
		    (m == n + 1 && u[n] == '/')) &&
		    strncmp(f->live[i], u, n < m ? n : m) == 0)
			return 1;
	}
	return 0;
}

static int
fang_hit(const struct ioc_hit *h, const char *text, size_t len, void *arg)
{
	struct fang *f = arg;

	(void)len;
	if (h->off < f->cursor)
		return 0;
	buf_put(f->out, text + f->cursor, h->off - f->cursor);
	buf_reset(&f->tmp);
	ioc_refang(&f->tmp, text + h->off, h->len);
	if (h->type == IOC_URL && is_live(f, buf_str(&f->tmp)))
		buf_put(f->out, text + h->off, h->len);
	else
		defang(f->out, buf_str(&f->tmp), h->type == IOC_ONION ?
		    "domain" : ioc_type_name(h->type));
	f->cursor = h->off + h->len;
	return 0;
}

static void line_raw(struct buf *, const char *, const char *, int);

/* The core of txt_line; esc names the ASCII characters to escape with a
 * backslash.  Report text (html) has every network indicator in it
 * defanged first: a digest's title, summary or advice, written by a
 * model or a feed, must not carry a live IOC into the report. */
static void
line(struct buf *out, const char *s, const char *esc, int html,
    char *const *live, size_t nlive)
{
	struct fang f = { NULL, BUF_INIT, 0, NULL, 0 };
	struct buf d = BUF_INIT;
	size_t n, start = out->len;
	char *red;

	if (s == NULL)
		return;
	/* no "user:pass@" of any URL in the text leaves sec-render */
	red = url_redacted(s);
	if (!html) {
		line_raw(out, red, esc, html);
		free(red);
		return;
	}
	n = strlen(red);
	f.out = &d;
	f.live = live;
	f.nlive = nlive;
	ioc_scan(red, n, NET_IOCS, fang_hit, &f);
	if (f.cursor == 0) {
		line_raw(out, red, esc, html);
	} else {
		buf_put(&d, red + f.cursor, n - f.cursor);
		line_raw(out, buf_str(&d), esc, html);
	}
	txt_mdsafe(out, start);
	buf_free(&f.tmp);
	buf_free(&d);
	free(red);
}

/* Is the character at s[i] escaped by an odd run of backslashes before
 * it (s[from..i))? */
static int
escaped(const char *s, size_t from, size_t i)
{
	size_t k = 0;

	while (i > from && s[i - 1] == '\\') {
		k++;
		i--;
	}
	return k % 2 == 1;
}

void
txt_mdsafe(struct buf *out, size_t start)
{
	struct buf t = BUF_INIT;
	const char *p;
	size_t i, n;

	if (start >= out->len)
		return;
	p = out->s + start;
	n = out->len - start;
	for (i = 0; i < n; i++) {
		if (p[i] == ']' && i + 1 < n && strchr("(:", p[i + 1]) &&
		    !escaped(p, 0, i)) {
			/* "](" ends the text of a link or an image, "]:"
			 * the label of a reference definition; with no
			 * definition, "[a][b]" and "[b]" stay text */
			buf_puts(&t, "\\]");
		} else if (p[i] == '<' && i + 1 < n &&
		    (ASCII_ISALPHA(p[i + 1]) || strchr("/!?", p[i + 1]) !=
		    NULL) && !escaped(p, 0, i)) {
			/* an autolink or an HTML tag */
			buf_puts(&t, "&lt;");
		} else
			buf_putc(&t, p[i]);
	}
	if (t.len != n) {
		out->len = start;
		buf_put(out, t.s, t.len);
	}
	buf_free(&t);
}

static void
line_raw(struct buf *out, const char *s, const char *esc, int html)
{
	size_t n, i, start;
	uint32_t cp;
	int k, pending;

	if (s == NULL)
		return;
	n = strlen(s);
	start = out->len;
	pending = 0;
	for (i = 0; i < n; i += (size_t)k) {
		if ((k = utf8_decode(s + i, n - i, &cp)) < 0) {
			k = 1;
			cp = UTF8_REPLACEMENT;
		}
		if (spacelike(cp)) {
			pending = 1;
			continue;
		}
		if (invisible(cp))
			continue;
		if (pending && out->len > start)
			buf_putc(out, ' ');
		pending = 0;
		if (html && cp == '<' && i + 1 < n && (ASCII_ISALPHA(s[i + 1]) ||
		    s[i + 1] == '/' || s[i + 1] == '!' || s[i + 1] == '?'))
			buf_puts(out, "&lt;");
		else if (cp < 0x80 && esc != NULL && strchr(esc, (int)cp)) {
			buf_putc(out, '\\');
			buf_putc(out, (int)cp);
		} else if (cp == UTF8_REPLACEMENT)
			utf8_encode(out, cp);
		else
			buf_put(out, s + i, (size_t)k);
	}
}

void
txt_visible(struct buf *out, const char *s)
{
	size_t n, i;
	uint32_t cp;
	char *red;
	int k;

	if (s == NULL)
		return;
	red = url_redacted(s);
	n = strlen(red);
	for (i = 0; i < n; i += (size_t)k) {
		if ((k = utf8_decode(red + i, n - i, &cp)) < 0) {
			k = 1;
			utf8_encode(out, UTF8_REPLACEMENT);
		} else if (!invisible(cp))
			buf_put(out, red + i, (size_t)k);
	}
	free(red);
}

void
txt_line(struct buf *out, const char *s)
{
	line(out, s, NULL, 1, NULL, 0);
}

void
txt_prose(struct buf *out, const char *s, char *const *live, size_t nlive)
{
	line(out, s, NULL, 1, live, nlive);
}

void
txt_plain(struct buf *out, const char *s)
{
	line(out, s, NULL, 0, NULL, 0);
}

void
txt_linktext(struct buf *out, const char *s)
{
	line(out, s, "[]\\`", 1, NULL, 0);
}

void
txt_url(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n, i;
	uint32_t cp;
	char *red;
	int k;

	if (s == NULL)
		return;
	s = red = url_redacted(s);
	while (*s && ASCII_ISSPACE((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && ASCII_ISSPACE((unsigned char)s[n - 1]))
		n--;
	for (i = 0; i < n; i += (size_t)k) {
		unsigned char c = (unsigned char)s[i];

		if ((k = utf8_decode(s + i, n - i, &cp)) < 0 ||
		    spacelike(cp) || invisible(cp)) {
			if (k < 0)
				k = 1;
			/* every byte of it, percent-encoded */
			for (size_t j = 0; j < (size_t)k; j++) {
				c = (unsigned char)s[i + j];
				buf_putc(out, '%');
				buf_putc(out, hex[c >> 4]);
				buf_putc(out, hex[c & 15]);
			}
			continue;
		}
		if (strchr("()<>\\`", c) != NULL && c != '\0') {
			buf_putc(out, '%');
			buf_putc(out, hex[c >> 4]);
			buf_putc(out, hex[c & 15]);
		} else
			buf_put(out, s + i, (size_t)k);
	}
	free(red);
}

void
txt_csv(struct buf *out, const char *s)
{
	struct buf f = BUF_INIT;

	if (s == NULL)
		s = "";
	/* a spreadsheet would run "=...", "+...", "-...", "@...": a quote
	 * first makes the cell text (OWASP, CSV injection); the quoting is
	 * common/csv.c's */
	if (*s != '\0' && strchr("=+-@\t\r", *s) != NULL) {
		buf_printf(&f, "'%s", s);
		s = f.s;
	}
	csv_put(out, s);
	buf_free(&f);
}

/* Does s start with a URL scheme whose links are live? */
static size_t
scheme(const char *s)
{
	static const char *const sch[] = { "https://", "http://", "ftp://" };
	size_t i, n;

	for (i = 0; i < NELEM(sch); i++) {
		n = strlen(sch[i]);
		if (ascii_ncasecmp(s, sch[i], n) == 0)
			return n;
	}
	return 0;
}

void
txt_context(struct buf *out, const char *s, const char *value,
    const char *type)
{
	struct buf l = BUF_INIT, tok = BUF_INIT;
	size_t vlen, i, j;
	const char *p;

	line(&l, s, NULL, 1, NULL, 0);
	vlen = value ? strlen(value) : 0;
	if (vlen < 4 || strpbrk(value, ".:@") == NULL)
		vlen = 0;
	p = buf_str(&l);
	for (i = 0; p[i] != '\0';) {
		if (vlen > 0 && ascii_ncasecmp(p + i, value, vlen) == 0) {
			buf_reset(&tok);
			buf_put(&tok, p + i, vlen);
			defang(out, tok.s, type);
			i += vlen;
		} else if (scheme(p + i) > 0 && (i == 0 ||
		    !ASCII_ISALPHA(p[i - 1]))) {
			/* the URL runs to the next space or comma */
			for (j = i; p[j] != '\0' && p[j] != ' ' &&
			    p[j] != ','; j++)
				;
			buf_reset(&tok);
			buf_put(&tok, p + i, j - i);
			defang(out, tok.s, "url");
			i = j;
		} else if (p[i] == ',') {
			buf_puts(out, "\xe3\x80\x81");	/* 、 */
			if (p[++i] == ' ')
				i++;
		} else
			buf_putc(out, p[i++]);
	}
	buf_free(&tok);
	buf_free(&l);
}

int
txt_blank(const char *s)
{
	size_t n, i;
	uint32_t cp;
	int k;

	if (s == NULL)
		return 1;
	n = strlen(s);
	for (i = 0; i < n; i += (size_t)k) {
		if ((k = utf8_decode(s + i, n - i, &cp)) < 0)
			return 0;	/* becomes U+FFFD: visible */
		if (!spacelike(cp) && !invisible(cp))
			return 0;
	}
	return 1;
}
