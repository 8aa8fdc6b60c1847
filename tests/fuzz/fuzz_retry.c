/* fuzz_retry.c: libFuzzer target for common/retry.c: no crash, and every
 * wait asked for is -1 or between 0 and the cap. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "retry.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct retry_policy p = { 1000, 120000 };
	char *s;
	long long w;
	int n;

	s = xstrndup((const char *)data, size);
	w = retry_after(s, 1715346300);
	if (w < -1 || w > RETRY_AFTER_MAX * 1000)
		abort();
	w = retry_after_ms(s);
	if (w < -1 || w > RETRY_AFTER_MAX * 1000)
		abort();
	n = size > 0 ? data[0] : 1;
	w = retry_backoff(&p, n, size);
	if (w < 0 || w > p.max_ms)
		abort();
	free(s);
	return 0;
}
