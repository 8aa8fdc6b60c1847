/* fuzz_ioc: the IOC scanner, refang, defang and the JSON builder on any
 * bytes.  Every indicator found is defanged: the result must be valid
 * UTF-8 when the value is, and defanging it again must change nothing
 * (defang.h: a defanged value is not defanged twice). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "defang.h"
#include "ioc.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_defang(const char *v, const char *type)
{
	struct buf a = BUF_INIT, b = BUF_INIT;

	defang(&a, v, type);
	if (utf8_valid(v, strlen(v)) && !utf8_valid(buf_str(&a), a.len))
		abort();
	defang(&b, buf_str(&a), type);
	if (a.len != b.len || memcmp(buf_str(&a), buf_str(&b), a.len) != 0)
		abort();
	buf_free(&a);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = BUF_INIT;
	json_t *a, *o;
	size_t i;
	char *s;

	a = ioc_scan_json((const char *)data, size, NULL, NULL);
	json_array_foreach(a, i, o)
		check_defang(json_string_value(json_object_get(o, "value")),
		    json_string_value(json_object_get(o, "type")));
	json_decref(a);
	ioc_refang(&b, (const char *)data, size);
	buf_free(&b);
	/* the input itself as a value of no stated type */
	if (size < 4096) {
		s = malloc(size + 1);
		memcpy(s, data, size);
		s[size] = '\0';
		defang(&b, s, NULL);
		buf_free(&b);
		free(s);
	}
	return 0;
}
