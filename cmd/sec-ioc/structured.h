/* structured.h: indicators read from structured documents, STIX 2.1
 * bundles and MISP events, as sec-ioc(1) finds them in a record's
 * "sources" (sec-record(5)). */
#ifndef SEC_IOC_STRUCTURED_H
#define SEC_IOC_STRUCTURED_H

#include <stddef.h>

#include <jansson.h>

/* The indicators of the document s[0..n), a STIX bundle (format "stix")
 * or one or more MISP events ("misp"): a new JSON array of IOC objects
 * (sec-record(5)) with "origin" set to format, "count", "context" and,
 * when the document states it, "observed"; only types in mask (bits of
 * 1 << enum ioc_type), each (type, value) once.  *nskip counts the
 * indicators left out as unreadable (a value that is not of its type).
 * Returns NULL when s is not such a document; *why then says why
 * (static text). */
json_t	*structured_iocs(const char *s, size_t n, const char *format,
	    unsigned mask, size_t *nskip, const char **why);

/* Called for each comparison "path = 'value'" of a STIX pattern, with
 * the value's escapes undone; both are borrowed for the call. */
typedef void (*stix_cmp_fn)(const char *path, const char *value,
    void *arg);
/* Walk the STIX pattern pat: every equality of an object path with a
 * string, in brackets, ORed or ANDed; other comparisons (!=, LIKE,
 * MATCHES, IN, NOT ...) are skipped.  Returns the number of equalities
 * passed to fn, or -1 when the pattern does not parse (fn may have been
 * called for what came before). */
int	 stix_pattern_each(const char *pat, stix_cmp_fn fn, void *arg);

#endif
