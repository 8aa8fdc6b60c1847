/* fuzz_structured.c: libFuzzer target for sec-ioc's reader of STIX 2.1
 * bundles and MISP events (cmd/sec-ioc/structured.c).  The first byte
 * picks the format; the rest is the document.  Checks: no crash, every
 * indicator read has a type, a value and a count of at least one, the
 * values are distinct per type, and the pattern walker (run on the
 * same bytes as a pattern) never reports more equalities than the
 * pattern has '=' signs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ioc.h"
#include "../../cmd/sec-ioc/structured.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
count_cmp(const char *path, const char *value, void *arg)
{
	(void)path;
	(void)value;
	(*(int *)arg)++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *why, *fmt;
	json_t *arr, *o, *p;
	size_t i, j, nskip, eq = 0;
	char *pat;
	int n = 0, r;

	if (size == 0)
		return 0;
	fmt = data[0] & 1 ? "misp" : "stix";
	arr = structured_iocs((const char *)data + 1, size - 1, fmt, IOC_ALL,
	    &nskip, &why);
	if (arr == NULL && why == NULL)
		abort();
	json_array_foreach(arr, i, o) {
		if (!json_is_string(json_object_get(o, "type")) ||
		    !json_is_string(json_object_get(o, "value")) ||
		    json_integer_value(json_object_get(o, "count")) < 1)
			abort();
		for (j = 0; j < i; j++) {
			p = json_array_get(arr, j);
			if (json_equal(json_object_get(o, "type"),
			    json_object_get(p, "type")) &&
			    json_equal(json_object_get(o, "value"),
			    json_object_get(p, "value")))
				abort();
		}
	}
	json_decref(arr);
	pat = malloc(size);
	if (pat == NULL)
		return 0;
	memcpy(pat, data + 1, size - 1);
	pat[size - 1] = '\0';
	for (i = 0; pat[i] != '\0'; i++)
		eq += pat[i] == '=';
	r = stix_pattern_each(pat, count_cmp, &n);
	if ((r >= 0 && r != n) || (size_t)n > eq)
		abort();
	free(pat);
	ioc_cleanup();
	return 0;
}
