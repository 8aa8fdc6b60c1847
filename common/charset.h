/* charset.h: charset labels, the <meta> sniffer and conversion with
 * iconv, shared by sec-fetch and sec-extract. */
#ifndef SEC_CHARSET_H
#define SEC_CHARSET_H

#include <stddef.h>

#include "buf.h"

/* How far into a page the <meta> sniffer looks. */
#define CHARSET_SNIFF_BYTES 4096

/* The iconv name for a charset label, matched without regard to case
 * (Shift_JIS -> CP932, euc-jp -> EUC-JP-MS, ISO-8859-1 -> WINDOWS-1252
 * as WHATWG has it, ...); borrowed, or the label itself when unknown. */
const char *charset_alias(const char *label);
/* The charset a byte order mark at the start of s names, its length in
 * *len; NULL (and *len 0) when there is none. */
const char *charset_bom(const char *s, size_t n, size_t *len);
/* The label a <meta charset> or <meta http-equiv content="...;
 * charset=..."> within the first CHARSET_SNIFF_BYTES of s declares, as
 * written, into enc (cap bytes).  Returns 0, or -1 when there is none. */
int	 charset_sniff_meta(const char *s, size_t n, char *enc, size_t cap);
/* Append s[0..n) converted from the iconv charset name to UTF-8 to out;
 * each byte that does not convert becomes U+FFFD.  Returns the number of
 * such bytes, or -1 (out untouched) when iconv does not know name. */
long	 charset_convert(struct buf *out, const char *s, size_t n,
	    const char *name);

#endif
