/* charset.c: bring a raw page to UTF-8 before it is parsed; the choice
 * of charset is common/charset.c's, shared with sec-fetch -p. */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "charset.h"
#include "extract.h"
#include "utf8.h"
#include "util.h"

char *
ext_to_utf8(const char *s, size_t n, size_t *outlen,
    struct charset_pick *pick)
{
	struct buf out = BUF_INIT, tmp = BUF_INIT;
	struct charset_pick pk;
	const char *bom, *cs;
	char label[64];
	size_t bl;

	memset(&pk, 0, sizeof(pk));
	if ((bom = charset_bom(s, n, &bl)) != NULL) {
		s += bl;
		n -= bl;
		pk.name = pk.base = bom;
	} else
		charset_pick(s, n, charset_sniff_meta(s, n, label,
		    sizeof(label)) == 0 ? label : NULL, &pk);
	cs = pk.name;
	if (strcmp(cs, "UTF-8") != 0 && charset_convert(&tmp, s, n, cs) >= 0) {
		utf8_repair(&out, tmp.s ? tmp.s : "", tmp.len);
		buf_free(&tmp);
	} else {
		pk.name = "UTF-8";
		utf8_repair(&out, s, n);
	}
	if (pick != NULL)
		*pick = pk;
	*outlen = out.len;
	return out.s != NULL ? buf_detach(&out) : xstrdup("");
}
