/* http.h: the transfer engine of sec-fetch, on libcurl's multi
 * interface: a number of transfers at once with a per-host cap,
 * redirects followed by hand (so every hop is checked), retries with
 * backoff that honour Retry-After, conditional requests against the
 * on-disk cache, and a cap on the body. */
#ifndef SEC_FETCH_HTTP_H
#define SEC_FETCH_HTTP_H

#include "buf.h"

struct http_opts {
	int	 jobs;		/* transfers at once */
	int	 perhost;	/* transfers at once to one host */
	long	 connect_ms, timeout_ms;
	int	 retries;	/* extra tries after the first */
	long	 retry_ms;	/* first backoff step */
	long	 max_wait_s;	/* longest Retry-After honoured */
	long long maxsize;	/* body cap */
	int	 max_redirs;
	int	 allow_file, allow_private;
	const char *proxy;	/* NULL: the environment's */
	const char *cachedir;	/* NULL: no cache */
	const char *useragent;
};

enum { REQ_FEED, REQ_PAGE };

struct req {
	/* set by the caller */
	char	*url;
	int	 kind;		/* REQ_FEED: 1st hop may be private */
	void	*ud;
	/* optional: the body of a 2xx answer (or a file) goes to sink as
	 * it arrives instead of into body; into body as well only when
	 * the cache is to store it.  The caller sets sunk once what went
	 * to sink can no longer be taken back: a transfer that breaks
	 * after that is not tried again.  Before that, a new try (tries
	 * changed) sends the body to sink again from its start. */
	void	(*sink)(struct req *, const char *, size_t);
	int	 sunk;
	/* the result */
	int	 failed;
	char	*error;		/* what went wrong, when failed */
	long	 status;	/* last HTTP status (304 when from cache) */
	char	*final_url;
	char	*ctype, *etag, *lastmod;
	char	*cloc;		/* Content-Location, or NULL */
	long long fetched_at;	/* seconds since the epoch */
	int	 from_cache;
	struct buf body;
	/* the engine's */
	struct req *next;
	void	*h;
	char	*cur;
	char	 host[256];
	int	 state, hops, tries, refused, toobig, noconditional;
	long long not_before;	/* ms, monotonic */
	long	 retry_after;	/* seconds, -1 when absent */
	long long nbody;	/* bytes of this try's body */
	int	 sinking;	/* -1 undecided, 0 no, 1 sink, 2 sink and keep */
	char	*h_etag, *h_lastmod, *h_ctype, *h_location, *h_cloc;
	char	*c_etag, *c_lastmod;	/* validators from the cache */
	void	*slist;
	char	*errbuf;
};

void	 http_init(const struct http_opts *);
void	 http_cleanup(void);
/* Queue a request (borrowed until it is handed back). */
void	 http_add(struct req *);
/* Run transfers until at least one request is finished (or none is
 * left); every finished one is passed to done.  Returns the number of
 * requests still queued or running. */
int	 http_step(void (*done)(struct req *, void *), void *arg);
/* Release what a finished request holds (not the struct). */
void	 req_free(struct req *);
/* Nonzero when the address (struct sockaddr *) is loopback, private,
 * link-local, multicast or otherwise not on the public Internet. */
int	 addr_private(const void *sa);

/* cache.c */
/* The cache directory to use by default ($XDG_CACHE_HOME/sec-tools/fetch
 * or ~/.cache/sec-tools/fetch); new string or NULL.  Entries that 0.1.0
 * left in $XDG_CACHE_HOME/sec-fetch are read too (cache_get()). */
char	*cache_default_dir(void);
/* The entry stored for url: its validators and content type (new
 * strings or NULL) and, when b is not NULL, its body into b.  Returns 0
 * when a whole entry with validators is found; -1 when there is none,
 * or only a damaged one (then nothing is set). */
int	 cache_get(const char *dir, const char *url, char **etag,
	    char **lastmod, char **ctype, struct buf *b, long long max);
/* Nonzero when the validators a and b are the same (both may be NULL). */
int	 cache_same(const char *a, const char *b);
/* Store body and validators for url as one file, replaced at once; 0
 * or -1 (errno set). */
int	 cache_put(const char *dir, const char *url, const char *etag,
	    const char *lastmod, const char *ctype, const char *body,
	    size_t len);

#endif
