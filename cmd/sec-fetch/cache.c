/* cache.c: the conditional-request cache.  One file per URL, named by
 * the FNV-1a 64 hash of the URL, <hash>.entry, that holds both the
 * validators and the body:
 *
 *	sec-fetch cache 2
 *	url URL
 *	etag TAG			(each of these three may be absent)
 *	last-modified DATE
 *	content-type TYPE
 *	length N
 *	fnv1a64 HASH			(of the body, 16 hex digits)
 *					(an empty line)
 *	BODY				(N bytes)
 *
 * It is replaced as a whole (write_file_atomic), so concurrent runs can
 * never pair one response's validators with another's body.  An entry
 * that is not whole (a wrong length or hash, no header) counts as
 * absent: the next request is unconditional and stores a new one.  The
 * <hash>.meta and <hash>.body pairs of the first format are never read;
 * they are removed when the entry of their URL is written. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fetch.h"
#include "http.h"
#include "util.h"

#define CACHE_MAGIC	"sec-fetch cache 2\n"
#define CACHE_HEADMAX	(1 << 16)

char *
cache_default_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME"), *h = getenv("HOME");
	struct buf b = BUF_INIT;

	if (x != NULL && *x == '/')
		buf_printf(&b, "%s/sec-fetch", x);
	else if (h != NULL && *h != '\0')
		buf_printf(&b, "%s/.cache/sec-fetch", h);
	else
		return NULL;
	return buf_detach(&b);
}

static char *
path_for(const char *dir, const char *url, const char *ext)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s/%016llx.%s", dir,
	    (unsigned long long)fnv1a64(url, strlen(url)), ext);
	return buf_detach(&b);
}

static int
mkdirs(const char *dir)
{
	char *p, *s = xstrdup(dir);

	for (p = s + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(s, 0700) == -1 && errno != EEXIST) {
			free(s);
			return -1;
		}
		*p = '/';
	}
	if (mkdir(s, 0700) == -1 && errno != EEXIST) {
		free(s);
		return -1;
	}
	free(s);
	return 0;
}

/* The number in s (decimal, or 16 hex digits when hex), into *v; 0, or
 * -1 when s is not exactly that. */
static int
header_num(const char *s, int hex, unsigned long long *v)
{
	char *end;

	if (*s < '0' || (*s > '9' && !hex))
		return -1;
	errno = 0;
	*v = strtoull(s, &end, hex ? 16 : 10);
	if (errno != 0 || *end != '\0' || (hex && end - s != 16))
		return -1;
	return 0;
}

int
cache_get(const char *dir, const char *url, char **etag, char **lastmod,
    char **ctype, struct buf *b, long long max)
{
	char *path, *text, *line, *next, *v, *body;
	unsigned long long blen = 0, hash = 0;
	size_t len;
	int found = 0, havelen = 0, havehash = 0;

	*etag = *lastmod = *ctype = NULL;
	path = path_for(dir, url, "entry");
	text = read_file(path, (size_t)max + CACHE_HEADMAX, &len);
	free(path);
	if (text == NULL)
		return -1;
	if (len < sizeof(CACHE_MAGIC) - 1 ||
	    memcmp(text, CACHE_MAGIC, sizeof(CACHE_MAGIC) - 1) != 0)
		goto bad;
	/* the header ends at the first empty line */
	if ((body = memmem(text, len, "\n\n", 2)) == NULL ||
	    body - text > CACHE_HEADMAX)
		goto bad;
	*body = '\0';
	body += 2;
	for (line = text + sizeof(CACHE_MAGIC) - 1; line != NULL;
	    line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((v = strchr(line, ' ')) == NULL)
			goto bad;
		*v++ = '\0';
		if (strcmp(line, "url") == 0)
			found = strcmp(v, url) == 0;
		else if (strcmp(line, "etag") == 0 && *etag == NULL)
			*etag = xstrdup(v);
		else if (strcmp(line, "last-modified") == 0 &&
		    *lastmod == NULL)
			*lastmod = xstrdup(v);
		else if (strcmp(line, "content-type") == 0 && *ctype == NULL)
			*ctype = xstrdup(v);
		else if (strcmp(line, "length") == 0) {
			if (header_num(v, 0, &blen) == -1)
				goto bad;
			havelen = 1;
		} else if (strcmp(line, "fnv1a64") == 0) {
			if (header_num(v, 1, &hash) == -1)
				goto bad;
			havehash = 1;
		}
	}
	/* a hash collision, an entry without validators, or a body that
	 * is not the one stored */
	if (!found || (*etag == NULL && *lastmod == NULL) || !havelen ||
	    !havehash || blen != (unsigned long long)(len -
	    (size_t)(body - text)) || fnv1a64(body, (size_t)blen) != hash)
		goto bad;
	if (b != NULL) {
		buf_reset(b);
		buf_put(b, body, (size_t)blen);
	}
	free(text);
	return 0;
bad:
	free(text);
	free(*etag);
	free(*lastmod);
	free(*ctype);
	*etag = *lastmod = *ctype = NULL;
	return -1;
}

int
cache_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Header values go on one line: drop CR and LF. */
static void
metaline(struct buf *b, const char *k, const char *v)
{
	if (v == NULL)
		return;
	buf_printf(b, "%s ", k);
	for (; *v != '\0'; v++)
		if (*v != '\r' && *v != '\n')
			buf_putc(b, *v);
	buf_putc(b, '\n');
}

int
cache_put(const char *dir, const char *url, const char *etag,
    const char *lastmod, const char *ctype, const char *body, size_t len)
{
	struct buf m = BUF_INIT;
	char *path;
	int r;

	if (strchr(url, '\n') != NULL || mkdirs(dir) == -1)
		return -1;
	buf_puts(&m, CACHE_MAGIC);
	metaline(&m, "url", url);
	metaline(&m, "etag", etag);
	metaline(&m, "last-modified", lastmod);
	metaline(&m, "content-type", ctype);
	buf_printf(&m, "length %zu\nfnv1a64 %016llx\n\n", len,
	    (unsigned long long)fnv1a64(body, len));
	buf_put(&m, body, len);
	path = path_for(dir, url, "entry");
	r = write_file_atomic(path, m.s, m.len);
	free(path);
	buf_free(&m);
	if (r == 0) {
		/* the first format's pair, if any, is now stale */
		path = path_for(dir, url, "meta");
		(void)unlink(path);
		free(path);
		path = path_for(dir, url, "body");
		(void)unlink(path);
		free(path);
	}
	return r;
}
