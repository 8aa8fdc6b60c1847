/* utf8.h: UTF-8 decoding, encoding, validation and repair. */
#ifndef SEC_UTF8_H
#define SEC_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define UTF8_REPLACEMENT 0xFFFD

/* Decode one code point from s (n bytes available).  Returns the number of
 * bytes used (1-4) and sets *cp, or returns -1 for an invalid or truncated
 * sequence (overlong forms, surrogates and values above U+10FFFF are
 * invalid).  n must be at least 1. */
int	 utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Append the UTF-8 form of cp (a surrogate or out-of-range value becomes
 * U+FFFD). */
void	 utf8_encode(struct buf *, uint32_t cp);
/* Encode cp into out (at least 4 bytes); returns the length. */
int	 utf8_encode_to(char *out, uint32_t cp);
/* Nonzero when s[0..n) is valid UTF-8 with no NUL byte. */
int	 utf8_valid(const char *s, size_t n);
/* Append s[0..n) to out with every invalid byte replaced by U+FFFD and
 * NUL bytes dropped.  Returns the number of replacements made. */
size_t	 utf8_repair(struct buf *out, const char *s, size_t n);
/* Count the multi-byte sequences of s[0..n) that decode (*good) and the
 * non-ASCII bytes that do not (*bad).  An undecodable byte within the last
 * tail bytes ends the count, for input that may be cut short. */
void	 utf8_tally(const char *s, size_t n, size_t tail, size_t *good,
	    size_t *bad);
/* Number of code points in valid UTF-8 s[0..n). */
size_t	 utf8_len(const char *s, size_t n);

#endif
