/* htmltext.c: HTML to plain text, character references, and the one
 * white space collapser. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "charset.h"
#include "htmltext.h"
#include "simd.h"
#include "utf8.h"
#include "util.h"

#include "entities.h"

uint32_t
entity_lookup(const char *name, size_t n)
{
	size_t lo = 0, hi = NELEM(entities), mid;
	int c;

	if (n == 0 || n > 8)
		return 0;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strncmp(name, entities[mid].name, n);
		if (c == 0 && entities[mid].name[n] != '\0')
			c = -1;
		if (c == 0)
			return entities[mid].cp;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* Decode a character reference at s[0] == '&'; returns the bytes used and
 * sets *cp, or 0 when it is none. */
static size_t
charref(const char *s, size_t n, uint32_t *cp)
{
	size_t i = 1, start;
	uint32_t v = 0;
	int hex = 0, digits = 0;

	if (n < 3)
		return 0;
	if (s[1] == '#') {
		i = 2;
		if (i < n && (s[i] == 'x' || s[i] == 'X')) {
			hex = 1;
			i++;
		}
		for (; i < n && i < 16; i++) {
			int c = (unsigned char)s[i], d;

			if (ASCII_ISDIGIT(c))
				d = c - '0';
			else if (hex && ASCII_ISXDIGIT(c))
				d = (c | 32) - 'a' + 10;
			else
				break;
			if (v < 0x110000)
				v = v * (hex ? 16 : 10) + (uint32_t)d;
			digits++;
		}
		if (digits == 0)
			return 0;
		if (i < n && s[i] == ';')
			i++;
		if (v >= 0x80 && v < 0xA0)
			v = c1_remap(v);
		else if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v < 0xE000))
			v = UTF8_REPLACEMENT;
		*cp = v;
		return i;
	}
	start = 1;
	for (i = 1; i < n && i < 12 && ASCII_ISALNUM(s[i]); i++)
		;
	if (i >= n || s[i] != ';' || i == start)
		return 0;
	if ((v = entity_lookup(s + 1, i - 1)) == 0)
		return 0;
	*cp = v;
	return i + 1;
}

/* What white space is pending in a struct tx, the greater first */
enum { P_NONE, P_SPACE, P_TAB, P_LINE, P_PARA };

struct tx {
	struct buf *out;
	size_t	 base;		/* where this text began in out */
	int	 pending;	/* P_* */
	int	 oneline;
	int	 nls;		/* newlines of the source since the last text
				 * (HTML_LINES) */
};

static void
tx_flush(struct tx *t)
{
	if (t->pending && t->out->len > t->base) {
		if (t->oneline || t->pending == P_SPACE)
			buf_putc(t->out, ' ');
		else if (t->pending == P_TAB)
			buf_putc(t->out, '\t');
		else if (t->pending == P_LINE)
			buf_putc(t->out, '\n');
		else
			buf_put(t->out, "\n\n", 2);
	}
	t->pending = 0;
	t->nls = 0;
}

static void
tx_space(struct tx *t, int level)
{
	if (level > t->pending)
		t->pending = level;
}

static void
tx_cp(struct tx *t, uint32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == 0xA0 || cp == '\r' ||
	    cp == '\f' || cp == 0x2028) {
		tx_space(t, P_SPACE);
		return;
	}
	if (cp == '\n') {
		tx_space(t, P_SPACE);
		return;
	}
	if (cp < 0x20 || cp == 0x7F)
		return;
	tx_flush(t);
	utf8_encode(t->out, cp);
}

/* Copy a run of ordinary bytes. */
static void
tx_bytes(struct tx *t, const char *s, size_t n)
{
	tx_flush(t);
	buf_put(t->out, s, n);
}

static int
tagis(const char *name, size_t n, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == n && ascii_ncasecmp(name, *list, n) == 0)
			return 1;
	return 0;
}

static const char *const blocks[] = {
	"address", "article", "aside", "blockquote", "center", "dd", "div",
	"dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2",
	"h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
	"p", "pre", "section", "table", "tr", "ul", NULL
};
static const char *const cells[] = { "td", "th", NULL };
static const char *const hidden[] = {
	"script", "style", "noscript", "template", NULL
};

/* Marks in a start tag of an element a reader does not see: a page can
 * hide instructions to a model in it. */
static const char *const concealing[] = {
	" hidden", "display:none", "display: none", "visibility:hidden",
	"visibility: hidden", "aria-hidden=\"true\"", "aria-hidden='true'",
	"font-size:0", "font-size: 0", "opacity:0;", "opacity: 0;",
	"opacity:0\"", "opacity: 0\"", NULL
};
/* Elements whose content is no text of the article (HTML_HIDDEN). */
static const char *const unread[] = { "head", "title", NULL };

/* Does the tag s[0..n) (from '<' to '>') hide its element? */
static int
tag_conceals(const char *s, size_t n)
{
	const char *const *m;
	size_t i, ml;

	for (m = concealing; *m != NULL; m++) {
		ml = strlen(*m);
		for (i = 0; i + ml <= n; i++)
			if (ascii_ncasecmp(s + i, *m, ml) == 0)
				return 1;
	}
	return 0;
}

static int
namechar(int c)
{
	return ASCII_ISALNUM(c) || c == ':' || c == '-';
}

/* The end of the element named name[0..nl) whose start tag ends before
 * s[i]: the offset after its matching end tag (the same name nested is
 * counted), or n when it is not closed. */
static size_t
skip_element(const char *s, size_t n, size_t i, const char *name,
    size_t nl)
{
	size_t depth = 1, k;
	const char *e;

	for (; i < n; i++) {
		if (s[i] != '<')
			continue;
		k = i + 1 + (i + 1 < n && s[i + 1] == '/');
		if (k + nl > n || ascii_ncasecmp(s + k, name, nl) != 0 ||
		    (k + nl < n && namechar((unsigned char)s[k + nl])))
			continue;
		if (k == i + 1)
			depth++;
		else if (--depth == 0) {
			e = memchr(s + k, '>', n - k);
			return e != NULL ? (size_t)(e - s) + 1 : n;
		}
	}
	return n;
}

/* Find "</name" (any case) from s; returns its offset or n. */
static size_t
find_close(const char *s, size_t n, const char *name, size_t nl)
{
	size_t i;

	for (i = 0; i + 2 + nl <= n; i++)
		if (s[i] == '<' && s[i + 1] == '/' &&
		    ascii_ncasecmp(s + i + 2, name, nl) == 0)
			return i;
	return n;
}

/* What a byte is to the runs of html_to_text() and text_collapse(),
 * the bytes they copy as they are: */
#define RH	1	/* in a run of html_to_text(): not '&' or '<' */
#define RP	2	/* in a run of text_collapse() */
#define R3	(RH | RP)
#define RS	4	/* a space: in a run when a run byte follows */
#define RC	8	/* 0xC2: in a run unless it starts an NBSP */
#define RW	16	/* 0xE2, 0xE3: in a run unless it starts a wide
			 * space and RW is asked for */
#define R3W	(R3 | RW)
static const unsigned char rclass[256] = {
	/* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0x08 */ 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0x10 */ 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0x18 */ 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0x20 */ RS, R3, R3, R3, R3, R3, RP, R3,
	/* 0x28 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0x30 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0x38 */ R3, R3, R3, R3, RP, R3, R3, R3,
	/* 0x40 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0x48 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0x50 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0x58 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0x60 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0x68 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0x70 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0x78 */ R3, R3, R3, R3, R3, R3, R3, 0,
	/* 0x80 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0x88 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0x90 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0x98 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0xA0 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0xA8 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0xB0 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0xB8 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0xC0 */ R3, R3, RC, R3, R3, R3, R3, R3,
	/* 0xC8 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0xD0 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0xD8 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0xE0 */ R3, R3, R3W, R3W, R3, R3, R3, R3,
	/* 0xE8 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0xF0 */ R3, R3, R3, R3, R3, R3, R3, R3,
	/* 0xF8 */ R3, R3, R3, R3, R3, R3, R3, R3,
};

/* Is s[j] (j may be n) a run byte of the kind f (RH or RP, with RW when
 * the wide spaces are white space)? */
static inline int
in_run(const char *s, size_t j, size_t n, unsigned f)
{
	unsigned k;

	if (j >= n)
		return 0;
	k = rclass[(unsigned char)s[j]];
	if ((k & f & RW) && text_ws_len(s, n, j, COLLAPSE_WIDE) > 0)
		return 0;
	return (k & f & R3) || (k == RC && !(j + 1 < n &&
	    (unsigned char)s[j + 1] == 0xA0));
}

/* Can the word w go into a run of kind f as it is: printable ASCII (no
 * '&' or '<' for RH), its spaces single (the byte before it is a run
 * byte, never a space)?  A space last needs a run byte after it. */
static inline int
run_word(uint64_t w, unsigned f)
{
	uint64_t sp;

	if (swar_less(w, 0x20) | (w & SWAR_HIGHS) | swar_has(w, 0x7F))
		return 0;
	if ((f & RH) && (swar_has(w, '&') | swar_has(w, '<')))
		return 0;
	sp = swar_eq(w, ' ');
	return (sp & (sp >> 8)) == 0;
}

/* The end of the run of kind f that starts at s[i]: one space between
 * two run bytes stays in it, as tx_space() and tx_flush() would put it
 * back.  Plain ASCII goes a word at a time. */
static inline size_t
run_end(const char *s, size_t i, size_t n, unsigned f)
{
	size_t j = i + 1, end;

	for (;;) {
		while (j + 8 <= n && run_word(swar_load(s + j), f)) {
			if (s[j + 7] != ' ')
				j += 8;
			else if (in_run(s, j + 8, n, f))
				j += 9;	/* the space, and the run byte after */
			else
				return j + 7;
		}
		end = j + 8 < n ? j + 8 : n;
		while (j < end) {
			if (in_run(s, j, n, f))
				j++;
			else if (s[j] == ' ' && in_run(s, j + 1, n, f))
				j += 2;
			else
				return j;
		}
		if (j >= n)
			return n;
	}
}

void
html_to_text(struct buf *out, const char *s, size_t n, unsigned flags)
{
	struct tx t;
	size_t i = 0, j, nl, start;
	uint32_t cp;

	t.out = out;
	t.base = out->len;
	t.pending = 0;
	t.oneline = (flags & HTML_ONELINE) != 0;
	t.nls = 0;
	buf_grow(out, n);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80) {
			if (c == 0xC2 && i + 1 < n &&
			    (unsigned char)s[i + 1] == 0xA0) {
				tx_space(&t, P_SPACE);
				i += 2;
				continue;
			}
			/* a run of non-ASCII bytes; validity is the
			 * caller's (the decoder's) business */
			for (j = i + 1; j < n && (unsigned char)s[j] >= 0x80 &&
			    !((unsigned char)s[j] == 0xC2 && j + 1 < n &&
			    (unsigned char)s[j + 1] == 0xA0); j++)
				;
			tx_bytes(&t, s + i, j - i);
			i = j;
			continue;
		}
		if (c == '&') {
			if ((j = charref(s + i, n - i, &cp)) > 0) {
				tx_cp(&t, cp);
				i += j;
			} else {
				tx_cp(&t, '&');
				i++;
			}
			continue;
		}
		if (c != '<') {
			/* a run of plain ASCII */
			if ((c == '\n' || c == '\t') &&
			    (flags & HTML_LINES)) {
				if (c == '\t')
					tx_space(&t, P_TAB);
				else
					tx_space(&t, ++t.nls > 1 ? P_PARA :
					    P_LINE);
				i++;
				continue;
			}
			if (ASCII_ISSPACE(c)) {
				tx_space(&t, P_SPACE);
				i++;
				continue;
			}
			if (c < 0x20 || c == 0x7F) {
				i++;
				continue;
			}
			j = run_end(s, i, n, RH);
			tx_bytes(&t, s + i, j - i);
			i = j;
			continue;
		}
		/* '<': a tag only when a name, '/', '!' or '?' follows */
		if (i + 1 >= n || !(ASCII_ISALPHA(s[i + 1]) || s[i + 1] == '/'
		    || s[i + 1] == '!' || s[i + 1] == '?')) {
			tx_cp(&t, '<');
			i++;
			continue;
		}
		if (i + 3 < n && memcmp(s + i, "<!--", 4) == 0) {
			for (j = i + 4; j + 2 < n; j++)
				if (memcmp(s + j, "-->", 3) == 0)
					break;
			i = j + 3 <= n ? j + 3 : n;
			continue;
		}
		if (s[i + 1] == '!' || s[i + 1] == '?') {
			const char *e = memchr(s + i, '>', n - i);

			if (e == NULL || (s[i + 1] == '!' && i + 2 < n &&
			    !ASCII_ISALPHA(s[i + 2]) && s[i + 2] != '[')) {
				/* no markup: "<!'" or a bare "<!DOCTYPE" */
				tx_cp(&t, '<');
				i++;
				continue;
			}
			i = (size_t)(e - s) + 1;
			continue;
		}
		if (memchr(s + i, '>', n - i) == NULL) {
			tx_cp(&t, '<');
			i++;
			continue;
		}
		{
			int closing = s[i + 1] == '/';
			const char *name;
			char q = 0;

			start = i;
			j = i + 1 + closing;
			name = s + j;
			while (j < n && namechar((unsigned char)s[j]))
				j++;
			nl = (size_t)(s + j - name);
			/* skip the attributes, minding quotes */
			for (; j < n; j++) {
				if (q) {
					if (s[j] == q)
						q = 0;
				} else if (s[j] == '"' || s[j] == '\'')
					q = s[j];
				else if (s[j] == '>')
					break;
			}
			i = j < n ? j + 1 : n;
			if (nl == 0)
				continue;
			/* what a reader does not see goes, and so does the
			 * rest when it is not closed */
			if ((flags & HTML_HIDDEN) && !closing && j < n &&
			    s[j - 1] != '/' && (tagis(name, nl, hidden) ||
			    tagis(name, nl, unread) ||
			    tag_conceals(s + start, i - start))) {
				i = skip_element(s, n, i, name, nl);
				continue;
			}
			if (!closing && tagis(name, nl, hidden)) {
				char nm[16];

				if (nl >= sizeof(nm))
					continue;
				memcpy(nm, name, nl);
				j = find_close(s + i, n - i, nm, nl);
				/* an unclosed <script> in a title hides
				 * nothing */
				if (j < n - i)
					i += j;
				continue;
			}
			if (nl == 2 && ascii_ncasecmp(name, "br", 2) == 0)
				tx_space(&t, P_LINE);
			else if (tagis(name, nl, blocks))
				tx_space(&t, P_PARA);
			else if (tagis(name, nl, cells))
				tx_space(&t, P_SPACE);
		}
	}
}

size_t
text_ws_len(const char *s, size_t n, size_t i, unsigned flags)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (ASCII_ISSPACE(u[0]))
		return 1;
	if (u[0] == 0xC2 && i + 1 < n && u[1] == 0xA0)
		return 2;
	if (!(flags & COLLAPSE_WIDE) || i + 2 >= n || u[1] != 0x80)
		return 0;
	if ((u[0] == 0xE3 && u[2] == 0x80) ||
	    (u[0] == 0xE2 && u[2] >= 0x80 && u[2] <= 0x8B))
		return 3;
	return 0;
}

void
text_collapse(struct buf *out, const char *s, size_t n, unsigned flags)
{
	struct tx t;
	size_t i = 0, j, k;
	unsigned f = RP | (flags & COLLAPSE_WIDE ? RW : 0);
	int nls;

	t.out = out;
	t.base = out->len;
	t.pending = 0;
	t.oneline = !(flags & COLLAPSE_LINES);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (text_ws_len(s, n, i, flags) > 0) {
			nls = 0;
			while (i < n && (k = text_ws_len(s, n, i, flags)) > 0) {
				if (s[i] == '\n')
					nls++;
				i += k;
			}
			tx_space(&t, nls == 0 ? P_SPACE : nls == 1 ? P_LINE :
			    P_PARA);
			continue;
		}
		if (c < 0x20 || c == 0x7F) {
			i++;
			continue;
		}
		j = run_end(s, i, n, f);
		tx_bytes(&t, s + i, j - i);
		i = j;
	}
}
