/* jsonw.h: a small, fast writer of flat JSON records into a struct buf,
 * byte for byte what jansson's json_dumps(JSON_COMPACT) writes for the
 * same strings (tests/fuzz/fuzz_jsonw.c compares the two). */
#ifndef SEC_JSONW_H
#define SEC_JSONW_H

#include <stddef.h>

#include "buf.h"

/* jsonw_str() flags */
#define JSONW_FIRST	1	/* no comma before the member */
#define JSONW_REPAIR	2	/* invalid UTF-8 becomes U+FFFD first */

/* Write s[0..n) at o as a JSON string in quotes, escaped as jansson
 * escapes (", \, the short forms of \b \f \n \r \t, \u00XX for the other
 * C0 controls, nothing else); o has room for jsonw_room(n) bytes.
 * Returns the end of what was written (not NUL-terminated). */
char	*jsonw_escape(char *o, const char *s, size_t n);
/* The room jsonw_escape() needs for n bytes: 6 * n + 2. */
#define jsonw_room(n)	(6 * (n) + 2)
/* Append ,"key":"v" to b: without the comma when flags has JSONW_FIRST,
 * the key as it is (a literal of the caller's), and just "v" when key is
 * NULL (an array element).  Nothing for a NULL v.  v must be valid UTF-8
 * unless flags has JSONW_REPAIR. */
void	 jsonw_str(struct buf *b, const char *key, const char *v,
	    int flags);

#endif
