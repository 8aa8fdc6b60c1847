/* fuzz_price.c: libFuzzer target for the price table of sec-summarize
 * --price: any bytes, looked up for a plain and a prefix-matched name. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "price.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct price p;
	char err[96];

	if (price_find((const char *)data, size, "gpt-4o-mini", &p, err,
	    sizeof(err)) == 1)
		(void)price_cost(&p, 1000000, 1000000);
	(void)price_find((const char *)data, size, "claude-x", &p, err,
	    sizeof(err));
	return 0;
}
