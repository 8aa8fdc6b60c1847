/* fuzz_date.c: libFuzzer target for common/date.c: no crash; every
 * accepted date formats as a valid RFC 3339 time that parses back, by
 * the loose and by the strict parser, to the same instant; and the strict
 * parsers accept nothing the loose one refuses or reads otherwise. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "timeutil.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, out[RFC3339_LEN + 8];
	long long t, t2;

	s = xstrndup((const char *)data, size);
	if (date_parse(s, &t) == 0) {
		time_rfc3339(t, out);
		if (date_parse(out, &t2) != 0 || t2 != t)
			abort();
		if (date_parse_rfc3339(out, &t2) != 0 || t2 != t)
			abort();
	}
	if (date_parse_rfc3339(s, &t2) == 0 &&
	    (date_parse(s, &t) != 0 || t != t2))
		abort();
	if (date_parse_ymd(s, &t2) == 0 &&
	    (date_parse(s, &t) != 0 || t != t2 || t2 % 86400 != 0))
		abort();
	free(s);
	return 0;
}
