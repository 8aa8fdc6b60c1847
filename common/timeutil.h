/* timeutil.h: UTC time conversions without the C library's time zone
 * state. */
#ifndef SEC_TIMEUTIL_H
#define SEC_TIMEUTIL_H

#include <time.h>

#define RFC3339_LEN 21	/* "2024-05-10T13:05:00Z" and the NUL */

/* Seconds since the epoch of a proleptic Gregorian UTC date and time;
 * fields are not normalised, the caller checks their ranges. */
long long time_from_civil(int year, int mon, int mday, int hour, int min,
	    int sec);
/* Break t into UTC fields (like gmtime_r, for any 64-bit t). */
void	 time_to_civil(long long t, int *year, int *mon, int *mday,
	    int *hour, int *min, int *sec);
/* Format t as "YYYY-MM-DDTHH:MM:SSZ".  Returns out. */
char	*time_rfc3339(long long t, char out[RFC3339_LEN]);
/* Days in a month of a year. */
int	 time_mdays(int year, int mon);
/* The ISO 8601 week of the UTC day of t: its year (which may differ from
 * the calendar year near 1 January) and its week, 1 to 53. */
void	 time_iso_week(long long t, int *year, int *week);
/* The Monday 00:00 UTC of ISO week week of year; -1 when that year has
 * no such week. */
long long time_iso_monday(int year, int week);

#endif
