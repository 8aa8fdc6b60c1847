/* url.h: URLs, in one place: canonical form, resolution against a base,
 * the scheme and authority, and what of a URL may be shown, stored, or
 * made a link (the rules every tool applies before a URL leaves it). */
#ifndef SEC_URL_H
#define SEC_URL_H

#include <stddef.h>

#include "buf.h"

/* Remove the userinfo ("user:pass@") of every "scheme://" URL in the
 * NUL-terminated text s, in place.  Works on a lone URL and on a message
 * that quotes URLs.  Returns the new length. */
size_t	 url_strip_userinfo(char *s);
/* The same on a copy (new). */
char	*url_redacted(const char *s);
/* Nonzero when s (a whole URL) starts with "http://" or "https://" in any
 * case, after no leading blanks or controls: the only schemes that may
 * become a live link in a report or page. */
int	 url_is_http(const char *s);

/* Nonzero when s contains "://", the mark of an absolute URL with an
 * authority ("http://", "hxxp://", "ftp://"; the scheme is not checked,
 * as indicator values keep theirs defanged). */
int	 url_has_scheme(const char *s);
/* The authority of s: just after its first "://", or NULL when there is
 * none (borrowed, points into s). */
const char *url_authority(const char *s);
/* The length of the authority at a (from url_authority): up to the first
 * '/', '?', '#' or the end. */
size_t	 url_authority_len(const char *a);
/* The host of s: its authority without the userinfo (up to the last '@')
 * and the port; an IPv6 address keeps its brackets.  NULL when s has no
 * "://"; else *len is its length (borrowed, points into s; not lowered,
 * may be empty). */
const char *url_host(const char *s, size_t *len);

/* The canonical form of an absolute http(s) URL: scheme and host in
 * lower case, default port and fragment removed, utm_* and click-id
 * parameters removed, empty path made "/".  Other URLs are returned
 * trimmed.  New string. */
char	*url_canon(const char *url);
/* The same, appended to out. */
void	 url_canon_to(struct buf *out, const char *url);
/* Resolve ref against base (either may be NULL), RFC 3986 by libxml2; an
 * http(s) ref is taken as it is.  New string.  (url_resolve.c: only the
 * tools that call it link libxml2.) */
char	*url_resolve(const char *base, const char *ref);
/* The same, appended to out (ref not NULL). */
void	 url_resolve_to(struct buf *out, const char *base, const char *ref);

#endif
