/* urlsafe.h: what of a URL may be shown, stored, or made a link.  One home
 * for the rules every tool applies before a URL leaves it. */
#ifndef SEC_URLSAFE_H
#define SEC_URLSAFE_H

#include <stddef.h>

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

#endif
