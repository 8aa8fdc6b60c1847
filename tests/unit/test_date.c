/* test_date.c: unit tests for common/date.c, every date form the tools
 * read, and the strict RFC 3339 and YYYY-MM-DD entry points. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "timeutil.h"

static const char *
date(const char *s)
{
	static char out[RFC3339_LEN + 8];
	long long t;

	if (date_parse(s, &t) == -1)
		return "invalid";
	return time_rfc3339(t, out);
}

static void
test_dates(void)
{
	CHECK_STR(date("Thu, 01 Jan 2004 19:48:21 GMT"),
	    "2004-01-01T19:48:21Z");
	CHECK_STR(date("Thu, 24 Jul 2025 17:34:13 -0400"),
	    "2025-07-24T21:34:13Z");
	CHECK_STR(date("Thu, 24 Jul 2025 17:34:13 EDT"),
	    "2025-07-24T21:34:13Z");
	CHECK_STR(date("24 Jul 2025 17:34 +0530"), "2025-07-24T12:04:00Z");
	CHECK_STR(date("Thu, 01 Jan 04 19:48:21 GMT"),
	    "2004-01-01T19:48:21Z");
	CHECK_STR(date("Thu, 01 Jan 99 19:48:21 GMT"),
	    "1999-01-01T19:48:21Z");
	CHECK_STR(date("Mon, 26 January 2004 16:31:00 ET"),
	    "2004-01-26T21:31:00Z");
	CHECK_STR(date("Thu, 01 Jan 2004 12:00:00 A"),
	    "2004-01-01T13:00:00Z");
	CHECK_STR(date("Wed, 19 Feb 2012 22:40:00 GMT-01:01"),
	    "2012-02-19T23:41:00Z");
	CHECK_STR(date("Sun Jan  4 16:29:06 2004"), "2004-01-04T16:29:06Z");
	CHECK_STR(date("Sun Jul 15 01:16:00 +0000 2012"),
	    "2012-07-15T01:16:00Z");
	CHECK_STR(date("Jul 23, 2025 00:00:00-0500"),
	    "2025-07-23T05:00:00Z");
	CHECK_STR(date("2003-12-31T10:14:55-08:00"), "2003-12-31T18:14:55Z");
	CHECK_STR(date("2007-04-23T23:25:47.538+10:00"),
	    "2007-04-23T13:25:47Z");
	CHECK_STR(date("2003-12"), "2003-12-01T00:00:00Z");
	CHECK_STR(date("2004-07-08 23:56:58 -00:20"), "2004-07-09T00:16:58Z");
	CHECK_STR(date("20040708T235658Z"), "2004-07-08T23:56:58Z");
	CHECK_STR(date("Fri, 2006/09/15 08:19:53 EDT"),
	    "2006-09-15T12:19:53Z");
	/* invalid: rejected, not guessed */
	CHECK_STR(date("Sun, 99 Jun 2009 12:00:00 GMT"), "invalid");
	CHECK_STR(date("Thu, 01 Jan 2004 12:00:00"), "invalid");
	CHECK_STR(date("2003-12-31T25:14:55Z"), "invalid");
	/* a zone that carries the time before year 1 (fuzz_date) */
	CHECK_STR(date("1 Jan 0001 04:21 +0700"), "invalid");
	CHECK_STR(date("2003-02-29"), "invalid");
	CHECK_STR(date("2013-01-28T11:30:00-06:00Textra"), "invalid");
	CHECK_STR(date("Sun, 16 Dec 2012 11:47:32 +zz:00"), "invalid");
	CHECK_STR(date("Thu, 01 Jan 2004 12:00:00 XYZ"), "invalid");
	CHECK_STR(date(""), "invalid");
	CHECK_STR(date("yesterday"), "invalid");
}

/* Forms sec-extract read with its own parser before: the one grammar
 * reads them the same, or better where that parser was wrong. */
static void
test_page_dates(void)
{
	CHECK_STR(date("2019-11-19T08:00:00.000-0500"),
	    "2019-11-19T13:00:00Z");
	CHECK_STR(date("2019-11-19T08:00-05:00"), "2019-11-19T13:00:00Z");
	CHECK_STR(date("2019-11-19 08:30:15"), "2019-11-19T08:30:15Z");
	CHECK_STR(date("2019-11-19"), "2019-11-19T00:00:00Z");
	CHECK_STR(date("2019-11-19T08:00:00.123456"), "2019-11-19T08:00:00Z");
	CHECK_STR(date("19 Nov 2019 14:05 +0100"), "2019-11-19T13:05:00Z");
	/* the zone counts: the old page parser took these as UTC */
	CHECK_STR(date("Tue, 19 Nov 2019 13:05:00 EST"),
	    "2019-11-19T18:05:00Z");
	CHECK_STR(date("2019-11-19T08:00:00 +0900"), "2019-11-18T23:00:00Z");
	CHECK_STR(date("2019-11-19T08:00:00+05"), "2019-11-19T03:00:00Z");
	/* RFC 9557: a time zone name after the offset */
	CHECK_STR(date("2024-05-10T13:05:00+09:00[Asia/Tokyo]"),
	    "2024-05-10T04:05:00Z");
	CHECK_STR(date("2024-05-10T13:05:00Z[UTC][u-ca=iso8601]"),
	    "2024-05-10T13:05:00Z");
	CHECK_STR(date("2024-05-10T13:05:00+09:00[Asia/Tokyo"), "invalid");
	CHECK_STR(date("2024-05-10T13:05:00[Asia/Tokyo]"), "invalid");
	CHECK_STR(date("2024-05-10[x]"), "invalid");
	/* nothing is guessed: trailing words, a time without its zone */
	CHECK_STR(date("2019-11-19 garbage"), "invalid");
	CHECK_STR(date("Tue, 19 Nov 2019 13:05"), "invalid");
}

static void
test_rfc3339(void)
{
	long long t;

	CHECK(date_parse_rfc3339("2024-05-10T13:05:00Z", &t) == 0 &&
	    t == 1715346300);
	CHECK(date_parse_rfc3339("2024-05-10T22:05:00.123+09:00", &t) == 0 &&
	    t == 1715346300);
	CHECK(date_parse_rfc3339("2024-05-10 13:05:00z", &t) == 0 &&
	    t == 1715346300);
	CHECK(date_parse_rfc3339("2016-12-31T23:59:60Z", &t) == 0 &&
	    t == 1483228799);
	CHECK(date_parse_rfc3339("2023-02-29T00:00:00Z", &t) == -1);
	CHECK(date_parse_rfc3339("2024-05-10T13:05:00", &t) == -1);
	CHECK(date_parse_rfc3339("2024-05-10T24:00:00Z", &t) == -1);
	CHECK(date_parse_rfc3339("2024-05-10T13:05:00Zjunk", &t) == -1);
	CHECK(date_parse_rfc3339("2024-05-10T13:05:00.Z", &t) == -1);
	CHECK(date_parse_rfc3339("2024-05-10T13:05:00+0900", &t) == -1);
	CHECK(date_parse_rfc3339("2024-05-10T13:05Z", &t) == -1);
	CHECK(date_parse_rfc3339(" 2024-05-10T13:05:00Z", &t) == -1);
	CHECK(date_parse_rfc3339("Fri, 10 May 2024 13:05:00 GMT", &t) == -1);
	CHECK(date_parse_rfc3339(NULL, &t) == -1);
	/* year 0 is outside what every other tool reads */
	CHECK(date_parse_rfc3339("0000-01-01T00:00:00Z", &t) == -1);
	CHECK(date_parse_rfc3339("0001-01-01T00:00:00+01:00", &t) == -1);
	CHECK(date_parse_rfc3339("9999-12-31T23:59:59Z", &t) == 0);
}

static void
test_ymd(void)
{
	long long t;

	CHECK(date_parse_ymd("2024-02-29", &t) == 0 && t == 1709164800);
	CHECK(date_parse_ymd("0001-01-01", &t) == 0);
	CHECK(date_parse_ymd("9999-12-31", &t) == 0);
	CHECK(date_parse_ymd("2023-02-29", &t) == -1);
	CHECK(date_parse_ymd("0000-01-01", &t) == -1);
	CHECK(date_parse_ymd("2024-00-10", &t) == -1);
	CHECK(date_parse_ymd("2024-13-10", &t) == -1);
	CHECK(date_parse_ymd("2024-04-31", &t) == -1);
	CHECK(date_parse_ymd("2024-1-01", &t) == -1);
	CHECK(date_parse_ymd("2024-01-01 ", &t) == -1);
	CHECK(date_parse_ymd("2024-01-01T00:00:00Z", &t) == -1);
	CHECK(date_parse_ymd("20240101", &t) == -1);
	CHECK(date_parse_ymd("2024/01/01", &t) == -1);
	CHECK(date_parse_ymd("+024-01-01", &t) == -1);
	CHECK(date_parse_ymd("", &t) == -1);
}

static void
test_iso_week(void)
{
	static const struct {
		int y, m, d, wy, w;
	} v[] = {
		{ 2026, 5, 10, 2026, 19 },	/* a Sunday ends its week */
		{ 2026, 5, 11, 2026, 20 },
		{ 2021, 1, 3, 2020, 53 },	/* January in last year's week */
		{ 2024, 12, 30, 2025, 1 },	/* December in next year's */
		{ 2026, 1, 1, 2026, 1 },
		{ 2015, 12, 31, 2015, 53 },
		{ 1969, 12, 31, 1970, 1 },
	};
	size_t i;
	int y, w, ok = 1;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		time_iso_week(time_from_civil(v[i].y, v[i].m, v[i].d, 23, 59,
		    59), &y, &w);
		if (y != v[i].wy || w != v[i].w) {
			printf("# %d-%02d-%02d: %d-W%02d\n", v[i].y, v[i].m,
			    v[i].d, y, w);
			ok = 0;
		}
	}
	CHECK(ok);
	CHECK(time_iso_monday(2026, 19) == time_from_civil(2026, 5, 4, 0, 0, 0));
	CHECK(time_iso_monday(2020, 53) == time_from_civil(2020, 12, 28, 0, 0,
	    0));
	/* 2026 began on a Thursday: it has 53 weeks, 2027 has 52 */
	CHECK(time_iso_monday(2026, 53) == time_from_civil(2026, 12, 28, 0, 0,
	    0));
	CHECK(time_iso_monday(2027, 53) == -1);
	CHECK(time_iso_monday(2026, 0) == -1);
}

static const char *
week(const char *ymd)
{
	static char out[9];
	long long t;

	if (date_parse_ymd(ymd, &t) == -1)
		return "invalid";
	return date_iso_week(t, out);
}

static void
test_iso_week_text(void)
{
	CHECK_STR(week("2026-05-09"), "2026-W19");
	CHECK_STR(week("2026-05-11"), "2026-W20");	/* a Monday */
	CHECK_STR(week("2026-05-10"), "2026-W19");	/* a Sunday */
	CHECK_STR(week("2021-01-03"), "2020-W53");	/* last year's week */
	CHECK_STR(week("2024-12-30"), "2025-W01");	/* next year's week */
	CHECK_STR(week("2026-01-01"), "2026-W01");
	CHECK_STR(week("2027-01-01"), "2026-W53");
	CHECK_STR(week("1970-01-01"), "1970-W01");
	CHECK_STR(week("1969-12-28"), "1969-W52");	/* before the epoch */
}

int
main(void)
{
	test_dates();
	test_page_dates();
	test_rfc3339();
	test_ymd();
	test_iso_week();
	test_iso_week_text();
	{
		char d[11];

		CHECK(date_of_name("out/20261125.ndjson", d) == 0 &&
		    strcmp(d, "2026-11-25") == 0);
		CHECK(date_of_name("20261125.new.md", d) == 0);
		CHECK(date_of_name("out/202611250.ndjson", d) == -1);
		CHECK(date_of_name("20261131.ndjson", d) == -1);
		CHECK(date_of_name("day.ndjson", d) == -1);
	}
	return check_failed;
}
