/* fuzz_extract.c: libFuzzer target for sec-extract's core: charset
 * detection, the HTML walks, the text writer, metadata and dates. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "../../cmd/sec-extract/extract.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ext_opts o;
	struct ext_result r;
	size_t i;
	char date[21], *s;

	memset(&o, 0, sizeof(o));
	o.url = "https://fuzz.example/a/b?c";
	o.maxpage = 1 << 20;
	/* first byte picks raw (any encoding) or UTF-8 record mode */
	o.raw = size > 0 && (data[0] & 1);
	extract_page((const char *)data, size, &o, &r);
	if (r.text == NULL || !utf8_valid(r.text, r.textlen) ||
	    strlen(r.text) != r.textlen)
		abort();
	for (i = 0; i < r.nlinks; i++)
		if (!utf8_valid(r.links[i].url, strlen(r.links[i].url)) ||
		    !utf8_valid(r.links[i].text, strlen(r.links[i].text)))
			abort();
	ext_result_free(&r);
	if (size < 64) {
		s = malloc(size + 1);
		memcpy(s, data, size);
		s[size] = '\0';
		if (ext_parse_date(s, date) == 0 && strlen(date) != 20)
			abort();
		(void)ext_guess_lang(s, size);
		free(s);
	}
	return 0;
}
