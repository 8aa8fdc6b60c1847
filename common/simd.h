/* simd.h: looking at many bytes at once.  Eight bytes in a 64-bit word
 * (SWAR) work everywhere; sixteen at once where the compiler offers SSE2
 * (every x86-64 compiler does).  Elsewhere SEC_SIMD16 is not defined and
 * callers keep their byte loops: the result is the same, only slower. */
#ifndef SEC_SIMD_H
#define SEC_SIMD_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Eight bytes at a time: hot loops (sec-fetch's decoder, reference
 * fixer, JSON escaper) skip whole words that hold nothing of interest,
 * then look at the bytes of the word that does.  The tests are exact for
 * "some byte of the word is ...", whatever the byte order. */
#define SWAR_ONES	0x0101010101010101ULL
#define SWAR_HIGHS	0x8080808080808080ULL

/* The 8 bytes at s (any alignment). */
static inline uint64_t
swar_load(const char *s)
{
	uint64_t w;

	memcpy(&w, s, sizeof(w));
	return w;
}

/* Nonzero when some byte of w is below c (c at most 128). */
static inline uint64_t
swar_less(uint64_t w, unsigned c)
{
	return (w - SWAR_ONES * c) & ~w & SWAR_HIGHS;
}

/* Nonzero when some byte of w is c. */
static inline uint64_t
swar_has(uint64_t w, unsigned c)
{
	return swar_less(w ^ (SWAR_ONES * c), 1);
}

/* The bytes of w that are c: their high bit set, the rest clear. */
static inline uint64_t
swar_eq(uint64_t w, unsigned c)
{
	uint64_t t = w ^ (SWAR_ONES * c);

	return ~(((t & ~SWAR_HIGHS) + ~SWAR_HIGHS) | t) & SWAR_HIGHS;
}

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>

#define SEC_SIMD16 1

typedef __m128i simd16;

static inline simd16
simd_load(const unsigned char *p)
{
	return _mm_loadu_si128((const __m128i *)(const void *)p);
}

/* 0xFF where the byte is c */
static inline simd16
simd_eq(simd16 v, unsigned char c)
{
	return _mm_cmpeq_epi8(v, _mm_set1_epi8((char)c));
}

/* 0xFF where lo <= byte <= hi (unsigned) */
static inline simd16
simd_range(simd16 v, unsigned char lo, unsigned char hi)
{
	simd16 d = _mm_sub_epi8(v, _mm_set1_epi8((char)lo));

	return _mm_cmpeq_epi8(_mm_min_epu8(d,
	    _mm_set1_epi8((char)(unsigned char)(hi - lo))), d);
}

static inline simd16
simd_or(simd16 a, simd16 b)
{
	return _mm_or_si128(a, b);
}

static inline simd16
simd_and(simd16 a, simd16 b)
{
	return _mm_and_si128(a, b);
}

/* a & ~b */
static inline simd16
simd_andnot(simd16 a, simd16 b)
{
	return _mm_andnot_si128(b, a);
}

static inline simd16
simd_and8(simd16 v, unsigned char m)
{
	return _mm_and_si128(v, _mm_set1_epi8((char)m));
}

static inline simd16
simd_or8(simd16 v, unsigned char m)
{
	return _mm_or_si128(v, _mm_set1_epi8((char)m));
}

/* bit k set when byte k of the mask is set */
static inline unsigned
simd_bits(simd16 m)
{
	return (unsigned)_mm_movemask_epi8(m);
}

static inline unsigned
simd_ctz(unsigned m)
{
	return (unsigned)__builtin_ctz(m);
}
#endif

/* How many times the byte c occurs in p[0..n). */
static inline size_t
simd_count(const unsigned char *p, size_t n, unsigned char c)
{
	size_t i = 0, k = 0;

#ifdef SEC_SIMD16
	simd16 acc;
	size_t j;
	int r;

	while (i + 16 <= n) {
		/* each match adds 1 to its byte lane (0xFF is -1); 255 rounds
		 * at most before the lanes are summed */
		acc = _mm_setzero_si128();
		for (r = 0; r < 255 && i + 16 <= n; r++, i += 16)
			acc = _mm_sub_epi8(acc, simd_eq(simd_load(p + i), c));
		acc = _mm_sad_epu8(acc, _mm_setzero_si128());
		j = (size_t)_mm_cvtsi128_si32(acc) +
		    (size_t)_mm_cvtsi128_si32(_mm_srli_si128(acc, 8));
		k += j;
	}
#endif
	for (; i < n; i++)
		k += p[i] == c;
	return k;
}

#endif
