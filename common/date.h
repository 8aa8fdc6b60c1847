/* date.h: every date form the tools read, parsed in one place.  The
 * writer is time_rfc3339() in timeutil.h. */
#ifndef SEC_DATE_H
#define SEC_DATE_H

/* A date as feeds, HTTP headers and page metadata write it (RFC 822/
 * 1123/2822 and their variants, RFC 3339/ISO 8601/W3CDTF, asctime and a
 * few more: see date.c), to seconds since the epoch in *t.  A date
 * without a zone is UTC; an RFC 822 time without a zone is rejected.
 * Returns 0, or -1 when s is not a date or a field is out of range. */
int	 date_parse(const char *s, long long *t);
/* Exactly RFC 3339: "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)" ("t",
 * "z" and a space for "T" are accepted).  0 and *t, or -1. */
int	 date_parse_rfc3339(const char *s, long long *t);
/* Exactly "YYYY-MM-DD", a real calendar day: 0 and *t (its midnight
 * UTC), or -1. */
int	 date_parse_ymd(const char *s, long long *t);
/* The day a file's name begins with (YYYYMMDD, no digit after it), as
 * YYYY-MM-DD in out: the name sec-daily gives a day's files.  0, or -1
 * when the name has none. */
int	 date_of_name(const char *path, char out[11]);
/* The ISO 8601 week of the day that holds t (UTC): "YYYY-Www" (the
 * year the week's Thursday falls in) into out.  Returns out. */
char	*date_iso_week(long long t, char out[9]);

#endif
