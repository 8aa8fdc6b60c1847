/* util.c: memory, numbers and output helpers. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "util.h"

void *
xmalloc(size_t n)
{
	void *p;

	if ((p = malloc(n ? n : 1)) == NULL)
		err(1, "malloc");
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if ((p = calloc(nmemb ? nmemb : 1, size ? size : 1)) == NULL)
		err(1, "calloc");
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		err(1, "realloc");
	return p;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size) {
		errno = ENOMEM;
		err(1, "reallocarray");
	}
	return xrealloc(p, nmemb * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;
	size_t len;

	for (len = 0; len < n && s[len]; len++)
		;
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

int
strtonum_ok(const char *s, long long min, long long max, long long *out)
{
	long long v;
	char *end;

	errno = 0;
	if (s == NULL || *s == '\0' || *s == ' ' || *s == '\t' || *s == '+') {
		errno = EINVAL;
		return -1;
	}
	v = strtoll(s, &end, 10);
	if (end == s || *end != '\0') {
		errno = EINVAL;
		return -1;
	}
	if (errno == ERANGE || v < min || v > max) {
		errno = ERANGE;
		return -1;
	}
	*out = v;
	return 0;
}

long long
xstrtonum(const char *s, long long min, long long max, const char *what)
{
	long long v;

	if (strtonum_ok(s, min, max, &v) == -1) {
		if (errno == ERANGE)
			errx(2, "%s: %s: out of range (%lld to %lld)", what, s,
			    min, max);
		errx(2, "%s: %s: not a number", what, s);
	}
	return v;
}

long long
xstrtosize(const char *s, long long min, long long max, const char *what)
{
	char buf[64];
	size_t n;
	long long v, mul = 1;

	n = strlen(s);
	if (n == 0 || n >= sizeof(buf))
		errx(2, "%s: %s: not a size", what, s);
	memcpy(buf, s, n + 1);
	switch (buf[n - 1]) {
	case 'k': case 'K': mul = 1024LL; break;
	case 'm': case 'M': mul = 1024LL * 1024; break;
	case 'g': case 'G': mul = 1024LL * 1024 * 1024; break;
	}
	if (mul != 1)
		buf[n - 1] = '\0';
	if (strtonum_ok(buf, 0, LLONG_MAX / mul, &v) == -1 ||
	    v * mul < min || v * mul > max)
		errx(2, "%s: %s: not a size from %lld to %lld bytes", what, s,
		    min, max);
	return v * mul;
}

void
check_stdout(void)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		if (errno == 0)
			errno = EIO;
		err(EXIT_WRITE, "<stdout>");
	}
}

void
finish(int status)
{
	check_stdout();
	exit(status);
}

int
ascii_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

int
ascii_ncasecmp(const char *a, const char *b, size_t n)
{
	int d;

	for (; n > 0; a++, b++, n--) {
		d = ascii_lower((unsigned char)*a) -
		    ascii_lower((unsigned char)*b);
		if (d != 0 || *a == '\0')
			return d;
	}
	return 0;
}

int
ascii_casecmp(const char *a, const char *b)
{
	return ascii_ncasecmp(a, b, SIZE_MAX);
}

char *
read_file(const char *path, size_t max, size_t *len)
{
	FILE *fp;
	char *buf = NULL;
	size_t n = 0, cap = 0, r;
	int saved;

	if (path == NULL || strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (cap - n < 65536) {
			if (cap > max + 65536) {
				errno = EFBIG;
				goto fail;
			}
			cap = cap ? cap * 2 : 65536;
			buf = xrealloc(buf, cap + 1);
		}
		r = fread(buf + n, 1, cap - n, fp);
		n += r;
		if (n > max) {
			errno = EFBIG;
			goto fail;
		}
		if (r == 0) {
			if (ferror(fp)) {
				if (errno == 0)
					errno = EIO;
				goto fail;
			}
			break;
		}
	}
	if (fp != stdin)
		fclose(fp);
	if (buf == NULL)
		buf = xmalloc(1);
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	saved = errno;
	if (fp != stdin)
		fclose(fp);
	free(buf);
	errno = saved;
	return NULL;
}

int
write_file_atomic(const char *path, const char *data, size_t len)
{
	struct afile af;
	FILE *fp;
	int saved;

	if ((fp = afile_open(&af, path)) == NULL)
		return -1;
	if (len > 0 && fwrite(data, 1, len, fp) != len) {
		saved = errno != 0 ? errno : EIO;
		afile_abort(&af);
		errno = saved;
		return -1;
	}
	return afile_commit(&af);
}
