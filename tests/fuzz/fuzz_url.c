/* fuzz_url.c: libFuzzer target for the URL module (common/url.c,
 * url_resolve.c) and sec-fetch's header helpers: url_resolve (the input
 * split at its first newline into a base and a reference, as a feed's
 * xml:base and link give them), url_canon (which must be idempotent),
 * url_is_http, url_authority and url_host (within the URL; the host
 * holds no '@'), the Content-Type charset parameter and the XML and HTML
 * charset sniffers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../cmd/sec-fetch/fetch.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *nl, *r, *c1, *c2, enc[64];
	const char *a;
	size_t bom, hl;

	s = xstrndup((const char *)data, size);
	if ((nl = strchr(s, '\n')) != NULL)
		*nl = '\0';
	r = url_resolve(s, nl != NULL ? nl + 1 : NULL);
	(void)url_is_http(r);
	if ((a = url_authority(r)) != NULL && (a < r + 3 ||
	    memcmp(a - 3, "://", 3) != 0 || url_authority_len(a) > strlen(a)))
		abort();
	if ((a = url_host(r, &hl)) != NULL && (a < r ||
	    hl > strlen(a) || memchr(a, '@', hl) != NULL))
		abort();
	c1 = url_canon(r);
	c2 = url_canon(c1);
	if (strcmp(c1, c2) != 0)
		abort();
	free(c2);
	free(c1);
	free(r);
	if (charset_from_ctype(s, enc, sizeof(enc)) == 0 &&
	    strlen(enc) >= sizeof(enc))
		abort();
	free(s);
	if (charset_sniff_xml((const char *)data, size, enc, sizeof(enc), &bom) == 0 &&
	    (strlen(enc) >= sizeof(enc) || bom > size))
		abort();
	if (charset_sniff_html((const char *)data, size, enc, sizeof(enc), &bom) == 0 &&
	    (strlen(enc) >= sizeof(enc) || bom > size))
		abort();
	return 0;
}
