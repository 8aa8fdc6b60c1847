/* items.c: sec-fetch's items: each one a record (sec-record(5)),
 * written by hand with jsonw, or skipped (--since, --until, --seen). */
#include <err.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "jsonw.h"
#include "ndjson.h"
#include "run.h"
#include "timeutil.h"
#include "url.h"

static void
lang_norm(struct buf *b, const char *s)
{
	size_t i, seg = 0, seglen;

	while (ASCII_ISSPACE(*s))
		s++;
	for (i = 0; s[i] != '\0' && !ASCII_ISSPACE(s[i]) && i < 35; i++) {
		int c = s[i] == '_' ? '-' : (unsigned char)s[i];

		if (c == '-') {
			seg++;
			buf_putc(b, '-');
			continue;
		}
		if (!ASCII_ISALNUM(c))
			break;
		seglen = 0;
		while (i - seglen > 0 && s[i - seglen - 1] != '-' &&
		    s[i - seglen - 1] != '_')
			seglen++;
		if (seg == 1 && ASCII_ISALPHA(c)) {
			/* a two-letter region is upper case */
			size_t j = i - seglen, k = j;

			while (s[k] != '\0' && s[k] != '-' && s[k] != '_' &&
			    !ASCII_ISSPACE(s[k]))
				k++;
			if (k - j == 2) {
				buf_putc(b, c >= 'a' && c <= 'z' ? c - 32 : c);
				continue;
			}
		}
		buf_putc(b, ascii_lower(c));
	}
}

const char *
shown(struct fetch_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&ctx->msg);
	va_start(ap, fmt);
	buf_vprintf(&ctx->msg, fmt, ap);
	va_end(ap);
	ctx->msg.len = url_strip_userinfo(ctx->msg.s);
	return buf_str(&ctx->msg);
}

/* The fields that are the same for every item of a feed: "feed",
 * "feed_title" (once the parser knows it) and "section", each with a
 * leading comma.  Borrowed; rebuilt when the title turns up. */
static const char *
feed_fields(struct feedrun *fr)
{
	const char *title = fr->parser != NULL ? feed_title(fr->parser) :
	    NULL;

	/* the parser keeps the first title it reads: once seen, it stays */
	if (!fr->pre_done || (title != NULL && !fr->pre_title)) {
		buf_reset(&fr->pre);
		jsonw_str(&fr->pre, "feed", fr->fc->name, JSONW_REPAIR);
		if (title != NULL)
			jsonw_str(&fr->pre, "feed_title", title, 0);
		jsonw_str(&fr->pre, "section", fr->fc->section, JSONW_REPAIR);
		fr->pre_title = title != NULL;
		fr->pre_done = 1;
	}
	return buf_str(&fr->pre);
}

/* The normalized form of the language tag s (borrowed; "" for none):
 * the last one is kept, as every item of a feed tends to carry the

 * same. */
static const char *
item_lang(struct fetch_ctx *ctx, const char *s)
{
	if (ctx->lang_in.s == NULL || strcmp(ctx->lang_in.s, s) != 0) {
		buf_reset(&ctx->lang_in);
		buf_puts(&ctx->lang_in, s);
		buf_reset(&ctx->lang_out);
		lang_norm(&ctx->lang_out, s);
	}
	return buf_str(&ctx->lang_out);
}

/* One item becomes a record (new), or is skipped (--since, --until,

 * --seen). */
void
on_item(const struct feed_item *it, void *ud)
{
	struct feedrun *fr = ud;
	struct fetch_ctx *ctx = fr->ctx;
	struct feedconf *fc = fr->fc;
	struct buf *line = &ctx->line;
	char idhex[17], tb[RFC3339_LEN + 8];
	uint64_t id;
	long long when;
	const char *lang;
	size_t i;
	const char *guid = it->field[F_GUID];
	int old;

	when = it->published != DATE_NONE ? it->published : it->updated;
	/* outside the window: left out, but still renews a seen entry */
	old = when != DATE_NONE &&
	    ((ctx->since != DATE_NONE && when < ctx->since) ||
	    (ctx->until != DATE_NONE && when >= ctx->until));
	if (old && ctx->seenfile == NULL)
		return;
	buf_reset(&ctx->iurl);
	if (it->field[F_LINK] != NULL) {
		url_canon_to(&ctx->iurl, it->field[F_LINK]);
		/* a credential in a link is neither stored nor hashed */
		if (memchr(ctx->iurl.s, '@', ctx->iurl.len) != NULL)
			ctx->iurl.len = url_strip_userinfo(ctx->iurl.s);
	}
	if (guid != NULL && strchr(guid, '@') != NULL) {
		buf_reset(&ctx->iguid);
		buf_puts(&ctx->iguid, guid);
		ctx->iguid.len = url_strip_userinfo(ctx->iguid.s);
		guid = buf_str(&ctx->iguid);
	}
	buf_reset(&ctx->ikey);
	if (ctx->iurl.len > 0)
		buf_put(&ctx->ikey, ctx->iurl.s, ctx->iurl.len);
	else if (guid != NULL)
		buf_printf(&ctx->ikey, "guid:%s", guid);
	else
		buf_printf(&ctx->ikey, "item:%s\n%s\n%lld", fc->url,
		    it->field[F_TITLE] ? it->field[F_TITLE] : "", when);
	id = fnv1a64(ctx->ikey.s, ctx->ikey.len);
	/* an item another feed (or an earlier run) already gave is skipped;
	 * repeated items within one feed all come out.  One the seen file
	 * holds is met again: its entry is renewed, even when --since
	 * leaves it out, so that pruning drops only what feeds dropped. */
	if (ids_given(ctx, id)) {
		if (ctx->seenfile != NULL)
			idset_add(&ctx->touched, id);
		return;
	}
	if (old || !ids_claim(fr, id))
		return;
	for (i = 0; i < 16; i++)
		idhex[i] = "0123456789abcdef"[(id >> (60 - 4 * i)) & 15];
	idhex[16] = '\0';

	/* the record is written by hand: flat, and this is the hot path
	 * on big feeds (jansson's encoder took a third of the time) */
	buf_reset(line);
	buf_put(line, "{\"id\":\"", 7);
	buf_put(line, idhex, 16);
	buf_putc(line, '"');
	buf_puts(line, feed_fields(fr));
	if (ctx->iurl.len > 0)
		jsonw_str(line, "url", ctx->iurl.s, 0);
	jsonw_str(line, "title", it->field[F_TITLE], 0);
	jsonw_str(line, "guid", guid, 0);
	if (when != DATE_NONE)
		jsonw_str(line, "published", time_rfc3339(when, tb), 0);
	if (it->updated != DATE_NONE)
		jsonw_str(line, "updated", time_rfc3339(it->updated, tb),
		    0);
	jsonw_str(line, "summary", it->field[F_SUMMARY], 0);
	jsonw_str(line, "author", it->field[F_AUTHOR], 0);
	buf_puts(line, ",\"categories\":[");
	for (i = 0; i < it->ncat; i++)
		jsonw_str(line, NULL, it->categories[i],
		    i == 0 ? JSONW_FIRST : 0);
	buf_putc(line, ']');
	lang = fc->lang != NULL ? fc->lang : it->field[F_LANG];
	if (lang != NULL && *lang != '\0') {
		lang = item_lang(ctx, lang);
		if (*lang != '\0')
			jsonw_str(line, "lang", lang, 0);
	}
	buf_put(line, "}\n", 2);
	if (line->len > ctx->maxline) {
		warnx("%s", shown(ctx, "%s: item of %zu bytes is over -L, "
		    "skipped",
		    strcmp(fc->url, "-") == 0 ? "<stdin>" : fc->url,
		    line->len));
		ctx->itembad++;
		return;
	}
	feeds_write(fr, line->s, line->len);
}

void
items_free(struct fetch_ctx *ctx)
{
	buf_free(&ctx->line);
	buf_free(&ctx->iurl);
	buf_free(&ctx->ikey);
	buf_free(&ctx->lang_in);
	buf_free(&ctx->lang_out);
	buf_free(&ctx->iguid);
	buf_free(&ctx->msg);
}
