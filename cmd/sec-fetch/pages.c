/* pages.c: sec-fetch's page mode (-p): records are read, the page at
 * each record's url is fetched, and the record comes out, in input
 * order, with "html" and "http" added. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ndjson.h"
#include "record.h"
#include "run.h"
#include "timeutil.h"

struct page {
	json_t	*rec;
	struct req req;
	int	 fetch, done;
};

static int
skip_section(const struct fetch_ctx *ctx, const char *sec)
{
	const char *p = ctx->skip_sections, *e;
	size_t n;

	if (sec == NULL)
		return 0;
	n = strlen(sec);
	while (*p != '\0') {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == n && memcmp(p, sec, n) == 0)
			return 1;
		p = *e ? e + 1 : e;
	}
	return 0;
}

static int
is_html_type(const char *ct)
{
	return ct == NULL || ascii_ncasecmp(ct, "text/html", 9) == 0 ||
	    ascii_ncasecmp(ct, "application/xhtml+xml", 21) == 0;
}

static void
page_done(struct req *r, void *arg)
{
	struct fetch_ctx *ctx = arg;
	struct page *pg = r->ud;
	json_t *h;
	struct buf html = BUF_INIT;
	struct charset_pick pk;
	char note[512], tb[RFC3339_LEN + 8];
	const char *cs, *body = buf_str(&r->body);
	size_t n = r->body.len;

	pg->done = 1;
	if (r->status > 0 || !r->failed) {
		h = json_object();
		rec_set_new(h, "status", json_integer(r->status));
		if (r->final_url != NULL)
			rec_set_str(h, "final_url", shown(ctx, "%s",
			    r->final_url));
		if (r->ctype != NULL)
			rec_set_str(h, "content_type", r->ctype);
		if (r->etag != NULL)
			rec_set_str(h, "etag", r->etag);
		if (r->lastmod != NULL)
			rec_set_str(h, "last_modified", r->lastmod);
		rec_set_str(h, "fetched_at", time_rfc3339(r->fetched_at, tb));
		rec_set_new(pg->rec, "http", h);
	}
	if (r->failed) {
		warnx("%s", shown(ctx, "%s: %s", r->url, r->error));
		rec_error(pg->rec, "%s", buf_str(&ctx->msg));
		ctx->nfailed++;
		goto out;
	}
	if (!is_html_type(r->ctype)) {
		warnx("%s", shown(ctx, "%s: not HTML (%s)", r->url, r->ctype));
		rec_error(pg->rec, "%s", buf_str(&ctx->msg));
		ctx->nfailed++;
		goto out;
	}
	charset_decode_page(body, n, r->ctype, &html, &pk);
	if ((cs = charset_note(&pk, note, sizeof(note))) != NULL) {
		warnx("%s", shown(ctx, "%s: %s", r->url, cs));
		if (pk.lost) {
			rec_error(pg->rec, "%s", buf_str(&ctx->msg));
			ctx->nfailed++;
		}
	}
	if (html.len > ctx->maxline) {
		warnx("%s", shown(ctx, "%s: page of %zu bytes is over -L",
		    r->url, html.len));
		rec_error(pg->rec, "%s", buf_str(&ctx->msg));
		ctx->nfailed++;
	} else
		rec_set_new(pg->rec, "html", json_stringn_nocheck(
		    buf_str(&html), html.len));
	buf_free(&html);
out:
	req_free(r);
	memset(r, 0, sizeof(*r));
}

void
rec_window(struct fetch_ctx *ctx, int argc, char **argv,
    const struct window_ops *ops)
{
	struct ndjson_in in;
	char *win, *slot;
	size_t cap, head = 0, count = 0;
	json_t *rec;
	int eof = 0;

	cap = (size_t)ctx->hopt.jobs * 4 + 16;
	win = xcalloc(cap, ops->size);
	ndjson_in_init(&in, argc, argv, ctx->maxline);
	while (!eof || count > 0) {
		/* read until the window is full */
		while (!eof && count < cap) {
			if ((rec = ndjson_in_next(&in)) == NULL) {
				eof = 1;
				break;
			}
			slot = win + (head + count) % cap * ops->size;
			memset(slot, 0, ops->size);
			ops->start(ctx, slot, rec);
			count++;
		}
		/* write what is ready, in order */
		while (count > 0 && ops->done(win + head * ops->size)) {
			ops->put(win + head * ops->size);
			head = (head + 1) % cap;
			count--;
		}
		if (count > 0)
			(void)http_step(ops->fin, ctx);
	}
	free(win);
	if (in.nbad > 0)
		ctx->nfailed++;
	ndjson_in_free(&in);
}

/* Start the page of rec (new, taken) in the slot pg. */
static void
page_start(struct fetch_ctx *ctx, void *slot, json_t *rec)
{
	struct page *pg = slot;
	const char *url;

	pg->rec = rec;
	url = rec_str(rec, "url");
	/* fetched as given, passed on without a credential */
	if (url != NULL && strchr(url, '@') != NULL &&
	    strcmp(shown(ctx, "%s", url), url) != 0) {
		pg->req.url = xstrdup(url);
		rec_set_str(rec, "url", buf_str(&ctx->msg));
		url = pg->req.url;
	}
	if (url != NULL && *url != '\0' &&
	    !skip_section(ctx, rec_str(rec, "section")) &&
	    !json_is_string(json_object_get(rec, "html"))) {
		pg->fetch = 1;
		if (pg->req.url == NULL)
			pg->req.url = xstrdup(url);
		pg->req.kind = REQ_PAGE;
		pg->req.ud = pg;
		http_add(&pg->req);
	} else {
		free(pg->req.url);
		pg->req.url = NULL;
		pg->done = 1;
	}
}

static int
page_ready(const void *slot)
{
	return ((const struct page *)slot)->done;
}

static void
page_put(void *slot)
{
	struct page *pg = slot;

	ndjson_write(pg->rec);
	json_decref(pg->rec);
}

void
run_pages(struct fetch_ctx *ctx, int argc, char **argv)
{
	static const struct window_ops ops = {
		sizeof(struct page), page_start, page_ready, page_put,
		page_done
	};

	rec_window(ctx, argc, argv, &ops);
}
