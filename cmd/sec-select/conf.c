/* conf.c: parse sec-select's rule file.  One directive per line:
 *
 *	drop FIELD PATTERN	keep FIELD PATTERN	rank SECTION...
 *	max N			section-max [SECTION] N
 *	exploited PHRASE	fix PHRASE		similarity PERCENT
 *	weight NAME N
 *
 * Blank lines and lines whose first non-blank character is '#' are
 * ignored.  PATTERN and PHRASE are the rest of the line, trimmed; a
 * leading ^ and a trailing $ anchor them, a backslash makes the next
 * character literal. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "util.h"

#define CONF_MAXLINE	4096
#define CONF_MAXITEMS	10000

const char *const sel_weight_names[W_NWEIGHTS] = {
	"exploited", "iocs", "cve", "fix", "outlet"
};

static const char *const default_exploited[] = {
	"exploited", "exploiting", "exploitation", "in the wild",
	"zero-day", "0-day", "under attack", "active attack", "悪用",
	"ゼロデイ"
};
static const char *const default_fix[] = {
	"patch", "fix", "security update", "update now", "修正",
	"アップデート", "更新版"
};
static const long long default_weight[W_NWEIGHTS] = { 8, 4, 2, 3, 3 };

static const struct {
	const char *name;
	enum sel_field field;
} fields[] = {
	{ "title", SEL_TITLE }, { "summary", SEL_SUMMARY },
	{ "category", SEL_CATEGORY }, { "url", SEL_URL }, { "feed", SEL_FEED }
};

/* Make pattern p from s[0..n) (anchors stripped). */
static void
pat_make(struct sel_pat *p, const char *s, size_t n)
{
	char *d;
	size_t i, j;

	p->start = p->end = 0;
	if (n > 0 && s[0] == '^') {
		p->start = 1;
		s++;
		n--;
	}
	if (n > 0 && s[n - 1] == '$' && (n < 2 || s[n - 2] != '\\')) {
		p->end = 1;
		n--;
	}
	/* a backslash makes the next character literal: \^ \$ \\ */
	d = xmalloc(n + 1);
	for (i = j = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n)
			i++;
		d[j++] = s[i];
	}
	d[j] = '\0';
	p->s = d;
	p->len = j;
}

static void
pats_add(struct sel_pat **v, size_t *n, const char *s, size_t len)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	pat_make(&(*v)[*n], s, len);
	(*n)++;
}

static void
pats_free(struct sel_pat *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].s);
	free(v);
}

void
sel_conf_init(struct sel_conf *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	c->ranked = xmalloc(sizeof(*c->ranked));
	c->ranked[0] = xstrdup("news");
	c->nranked = 1;
	for (i = 0; i < NELEM(default_exploited); i++)
		pats_add(&c->exploited, &c->nexploited, default_exploited[i],
		    strlen(default_exploited[i]));
	for (i = 0; i < NELEM(default_fix); i++)
		pats_add(&c->fix, &c->nfix, default_fix[i],
		    strlen(default_fix[i]));
	c->max = -1;
	c->section_max = -1;
	c->similarity = -1;
	for (i = 0; i < W_NWEIGHTS; i++)
		c->weight[i] = default_weight[i];
}

void
sel_conf_free(struct sel_conf *c)
{
	size_t i;

	for (i = 0; i < c->nrules; i++) {
		free(c->rules[i].pat.s);
		free(c->rules[i].text);
	}
	free(c->rules);
	for (i = 0; i < c->nranked; i++)
		free(c->ranked[i]);
	free(c->ranked);
	pats_free(c->exploited, c->nexploited);
	pats_free(c->fix, c->nfix);
	for (i = 0; i < c->ncaps; i++)
		free(c->caps[i].section);
	free(c->caps);
	memset(c, 0, sizeof(*c));
}

static int
isblank_(int c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* The next word of s[*i..n): sets *w, *wl; returns 0 when none is left. */
static int
word(const char *s, size_t n, size_t *i, const char **w, size_t *wl)
{
	while (*i < n && isblank_((unsigned char)s[*i]))
		(*i)++;
	if (*i == n)
		return 0;
	*w = s + *i;
	while (*i < n && !isblank_((unsigned char)s[*i]))
		(*i)++;
	*wl = (size_t)(s + *i - *w);
	return 1;
}

/* The rest of the line from *i, trimmed. */
static void
rest(const char *s, size_t n, size_t i, const char **r, size_t *rl)
{
	while (i < n && isblank_((unsigned char)s[i]))
		i++;
	while (n > i && isblank_((unsigned char)s[n - 1]))
		n--;
	*r = s + i;
	*rl = n - i;
}

static int
eq(const char *w, size_t wl, const char *lit)
{
	return strlen(lit) == wl && memcmp(w, lit, wl) == 0;
}

static int
number(const char *w, size_t wl, long long max, long long *out)
{
	char tmp[32];

	if (wl == 0 || wl >= sizeof(tmp))
		return -1;
	memcpy(tmp, w, wl);
	tmp[wl] = '\0';
	return strtonum_ok(tmp, 0, max, out);
}

/* A section name: lower-case letters, digits and '_'. */
static int
section_ok(const char *w, size_t wl)
{
	size_t i;

	if (wl == 0 || wl > 64)
		return 0;
	for (i = 0; i < wl; i++)
		if (!(ASCII_ISDIGIT(w[i]) || (w[i] >= 'a' && w[i] <= 'z') ||
		    w[i] == '_'))
			return 0;
	return 1;
}

static int
fail(char *err, size_t errlen, const char *fname, size_t lineno,
    const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "%s:%zu: %s", fname, lineno, msg);
	return -1;
}

/* One directive; returns 0 or -1 (message in err). */
static int
directive(struct sel_conf *c, const char *s, size_t n, const char *fname,
    size_t lineno, char *err, size_t errlen, int *seen)
{
	const char *w, *a, *r;
	size_t wl, al, rl, i = 0, k;
	long long v;

	if (!word(s, n, &i, &w, &wl) || w[0] == '#')
		return 0;
	if (c->nrules + c->nranked + c->nexploited + c->nfix + c->ncaps >=
	    CONF_MAXITEMS)
		return fail(err, errlen, fname, lineno, "too many directives");
	if (eq(w, wl, "drop") || eq(w, wl, "keep")) {
		struct sel_rule *ru;
		int keep = w[0] == 'k';

		if (!word(s, n, &i, &a, &al))
			return fail(err, errlen, fname, lineno,
			    "%s: missing field", keep ? "keep" : "drop");
		for (k = 0; k < NELEM(fields); k++)
			if (eq(a, al, fields[k].name))
				break;
		if (k == NELEM(fields))
			return fail(err, errlen, fname, lineno,
			    "unknown field \"%.*s\" (title, summary, category,"
			    " url or feed)", (int)(al > 40 ? 40 : al), a);
		rest(s, n, i, &r, &rl);
		if (rl == 0 || (rl == 1 && (r[0] == '^' || r[0] == '$')) ||
		    (rl == 2 && r[0] == '^' && r[1] == '$'))
			return fail(err, errlen, fname, lineno,
			    "missing pattern");
		c->rules = xreallocarray(c->rules, c->nrules + 1,
		    sizeof(*c->rules));
		ru = &c->rules[c->nrules++];
		ru->field = fields[k].field;
		ru->keep = keep;
		pat_make(&ru->pat, r, rl);
		ru->text = xstrndup(s + (w - s), (size_t)(r + rl - w));
		return 0;
	}
	if (eq(w, wl, "rank")) {
		if (!seen[0]) {
			for (k = 0; k < c->nranked; k++)
				free(c->ranked[k]);
			c->nranked = 0;
			seen[0] = 1;
		}
		if (!word(s, n, &i, &a, &al))
			return fail(err, errlen, fname, lineno,
			    "rank: missing section");
		do {
			if (!section_ok(a, al))
				return fail(err, errlen, fname, lineno,
				    "bad section name");
			c->ranked = xreallocarray(c->ranked, c->nranked + 1,
			    sizeof(*c->ranked));
			c->ranked[c->nranked++] = xstrndup(a, al);
		} while (word(s, n, &i, &a, &al));
		return 0;
	}
	if (eq(w, wl, "exploited") || eq(w, wl, "fix")) {
		int isfix = w[0] == 'f';

		rest(s, n, i, &r, &rl);
		if (rl == 0)
			return fail(err, errlen, fname, lineno,
			    "missing phrase");
		if (!seen[isfix ? 2 : 1]) {
			if (isfix) {
				pats_free(c->fix, c->nfix);
				c->fix = NULL;
				c->nfix = 0;
			} else {
				pats_free(c->exploited, c->nexploited);
				c->exploited = NULL;
				c->nexploited = 0;
			}
			seen[isfix ? 2 : 1] = 1;
		}
		if (isfix)
			pats_add(&c->fix, &c->nfix, r, rl);
		else
			pats_add(&c->exploited, &c->nexploited, r, rl);
		return 0;
	}
	if (eq(w, wl, "max")) {
		if (!word(s, n, &i, &a, &al) || number(a, al, 1000000, &v))
			return fail(err, errlen, fname, lineno,
			    "max: need a number from 0 to 1000000");
		c->max = v;
	} else if (eq(w, wl, "section-max")) {
		if (!word(s, n, &i, &a, &al))
			return fail(err, errlen, fname, lineno,
			    "section-max: missing number");
		if (number(a, al, 1000000, &v) == 0) {
			c->section_max = v;
		} else {
			if (!section_ok(a, al))
				return fail(err, errlen, fname, lineno,
				    "section-max: bad section name");
			r = a;
			rl = al;
			if (!word(s, n, &i, &a, &al) ||
			    number(a, al, 1000000, &v))
				return fail(err, errlen, fname, lineno,
				    "section-max: need a number from 0 to"
				    " 1000000");
			c->caps = xreallocarray(c->caps, c->ncaps + 1,
			    sizeof(*c->caps));
			c->caps[c->ncaps].section = xstrndup(r, rl);
			c->caps[c->ncaps++].max = v;
		}
	} else if (eq(w, wl, "similarity")) {
		if (!word(s, n, &i, &a, &al) || number(a, al, 100, &v))
			return fail(err, errlen, fname, lineno,
			    "similarity: need a percentage from 0 to 100");
		c->similarity = (int)v;
	} else if (eq(w, wl, "weight")) {
		if (!word(s, n, &i, &a, &al))
			return fail(err, errlen, fname, lineno,
			    "weight: missing name");
		for (k = 0; k < W_NWEIGHTS; k++)
			if (eq(a, al, sel_weight_names[k]))
				break;
		if (k == W_NWEIGHTS)
			return fail(err, errlen, fname, lineno,
			    "weight: unknown name \"%.*s\" (exploited, iocs,"
			    " cve, fix or outlet)", (int)(al > 40 ? 40 : al),
			    a);
		if (!word(s, n, &i, &a, &al) || number(a, al, 1000, &v))
			return fail(err, errlen, fname, lineno,
			    "weight: need a number from 0 to 1000");
		c->weight[k] = v;
	} else
		return fail(err, errlen, fname, lineno,
		    "unknown directive \"%.*s\"", (int)(wl > 40 ? 40 : wl), w);
	if (word(s, n, &i, &a, &al))
		return fail(err, errlen, fname, lineno, "trailing words");
	return 0;
}

int
sel_conf_parse(struct sel_conf *c, const char *buf, size_t len,
    const char *fname, char *err, size_t errlen)
{
	size_t pos = 0, lineno = 0, e;
	int seen[3] = { 0, 0, 0 };

	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);

		e = nl ? (size_t)(nl - buf) : len;
		lineno++;
		if (e - pos > CONF_MAXLINE)
			return fail(err, errlen, fname, lineno,
			    "line too long");
		if (memchr(buf + pos, '\0', e - pos) != NULL)
			return fail(err, errlen, fname, lineno,
			    "NUL byte in line");
		if (directive(c, buf + pos, e - pos, fname, lineno, err,
		    errlen, seen) == -1)
			return -1;
		pos = e + 1;
	}
	return 0;
}

static int
wordchar(unsigned char ch)
{
	return ASCII_ISALNUM(ch);
}

int
sel_match(const struct sel_pat *p, const char *s, size_t n)
{
	size_t i, last;

	if (p->len > n)
		return 0;
	last = n - p->len;
	for (i = 0; i <= last; i++) {
		if (p->start && i > 0)
			return 0;
		if (p->end && i != last)
			continue;
		/* a match starts at a word boundary, unless the pattern
		 * itself starts with a non-word character */
		if (i > 0 && wordchar((unsigned char)s[i - 1]) &&
		    wordchar((unsigned char)p->s[0]))
			continue;
		if (ascii_ncasecmp(s + i, p->s, p->len) == 0)
			return 1;
	}
	return 0;
}
