/* price.c: the price table of --price.  The prices are the user's: none
 * is built in, since they change and a stale one would mislead. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "price.h"

#define PRICE_MAX	1000000.0	/* per million tokens */

/* The next blank-separated field of [*s, e): sets *f and *n, moves *s. */
static int
field(const char **s, const char *e, const char **f, size_t *n)
{
	const char *p = *s;

	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	*f = p;
	while (p < e && *p != ' ' && *p != '\t')
		p++;
	*n = (size_t)(p - *f);
	*s = p;
	return *n > 0;
}

/* A price: digits with at most one '.', at most PRICE_MAX. */
static int
number(const char *f, size_t n, double *v)
{
	char buf[32];
	size_t i, dots = 0, digits = 0;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	for (i = 0; i < n; i++) {
		if (f[i] == '.')
			dots++;
		else if (f[i] >= '0' && f[i] <= '9')
			digits++;
		else
			return -1;
	}
	if (dots > 1 || digits == 0)
		return -1;
	memcpy(buf, f, n);
	buf[n] = '\0';
	*v = strtod(buf, NULL);
	return *v <= PRICE_MAX ? 0 : -1;
}

static int
matches(const char *pat, size_t n, const char *model)
{
	if (n > 1 && pat[n - 1] == '*')
		return strncmp(model, pat, n - 1) == 0;
	if (n == 1 && pat[0] == '*')
		return 1;
	return strlen(model) == n && strncmp(model, pat, n) == 0;
}

int
price_find(const char *text, size_t len, const char *model,
    struct price *p, char *err, size_t errlen)
{
	const char *s = text, *end = text + len, *e, *f, *q;
	const char *why;
	size_t n, mn, i;
	long line = 0;
	int found = 0;
	struct price cur;
	const char *mf;

	err[0] = '\0';
	for (; s < end; s = e < end ? e + 1 : end) {
		line++;
		if ((e = memchr(s, '\n', (size_t)(end - s))) == NULL)
			e = end;
		q = e;
		if (q > s && q[-1] == '\r')
			q--;
		if ((f = memchr(s, '#', (size_t)(q - s))) != NULL)
			q = f;
		memset(&cur, 0, sizeof(cur));
		cur.line = line;
		why = NULL;
		if (memchr(s, '\0', (size_t)(q - s)) != NULL) {
			why = "a NUL byte";
			goto bad;
		}
		if (!field(&s, q, &mf, &mn))
			continue;	/* blank or comment */
		if (!field(&s, q, &f, &n) || number(f, n, &cur.in) == -1) {
			why = "the input price is missing or not a number";
			goto bad;
		}
		if (!field(&s, q, &f, &n) || number(f, n, &cur.out) == -1) {
			why = "the output price is missing or not a number";
			goto bad;
		}
		if (field(&s, q, &f, &n)) {
			for (i = 0; i < n; i++)
				if (!((f[i] >= 'A' && f[i] <= 'Z') ||
				    (f[i] >= 'a' && f[i] <= 'z')))
					break;
			if (i < n || n >= sizeof(cur.unit)) {
				why = "the unit is not a word of letters";
				goto bad;
			}
			memcpy(cur.unit, f, n);
		}
		if (field(&s, q, &f, &n)) {
			why = "more than 4 fields";
			goto bad;
		}
		if (!found && matches(mf, mn, model)) {
			*p = cur;
			found = 1;
		}
		continue;
bad:
		if (err[0] == '\0')
			snprintf(err, errlen, "line %ld: %s", line, why);
	}
	return err[0] != '\0' ? -1 : found;
}

double
price_cost(const struct price *p, long long in, long long out)
{
	return round(((double)in * p->in + (double)out * p->out)) / 1e6;
}
