/* fuzz_htmltext.c: libFuzzer target for common/htmltext.c: HTML to text
 * and the white space collapser.  The first byte picks html_to_text()'s
 * flags (bits 0-2) and text_collapse()'s (bits 3-4).  Valid UTF-8 in
 * gives valid UTF-8 out, with no controls but line breaks (and tabs with
 * HTML_LINES; none in one line); collapsing twice changes nothing, and
 * leaves no white space at either end. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "htmltext.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Does s[0..n) hold a control other than those in ok? */
static int
has_control(const char *s, size_t n, const char *ok)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 || s[i] == 0x7F) &&
		    (s[i] == '\0' || strchr(ok, s[i]) == NULL))
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	const char *s = (const char *)data + 1;
	unsigned hflags, flags;
	size_t n;
	int valid;

	if (size == 0)
		return 0;
	hflags = data[0] & (HTML_ONELINE | HTML_LINES | HTML_HIDDEN);
	flags = (data[0] >> 3) & (COLLAPSE_LINES | COLLAPSE_WIDE);
	n = size - 1;
	valid = utf8_valid(s, n);

	html_to_text(&a, s, n, hflags);
	if (has_control(buf_str(&a), a.len, hflags & HTML_ONELINE ? "" :
	    hflags & HTML_LINES ? "\n\t" : "\n") ||
	    (valid && !utf8_valid(buf_str(&a), a.len)))
		abort();
	buf_free(&a);

	text_collapse(&a, s, n, flags);
	if (has_control(buf_str(&a), a.len, flags & COLLAPSE_LINES ? "\n" :
	    ""))
		abort();
	/* (dropping a control may join the bytes of a broken sequence into
	 * a wide space: the edges are checked on valid input) */
	if (valid) {
		if (a.len > 0 && (text_ws_len(a.s, a.len, 0, flags) > 0 ||
		    a.s[a.len - 1] == ' ' || a.s[a.len - 1] == '\n'))
			abort();
		if (!utf8_valid(buf_str(&a), a.len))
			abort();
		text_collapse(&b, buf_str(&a), a.len, flags);
		if (a.len != b.len || memcmp(buf_str(&a), buf_str(&b),
		    a.len) != 0)
			abort();
	}
	buf_free(&a);
	buf_free(&b);
	return 0;
}
