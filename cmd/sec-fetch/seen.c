/* seen.c: the ids of the items emitted, by this run and by earlier
 * ones (the --seen file). */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "run.h"

/* a seen-file entry not met for this long is dropped */
#define SEEN_KEEP	(90LL * 86400)

int
ids_given(struct fetch_ctx *ctx, uint64_t id)
{
	return idset_has(&ctx->ids, id);
}

/* Empty fr's list of ids. */
static void
pend_free(struct feedrun *fr)
{
	free(fr->pend);
	idset_free(&fr->pendset);
	fr->pend = NULL;
	fr->npend = fr->pendcap = 0;
	memset(&fr->pendset, 0, sizeof(fr->pendset));
}

int
ids_claim(struct feedrun *fr, uint64_t id)
{
	struct fetch_ctx *ctx = fr->ctx;

	if (idset_has(&ctx->claimed, id) &&
	    !idset_has(&fr->pendset, id))
		return 0;
	if (fr->npend == fr->pendcap) {
		fr->pendcap = fr->pendcap ? fr->pendcap * 2 : 256;
		fr->pend = xreallocarray(fr->pend, fr->pendcap,
		    sizeof(*fr->pend));
	}
	fr->pend[fr->npend++] = id;
	idset_add(&fr->pendset, id);
	idset_add(&ctx->claimed, id);
	return 1;
}

void
ids_commit(struct feedrun *fr)
{
	struct fetch_ctx *ctx = fr->ctx;
	size_t i;

	for (i = 0; i < fr->npend; i++) {
		if (idset_has(&ctx->ids, fr->pend[i]))
			continue;
		idset_add(&ctx->ids, fr->pend[i]);
		if (ctx->seenfile == NULL)
			continue;
		if (ctx->nnew == ctx->newcap) {
			ctx->newcap = ctx->newcap ? ctx->newcap * 2 : 256;
			ctx->newids = xreallocarray(ctx->newids, ctx->newcap,
			    sizeof(*ctx->newids));
		}
		ctx->newids[ctx->nnew++] = fr->pend[i];
	}
	pend_free(fr);
}

void
ids_drop(struct feedrun *fr)
{
	struct fetch_ctx *ctx = fr->ctx;
	size_t i, k;

	pend_free(fr);
	/* what the other feeds being read hold stays claimed */
	idset_free(&ctx->claimed);
	memset(&ctx->claimed, 0, sizeof(ctx->claimed));
	for (i = 0; i < ctx->nruns; i++)
		for (k = 0; k < ctx->runs[i].npend; k++)
			idset_add(&ctx->claimed, ctx->runs[i].pend[k]);
}

/* A line of the seen file (NUL-terminated): 2 for an entry, "id<TAB>time"
 * with the id in 16 hex digits; 1 for an id with anything else after it
 * (still an id to skip); 0 for no entry. */
static int
seen_entry(const char *line, uint64_t *id, long long *t)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(line, &end, 16);
	if (end - line != 16 || errno != 0)
		return 0;
	*id = (uint64_t)v;
	if (*end != '\t')
		return 1;
	errno = 0;
	*t = strtoll(end + 1, &end, 10);
	if (errno != 0 || *end != '\0' || end == line + 17)
		return 1;
	return 2;
}

void
seen_load(struct fetch_ctx *ctx)
{
	char *text, *line, *next;
	size_t len;
	uint64_t v;
	long long t;

	if ((text = read_file(ctx->seenfile, 1LL << 30, &len)) == NULL) {
		if (errno != ENOENT)
			err(1, "%s", ctx->seenfile);
		return;
	}
	for (line = text; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (seen_entry(line, &v, &t) > 0 &&
		    !idset_add(&ctx->ids, v))
			ctx->seendups = 1;
	}
	free(text);
}

struct seen_ent {
	uint64_t id;
	long long t;
};

static int
seen_ent_cmp(const void *a, const void *b)
{
	const struct seen_ent *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Copy the seen file's text to out with one line per id: an id given
 * more than once keeps its latest time, at its first place.  Entries
 * met again in this run are renewed, those not met for SEEN_KEEP
 * dropped; a line that is no entry is kept as it is.  Every id written
 * joins present.  Returns whether anything changed. */
static int
seen_prune(struct fetch_ctx *ctx, struct buf *out, char *text,
    long long now, struct idset *present)
{
	struct seen_ent *ents = NULL, key, *e;
	char *line, *next, **lines = NULL;
	size_t nl = 0, ne = 0, i, j;
	uint64_t v;
	long long t;
	int changed = 0, kind;

	for (line = text; *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		lines = xreallocarray(lines, nl + 1, sizeof(*lines));
		lines[nl++] = line;
		if (seen_entry(line, &v, &t) == 2) {
			ents = xreallocarray(ents, ne + 1, sizeof(*ents));
			ents[ne].id = v;
			ents[ne++].t = t;
		}
	}
	/* the latest time of each id */
	if (ne > 0)
		qsort(ents, ne, sizeof(*ents), seen_ent_cmp);
	for (i = 0; i < ne; i = j) {
		for (j = i + 1; j < ne && ents[j].id == ents[i].id; j++)
			if (ents[j].t > ents[i].t)
				ents[i].t = ents[j].t;
		for (; i + 1 < j; i++)
			ents[i + 1].t = ents[i].t;
	}
	for (i = 0; i < nl; i++) {
		kind = seen_entry(lines[i], &v, &t);
		if (kind > 0 && idset_has(present, v)) {
			changed = 1;	/* a repeated id */
			continue;
		}
		if (kind != 2) {
			buf_printf(out, "%s\n", lines[i]);
			if (kind == 1)
				idset_add(present, v);
			continue;
		}
		key.id = v;
		e = bsearch(&key, ents, ne, sizeof(*ents), seen_ent_cmp);
		if (e->t != t)
			changed = 1;
		t = e->t;
		if (idset_has(&ctx->touched, v) && t != now) {
			t = now;
			changed = 1;
		}
		if (t < now - SEEN_KEEP) {
			changed = 1;
			continue;
		}
		idset_add(present, v);
		buf_printf(out, "%016llx\t%lld\n", (unsigned long long)v, t);
	}
	free(lines);
	free(ents);
	return changed;
}

/* Add this run's new ids under a lock: the file is read again there, so
 * an id another run added meanwhile is not added twice.  The entries
 * are renewed, pruned and made unique (seen_prune) and the file is
 * replaced atomically. */
void
seen_save(struct fetch_ctx *ctx)
{
	struct buf lk = BUF_INIT, all = BUF_INIT;
	struct idset present = IDSET_INIT;
	char *text;
	size_t len, i, added = 0;
	long long now = (long long)time(NULL);
	int fd, changed = 0;

	if (ctx->nnew == 0 && ctx->touched.n == 0 && !ctx->seendups)
		return;
	buf_printf(&lk, "%s.lock", ctx->seenfile);
	if ((fd = open(lk.s, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) == -1 ||
	    flock(fd, LOCK_EX) == -1)
		err(1, "%s", lk.s);
	if ((text = read_file(ctx->seenfile, 1LL << 30, &len)) != NULL) {
		changed = seen_prune(ctx, &all, text, now,
		    &present);
		free(text);
	} else if (errno != ENOENT)
		err(1, "%s", ctx->seenfile);
	for (i = 0; i < ctx->nnew; i++) {
		if (idset_has(&present, ctx->newids[i]))
			continue;
		idset_add(&present, ctx->newids[i]);
		buf_printf(&all, "%016llx\t%lld\n",
		    (unsigned long long)ctx->newids[i], now);
		added++;
	}
	if ((changed || added > 0) &&
	    write_file_atomic(ctx->seenfile, buf_str(&all), all.len) == -1)
		err(1, "%s", ctx->seenfile);
	close(fd);
	idset_free(&present);
	buf_free(&lk);
	buf_free(&all);
}

void
seen_free(struct fetch_ctx *ctx)
{
	idset_free(&ctx->ids);
	idset_free(&ctx->claimed);
	idset_free(&ctx->touched);
	free(ctx->newids);
}
