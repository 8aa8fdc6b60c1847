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
#include "simd.h"
#include "urlsafe.h"	/* url_is_http() */

/* No date: the feed gave none, or none that is valid. */
#define DATE_NONE (-9223372036854775807LL - 1)

/* text.c */
/* Plain text of HTML fragment s[0..n): tags dropped (script and style
 * with their content), character references decoded, white space
 * collapsed; block elements become line breaks unless oneline is set,
 * then everything is one line.  Appends to out. */
void	 html_to_text(struct buf *out, const char *s, size_t n,
	    int oneline);
/* Plain text s[0..n) with white space collapsed (runs of space become one
 * space, line breaks kept unless oneline), trimmed.  Appends to out. */
void	 text_collapse(struct buf *out, const char *s, size_t n,
	    int oneline);
/* The code point of the HTML named reference name[0..n) (without & and
 * ;), or 0 when unknown. */
uint32_t entity_lookup(const char *name, size_t n);
/* The windows-1252 character a C1 control (U+0080-U+009F) stands for in
 * web text; other code points unchanged. */
/* The canonical form of an absolute http(s) URL: scheme and host in
 * lower case, default port and fragment removed, utm_* and click-id
 * parameters removed, empty path made "/".  Other URLs are returned
 * trimmed.  New string. */
char	*url_canon(const char *url);
/* The same, appended to out. */
void	 url_canon_to(struct buf *out, const char *url);
/* Resolve ref against base (either may be NULL).  New string. */
char	*url_resolve(const char *base, const char *ref);
/* The same, appended to out (ref not NULL). */
void	 url_resolve_to(struct buf *out, const char *base, const char *ref);

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
