/* test_retry.c: unit tests for common/retry.c, on a fixed clock and
 * fixed random numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "retry.h"

/* Fri, 10 May 2024 13:05:00 GMT */
#define NOW 1715346300LL

static void
test_after(void)
{
	CHECK_INT(retry_after("1", NOW), 1000);
	CHECK_INT(retry_after("0", NOW), 0);
	CHECK_INT(retry_after(" 120 \r\n", NOW), 120000);
	CHECK_INT(retry_after("3600", NOW), 3600000);
	/* the cap: a longer wait is a long wait, not no Retry-After */
	CHECK_INT(retry_after("1000000000", NOW), RETRY_AFTER_MAX * 1000);
	CHECK_INT(retry_after("99999999999999999999999", NOW),
	    RETRY_AFTER_MAX * 1000);
	/* HTTP-date: IMF-fixdate, RFC 850 and asctime */
	CHECK_INT(retry_after("Fri, 10 May 2024 13:05:02 GMT", NOW), 2000);
	CHECK_INT(retry_after("Friday, 10-May-24 13:06:00 GMT", NOW), 60000);
	CHECK_INT(retry_after("Fri May 10 13:05:30 2024", NOW), 30000);
	/* a date in the past asks for no wait */
	CHECK_INT(retry_after("Fri, 10 May 2024 13:00:00 GMT", NOW), 0);
	CHECK_INT(retry_after("Wed, 31 Dec 9999 23:59:59 GMT", NOW),
	    RETRY_AFTER_MAX * 1000);
	/* delay-seconds is 1*DIGIT (RFC 9110): neither strtod's forms nor
	 * a sign, a fraction or trailing words */
	CHECK_INT(retry_after("1.5", NOW), -1);
	CHECK_INT(retry_after("1e3", NOW), -1);
	CHECK_INT(retry_after("0x10", NOW), -1);
	CHECK_INT(retry_after("inf", NOW), -1);
	CHECK_INT(retry_after("-5", NOW), -1);
	CHECK_INT(retry_after("+5", NOW), -1);
	CHECK_INT(retry_after("5 s", NOW), -1);
	CHECK_INT(retry_after("", NOW), -1);
	CHECK_INT(retry_after("soon", NOW), -1);
	CHECK_INT(retry_after("Fri, 10 May 2024 13:05:02", NOW), -1);
}

static void
test_after_ms(void)
{
	CHECK_INT(retry_after_ms("300"), 300);
	CHECK_INT(retry_after_ms(" 300 "), 300);
	CHECK_INT(retry_after_ms("12.75"), 12);
	CHECK_INT(retry_after_ms("0"), 0);
	CHECK_INT(retry_after_ms("99999999999999999999"),
	    RETRY_AFTER_MAX * 1000);
	CHECK_INT(retry_after_ms("300ms"), -1);
	CHECK_INT(retry_after_ms("1."), -1);
	CHECK_INT(retry_after_ms("-1"), -1);
	CHECK_INT(retry_after_ms(""), -1);
}

static void
test_backoff(void)
{
	/* sec-summarize: 0.5 s, 1 s, 2 s ... at most 8 s */
	struct retry_policy s = { 500, 8000 };
	/* sec-fetch's defaults: --retry-delay 1000, --max-wait 120 */
	struct retry_policy f = { 1000, 120000 };
	struct retry_policy zero = { 0, 120000 };
	int n;

	CHECK_INT(retry_backoff(&s, 1, 0), 500);
	CHECK_INT(retry_backoff(&s, 2, 0), 1000);
	CHECK_INT(retry_backoff(&s, 3, 0), 2000);
	CHECK_INT(retry_backoff(&s, 5, 0), 8000);
	CHECK_INT(retry_backoff(&s, 6, 0), 8000);
	CHECK_INT(retry_backoff(&s, 1000, 0), 8000);
	/* the jitter takes 0-25 % off */
	CHECK_INT(retry_backoff(&s, 1, 9999), 500 - 500 * 9999 / 40000);
	CHECK_INT(retry_backoff(&s, 5, 5000), 7000);
	CHECK_INT(retry_backoff(&s, 5, 15000), 7000);
	for (n = 1; n <= 10; n++) {
		long long w = retry_backoff(&f, n, retry_random());
		long long step = n <= 7 ? 1000LL << (n - 1) : 120000;

		CHECK(w > step * 3 / 4 && w <= step);
	}
	CHECK_INT(retry_backoff(&f, 8, 0), 120000);
	CHECK_INT(retry_backoff(&zero, 3, 1234), 0);
}

int
main(void)
{
	test_after();
	test_after_ms();
	test_backoff();
	return check_failed;
}
