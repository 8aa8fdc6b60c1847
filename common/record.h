/* record.h: reading and setting record fields (sec-record(5)). */
#ifndef SEC_RECORD_H
#define SEC_RECORD_H

#include <stddef.h>
#include <jansson.h>

#include "util.h"

/* The tool name used in "errors" entries and diagnostics. */
const char *rec_toolname(void);
/* The plain name, kept by cli_init() before it colours the one err(3)
 * prints; NULL until then. */
extern const char *rec_tool;
/* Append {"tool": <this tool>, "message": <formatted>} to rec's "errors"
 * array (created when absent).  rec is borrowed. */
void	 rec_error(json_t *rec, const char *fmt, ...) PRINTFLIKE(2, 3);
/* The string value of key, or NULL when absent or not a string
 * (borrowed). */
const char *rec_str(const json_t *rec, const char *key);
/* A JSON string of s[0..n) with invalid UTF-8 replaced and NUL bytes
 * dropped (new reference, never NULL). */
json_t	*json_string_safe(const char *s, size_t n);
/* Set key to the string s (repaired as above); s NULL deletes the key. */
void	 rec_set_str(json_t *rec, const char *key, const char *s);
void	 rec_set_strn(json_t *rec, const char *key, const char *s, size_t n);
/* Set key to v, stealing the reference; exits 1 on failure. */
void	 rec_set_new(json_t *rec, const char *key, json_t *v);
/* Append v to array a, stealing the reference; exits 1 on failure. */
void	 arr_append_new(json_t *a, json_t *v);

#endif
