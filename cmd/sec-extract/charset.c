/* charset.c: bring a raw page to UTF-8 before it is parsed, exactly as
 * sec-fetch -p does (common/charset.c decides and decodes for both). */
#include <string.h>

#include "buf.h"
#include "charset.h"
#include "extract.h"
#include "util.h"

char *
ext_to_utf8(const char *s, size_t n, size_t *outlen,
    struct charset_pick *pick)
{
	struct buf out = BUF_INIT;
	struct charset_pick pk;

	charset_decode_page(s, n, NULL, &out, &pk);
	if (pick != NULL)
		*pick = pk;
	*outlen = out.len;
	return out.s != NULL ? buf_detach(&out) : xstrdup("");
}
