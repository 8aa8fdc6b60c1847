/* lines.c: a line reader that never holds more than maxline bytes of one
 * line, so a 1 GB line without a newline costs nothing but the time to skip
 * it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "util.h"

#define RBUFSZ	(64 * 1024)

void
lines_init(struct lines *l, FILE *fp, size_t maxline)
{
	memset(l, 0, sizeof(*l));
	l->fp = fp;
	l->maxline = maxline;
	l->rbuf = xmalloc(RBUFSZ);
}

void
lines_free(struct lines *l)
{
	free(l->rbuf);
	free(l->line);
	l->rbuf = l->line = NULL;
}

/* Append n bytes to the line unless it would pass the cap; returns 0, or -1
 * once the line is too long. */
static int
addbytes(struct lines *l, size_t *len, const char *p, size_t n)
{
	size_t need;

	if (n > l->maxline || *len > l->maxline - n)
		return -1;
	need = *len + n + 1;
	if (need > l->cap) {
		size_t cap = l->cap ? l->cap : 256;

		while (cap < need)
			cap *= 2;
		l->line = xrealloc(l->line, cap);
		l->cap = cap;
	}
	memcpy(l->line + *len, p, n);
	*len += n;
	return 0;
}

enum lines_status
lines_next(struct lines *l, char **line, size_t *lenp)
{
	size_t len = 0, total = 0, n;
	char *nl;
	int toolong = 0, any = 0;

	l->nonl = 0;
	for (;;) {
		if (l->rpos == l->rlen) {
			l->rpos = 0;
			l->rlen = fread(l->rbuf, 1, RBUFSZ, l->fp);
			if (l->rlen == 0) {
				if (ferror(l->fp)) {
					if (errno == 0)
						errno = EIO;
					return LINES_ERROR;
				}
				if (!any)
					return LINES_EOF;
				l->nonl = 1;
				break;
			}
		}
		any = 1;
		nl = memchr(l->rbuf + l->rpos, '\n', l->rlen - l->rpos);
		n = nl ? (size_t)(nl - (l->rbuf + l->rpos)) : l->rlen - l->rpos;
		total += n;
		if (!toolong && addbytes(l, &len, l->rbuf + l->rpos, n) == -1)
			toolong = 1;
		l->rpos += n;
		if (nl) {
			l->rpos++;
			break;
		}
	}
	*lenp = toolong ? total : len;
	if (toolong)
		return LINES_LONG;
	if (l->line == NULL) {
		l->line = xmalloc(1);
		l->cap = 1;
	}
	l->line[len] = '\0';
	*line = l->line;
	return LINES_OK;
}
