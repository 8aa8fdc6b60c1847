/* ground.c: what a model's answer may name.  Names of actors, malware
 * and products must occur in the article; advice must not point at one
 * of the article's indicators (the advice "download the tool from <IOC>"
 * is the attack). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ioc.h"
#include "record.h"
#include "summarize.h"
#include "url.h"
#include "utf8.h"
#include "util.h"

void
fold_text(struct buf *out, const char *s, size_t n)
{
	size_t i;
	uint32_t c;
	int l, space = 0;

	for (i = 0; i < n; i += (size_t)l) {
		if ((l = utf8_decode(s + i, n - i, &c)) < 1) {
			l = 1;
			continue;
		}
		if (c >= 0xFF01 && c <= 0xFF5E)
			c -= 0xFEE0;
		if (c == 0x3000 || c == 0xA0 || (c < 0x80 &&
		    ASCII_ISSPACE(c))) {
			space = 1;
			continue;
		}
		if (space && out->len > 0)
			buf_putc(out, ' ');
		space = 0;
		if (c < 0x80)
			buf_putc(out, ascii_lower((int)c));
		else
			utf8_encode(out, c);
	}
}

/* Is s[0..n) at hay[at..] not part of a longer ASCII word? */
static int
word_at(const char *hay, size_t hl, size_t at, const char *s, size_t n)
{
	unsigned char a = at > 0 ? (unsigned char)hay[at - 1] : ' ';
	unsigned char b = at + n < hl ? (unsigned char)hay[at + n] : ' ';

	if (ASCII_ISALNUM((unsigned char)s[0]) && ASCII_ISALNUM(a))
		return 0;
	if (ASCII_ISALNUM((unsigned char)s[n - 1]) && ASCII_ISALNUM(b))
		return 0;
	return 1;
}

/* Does the folded needle occur in the folded hay as a word? */
static int
folded_in(const struct buf *hay, const struct buf *needle)
{
	const char *h = buf_str(hay), *p;
	size_t off = 0;

	if (needle->len < 2)
		return 0;
	while (off < hay->len && (p = strstr(h + off, needle->s)) != NULL) {
		if (word_at(h, hay->len, (size_t)(p - h), needle->s,
		    needle->len))
			return 1;
		off = (size_t)(p - h) + 1;
	}
	return 0;
}

int
name_in_text(const char *name, const struct source *src)
{
	struct buf hay = BUF_INIT, n = BUF_INIT;
	int found;

	fold_text(&n, name, strlen(name));
	fold_text(&hay, src->title, strlen(src->title));
	buf_putc(&hay, '\n');
	fold_text(&hay, src->text, src->textlen);
	found = folded_in(&hay, &n);
	buf_free(&hay);
	buf_free(&n);
	return found;
}

/* Does v (lower case) occur in the refanged line as a whole indicator:
 * no letter, digit or '-' around it, and no ".x" after it (a longer
 * host)? */
static int
ioc_in(const struct buf *line, const char *v, size_t n)
{
	const char *h = buf_str(line), *p;
	size_t off = 0, at;
	unsigned char a, b;

	if (n < 4)
		return 0;
	while (off < line->len && (p = strstr(h + off, v)) != NULL) {
		at = (size_t)(p - h);
		a = at > 0 ? (unsigned char)h[at - 1] : ' ';
		b = (unsigned char)h[at + n];
		if (!ASCII_ISALNUM(a) && a != '-' && !ASCII_ISALNUM(b) &&
		    b != '-' && !(b == '.' && ASCII_ISALNUM(
		    (unsigned char)h[at + n + 1])))
			return 1;
		off = at + 1;
	}
	return 0;
}

int
line_names_ioc(const char *line, const struct source *src)
{
	struct buf l = BUF_INIT, v = BUF_INIT;
	const char *val, *type, *host;
	size_t i, k, hl;
	json_t *io;
	int hit = 0, known;

	ioc_refang(&l, line, strlen(line));
	for (k = 0; k < l.len; k++)
		l.s[k] = (char)ascii_lower((unsigned char)l.s[k]);
	json_array_foreach(src->iocs, i, io) {
		if ((val = rec_str(io, "value")) == NULL ||
		    !ioc_reportable(type = rec_str(io, "type")))
			continue;
		/* a well-known host may be named in advice; a specific
		 * URL on it may not */
		known = json_is_true(json_object_get(io, "known"));
		if (known && (type == NULL || strcmp(type, "url") != 0))
			continue;
		buf_reset(&v);
		fold_text(&v, val, strlen(val));
		if ((hit = ioc_in(&l, buf_str(&v), v.len)))
			break;
		/* the host of a URL or an address, unless well known */
		if (known)
			continue;
		/* (not the domain of an e-mail address: a reporting
		 * address shares it with the agency's own pages) */
		hl = 0;
		if ((host = url_host(v.s, &hl)) != NULL && hl > 0) {
			char *h = xstrndup(host, hl);

			hit = strchr(h, '.') != NULL && ioc_in(&l, h, hl);
			free(h);
			if (hit)
				break;
		}
	}
	buf_free(&l);
	buf_free(&v);
	return hit;
}
