/* fuzz_check.c: libFuzzer target for sec-render --check (check.c): no
 * crash on any file, a file without errors is one of the three kinds,
 * and a host the domain pattern takes has no empty label. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cmd/sec-render/check.h"
#include "hash.h"
#include "taxonomy.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* check.c also holds the --check command line, which this never calls */
const char cli_synopsis[] = "usage: fuzz_check\n";
const char cli_options[] = "";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct check_opts o;
	struct strset keys = STRSET_INIT;
	enum check_kind kind;
	size_t nerr, nrows;
	char *s;

	if (null == NULL && (null = fopen("/dev/null", "w")) == NULL)
		abort();
	memset(&o, 0, sizeof(o));
	o.tax = taxonomy_builtin();
	o.out = null;
	o.day = "2026-05-09";
	strset_add(&keys, "2026-05-09_a", 12, NULL);
	o.keys = &keys;
	nerr = check_data("fuzz", (const char *)data, size, &o, &kind, &nrows);
	if (nerr == 0 && kind == CHECK_UNKNOWN)
		abort();
	if (nrows > size)
		abort();
	strset_free(&keys);
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (check_domain(s) && (strlen(s) > 253 || strstr(s, "..") != NULL ||
	    s[0] == '.' || s[0] == '-'))
		abort();
	free(s);
	return 0;
}
