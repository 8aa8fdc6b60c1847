/* timeutil.c: UTC civil time arithmetic (Howard Hinnant's days-from-civil
 * algorithm, written out from its description). */
#include <stdio.h>
#include <string.h>

#include "timeutil.h"
#include "util.h"

static long long
days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long long
time_from_civil(int year, int mon, int mday, int hour, int min, int sec)
{
	return days_from_civil(year, mon, mday) * 86400LL + hour * 3600LL +
	    min * 60LL + sec;
}

void
time_to_civil(long long t, int *year, int *mon, int *mday, int *hour,
    int *min, int *sec)
{
	long long days, rem, era, doe, yoe, y, doy, mp;

	days = t / 86400;
	rem = t % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	*hour = (int)(rem / 3600);
	*min = (int)(rem % 3600 / 60);
	*sec = (int)(rem % 60);
	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	*mon = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(y + (*mon <= 2));
}

/* v (0-99) as two digits at s. */
static void
two(char *s, int v)
{
	s[0] = (char)('0' + v / 10);
	s[1] = (char)('0' + v % 10);
}

char *
time_rfc3339(long long t, char out[RFC3339_LEN])
{
	int y, mo, d, h, mi, s;

	time_to_civil(t, &y, &mo, &d, &h, &mi, &s);
	if (y < 0 || y > 9999)
		y = y < 0 ? 0 : 9999;
	/* by hand: snprintf took 4% of sec-fetch's time on a big feed */
	memcpy(out, "0000-00-00T00:00:00Z", RFC3339_LEN);
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	two(out + 5, mo);
	two(out + 8, d);
	two(out + 11, h);
	two(out + 14, mi);
	two(out + 17, s);
	return out;
}

int
time_mdays(int year, int mon)
{
	static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	if (mon < 1 || mon > 12)
		return 0;
	return md[mon - 1] + (mon == 2 && leap);
}

/* Day of the week of t, 0 for Monday. */
static int
weekday(long long t)
{
	long long days = t >= 0 ? t / 86400 : (t - 86399) / 86400;

	/* 1970-01-01 was a Thursday */
	return (int)(((days + 3) % 7 + 7) % 7);
}

long long
time_iso_monday(int year, int week)
{
	long long jan4 = time_from_civil(year, 1, 4, 0, 0, 0);
	long long mon1 = jan4 - (long long)weekday(jan4) * 86400;
	long long next = time_from_civil(year + 1, 1, 4, 0, 0, 0);
	long long last = next - (long long)weekday(next) * 86400;

	if (week < 1 || mon1 + (long long)(week - 1) * 7 * 86400 >= last)
		return -1;
	return mon1 + (long long)(week - 1) * 7 * 86400;
}

void
time_iso_week(long long t, int *year, int *week)
{
	int y, mo, d, h, mi, s;
	long long mon;

	/* the week's Thursday decides its year */
	t -= (long long)weekday(t) * 86400;
	t += 3 * 86400;
	time_to_civil(t, &y, &mo, &d, &h, &mi, &s);
	mon = time_iso_monday(y, 1);
	*year = y;
	*week = (int)((t - mon) / (7 * 86400)) + 1;
}
