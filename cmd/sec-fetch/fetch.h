/* fetch.h: the parts of sec-fetch, shared between its files and its
 * unit tests and fuzz targets. */
#ifndef SEC_FETCH_H
#define SEC_FETCH_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "charset.h"
#include "date.h"	/* date_parse() */
#include "hash.h"	/* fnv1a64(), struct idset */
#include "htmltext.h"
#include "simd.h"
#include "url.h"

/* No date: the feed gave none, or none that is valid. */
#define DATE_NONE (-9223372036854775807LL - 1)

/* feed.c */
enum { F_TITLE, F_LINK, F_GUID, F_PUBLISHED, F_UPDATED, F_SUMMARY,
	F_AUTHOR, F_LANG, F_NFIELDS };

struct feed_item {
	const char *field[F_NFIELDS];	/* NULL when absent (borrowed) */
	long long published, updated;	/* DATE_NONE when absent/invalid */
	const char **categories;	/* ncat entries */
	size_t	 ncat;
};

/* Called for every item as its end is read; the item and its strings
 * live until the callback returns. */
typedef void (*feed_item_fn)(const struct feed_item *, void *ud);

struct feed_parser;
/* A parser for one document.  url: the document's address (base for
 * relative links; may be NULL); encoding: an override (config or HTTP
 * charset; NULL to sniff). */
struct feed_parser *feed_new(const char *url, const char *encoding,
	    const char *http_charset, feed_item_fn fn, void *ud);
/* Feed the next n bytes; returns 0, or -1 after a fatal error. */
int	 feed_push(struct feed_parser *, const char *s, size_t n);
/* End of the document.  Returns 0 when it was a feed (RSS, RDF or Atom),
 * -1 otherwise; feed_error() then says why. */
int	 feed_end(struct feed_parser *);
/* The feed's title and language (borrowed; NULL when not yet known). */
const char *feed_title(const struct feed_parser *);
const char *feed_lang(const struct feed_parser *);
/* The first XML error ("line N: message"), or NULL. */
const char *feed_error(const struct feed_parser *);
/* Items read so far. */
size_t	 feed_nitems(const struct feed_parser *);
void	 feed_free(struct feed_parser *);
/* Parse a whole document from memory. */
int	 feed_parse_mem(const char *s, size_t n, const char *url,
	    const char *encoding, const char *http_charset, feed_item_fn fn,
	    void *ud, struct feed_parser **out);
/* Call once before any parsing: blocks every external entity and DTD
 * load in libxml2. */
void	 feed_global_init(void);
/* Release libxml2's global state (at exit). */
void	 feed_global_cleanup(void);

#endif
