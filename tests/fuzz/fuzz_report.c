/* fuzz_report.c: libFuzzer target for sec-archive's Markdown report
 * parser: no crash, and every record it gives is an object with a
 * section that encodes as JSON (valid UTF-8, no NUL). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../cmd/sec-archive/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
check(json_t *rec, void *arg)
{
	char *s;

	(void)arg;
	if (!json_is_object(rec) ||
	    !json_is_string(json_object_get(rec, "section")))
		abort();
	if ((s = json_dumps(rec, JSON_COMPACT)) == NULL)
		abort();
	if (strchr(s, '\n') != NULL)
		abort();
	free(s);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (report_parse("fuzz", (const char *)data, size, check, NULL) < -1)
		abort();
	return 0;
}
