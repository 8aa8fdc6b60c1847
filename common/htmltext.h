/* htmltext.h: HTML to plain text, character references and white space,
 * in one place for every tool. */
#ifndef SEC_HTMLTEXT_H
#define SEC_HTMLTEXT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* What html_to_text() makes of its input. */
#define HTML_ONELINE	0x1	/* no line breaks: everything is one line */
#define HTML_LINES	0x2	/* the source's own newlines are line breaks
				 * (two or more a paragraph) and its tabs
				 * tabs: text with some markup in it, not a
				 * page */
#define HTML_HIDDEN	0x4	/* elements a reader does not see go with
				 * their content (hidden, display:none,
				 * aria-hidden, head, title...), and all
				 * that follows one left open */

/* Plain text of HTML fragment s[0..n): tags dropped (script and style
 * with their content), character references decoded, white space
 * collapsed; block elements become line breaks.  flags are HTML_*.
 * Appends to out. */
void	 html_to_text(struct buf *out, const char *s, size_t n,
	    unsigned flags);

/* What text_collapse() and text_ws_len() take for white space, and what
 * becomes of it.  ASCII white space and U+00A0 (NBSP) always are. */
#define COLLAPSE_LINES	0x1	/* keep line breaks: a run with one newline
				 * becomes "\n", with more "\n\n" */
#define COLLAPSE_WIDE	0x2	/* U+2000-U+200B and U+3000 (the wide and
				 * zero-width spaces) are white space too */

/* Plain text s[0..n) with white space collapsed: each run becomes one
 * space (or line break, COLLAPSE_LINES), none at the start or the end;
 * C0 controls and DEL are dropped.  Other bytes are copied as they are
 * (validity is the caller's business).  Appends to out. */
void	 text_collapse(struct buf *out, const char *s, size_t n,
	    unsigned flags);
/* The length of the white space character at s[i] (i < n) as flags
 * count it, or 0 when it is none. */
size_t	 text_ws_len(const char *s, size_t n, size_t i, unsigned flags);

/* The code point of the HTML named reference name[0..n) (without & and
 * ;), or 0 when unknown. */
uint32_t entity_lookup(const char *name, size_t n);

#endif
