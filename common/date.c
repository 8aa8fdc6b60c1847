/* date.c: every date form the tools read, to seconds since the epoch:
 * feed and HTTP dates, page metadata, RFC 3339 fields of records and
 * YYYY-MM-DD days.  One grammar; the strict entry points check a shape
 * and then use it.
 *
 * Accepted by date_parse(): RFC 822/1123/2822 and their common variants (missing weekday
 * or seconds, two-digit years, long month names, named or military time
 * zones, "GMT+hh:mm", a stray comma), W3CDTF / RFC 3339 / ISO 8601
 * (reduced precision, fractions, offsets with or without colon, a space
 * for "T", the truncated two-digit-year forms), asctime (with or without
 * a zone before the year), "Mon DD, YYYY HH:MM:SS+zzzz" and the slashed
 * "YYYY/MM/DD HH:MM:SS" form.  Anything else, and any field out of range,
 * is rejected: a date is never guessed. */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "timeutil.h"
#include "util.h"

struct dt {
	int	 year, mon, mday, hour, min, sec;
	int	 off;		/* minutes east of UTC */
	int	 haszone;
	int	 hastime;
};

static const char *const months[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};
static const char *const longmonths[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};
static const char *const days[] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};
static const char *const longdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday"
};

/* Time zone names: RFC 822's and the ones real feeds use. */
static const struct {
	const char *name;
	int	 off;	/* minutes east */
} zones[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "wet", 0 },
	{ "edt", -240 }, { "est", -300 }, { "et", -300 },
	{ "cdt", -300 }, { "cst", -360 }, { "ct", -360 },
	{ "mdt", -360 }, { "mst", -420 }, { "mt", -420 },
	{ "pdt", -420 }, { "pst", -480 }, { "pt", -480 },
	{ "adt", -180 }, { "ast", -240 }, { "at", -240 },
	{ "akdt", -480 }, { "akst", -540 }, { "hst", -600 },
	{ "nst", -210 }, { "ndt", -150 },
	{ "bst", 60 }, { "west", 60 }, { "cet", 60 }, { "met", 60 },
	{ "cest", 120 }, { "mest", 120 }, { "eet", 120 }, { "eest", 180 },
	{ "msk", 180 }, { "ist", 330 }, { "sgt", 480 }, { "hkt", 480 },
	{ "awst", 480 }, { "jst", 540 }, { "kst", 540 }, { "acst", 570 },
	{ "acdt", 630 }, { "aest", 600 }, { "aedt", 660 }, { "nzst", 720 },
	{ "nzdt", 780 },
};

static void
skipsp(const char **sp)
{
	while (**sp == ' ' || **sp == '\t' || **sp == '\r' || **sp == '\n')
		(*sp)++;
}

/* Read 1..max digits; at least min.  Returns the value or -1. */
static int
num(const char **sp, int min, int max)
{
	const char *s = *sp;
	int v = 0, n = 0;

	while (n < max && ASCII_ISDIGIT(*s)) {
		v = v * 10 + (*s - '0');
		s++;
		n++;
	}
	if (n < min)
		return -1;
	*sp = s;
	return v;
}

/* A word of ASCII letters, lowercased into w; returns its length. */
static size_t
word(const char **sp, char *w, size_t cap)
{
	const char *s = *sp;
	size_t n = 0;

	while (ASCII_ISALPHA(*s)) {
		if (n + 1 < cap)
			w[n] = (char)ascii_lower((unsigned char)*s);
		n++;
		s++;
	}
	if (n >= cap)
		return 0;
	w[n] = '\0';
	*sp = s;
	return n;
}

static int
monthnum(const char *w)
{
	size_t i;

	/* the short and long names of a month share their first letter */
	for (i = 0; i < 12; i++)
		if (w[0] == months[i][0] && (strcmp(w, months[i]) == 0 ||
		    strcmp(w, longmonths[i]) == 0))
			return (int)i + 1;
	if (strcmp(w, "sept") == 0)
		return 9;
	return 0;
}

static int
isday(const char *w)
{
	size_t i;

	for (i = 0; i < 7; i++)
		if (w[0] == days[i][0] && (strcmp(w, days[i]) == 0 ||
		    strcmp(w, longdays[i]) == 0))
			return 1;
	return strcmp(w, "tues") == 0 || strcmp(w, "thur") == 0 ||
	    strcmp(w, "thurs") == 0;
}

/* A numeric offset "+hhmm", "+hh:mm", "+hh" at *sp. */
static int
numzone(const char **sp, int *off)
{
	const char *s = *sp;
	int sign, h, m = 0;

	if (*s != '+' && *s != '-')
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	if (ASCII_ISDIGIT(s[0]) && ASCII_ISDIGIT(s[1]) &&
	    ASCII_ISDIGIT(s[2]) && ASCII_ISDIGIT(s[3]) &&
	    !ASCII_ISDIGIT(s[4])) {
		h = (s[0] - '0') * 10 + (s[1] - '0');
		m = (s[2] - '0') * 10 + (s[3] - '0');
		s += 4;
	} else {
		if ((h = num(&s, 1, 2)) < 0)
			return -1;
		if (*s == ':') {
			s++;
			if ((m = num(&s, 2, 2)) < 0)
				return -1;
		}
	}
	if (h > 23 || m > 59)
		return -1;
	*off = sign * (h * 60 + m);
	*sp = s;
	return 0;
}

/* A zone: numeric, a name, "GMT+hh:mm", "Etc/GMT" or a military letter. */
static int
zone(const char **sp, int *off)
{
	const char *s = *sp;
	char w[16];
	size_t i, n;

	if (*s == '+' || *s == '-')
		return numzone(sp, off);
	if (ascii_ncasecmp(s, "etc/", 4) == 0)
		s += 4;
	if ((n = word(&s, w, sizeof(w))) == 0)
		return -1;
	if ((strcmp(w, "gmt") == 0 || strcmp(w, "utc") == 0 ||
	    strcmp(w, "ut") == 0) && (*s == '+' || *s == '-')) {
		if (numzone(&s, off) == -1)
			return -1;
		/* RFC 822 style "GMT-01:01" names the local time's offset,
		 * as feedparser and common practice read it */
		*sp = s;
		return 0;
	}
	if (n == 1 && w[0] != 'z') {
		/* military zones, with RFC 822's (reversed) signs */
		int c = w[0];

		if (c == 'j')
			return -1;
		if (c >= 'a' && c <= 'i')
			*off = (c - 'a' + 1) * -60;
		else if (c >= 'k' && c <= 'm')
			*off = (c - 'k' + 10) * -60;
		else if (c >= 'n' && c <= 'y')
			*off = (c - 'n' + 1) * 60;
		else
			return -1;
		*sp = s;
		return 0;
	}
	for (i = 0; i < NELEM(zones); i++)
		if (w[0] == zones[i].name[0] &&
		    strcmp(w, zones[i].name) == 0) {
			*off = zones[i].off;
			*sp = s;
			return 0;
		}
	return -1;
}

/* "hh:mm[:ss[.frac]]" */
static int
hms(const char **sp, struct dt *d)
{
	const char *s = *sp;

	if ((d->hour = num(&s, 1, 2)) < 0 || *s != ':')
		return -1;
	s++;
	if ((d->min = num(&s, 2, 2)) < 0)
		return -1;
	d->sec = 0;
	if (*s == ':') {
		s++;
		if ((d->sec = num(&s, 2, 2)) < 0)
			return -1;
		if (*s == '.' || *s == ',') {
			if (!ASCII_ISDIGIT(s[1]))
				return -1;
			s++;
			while (ASCII_ISDIGIT(*s))
				s++;
		}
	}
	d->hastime = 1;
	*sp = s;
	return 0;
}

static int
year2(int y, int ndigits)
{
	if (ndigits > 2)
		return y;
	return y < 50 ? 2000 + y : 1900 + y;
}

static int
yearfield(const char **sp)
{
	const char *s = *sp;
	int y, n;

	if ((y = num(&s, 2, 4)) < 0)
		return -1;
	n = (int)(s - *sp);
	if (n == 3)
		return -1;
	*sp = s;
	return year2(y, n);
}

/* Optional zone at the end of an RFC 822 style date. */
static int
tailzone(const char **sp, struct dt *d)
{
	skipsp(sp);
	if (**sp == '\0')
		return 0;
	if (zone(sp, &d->off) == -1)
		return -1;
	d->haszone = 1;
	skipsp(sp);
	/* "(PDT)" comments after the zone */
	if (**sp == '(') {
		while (**sp != '\0' && **sp != ')')
			(*sp)++;
		if (**sp == ')')
			(*sp)++;
		skipsp(sp);
	}
	return 0;
}

/* RFC 822 and friends: [wday[,]] d mon[,] y [time [zone]],
 * [wday] mon d[,] y [time[zone]], and asctime: wday mon d time [zone] y. */
static int
parse_822(const char *s, struct dt *d)
{
	char w[16];
	int v;

	memset(d, 0, sizeof(*d));
	skipsp(&s);
	if (ASCII_ISALPHA(*s)) {
		const char *save = s;

		if (word(&s, w, sizeof(w)) && isday(w)) {
			if (*s == '.')
				s++;
			if (*s == ',')
				s++;
			skipsp(&s);
		} else
			s = save;
	}
	if (ASCII_ISDIGIT(*s)) {
		/* d mon y */
		if ((d->mday = num(&s, 1, 2)) < 0)
			return -1;
		if (*s == '-' || *s == ' ')
			s++;
		skipsp(&s);
		if (!word(&s, w, sizeof(w)) || (d->mon = monthnum(w)) == 0)
			return -1;
		if (*s == '.')
			s++;
		if (*s == ',')
			s++;
		if (*s == '-')
			s++;
		skipsp(&s);
		if ((d->year = yearfield(&s)) < 0)
			return -1;
		skipsp(&s);
		if (*s == '\0')
			return 0;
		if (hms(&s, d) == -1)
			return -1;
		if (tailzone(&s, d) == -1 || *s != '\0')
			return -1;
		return d->haszone ? 0 : -1;
	}
	/* mon d[,] (y time | time [zone] y) */
	if (!word(&s, w, sizeof(w)) || (d->mon = monthnum(w)) == 0)
		return -1;
	skipsp(&s);
	if ((d->mday = num(&s, 1, 2)) < 0)
		return -1;
	if (*s == ',')
		s++;
	skipsp(&s);
	if (ASCII_ISDIGIT(s[0]) && ASCII_ISDIGIT(s[1]) &&
	    (s[1 + 1] == ':' || s[1] == ':')) {
		/* asctime */
		if (hms(&s, d) == -1)
			return -1;
		skipsp(&s);
		if (*s == '+' || *s == '-' || ASCII_ISALPHA(*s)) {
			if (zone(&s, &d->off) == -1)
				return -1;
			d->haszone = 1;
			skipsp(&s);
		}
		if ((v = num(&s, 4, 4)) < 0)
			return -1;
		d->year = v;
		skipsp(&s);
		return *s == '\0' ? 0 : -1;
	}
	if (ASCII_ISDIGIT(s[0]) && ASCII_ISDIGIT(s[1]) && s[1] == ':')
		return -1;
	if ((d->year = yearfield(&s)) < 0)
		return -1;
	skipsp(&s);
	if (*s == '\0')
		return 0;
	if (hms(&s, d) == -1)
		return -1;
	if (tailzone(&s, d) == -1 || *s != '\0')
		return -1;
	return d->haszone ? 0 : -1;
}

/* ISO 8601 / W3CDTF / RFC 3339 and the truncated forms. */
static int
parse_iso(const char *s, struct dt *d)
{
	const char *p;
	int n;

	memset(d, 0, sizeof(*d));
	d->mon = d->mday = 1;
	skipsp(&s);
	for (p = s; ASCII_ISDIGIT(*p); p++)
		;
	n = (int)(p - s);
	if (*s == '-') {
		/* -YYMM, -YY-MM: the year and month of a truncated form */
		s++;
		if ((d->year = num(&s, 2, 2)) < 0)
			return -1;
		d->year = year2(d->year, 2);
		if (*s == '-')
			s++;
		if ((d->mon = num(&s, 2, 2)) < 0)
			return -1;
		return *s == '\0' ? 0 : -1;
	}
	if (n == 6 && *p == '\0') {
		/* YYMMDD */
		d->year = year2((s[0] - '0') * 10 + (s[1] - '0'), 2);
		d->mon = (s[2] - '0') * 10 + (s[3] - '0');
		d->mday = (s[4] - '0') * 10 + (s[5] - '0');
		return 0;
	}
	if (n == 8 && (*p == '\0' || *p == 'T')) {
		/* YYYYMMDD[Thhmmss] basic format */
		d->year = num(&s, 4, 4);
		d->mon = num(&s, 2, 2);
		d->mday = num(&s, 2, 2);
	} else if (n == 2 && *p == '-') {
		/* YY-MM-DD */
		d->year = year2(num(&s, 2, 2), 2);
		s++;
		if ((d->mon = num(&s, 2, 2)) < 0 || *s++ != '-' ||
		    (d->mday = num(&s, 2, 2)) < 0)
			return -1;
		return *s == '\0' ? 0 : -1;
	} else if (n == 4) {
		d->year = num(&s, 4, 4);
		if (*s == '\0')
			return 0;
		if (*s != '-' && *s != '/')
			return -1;
		s++;
		/* the month may carry a leading zero: "2003-012-31" */
		p = s;
		if ((d->mon = num(&s, 2, 3)) < 0)
			return -1;
		if (s - p == 3 && *p != '0')
			return -1;
		if (*s == '\0')
			return 0;
		if (*s != '-' && *s != '/')
			return -1;
		s++;
		if ((d->mday = num(&s, 2, 2)) < 0)
			return -1;
	} else
		return -1;
	if (*s == '\0')
		return 0;
	if (*s != 'T' && *s != 't' && *s != ' ')
		return -1;
	s++;
	skipsp(&s);
	if (ASCII_ISDIGIT(s[0]) && ASCII_ISDIGIT(s[1]) &&
	    ASCII_ISDIGIT(s[2])) {
		/* basic format hhmmss */
		d->hour = num(&s, 2, 2);
		d->min = num(&s, 2, 2);
		if (ASCII_ISDIGIT(*s))
			d->sec = num(&s, 2, 2);
		d->hastime = 1;
	} else if (hms(&s, d) == -1)
		return -1;
	if (*s == ' ')
		s++;
	if (*s == '\0')
		return 0;
	if (*s == 'Z' || *s == 'z') {
		s++;
		d->haszone = 1;
	} else {
		if (numzone(&s, &d->off) == -1)
			return -1;
		d->haszone = 1;
	}
	/* RFC 9557 suffixes after the offset, "[Asia/Tokyo]": the offset
	 * already fixes the instant */
	while (*s == '[') {
		for (s++; *s != '\0' && *s != ']' && *s != '[' && *s != ' ';
		    s++)
			;
		if (*s++ != ']')
			return -1;
	}
	return *s == '\0' ? 0 : -1;
}

/* "Jul 23, 2025 00:00:00-0500" and "2006/09/15 08:19:53 EDT" after an
 * optional weekday: handled by the two parsers above; here only the range
 * checks and the conversion. */
static int
finish_dt(const struct dt *d, long long *t)
{
	if (d->year < 1 || d->year > 9999 || d->mon < 1 || d->mon > 12 ||
	    d->mday < 1 || d->mday > time_mdays(d->year, d->mon) ||
	    d->hour > 23 || d->min > 59 || d->sec > 60)
		return -1;
	*t = time_from_civil(d->year, d->mon, d->mday, d->hour, d->min,
	    d->sec == 60 ? 59 : d->sec) - (long long)d->off * 60;
	/* the zone may carry it out of the years RFC 3339 can write */
	if (*t < time_from_civil(1, 1, 1, 0, 0, 0) ||
	    *t > time_from_civil(9999, 12, 31, 23, 59, 59))
		return -1;
	return 0;
}

int
date_parse(const char *s, long long *t)
{
	struct dt d;
	const char *p;
	char w[16];

	if (s == NULL)
		return -1;
	skipsp(&s);
	if (*s == '\0' || strlen(s) > 100)
		return -1;
	if (ASCII_ISDIGIT(*s) || *s == '-') {
		/* ISO first; "5 Apr 2012" style starts with a digit too */
		if (parse_iso(s, &d) == 0)
			return finish_dt(&d, t);
		if (parse_822(s, &d) == 0)
			return finish_dt(&d, t);
		return -1;
	}
	/* "Fri, 2006/09/15 08:19:53 EDT": weekday then a slashed date */
	p = s;
	if (word(&p, w, sizeof(w)) && isday(w)) {
		if (*p == ',')
			p++;
		skipsp(&p);
		if (ASCII_ISDIGIT(p[0]) && ASCII_ISDIGIT(p[1]) &&
		    ASCII_ISDIGIT(p[2]) && ASCII_ISDIGIT(p[3]) &&
		    p[4] == '/') {
			memset(&d, 0, sizeof(d));
			d.year = num(&p, 4, 4);
			p++;
			if ((d.mon = num(&p, 1, 2)) < 0 || *p++ != '/' ||
			    (d.mday = num(&p, 1, 2)) < 0)
				return -1;
			skipsp(&p);
			if (hms(&p, &d) == -1 || tailzone(&p, &d) == -1 ||
			    *p != '\0' || !d.haszone)
				return -1;
			return finish_dt(&d, t);
		}
	}
	if (parse_822(s, &d) == 0)
		return finish_dt(&d, t);
	return -1;
}

/* Does s start with the shape pat ('d' a digit, 'T' one of "Tt ", any
 * other byte itself)?  Returns where the match ends in s, or NULL. */
static const char *
shape(const char *s, const char *pat)
{
	for (; *pat != '\0'; pat++, s++)
		if (*pat == 'd' ? !ASCII_ISDIGIT(*s) : *pat == 'T' ?
		    *s != 'T' && *s != 't' && *s != ' ' : *s != *pat)
			return NULL;
	return s;
}

int
date_parse_rfc3339(const char *s, long long *t)
{
	const char *p;

	if (s == NULL || (p = shape(s, "dddd-dd-ddTdd:dd:dd")) == NULL)
		return -1;
	if (*p == '.') {
		if (!ASCII_ISDIGIT(p[1]))
			return -1;
		for (p++; ASCII_ISDIGIT(*p); p++)
			;
	}
	if (*p == 'Z' || *p == 'z')
		p++;
	else if (*p != '+' && *p != '-')
		return -1;
	else if ((p = shape(p + 1, "dd:dd")) == NULL)
		return -1;
	if (*p != '\0')
		return -1;
	return date_parse(s, t);
}

int
date_parse_ymd(const char *s, long long *t)
{
	const char *p;

	if (s == NULL || (p = shape(s, "dddd-dd-dd")) == NULL || *p != '\0')
		return -1;
	return date_parse(s, t);
}

int
date_of_name(const char *path, char out[11])
{
	const char *b = strrchr(path, '/');
	long long t;
	size_t i;

	b = b != NULL ? b + 1 : path;
	for (i = 0; i < 8; i++)
		if (!ASCII_ISDIGIT((unsigned char)b[i]))
			return -1;
	if (ASCII_ISDIGIT((unsigned char)b[8]))
		return -1;
	snprintf(out, 11, "%.4s-%.2s-%.2s", b, b + 4, b + 6);
	return date_parse_ymd(out, &t);
}

char *
date_iso_week(long long t, char out[9])
{
	int y, w;

	time_iso_week(t, &y, &w);
	snprintf(out, 9, "%04u-W%02u", (unsigned)(y % 10000 + 10000) % 10000,
	    (unsigned)w % 100);
	return out;
}
