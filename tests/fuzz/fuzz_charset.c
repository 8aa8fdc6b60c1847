/* fuzz_charset.c: libFuzzer target for common/charset.c: the BOM and
 * <meta> sniffers, the alias table, the choice of a page's charset and
 * the conversion.  The first byte picks the declared label (or the
 * sniffed one).  The chosen charset is one the table or iconv knows, a
 * detected one is a candidate, the conversion is valid UTF-8, and the
 * note fits its buffer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "charset.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const labels[] = {
		NULL, "utf-8", "Shift_JIS", "EUC-JP", "ISO-2022-JP", "x-bogus",
		"utf-16", "iso-8859-1", "koi8-r", ""
	};
	struct charset_pick pk;
	struct buf b = BUF_INIT;
	const char *s = (const char *)data + 1, *label;
	char enc[16], note[256];
	size_t n, bl, good, bad;

	if (size == 0)
		return 0;
	n = size - 1;
	if (charset_bom(s, n, &bl) != NULL && (bl < 2 || bl > n))
		abort();
	if (charset_sniff_meta(s, n, enc, sizeof(enc)) == 0 &&
	    (enc[0] == '\0' || strlen(enc) >= sizeof(enc)))
		abort();
	if (data[0] < 10)
		label = labels[data[0]];
	else
		label = charset_sniff_meta(s, n, enc, sizeof(enc)) == 0 ?
		    enc : NULL;
	if (label != NULL && charset_alias(label) == NULL)
		abort();
	charset_pick(s, n, label, &pk);
	if (pk.name == NULL || pk.base == NULL || (pk.detected && pk.lost))
		abort();
	if (pk.detected && strcmp(pk.name, "UTF-8") != 0 &&
	    strcmp(pk.name, "CP932") != 0 && strcmp(pk.name, "EUC-JP-MS") != 0 &&
	    strcmp(pk.name, "ISO-2022-JP") != 0)
		abort();
	if (charset_note(&pk, note, sizeof(note)) == NULL &&
	    (pk.detected || pk.lost))
		abort();
	if (strcmp(pk.name, "UTF-8") != 0) {
		if (charset_convert(&b, s, n, pk.name) < 0)
			abort();
		utf8_tally(buf_str(&b), b.len, 0, &good, &bad);
		if (bad != 0)
			abort();
	}
	buf_free(&b);
	return 0;
}
