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
 * "&lt;"; link syntax is made inert (txt_mdsafe); the userinfo of every
 * URL is removed (url_strip_userinfo). */
void	 txt_line(struct buf *out, const char *s);
/* Like txt_line, but an http(s) URL of the text that is one of
 * live[0..nlive) (refanged; a final "/" aside) is left as it is: a
 * reference link of the article, not an indicator. */
void	 txt_prose(struct buf *out, const char *s, char *const *live,
	    size_t nlive);
/* Like txt_line without the "&lt;" and txt_mdsafe: for JSON strings and
 * CSV fields. */
void	 txt_plain(struct buf *out, const char *s);
/* Append s as it is but for the userinfo of its URLs and the invisible
 * characters txt_line drops; invalid UTF-8 becomes U+FFFD.  For values
 * that must keep their form (indicators, URLs, ids). */
void	 txt_visible(struct buf *out, const char *s);
/* Like txt_line, for the text of a Markdown link: "[", "]", "\" and "`"
 * are escaped with a backslash. */
void	 txt_linktext(struct buf *out, const char *s);
/* Append a URL for a Markdown link or a line of its own: leading and
 * trailing white space dropped; space, control characters, invisible
 * characters, invalid UTF-8 bytes and ( ) < > \ ` are percent-encoded;
 * the userinfo is removed. */
void	 txt_url(struct buf *out, const char *s);
/* Append one CSV field (RFC 4180): quoted when it holds a comma, a double
 * quote, CR or LF; quotes doubled; a single quote put first when it starts
 * with "=", "+", "-", "@", tab or CR, so no spreadsheet takes it for a
 * formula. */
void	 txt_csv(struct buf *out, const char *s);
/* Append the context of an IOC row: txt_line, then ASCII commas become
 * "、" and http/https/ftp URLs and every occurrence of the indicator value
 * (when it is not NULL) are defanged. */
void	 txt_context(struct buf *out, const char *s, const char *value,
	    const char *type);
/* Make out[start..] inert as Markdown: a "]" that is not escaped and is
 * followed by "(" or ":" (the end of a link or an image, the label of a
 * reference definition) gets a backslash, and a "<" that could open
 * an autolink or an HTML tag becomes "&lt;". */
void	 txt_mdsafe(struct buf *out, size_t start);
/* Nonzero when s holds nothing but white space (or is NULL). */
int	 txt_blank(const char *s);

#endif
