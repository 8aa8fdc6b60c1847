/* retry.c: Retry-After and the backoff between tries of a request. */
#include <sys/types.h>
#include <sys/random.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "retry.h"
#include "util.h"

/* s without the white space at its ends, copied into out[cap]; NULL
 * when it does not fit. */
static const char *
trim(const char *s, char *out, size_t cap)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	for (n = 0; s[n] != '\0'; n++)
		if (n + 1 >= cap)
			return NULL;
	while (n > 0 && ASCII_ISSPACE((unsigned char)s[n - 1]))
		n--;
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/* s, the whole of it, as 1*DIGIT (and "." 1*DIGIT when frac is set)
 * times scale, in ms: what is below a ms is dropped, and more than
 * RETRY_AFTER_MAX seconds is cut there.  Returns ms, or -1. */
static long long
number(const char *s, long long scale, int frac)
{
	long long v = 0, f = 0, div = 1, cap = RETRY_AFTER_MAX * 1000;

	if (!ASCII_ISDIGIT(*s))
		return -1;
	for (; ASCII_ISDIGIT(*s); s++)
		if ((v = v * 10 + (*s - '0')) > cap)
			v = cap + 1;
	if (frac && *s == '.') {
		if (!ASCII_ISDIGIT(s[1]))
			return -1;
		for (s++; ASCII_ISDIGIT(*s); s++)
			if (div < 1000000) {
				f = f * 10 + (*s - '0');
				div *= 10;
			}
	}
	if (*s != '\0')
		return -1;
	if (v > cap / scale)
		return cap;
	v = v * scale + f * scale / div;
	return v > cap ? cap : v;
}

long long
retry_after(const char *v, long long now)
{
	char buf[128];
	const char *s;
	long long t;

	if ((s = trim(v, buf, sizeof(buf))) == NULL)
		return -1;
	if (ASCII_ISDIGIT(*s) && (t = number(s, 1000, 0)) >= 0)
		return t;
	if (date_parse(s, &t) == -1)
		return -1;
	if (t <= now)
		return 0;
	if (t - now > RETRY_AFTER_MAX)
		return RETRY_AFTER_MAX * 1000;
	return (t - now) * 1000;
}

long long
retry_after_ms(const char *v)
{
	char buf[128];
	const char *s;

	if ((s = trim(v, buf, sizeof(buf))) == NULL)
		return -1;
	return number(s, 1, 1);
}

long long
retry_backoff(const struct retry_policy *p, int n, unsigned long rnd)
{
	long long w = p->first_ms;

	if (w <= 0 || p->max_ms <= 0)
		return 0;
	while (--n > 0 && w < p->max_ms)
		w *= 2;
	if (w > p->max_ms)
		w = p->max_ms;
	return w - w * (long long)(rnd % 10000) / 40000;
}

unsigned long
retry_random(void)
{
	unsigned long r;

	if (getrandom(&r, sizeof(r), 0) != (ssize_t)sizeof(r))
		r = (unsigned long)random() ^ (unsigned long)time(NULL);
	return r;
}
