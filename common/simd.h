/* simd.h: classify 16 bytes at once where the compiler offers SSE2 (every
 * x86-64 compiler does).  Elsewhere SEC_SIMD16 is not defined and callers
 * keep their byte loops: the result is the same, only slower. */
#ifndef SEC_SIMD_H
#define SEC_SIMD_H

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

#include <stddef.h>

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
