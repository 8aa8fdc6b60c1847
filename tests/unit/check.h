/* check.h: a tiny unit test harness.  Each CHECK prints "ok - ..." or
 * "not ok - ..."; tests/run.sh counts them. */
#ifndef SEC_CHECK_H
#define SEC_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed;

#define CHECK(cond) do {						\
	if (cond)							\
		printf("ok - %s:%d\n", __FILE__, __LINE__);		\
	else {								\
		printf("not ok - %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		check_failed = 1;					\
	}								\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0)		\
		printf("ok - %s:%d\n", __FILE__, __LINE__);		\
	else {								\
		printf("not ok - %s:%d: %s\n#   got:  \"%s\"\n"		\
		    "#   want: \"%s\"\n", __FILE__, __LINE__, #got,	\
		    g_ ? g_ : "(null)", w_ ? w_ : "(null)");		\
		check_failed = 1;					\
	}								\
} while (0)

#define CHECK_INT(got, want) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	if (g_ == w_)							\
		printf("ok - %s:%d\n", __FILE__, __LINE__);		\
	else {								\
		printf("not ok - %s:%d: %s is %lld, want %lld\n",	\
		    __FILE__, __LINE__, #got, g_, w_);			\
		check_failed = 1;					\
	}								\
} while (0)

#endif
