/* test_jsonw.c: the record writer against expected bytes and against
 * jansson's encoder. */
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "check.h"
#include "jsonw.h"
#include "util.h"

/* tests/fuzz/fuzz_jsonw.c: aborts when jsonw and jansson differ */
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* What jansson writes for {"k":s}, s valid UTF-8.  New string. */
static char *
jansson_of(const char *s)
{
	json_t *o = json_object();
	char *d;

	json_object_set_new(o, "k", json_string(s));
	d = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return d;
}

static void
test_escape(void)
{
	static const char *const v[] = {
		"", "plain", "\"q\" and \\", "a\nb\tc\rd\be\ff",
		"\x01\x1f\x7f", "/ </script>", "\xe6\x97\xa5\xe6\x9c\xac",
		"\xe2\x80\xa8\xe2\x80\xa9", "\xf0\x9f\x98\x80",
		"12345678\"12345678\\123456781234567\x1e",
	};
	struct buf b = BUF_INIT;
	size_t i;
	char *j;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		buf_reset(&b);
		buf_putc(&b, '{');
		jsonw_str(&b, "k", v[i], JSONW_FIRST);
		buf_putc(&b, '}');
		j = jansson_of(v[i]);
		CHECK_STR(buf_str(&b), j);
		free(j);
	}
	/* the other C0 controls in upper-case hex, as jansson writes */
	buf_reset(&b);
	jsonw_str(&b, NULL, "\x01\x1f", JSONW_FIRST);
	CHECK_STR(buf_str(&b), "\"\\u0001\\u001F\"");
	buf_free(&b);
}

static void
test_fields(void)
{
	struct buf b = BUF_INIT;
	char *o, room[jsonw_room(3)];

	jsonw_str(&b, "a", "x", JSONW_FIRST);
	jsonw_str(&b, "b", NULL, 0);
	jsonw_str(&b, "c", "y", 0);
	jsonw_str(&b, NULL, "z", 0);
	CHECK_STR(buf_str(&b), "\"a\":\"x\",\"c\":\"y\",\"z\"");
	buf_reset(&b);
	jsonw_str(&b, "r", "a\xff", JSONW_FIRST | JSONW_REPAIR);
	CHECK_STR(buf_str(&b), "\"r\":\"a\xef\xbf\xbd\"");
	CHECK_INT(b.len, strlen(b.s));
	o = jsonw_escape(room, "\x02\x02\x02", 3);
	CHECK_INT(o - room, 20);
	buf_free(&b);
}

/* Every seed of every fuzz target through fuzz_jsonw's comparison. */
static void
test_corpus(void)
{
	glob_t g;
	size_t i, len, n = 0;
	char *d;

	if (glob("tests/fuzz/corpus/*/*", 0, NULL, &g) != 0) {
		printf("ok - # skipped: no fuzz corpus\n");
		return;
	}
	for (i = 0; i < g.gl_pathc; i++) {
		if ((d = read_file(g.gl_pathv[i], 1 << 24, &len)) == NULL)
			continue;
		LLVMFuzzerTestOneInput((const uint8_t *)d, len);
		free(d);
		n++;
	}
	CHECK(n > 100);
	globfree(&g);
}

int
main(void)
{
	test_escape();
	test_fields();
	test_corpus();
	return check_failed;
}
