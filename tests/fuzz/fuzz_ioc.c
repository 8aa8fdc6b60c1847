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
	json_t *a, *o, *p;
	size_t i;
	char *s;

	a = ioc_scan_json((const char *)data, size, NULL, NULL);
	json_array_foreach(a, i, o) {
		check_defang(json_string_value(json_object_get(o, "value")),
		    json_string_value(json_object_get(o, "type")));
		/* a port is a port; a URL given a scheme says so */
		p = json_object_get(o, "port");
		if (p != NULL && (json_integer_value(p) < 1 ||
		    json_integer_value(p) > 65535))
			abort();
		if (json_object_get(o, "schemeless") != NULL &&
		    strncmp(json_string_value(json_object_get(o, "value")),
		    IOC_SCHEME_ADDED, strlen(IOC_SCHEME_ADDED)) != 0)
			abort();
	}
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
