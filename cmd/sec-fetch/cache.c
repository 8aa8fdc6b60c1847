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
 * they are removed when the entry of their URL is written.
 *
 * The default directory is $XDG_CACHE_HOME/sec-tools/fetch, the rule of
 * every tool (xdg_tool_dir()); releases up to 0.1.0 used
 * $XDG_CACHE_HOME/sec-fetch, whose entries are still read when the new
 * directory has none for a URL. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fetch.h"
#include "fsutil.h"
#include "http.h"
#include "util.h"

#define CACHE_MAGIC	"sec-fetch cache 2\n"
#define CACHE_HEADMAX	(1 << 16)

static char *defdir, *olddir;	/* the default, and that of 0.1.0 */

char *
cache_default_dir(void)
{
	free(defdir);
	free(olddir);
	defdir = xdg_tool_dir(XDG_CACHE, "fetch");
	olddir = xdg_path(XDG_CACHE, "sec-fetch");
	return defdir != NULL ? xstrdup(defdir) : NULL;
}

/* The file name of url's entry (or of a first-format file), new. */
static char *
name_for(const char *url, const char *ext)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%016llx.%s",
	    (unsigned long long)fnv1a64(url, strlen(url)), ext);
	return buf_detach(&b);
}

/* The entry of url in dir; in the default directory, the one that 0.1.0
 * left in its own is taken when there is none. */
static char *
entry_read(const char *dir, const char *url, size_t max, size_t *len)
{
	char *name, *text;

	name = name_for(url, "entry");
	text = cache_read(dir, name, max, len);
	if (text == NULL && errno == ENOENT && defdir != NULL &&
	    olddir != NULL && strcmp(dir, defdir) == 0)
		text = cache_read(olddir, name, max, len);
	free(name);
	return text;
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
	char *text, *line, *next, *v, *body;
	unsigned long long blen = 0, hash = 0;
	size_t len;
	int found = 0, havelen = 0, havehash = 0;

	*etag = *lastmod = *ctype = NULL;
	text = entry_read(dir, url, (size_t)max + CACHE_HEADMAX, &len);
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

/* Remove dir's first-format file of url with that extension. */
static void
stale_remove(const char *dir, const char *url, const char *ext)
{
	struct buf b = BUF_INIT;
	char *name = name_for(url, ext);

	buf_printf(&b, "%s/%s", dir, name);
	(void)unlink(b.s);
	buf_free(&b);
	free(name);
}

int
cache_put(const char *dir, const char *url, const char *etag,
    const char *lastmod, const char *ctype, const char *body, size_t len)
{
	struct buf m = BUF_INIT;
	char *name;
	int r;

	if (strchr(url, '\n') != NULL)
		return -1;
	buf_puts(&m, CACHE_MAGIC);
	metaline(&m, "url", url);
	metaline(&m, "etag", etag);
	metaline(&m, "last-modified", lastmod);
	metaline(&m, "content-type", ctype);
	buf_printf(&m, "length %zu\nfnv1a64 %016llx\n\n", len,
	    (unsigned long long)fnv1a64(body, len));
	buf_put(&m, body, len);
	name = name_for(url, "entry");
	r = cache_write(dir, name, m.s, m.len);
	free(name);
	buf_free(&m);
	if (r == 0) {
		/* the first format's pair, if any, is now stale */
		stale_remove(dir, url, "meta");
		stale_remove(dir, url, "body");
	}
	return r;
}
