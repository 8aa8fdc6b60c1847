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
run_pages(struct fetch_ctx *ctx, int argc, char **argv)
{
	struct ndjson_in in;
	struct page *win;
	size_t cap, head = 0, count = 0, i;
	json_t *rec;
	int eof = 0, pending = 0;
	const char *url;

	cap = (size_t)ctx->hopt.jobs * 4 + 16;
	win = xcalloc(cap, sizeof(*win));
	ndjson_in_init(&in, argc, argv, ctx->maxline);
	while (!eof || count > 0) {
		/* read until the window is full */
		while (!eof && count < cap) {
			if ((rec = ndjson_in_next(&in)) == NULL) {
				eof = 1;
				break;
			}
			i = (head + count) % cap;
			memset(&win[i], 0, sizeof(win[i]));
			win[i].rec = rec;
			url = rec_str(rec, "url");
			/* fetched as given, passed on without a credential */
			if (url != NULL && strchr(url, '@') != NULL &&
			    strcmp(shown(ctx, "%s", url), url) != 0) {
				win[i].req.url = xstrdup(url);
				rec_set_str(rec, "url", buf_str(&ctx->msg));
				url = win[i].req.url;
			}
			if (url != NULL && *url != '\0' &&
			    !skip_section(ctx, rec_str(rec, "section")) &&
			    !json_is_string(json_object_get(rec, "html"))) {
				win[i].fetch = 1;
				if (win[i].req.url == NULL)
					win[i].req.url = xstrdup(url);
				win[i].req.kind = REQ_PAGE;
				win[i].req.ud = &win[i];
				http_add(&win[i].req);
				pending++;
			} else {
				free(win[i].req.url);
				win[i].req.url = NULL;
				win[i].done = 1;
			}
			count++;
		}
		/* write what is ready, in order */
		while (count > 0 && win[head].done) {
			ndjson_write(win[head].rec);
			json_decref(win[head].rec);
			head = (head + 1) % cap;
			count--;
		}
		if (count > 0 && !win[head].done)
			pending = http_step(page_done, ctx);
	}
	(void)pending;
	free(win);
	if (in.nbad > 0)
		ctx->nfailed++;
	ndjson_in_free(&in);
}
