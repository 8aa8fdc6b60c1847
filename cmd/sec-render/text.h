/* text.h: making untrusted strings safe for one line of Markdown, a link,
 * a CSV field. */
#ifndef SEC_RENDER_TEXT_H
#define SEC_RENDER_TEXT_H

#include <stddef.h>

#include "buf.h"

/* Append s as one line of text: invalid UTF-8 becomes U+FFFD; runs of
 * white space and control characters (C0, DEL, C1, U+2028, U+2029) become
 * one space; leading and trailing ones are dropped; invisible characters
 * that can hide or reorder text (zero-width space, direction marks and
 * overrides) are dropped; a "<" that could open an HTML tag becomes
 * "&lt;". */
void	 txt_line(struct buf *out, const char *s);
/* Like txt_line without the "&lt;": for JSON strings. */
void	 txt_plain(struct buf *out, const char *s);
/* Like txt_line, for the text of a Markdown link: "[", "]", "\" and "`"
 * are escaped with a backslash. */
void	 txt_linktext(struct buf *out, const char *s);
/* Append a URL for a Markdown link or a line of its own: leading and
 * trailing white space dropped; space, control characters, invisible
 * characters, invalid UTF-8 bytes and ( ) < > \ ` are percent-encoded. */
void	 txt_url(struct buf *out, const char *s);
/* Append one CSV field (RFC 4180): quoted when it holds a comma, a double
 * quote, CR or LF; quotes doubled. */
void	 txt_csv(struct buf *out, const char *s);
/* Append the context of an IOC row: txt_line, then ASCII commas become
 * "、" and http/https/ftp URLs and every occurrence of the indicator value
 * (when it is not NULL) are defanged. */
void	 txt_context(struct buf *out, const char *s, const char *value,
	    const char *type);
/* Nonzero when s holds nothing but white space (or is NULL). */
int	 txt_blank(const char *s);

#endif
