/* fuzz_jsonw.c: libFuzzer target for the record writer (common/jsonw.c):
 * the input, cut at NUL bytes into strings, is written as a record with
 * one member per string and an array of all of them, once by jsonw and
 * once by jansson (json_dumps, JSON_COMPACT) from the same strings with
 * invalid UTF-8 repaired; the two must be the same bytes.  The unit test
 * test_jsonw runs this over every seed of tests/fuzz/corpus. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "jsonw.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf mine = BUF_INIT, arr = BUF_INIT, fix = BUF_INIT;
	json_t *o, *a, *s;
	const char *p = (const char *)data, *e, *end = p + size;
	char key[32], *str, *theirs;
	int i = 0;

	o = json_object();
	a = json_array();
	buf_putc(&mine, '{');
	for (; p <= end && i < 256; p = e + 1, i++) {
		if ((e = memchr(p, '\0', (size_t)(end - p))) == NULL)
			e = end;
		str = strndup(p, (size_t)(e - p));
		if (str == NULL)
			abort();
		snprintf(key, sizeof(key), "k%d", i);
		jsonw_str(&mine, key, str, (i == 0 ? JSONW_FIRST : 0) |
		    JSONW_REPAIR);
		jsonw_str(&arr, NULL, str, (i == 0 ? JSONW_FIRST : 0) |
		    JSONW_REPAIR);
		buf_reset(&fix);
		utf8_repair(&fix, str, strlen(str));
		if ((s = json_stringn(buf_str(&fix), fix.len)) == NULL)
			abort();
		json_object_set_new(o, key, s);
		json_array_append_new(a, json_stringn(buf_str(&fix),
		    fix.len));
		free(str);
	}
	json_object_set_new(o, "a", a);
	buf_puts(&mine, ",\"a\":[");
	buf_put(&mine, arr.s, arr.len);
	buf_puts(&mine, "]}");
	if ((theirs = json_dumps(o, JSON_COMPACT)) == NULL)
		abort();
	if (strcmp(theirs, buf_str(&mine)) != 0) {
		fprintf(stderr, "jsonw:   %s\njansson: %s\n", buf_str(&mine),
		    theirs);
		abort();
	}
	free(theirs);
	json_decref(o);
	buf_free(&mine);
	buf_free(&arr);
	buf_free(&fix);
	return 0;
}
