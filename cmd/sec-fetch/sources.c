/* sources.c: sec-fetch's sources mode (--sources).  Records are read;
 * for each one with a digest, the primary sources it cites are fetched
 * and, from their links, the IOC pages they point to (bounded per
 * article and per run); the record comes out, in input order, with
 * "sources" (sec-record(5)).  Pages go through the same transfer engine
 * as every other page (politeness, cache, size cap, private addresses
 * refused), and HTML pages through sec-extract's extractor. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../sec-extract/extract.h"
#include "ndjson.h"
#include "record.h"
#include "run.h"

enum { K_PRIMARY, K_IOCPAGE };

struct srec;

/* One page of a record's sources. */
struct sjob {
	struct srec *owner;
	struct req req;
	char	*url;		/* as listed (no credential) */
	char	*parent;	/* the page that linked it */
	int	 kind;
	json_t	*entry;		/* the sources entry, once known */
};

/* One record and its pages, in the order they were found. */
struct srec {
	json_t	*rec;
	struct sjob **jobs;
	size_t	 njobs, capjobs;
	size_t	 pending;	/* jobs queued, not yet done */
	size_t	 nfetch;	/* jobs queued in all */
	size_t	 textlen;	/* bytes of text stored so far */
	int	 done;
};

/* The run's counts. */
static size_t nfetched, nover_article, nover_total;

static int
has_job(const struct srec *sr, const char *url)
{
	size_t i;

	if (strcmp(url, rec_str(sr->rec, "url") ? rec_str(sr->rec, "url") :
	    "") == 0)
		return 1;
	for (i = 0; i < sr->njobs; i++)
		if (strcmp(sr->jobs[i]->url, url) == 0)
			return 1;
	return 0;
}

static struct sjob *
job_new(struct srec *sr, const char *url, const char *parent, int kind)
{
	struct sjob *j = xcalloc(1, sizeof(*j));

	if (sr->njobs == sr->capjobs) {
		sr->capjobs = sr->capjobs ? sr->capjobs * 2 : 4;
		sr->jobs = xreallocarray(sr->jobs, sr->capjobs,
		    sizeof(*sr->jobs));
	}
	sr->jobs[sr->njobs++] = j;
	j->owner = sr;
	j->url = url_redacted(url);
	j->parent = parent != NULL ? url_redacted(parent) : NULL;
	j->kind = kind;
	return j;
}

/* A new entry for j (new): url, kind, parent. */
static json_t *
entry_new(const struct sjob *j)
{
	json_t *e = json_object();

	if (e == NULL)
		errx(1, "out of memory");
	rec_set_str(e, "url", j->url);
	rec_set_str(e, "kind", j->kind == K_PRIMARY ? "primary" : "ioc-page");
	if (j->parent != NULL)
		rec_set_str(e, "parent", j->parent);
	return e;
}

/* The address to fetch for the page at url: the raw file behind a
 * GitHub file page (github.com/O/R/blob/REF/PATH is
 * raw.githubusercontent.com/O/R/REF/PATH) or a Gist
 * (gist.github.com/U/ID is gist.github.com/U/ID/raw), whose HTML holds
 * the file only in scripts; url itself otherwise.  New string. */
static char *
fetch_url(const char *url)
{
	struct buf b = BUF_INIT;
	const char *h, *p, *o, *e;
	size_t hl, n;

	if ((h = url_host(url, &hl)) == NULL)
		return xstrdup(url);
	p = h + hl;
	if (*p == ':')
		return xstrdup(url);	/* a port: not GitHub's */
	n = strcspn(p, "?#");
	if (hl == 10 && ascii_ncasecmp(h, "github.com", 10) == 0 &&
	    *p == '/' && (o = memchr(p + 1, '/', n - 1)) != NULL &&
	    o > p + 1 && (e = memchr(o + 1, '/', n - (size_t)(o + 1 - p))) !=
	    NULL && e > o + 1 && (size_t)(e - p) + 6 < n &&
	    strncmp(e, "/blob/", 6) == 0) {
		buf_put(&b, url, (size_t)(h - url));
		buf_puts(&b, "raw.githubusercontent.com");
		buf_put(&b, p, (size_t)(e - p));
		buf_put(&b, e + 5, n - (size_t)(e + 5 - p));
		return buf_detach(&b);
	}
	if (hl == 15 && ascii_ncasecmp(h, "gist.github.com", 15) == 0 &&
	    n > 1 && p[n - 1] != '/' && (o = memchr(p + 1, '/', n - 1)) !=
	    NULL && o > p + 1 && o + 1 < p + n &&
	    memchr(o + 1, '/', n - (size_t)(o + 1 - p)) == NULL) {
		buf_put(&b, url, (size_t)(p - url) + n);
		buf_puts(&b, "/raw");
		return buf_detach(&b);
	}
	return xstrdup(url);
}

/* Queue url (borrowed) for sr when the limits allow: a page fetched, or
 * (a primary source over a limit) an entry that says why not.  Returns
 * 1 when it was queued. */
static int
want(struct fetch_ctx *ctx, struct srec *sr, const char *url,
    const char *parent, int kind)
{
	struct sjob *j;
	int over;

	if (!url_is_http(url) || has_job(sr, url))
		return 0;
	over = sr->nfetch >= (size_t)ctx->max_sources ? 1 :
	    nfetched >= (size_t)ctx->max_sources_total ? 2 : 0;
	if (over != 0) {
		if (over == 1)
			nover_article++;
		else
			nover_total++;
		if (kind != K_PRIMARY)
			return 0;
		j = job_new(sr, url, parent, kind);
		j->entry = entry_new(j);
		rec_set_str(j->entry, "error", over == 1 ?
		    "not fetched: over --max-sources" :
		    "not fetched: over --max-sources-total");
		return 0;
	}
	j = job_new(sr, url, parent, kind);
	j->req.url = fetch_url(url);
	j->req.kind = REQ_PAGE;
	j->req.ud = j;
	http_add(&j->req);
	sr->pending++;
	sr->nfetch++;
	nfetched++;
	return 1;
}

/* ---- what a page is ---- */

/* Nonzero when the path of url ends with ext (".csv"), before any
 * query or fragment, in any case. */
static int
path_ends(const char *url, const char *ext)
{
	size_t n = strcspn(url, "?#"), e = strlen(ext);

	return n >= e && ascii_ncasecmp(url + n - e, ext, e) == 0;
}

static int
ctype_is(const char *ct, const char *t)
{
	size_t n = strlen(t);

	return ct != NULL && ascii_ncasecmp(ct, t, n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* The format of a page (UTF-8 s[0..n), its Content-Type ct, its URL;
 * binary when its body had NUL bytes): "stix", "misp", "html", "csv",
 * "text", or NULL when it is none of them. */
static const char *
page_format(const char *s, size_t n, const char *ct, const char *url,
    int binary)
{
	const json_t *v;
	json_t *doc;
	const char *f = NULL;
	size_t i, k;

	for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
	    s[i] == '\n'); i++)
		;
	if (i < n && (s[i] == '{' || s[i] == '[') &&
	    (doc = json_loadb(s, n, 0, NULL)) != NULL) {
		if (json_is_object(doc) && rec_str(doc, "type") != NULL &&
		    strcmp(rec_str(doc, "type"), "bundle") == 0)
			f = "stix";
		else if (json_is_object(doc) &&
		    (json_is_object(json_object_get(doc, "Event")) ||
		    json_is_array(json_object_get(doc, "response"))))
			f = "misp";
		else if (json_is_array(doc))
			json_array_foreach(doc, k, v)
				if (json_is_object(json_object_get(v,
				    "Event"))) {
					f = "misp";
					break;
				}
		json_decref(doc);
		if (f != NULL)
			return f;
		return "text";	/* JSON of another kind, read as text */
	}
	if (ctype_is(ct, "text/html") || ctype_is(ct, "application/xhtml+xml"))
		return "html";
	if (ctype_is(ct, "text/csv") || path_ends(url, ".csv"))
		return "csv";
	if ((ct != NULL && ascii_ncasecmp(ct, "text/", 5) == 0) ||
	    ctype_is(ct, "application/json"))
		return "text";
	if (ct == NULL || ctype_is(ct, "application/octet-stream")) {
		if (i < n && s[i] == '<')
			return "html";
		if (!binary && (ct == NULL ||
		    path_ends(url, ".txt") || path_ends(url, ".json") ||
		    path_ends(url, ".yar") || path_ends(url, ".yml")))
			return "text";
	}
	return NULL;
}

/* Nonzero when s holds w, ASCII letters in any case. */
static int
has_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	for (; *s != '\0'; s++)
		if (ascii_ncasecmp(s, w, n) == 0)
			return 1;
	return 0;
}

/* How strongly a link of a primary source looks like a page of its
 * indicators: 3 when its text or URL names IOCs, indicators, an
 * appendix, STIX, MISP, YARA or Sigma; 2 for a raw text, CSV or JSON
 * file; 1 for a GitHub or Gist page; 0 for none of these. */
static int
ioc_link_score(const char *url, const char *text)
{
	static const char *const words[] = { "indicator", "appendix",
	    "stix", "misp", "yara", "sigma", "侵害指標", "付録", NULL };
	static const char *const exts[] = { ".txt", ".csv", ".json",
	    ".stix", ".yar", ".yara", ".rules", NULL };
	static const char *const hosts[] = { "github.com",
	    "gist.github.com", "raw.githubusercontent.com",
	    "gist.githubusercontent.com", NULL };
	const char *s[2] = { url, text }, *h, *p;
	size_t k, i, hl;

	for (k = 0; k < 2; k++) {
		if (s[k] == NULL)
			continue;
		for (i = 0; words[i] != NULL; i++)
			if (has_word(s[k], words[i]))
				return 3;
		/* "IOC", "IoCs" as a word */
		for (p = s[k]; *p != '\0'; p++)
			if (ascii_ncasecmp(p, "ioc", 3) == 0 &&
			    (p == s[k] || !ASCII_ISALPHA(p[-1])) &&
			    (!ASCII_ISALPHA(p[3]) || ((p[3] == 's' ||
			    p[3] == 'S') && !ASCII_ISALPHA(p[4]))))
				return 3;
	}
	for (i = 0; exts[i] != NULL; i++)
		if (path_ends(url, exts[i]))
			return 2;
	if ((h = url_host(url, &hl)) != NULL)
		for (i = 0; hosts[i] != NULL; i++)
			if (strlen(hosts[i]) == hl &&
			    ascii_ncasecmp(h, hosts[i], hl) == 0)
				return 1;
	return 0;
}

/* Queue the IOC pages that the primary source j links to (links of
 * its main text), the likeliest first, within the limits. */
static void
follow_links(struct fetch_ctx *ctx, struct sjob *j,
    const struct ext_result *res)
{
	int score, best;
	size_t i;

	for (best = 3; best >= 1; best--)
		for (i = 0; i < res->nlinks; i++) {
			score = ioc_link_score(res->links[i].url,
			    res->links[i].text);
			if (score == best)
				(void)want(ctx, j->owner, res->links[i].url,
				    j->url, K_IOCPAGE);
		}
}

/* A page is in: its entry is made, and a primary source's IOC pages
 * are queued. */
static void
source_done(struct req *r, void *arg)
{
	struct fetch_ctx *ctx = arg;
	struct sjob *j = r->ud;
	struct srec *sr = j->owner;
	struct ext_opts eo;
	struct ext_result res;
	struct charset_pick pk;
	struct buf page = BUF_INIT;
	const char *fmt, *base, *ct;
	json_t *links, *l;
	size_t i, room;

	j->entry = entry_new(j);
	sr->pending--;
	if (r->failed) {
		warnx("%s", shown(ctx, "%s: %s", r->url, r->error));
		rec_set_str(j->entry, "error", shown(ctx, "%s", r->error));
		goto out;
	}
	charset_decode_page(buf_str(&r->body), r->body.len, r->ctype, &page,
	    &pk);
	base = r->final_url != NULL ? r->final_url : r->url;
	if ((fmt = page_format(buf_str(&page), page.len, r->ctype, base,
	    memchr(buf_str(&r->body), '\0', r->body.len) != NULL)) == NULL) {
		ct = r->ctype != NULL ? r->ctype : "no Content-Type";
		warnx("%s", shown(ctx, "%s: not a page of text (%s)", r->url,
		    ct));
		rec_set_str(j->entry, "error", shown(ctx, "not a page of text "
		    "(%s)", ct));
		goto out;
	}
	rec_set_str(j->entry, "format", fmt);
	room = ctx->maxline / 2 > sr->textlen ? ctx->maxline / 2 -
	    sr->textlen : 0;
	if (strcmp(fmt, "html") != 0) {
		if (page.len > room) {
			warnx("%s", shown(ctx, "%s: %zu bytes: the record "
			    "would be over -L", r->url, page.len));
			rec_set_str(j->entry, "error", "too large for the "
			    "record (-L)");
			goto out;
		}
		rec_set_new(j->entry, "text", json_stringn_nocheck(
		    buf_str(&page), page.len));
		sr->textlen += page.len;
		goto out;
	}
	memset(&eo, 0, sizeof(eo));
	eo.url = base;
	eo.maxpage = 0;	/* the body is within --max-size */
	extract_page(buf_str(&page), page.len, &eo, &res);
	if (res.published != NULL)
		rec_set_str(j->entry, "published", res.published);
	if (res.textlen > room) {
		warnx("%s", shown(ctx, "%s: text of %zu bytes: the record "
		    "would be over -L", r->url, res.textlen));
		rec_set_str(j->entry, "error", "too large for the record (-L)");
	} else {
		rec_set_strn(j->entry, "text", res.text, res.textlen);
		sr->textlen += res.textlen;
		links = json_array();
		for (i = 0; i < res.nlinks; i++) {
			l = json_object();
			rec_set_str(l, "url", res.links[i].url);
			rec_set_str(l, "text", res.links[i].text);
			arr_append_new(links, l);
		}
		rec_set_new(j->entry, "links", links);
	}
	if (j->kind == K_PRIMARY)
		follow_links(ctx, j, &res);
	ext_result_free(&res);
out:
	buf_free(&page);
	req_free(r);
	memset(r, 0, sizeof(*r));
	sr->done = sr->pending == 0;
}

/* The primary sources of rec (borrowed): the digest's primary_sources,
 * else its primary_source, else the links marked primary; then the IOC
 * pages of its own links.  Queued in that order; sr->done when there is
 * nothing to fetch. */
static void
start(struct fetch_ctx *ctx, struct srec *sr)
{
	const json_t *dg, *v, *l;
	const char *au = rec_str(sr->rec, "url");
	size_t i;
	int best;

	dg = json_object_get(sr->rec, "digest");
	if (json_is_object(dg)) {
		v = json_object_get(dg, "primary_sources");
		if (json_is_array(v) && json_array_size(v) > 0) {
			json_array_foreach(v, i, l)
				if (json_is_string(l))
					(void)want(ctx, sr,
					    json_string_value(l), au,
					    K_PRIMARY);
		} else if ((v = json_object_get(dg, "primary_source")) !=
		    NULL && json_is_string(v))
			(void)want(ctx, sr, json_string_value(v), au,
			    K_PRIMARY);
		else
			json_array_foreach(json_object_get(sr->rec, "links"),
			    i, l)
				if (json_is_true(json_object_get(l, "primary"))
				    && rec_str(l, "url") != NULL)
					(void)want(ctx, sr, rec_str(l, "url"),
					    au, K_PRIMARY);
		/* the IOC pages the article links itself, named so or raw
		 * files (not any GitHub page: news cite code there) */
		for (best = 3; best >= 2; best--)
			json_array_foreach(json_object_get(sr->rec, "links"),
			    i, l)
				if (rec_str(l, "url") != NULL &&
				    ioc_link_score(rec_str(l, "url"),
				    rec_str(l, "text")) == best)
					(void)want(ctx, sr, rec_str(l, "url"),
					    au, K_IOCPAGE);
	}
	sr->done = sr->pending == 0;
}

/* Write sr's record with its sources and release it. */
static void
finish_rec(struct srec *sr)
{
	json_t *arr;
	size_t i;

	if (sr->njobs > 0) {
		arr = json_array();
		for (i = 0; i < sr->njobs; i++) {
			arr_append_new(arr, sr->jobs[i]->entry);
			free(sr->jobs[i]->url);
			free(sr->jobs[i]->parent);
			free(sr->jobs[i]);
		}
		rec_set_new(sr->rec, "sources", arr);
	}
	ndjson_write(sr->rec);
	json_decref(sr->rec);
	free(sr->jobs);
	memset(sr, 0, sizeof(*sr));
}

static void
sources_start(struct fetch_ctx *ctx, void *slot, json_t *rec)
{
	struct srec *sr = slot;

	sr->rec = rec;
	start(ctx, sr);
}

static int
sources_ready(const void *slot)
{
	return ((const struct srec *)slot)->done;
}

static void
sources_put(void *slot)
{
	finish_rec(slot);
}

void
run_sources(struct fetch_ctx *ctx, int argc, char **argv)
{
	static const struct window_ops ops = {
		sizeof(struct srec), sources_start, sources_ready,
		sources_put, source_done
	};

	rec_window(ctx, argc, argv, &ops);
	if (nover_article > 0)
		warnx("%zu pages not fetched: over --max-sources %d",
		    nover_article, ctx->max_sources);
	if (nover_total > 0)
		warnx("%zu pages not fetched: over --max-sources-total %d",
		    nover_total, ctx->max_sources_total);
}
