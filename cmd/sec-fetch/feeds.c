/* feeds.c: sec-fetch's feed mode: every feed of the list fetched at
 * once (or read from stdin), parsed, and its records written in the
 * order of the list. */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ndjson.h"
#include "run.h"
#include "url.h"

/* The records a feed keeps, on its turn, before they start to come out
 * while it is read: up to there a broken transfer can still be tried
 * again from the start. */
#define FEED_HOLD	(1 << 20)

/* Parse a feed from stdin, or from the local file named by an operand,
 * as it arrives. */
static void
run_stdin(struct feedrun *fr)
{
	char buf[65536];
	struct fetch_ctx *ctx = fr->ctx;
	long long total = 0;
	const char *name = "<stdin>";
	ssize_t n;
	int bad = 0, fd = STDIN_FILENO;

	if (strcmp(fr->fc->url, "-") != 0) {
		name = fr->fc->url;
		if ((fd = open(name, O_RDONLY)) == -1) {
			warn("%s", name);
			ctx->nfailed++;
			fr->done = 1;
			return;
		}
	}
	fr->parser = feed_new(NULL, fr->fc->encoding, NULL, on_item, fr);
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			warn("%s", name);
			bad = 1;
			break;
		}
		/* the cap of an HTTP body holds here too */
		if (ctx->hopt.maxsize > 0 && n > ctx->hopt.maxsize - total) {
			warnx("%s: feed larger than %lld bytes (see "
			    "--max-size)", name, ctx->hopt.maxsize);
			bad = 1;
			break;
		}
		total += n;
		if (feed_push(fr->parser, buf, (size_t)n) == -1)
			break;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	if (feed_end(fr->parser) == -1 || bad) {
		if (!bad)
			warnx("%s: %s", name, feed_error(fr->parser));
		ctx->nfailed++;
	} else if (feed_error(fr->parser) != NULL)
		warnx("%s: warning: %s", name, feed_error(fr->parser));
	ids_commit(fr);
	feed_free(fr->parser);
	fr->parser = NULL;
	fr->done = 1;
}

/* Write n bytes of records to stdout. */
static void
out_write(const char *s, size_t n)
{
	if (n == 0)
		return;
	if (fwrite(s, 1, n, stdout) != n)
		err(EXIT_WRITE, "<stdout>");
	if (ndjson_unbuffered && fflush(stdout) == EOF)
		err(EXIT_WRITE, "<stdout>");
}

void
feeds_write(struct feedrun *fr, const char *s, size_t n)
{
	struct fetch_ctx *ctx = fr->ctx;

	if (fr != &ctx->runs[ctx->next_out] || (!fr->stdin_feed &&
	    !fr->req.sunk && fr->out.len + n <= FEED_HOLD)) {
		buf_put(&fr->out, s, n);
		return;
	}
	fr->req.sunk = 1;
	/* first what it kept */
	out_write(fr->out.s, fr->out.len);
	buf_free(&fr->out);
	out_write(s, n);
}

/* Write every finished feed whose turn it is. */
static void
flush_feeds(struct fetch_ctx *ctx)
{
	struct feedrun *fr;

	while (ctx->next_out < ctx->nruns) {
		fr = &ctx->runs[ctx->next_out];
		if (fr->stdin_feed && !fr->done)
			run_stdin(fr);
		if (!fr->done)
			break;
		out_write(fr->out.s, fr->out.len);
		buf_free(&fr->out);
		ctx->next_out++;
	}
}

/* The parser of fr's answer: its address url, relative links resolved
 * against its Content-Location cloc, if sent, and the charset of its
 * Content-Type ctype (each may be NULL). */
static void
feed_start(struct feedrun *fr, const char *url, const char *cloc,
    const char *ctype)
{
	char cs[64], *base;

	if (charset_from_ctype(ctype, cs, sizeof(cs)) == -1)
		cs[0] = '\0';
	base = cloc != NULL ? url_resolve(url, cloc) : xstrdup(url);
	fr->parser = feed_new(base, fr->fc->encoding, cs, on_item, fr);
	free(base);
}

/* Forget what fr read of a body that does not count: its parser, the
 * records it kept, their ids. */
static void
feed_forget(struct feedrun *fr)
{
	feed_free(fr->parser);
	fr->parser = NULL;
	buf_free(&fr->out);
	fr->pre_done = 0;
	ids_drop(fr);
}

/* The body of a feed as it arrives (struct req's sink): to the parser,
 * whose items come out at once when it is the feed's turn. */
static void
feed_sink(struct req *r, const char *s, size_t n)
{
	struct feedrun *fr = r->ud;

	if (fr->parser != NULL && fr->ptry != r->tries)
		feed_forget(fr);	/* a new try: from the start again */
	if (fr->parser == NULL) {
		feed_start(fr, r->cur, r->h_cloc, r->h_ctype);
		fr->ptry = r->tries;
	}
	feed_push(fr->parser, s, n);
}

static void
feed_done(struct req *r, void *arg)
{
	struct fetch_ctx *ctx = arg;
	struct feedrun *fr = r->ud;
	int ok;

	fr->done = 1;
	if (r->failed) {
		/* records that came out already stay out, and the rest of
		 * what was read follows them, as from stdin; else the feed
		 * gives none */
		if (fr->parser != NULL && r->sunk) {
			feed_end(fr->parser);
			ids_commit(fr);
			feed_free(fr->parser);
			fr->parser = NULL;
		} else if (fr->parser != NULL)
			feed_forget(fr);
		warnx("%s", shown(ctx, "%s: %s", r->url, r->error));
		ctx->nfailed++;
		return;
	}
	/* a body that did not stream (from the cache), after a try that
	 * streamed and broke, perhaps */
	if (fr->parser != NULL && fr->ptry != r->tries)
		feed_forget(fr);
	if (fr->parser == NULL) {
		feed_start(fr, r->final_url, r->cloc, r->ctype);
		feed_push(fr->parser, buf_str(&r->body), r->body.len);
	}
	ok = feed_end(fr->parser);
	ids_commit(fr);
	if (ok == -1) {
		warnx("%s", shown(ctx, "%s: %s%s%s%s", r->url,
		    feed_error(fr->parser), r->ctype ? " (" : "",
		    r->ctype ? r->ctype : "", r->ctype ? ")" : ""));
		ctx->nfailed++;
	} else if (feed_error(fr->parser) != NULL)
		warnx("%s", shown(ctx, "%s: warning: %s", r->url,
		    feed_error(fr->parser)));
	feed_free(fr->parser);
	fr->parser = NULL;
	req_free(r);
	memset(r, 0, sizeof(*r));
}

void
run_feeds(struct fetch_ctx *ctx, struct feedlist *fl)
{
	size_t i;

	ctx->nruns = fl->n;
	ctx->runs = xcalloc(ctx->nruns ? ctx->nruns : 1, sizeof(*ctx->runs));
	for (i = 0; i < ctx->nruns; i++) {
		ctx->runs[i].ctx = ctx;
		ctx->runs[i].fc = &fl->v[i];
		/* stdin, or a file operand: read here, not by libcurl */
		if (strcmp(fl->v[i].url, "-") == 0 ||
		    !url_has_scheme(fl->v[i].url)) {
			ctx->runs[i].stdin_feed = 1;
			continue;
		}
		ctx->runs[i].req.url = xstrdup(fl->v[i].url);
		ctx->runs[i].req.kind = REQ_FEED;
		ctx->runs[i].req.ud = &ctx->runs[i];
		ctx->runs[i].req.sink = feed_sink;
		http_add(&ctx->runs[i].req);
	}
	flush_feeds(ctx);
	while (ctx->next_out < ctx->nruns) {
		http_step(feed_done, ctx);
		flush_feeds(ctx);
	}
	for (i = 0; i < ctx->nruns; i++) {
		buf_free(&ctx->runs[i].out);
		buf_free(&ctx->runs[i].pre);
		free(ctx->runs[i].pend);
		idset_free(&ctx->runs[i].pendset);
		req_free(&ctx->runs[i].req);
	}
	free(ctx->runs);
}

/* The host of url, for a feed's name (new string; url when none). */
static char *
host_of(const char *url)
{
	const char *s = url_authority(url), *e;

	if (s == NULL)
		return xstrdup(url);
	for (e = s; *e != '\0' && *e != '/' && *e != '?' && *e != ':' &&
	    *e != '#'; e++)
		;
	return e > s ? xstrndup(s, (size_t)(e - s)) : xstrdup(url);
}

void
feeds_list(struct feedlist *fl, const char *config, int argc, char **argv)
{
	char *text, *name;
	size_t len;
	int i;

	if (config != NULL) {
		if ((text = read_file(config, 1 << 24, &len)) == NULL)
			err(2, "%s", config);
		if (conf_parse(fl, config, text, len) > 0)
			exit(2);
		free(text);
	}
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			conf_add(fl, "stdin", "-", NULL, NULL, NULL);
			continue;
		}
		if (!url_has_scheme(argv[i])) {
			struct stat st;

			/* a local feed file, as sfeed reads stdin */
			if (stat(argv[i], &st) == -1)
				err(2, "%s: not a URL, nor a file", argv[i]);
			if (S_ISDIR(st.st_mode))
				errx(2, "%s: Is a directory", argv[i]);
			conf_add(fl, argv[i], argv[i], NULL, NULL, NULL);
			continue;
		}
		text = url_redacted(argv[i]);
		name = host_of(text);
		free(text);
		conf_add(fl, name, argv[i], NULL, NULL, NULL);
		free(name);
	}
}
