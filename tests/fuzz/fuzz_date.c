/* fuzz_date.c: libFuzzer target for the feed date parser: no crash, and
 * every accepted date formats as a valid RFC 3339 time that parses back
 * to the same instant. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../cmd/sec-fetch/fetch.h"
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
	}
	free(s);
	return 0;
}
