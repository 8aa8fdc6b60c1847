/* fuzz_feed.c: libFuzzer target for the feed parser, with its decoder,
 * reference fixer, HTML-to-text and date parser.  The first byte picks
 * an encoding override and the chunk size, so the chunked paths are
 * exercised too. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../cmd/sec-fetch/fetch.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_item(const struct feed_item *it, void *ud)
{
	size_t i;

	(void)ud;
	for (i = 0; i < F_NFIELDS; i++)
		if (it->field[i] != NULL && !utf8_valid(it->field[i],
		    strlen(it->field[i])))
			abort();
	for (i = 0; i < it->ncat; i++)
		if (!utf8_valid(it->categories[i], strlen(it->categories[i])))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encs[] = {
		NULL, "Shift_JIS", "windows-1252", "UTF-16LE", "EUC-JP",
		"ISO-2022-JP", NULL, NULL
	};
	static int init;
	struct feed_parser *p;
	size_t chunk, i;
	const char *s;

	if (!init) {
		feed_global_init();
		init = 1;
	}
	if (size < 1)
		return 0;
	chunk = 1 + (data[0] >> 3) * 97;
	p = feed_new("http://example.com/feed", NULL, encs[data[0] & 7],
	    check_item, NULL);
	s = (const char *)data + 1;
	size--;
	for (i = 0; i < size; i += chunk)
		feed_push(p, s + i, size - i < chunk ? size - i : chunk);
	feed_end(p);
	if (feed_title(p) != NULL && !utf8_valid(feed_title(p),
	    strlen(feed_title(p))))
		abort();
	feed_free(p);
	return 0;
}
