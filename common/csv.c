/* csv.c: an RFC 4180 reader (csv.h). */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "util.h"

void
csv_init(struct csv *c, const char *data, size_t len)
{
	memset(c, 0, sizeof(*c));
	buf_init(&c->data);
	c->p = data;
	c->end = data + len;
	c->next = 1;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		c->bom = 1;
		c->p += 3;
	}
	if (len > 0 && data[len - 1] != '\n')
		c->no_final_nl = 1;
}

void
csv_free(struct csv *c)
{
	free(c->field);
	free(c->off);
	buf_free(&c->data);
	memset(c, 0, sizeof(*c));
}

static void
endfield(struct csv *c)
{
	if (c->nfield == c->capoff) {
		c->capoff = c->capoff ? c->capoff * 2 : 16;
		c->off = xreallocarray(c->off, c->capoff, sizeof(*c->off));
	}
	buf_putc(&c->data, '\0');
	c->nfield++;
}

/* Skip the rest of a bad record: to the end of the current line. */
static void
skipline(struct csv *c)
{
	while (c->p < c->end && *c->p != '\n')
		c->p++;
	if (c->p < c->end) {
		c->p++;
		c->next++;
	}
}

int
csv_next(struct csv *c, const char **why)
{
	size_t i, start;
	int quoted;

	*why = NULL;
	if (c->p >= c->end)
		return 0;
	buf_reset(&c->data);
	c->nfield = 0;
	c->line = c->next;
	for (;;) {
		if (c->nfield == c->capoff) {
			c->capoff = c->capoff ? c->capoff * 2 : 16;
			c->off = xreallocarray(c->off, c->capoff,
			    sizeof(*c->off));
		}
		c->off[c->nfield] = c->data.len;
		quoted = c->p < c->end && *c->p == '"';
		if (quoted) {
			c->p++;
			for (;;) {
				if (c->p >= c->end) {
					*why = "a quoted field is not closed";
					return -1;
				}
				if (*c->p == '"') {
					if (c->p + 1 < c->end &&
					    c->p[1] == '"') {
						buf_putc(&c->data, '"');
						c->p += 2;
						continue;
					}
					c->p++;
					break;
				}
				if (*c->p == '\n') {
					c->next++;
					c->quoted_nl = 1;
				}
				buf_putc(&c->data, *c->p++);
			}
		} else {
			start = 0;
			while (c->p + start < c->end && c->p[start] != ',' &&
			    c->p[start] != '\n') {
				if (c->p[start] == '"') {
					c->p += start;
					skipline(c);
					*why = "a quote inside an unquoted field";
					return -1;
				}
				start++;
			}
			/* CRLF: the CR belongs to the line end. */
			i = start;
			if (i > 0 && c->p[i - 1] == '\r' &&
			    (c->p + i == c->end || c->p[i] == '\n'))
				i--;
			buf_put(&c->data, c->p, i);
			c->p += i;
		}
		endfield(c);
		if (c->p < c->end && *c->p == '\r' &&
		    (c->p + 1 == c->end || c->p[1] == '\n')) {
			c->crlf = 1;
			c->p++;
		}
		if (c->p >= c->end)
			break;
		if (*c->p == ',') {
			/* "a," at the very end gives a last empty field */
			c->p++;
			continue;
		}
		if (*c->p == '\n') {
			c->p++;
			c->next++;
			break;
		}
		/* text after a closing quote */
		skipline(c);
		*why = "text after a closing quote";
		return -1;
	}
	if (c->nfield > c->capfield) {
		c->capfield = c->nfield;
		c->field = xreallocarray(c->field, c->capfield,
		    sizeof(*c->field));
	}
	for (i = 0; i < c->nfield; i++)
		c->field[i] = c->data.s + c->off[i];
	return 1;
}

int
csv_index(const struct csv *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nfield; i++)
		if (strcmp(c->field[i], name) == 0)
			return (int)i;
	return -1;
}

void
csv_put(struct buf *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}
