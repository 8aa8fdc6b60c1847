/* fuzz_conf.c: libFuzzer target for the config and OPML reader. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../cmd/sec-fetch/conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feedlist l = { NULL, 0, 0 };
	size_t i;

	/* the messages go nowhere */
	if (freopen("/dev/null", "w", stderr) == NULL)
		return 0;
	conf_parse(&l, "fuzz", (const char *)data, size);
	for (i = 0; i < l.n; i++)
		if (l.v[i].name == NULL || l.v[i].url == NULL ||
		    !conf_section_ok(l.v[i].section))
			abort();
	conf_free(&l);
	return 0;
}
