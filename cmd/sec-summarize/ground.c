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

	text_fold(&n, name, strlen(name));
	text_fold(&hay, src->title, strlen(src->title));
	buf_putc(&hay, '\n');
	text_fold(&hay, src->text, src->textlen);
	found = folded_in(&hay, &n);
	buf_free(&hay);
	buf_free(&n);
	return found;
}

