/* run.h: what the parts of the sec-fetch tool share: the context of one
 * run (its options and its state, passed to every part explicitly) and
 * the entry points of feeds.c (fetching and reading the feeds), items.c
 * (an item to a record), seen.c (the ids emitted, the --seen file),
 * pages.c (-p) and sources.c (--sources). */
#ifndef SEC_FETCH_RUN_H
#define SEC_FETCH_RUN_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "buf.h"
#include "conf.h"
#include "fetch.h"
#include "hash.h"
#include "http.h"
#include "util.h"


struct fetch_ctx;

/* One feed of the list, from its request to its records. */
struct feedrun {
	struct fetch_ctx *ctx;
	struct feedconf *fc;
	struct req req;
	struct buf out;		/* records waiting for their turn */
	int	 done, stdin_feed;
	struct feed_parser *parser;	/* fed as the body arrives */
	int	 ptry;			/* the try of req it reads */
	uint64_t *pend;			/* ids of its items read so far */
	size_t	 npend, pendcap;
	struct idset pendset;		/* the same ids, as a set */
	struct buf pre;		/* see feed_fields() in items.c */
	int	 pre_done, pre_title;
};

struct fetch_ctx {
	/* the options */
	struct http_opts hopt;
	size_t	 maxline;		/* -L */
	long long since, until;		/* items in [since, until) */
	const char *seenfile;		/* --seen, or NULL */
	const char *skip_sections;	/* --skip-sections */
	int	 max_sources;		/* --max-sources */
	int	 max_sources_total;	/* --max-sources-total */
	/* the ids (seen.c) */
	struct idset ids;		/* emitted by earlier feeds or runs */
	struct idset claimed;		/* read by feeds still being read */
	uint64_t *newids;		/* ids to add to the seen file */
	size_t	 nnew, newcap;
	struct idset touched;		/* its ids met again in this run */
	int	 seendups;		/* the seen file repeats an id */
	/* the feeds (feeds.c), written out in this order */
	struct feedrun *runs;
	size_t	 nruns, next_out;
	/* scratch of items.c, kept for the whole run */
	struct buf line;		/* the record being written */
	struct buf iurl;		/* its canonical URL */
	struct buf ikey;		/* what its id is the hash of */
	struct buf lang_in, lang_out;
	struct buf iguid;		/* its guid, when redacted */
	struct buf msg;			/* see shown() */
	size_t	 itembad;		/* items over -L */
	int	 nfailed;		/* feeds or pages that failed */
};

/* feeds.c */
/* Fetch (or read from stdin) every feed of fl and write its records,
 * feed by feed in the order of the list. */
void	 run_feeds(struct fetch_ctx *, struct feedlist *fl);
/* Write a record of fr (n bytes at s): at once when it is fr's turn,
 * else kept until it is. */
void	 feeds_write(struct feedrun *fr, const char *s, size_t n);
/* The feed list: the config file's feeds (config may be NULL), then one
 * for each operand (a URL, or - for stdin).  Exits 2 on a bad config or
 * operand. */
void	 feeds_list(struct feedlist *fl, const char *config, int argc,
	    char **argv);

/* items.c */
/* The message fmt formats, with the userinfo ("user:pass@") of every
 * URL in it removed: what sec-fetch shows on stderr or puts in an
 * errors entry never carries a credential.  Borrowed (ctx->msg). */
const char *shown(struct fetch_ctx *, const char *fmt, ...)
	    PRINTFLIKE(2, 3);
/* The feed_item_fn of every feed (ud: its struct feedrun): the item
 * becomes a record, or is skipped (--since, --until, --seen). */
void	 on_item(const struct feed_item *it, void *ud);
/* Release items.c's scratch. */
void	 items_free(struct fetch_ctx *);

/* seen.c */
/* Whether the item id may come out of fr: no feed read before gave it
 * and no other feed being read has it (the first to read an item gives
 * it; repeated items within one feed all come out).  If so, id is
 * noted as one of fr's. */
int	 ids_claim(struct feedrun *fr, uint64_t id);
/* Forget the ids fr read: they were read from a body that does not
 * count. */
void	 ids_drop(struct feedrun *fr);
/* Whether an earlier feed or run gave id. */
int	 ids_given(struct fetch_ctx *, uint64_t id);
/* The feed fr is read: its ids join the set (and the seen file's new
 * ones). */
void	 ids_commit(struct feedrun *fr);
/* Read the --seen file's ids into the set; save this run's new ones,
 * renewed and pruned. */
void	 seen_load(struct fetch_ctx *);
void	 seen_save(struct fetch_ctx *);
void	 seen_free(struct fetch_ctx *);

/* pages.c */
/* The ordered window of page and sources mode: the records of the
 * files (or stdin), at most jobs * 4 + 16 at a time, each given to
 * start() in a slot of its own (zeroed, size bytes, at a fixed address
 * until put); transfers run, each finished one going to fin(ud, ctx);
 * the records whose slot is done() are given to put() in input order. */
struct window_ops {
	size_t	 size;
	void	 (*start)(struct fetch_ctx *, void *slot, json_t *rec);
	int	 (*done)(const void *slot);
	void	 (*put)(void *slot);
	void	 (*fin)(struct req *, void *ctx);
};
void	 rec_window(struct fetch_ctx *, int argc, char **argv,
	    const struct window_ops *);
/* Page mode: the records of the files (or stdin) with their pages. */
void	 run_pages(struct fetch_ctx *, int argc, char **argv);

/* sources.c */
/* Sources mode: the records of the files (or stdin) with the primary
 * sources their digests cite and the IOC pages those link to. */
void	 run_sources(struct fetch_ctx *, int argc, char **argv);

#endif
