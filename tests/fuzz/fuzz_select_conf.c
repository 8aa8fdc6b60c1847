/* fuzz_select_conf.c: libFuzzer target for sec-select's rule parser and
 * its pattern matcher. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../cmd/sec-select/conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sel_conf c;
	char err[512];
	size_t i;

	sel_conf_init(&c);
	if (sel_conf_parse(&c, (const char *)data, size, "fuzz", err,
	    sizeof(err)) == 0) {
		/* every pattern against the input itself */
		for (i = 0; i < c.nrules; i++)
			(void)sel_match(&c.rules[i].pat, (const char *)data,
			    size);
	} else if (strncmp(err, "fuzz:", 5) != 0)
		abort();
	sel_conf_free(&c);
	return 0;
}
