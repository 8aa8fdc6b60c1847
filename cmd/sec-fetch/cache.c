/* cache.c: the conditional-request cache.  One pair of files per URL,
 * named by the FNV-1a 64 hash of the URL: <hash>.meta ("url", "etag",
 * "last-modified", "content-type" lines, "key value") and <hash>.body.
 * Both are written atomically, the body first, so a reader never sees
 * validators without their body. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fetch.h"
#include "http.h"
#include "util.h"

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

int
cache_get(const char *dir, const char *url, char **etag, char **lastmod,
    char **ctype)
{
	char *path, *text, *line, *next, *v;
	size_t len;
	int found = 0;

	*etag = *lastmod = *ctype = NULL;
	path = path_for(dir, url, "meta");
	text = read_file(path, 1 << 16, &len);
	free(path);
	if (text == NULL)
		return -1;
	for (line = text; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((v = strchr(line, ' ')) == NULL)
			continue;
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
	}
	free(text);
	if (!found || (*etag == NULL && *lastmod == NULL)) {
		/* a hash collision or an entry without validators */
		free(*etag);
		free(*lastmod);
		free(*ctype);
		*etag = *lastmod = *ctype = NULL;
		return -1;
	}
	return 0;
}

int
cache_body(const char *dir, const char *url, struct buf *b, long long max)
{
	char *path, *data;
	size_t len;

	path = path_for(dir, url, "body");
	data = read_file(path, (size_t)max, &len);
	free(path);
	if (data == NULL)
		return -1;
	buf_reset(b);
	buf_put(b, data, len);
	free(data);
	return 0;
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
	path = path_for(dir, url, "body");
	r = write_file_atomic(path, body, len);
	free(path);
	if (r == -1)
		return -1;
	metaline(&m, "url", url);
	metaline(&m, "etag", etag);
	metaline(&m, "last-modified", lastmod);
	metaline(&m, "content-type", ctype);
	path = path_for(dir, url, "meta");
	r = write_file_atomic(path, buf_str(&m), m.len);
	free(path);
	buf_free(&m);
	return r;
}
