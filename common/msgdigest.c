/* msgdigest.c: MD5 (RFC 1321), SHA-1 (FIPS 180-4) and version 5 UUIDs
 * (msgdigest.h).  Both hashes work on whole messages in memory: their
 * inputs here are names and indicator values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msgdigest.h"
#include "util.h"

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

/* The message padded to whole 64-byte blocks with its bit length, little
 * endian for MD5 and big endian for SHA-1.  Returns the padded copy. */
static unsigned char *
pad(const void *p, size_t n, int bigendian, size_t *blocks)
{
	size_t len = (n + 8) / 64 * 64 + 64, i;
	unsigned char *m = xcalloc(1, len);
	uint64_t bits = (uint64_t)n * 8;

	memcpy(m, p, n);
	m[n] = 0x80;
	for (i = 0; i < 8; i++)
		m[bigendian ? len - 1 - i : len - 8 + i] =
		    (unsigned char)(bits >> (8 * i));
	*blocks = len / 64;
	return m;
}

void
md5(const void *p, size_t n, unsigned char out[MD5_LEN])
{
	static const uint32_t k[64] = {
	    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf,
	    0x4787c62a, 0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af,
	    0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e,
	    0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa,
	    0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6,
	    0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8,
	    0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
	    0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
	    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039,
	    0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244, 0x432aff97,
	    0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d,
	    0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
	    0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391 };
	static const unsigned char r[16] = { 7, 12, 17, 22, 5, 9, 14, 20,
	    4, 11, 16, 23, 6, 10, 15, 21 };
	uint32_t h[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };
	uint32_t w[16], a, b, c, d, f, t;
	unsigned char *m;
	size_t blocks, i, j;

	m = pad(p, n, 0, &blocks);
	for (i = 0; i < blocks; i++) {
		for (j = 0; j < 16; j++)
			w[j] = (uint32_t)m[i * 64 + j * 4] |
			    (uint32_t)m[i * 64 + j * 4 + 1] << 8 |
			    (uint32_t)m[i * 64 + j * 4 + 2] << 16 |
			    (uint32_t)m[i * 64 + j * 4 + 3] << 24;
		a = h[0], b = h[1], c = h[2], d = h[3];
		for (j = 0; j < 64; j++) {
			size_t g;

			if (j < 16) {
				f = (b & c) | (~b & d);
				g = j;
			} else if (j < 32) {
				f = (d & b) | (~d & c);
				g = (5 * j + 1) % 16;
			} else if (j < 48) {
				f = b ^ c ^ d;
				g = (3 * j + 5) % 16;
			} else {
				f = c ^ (b | ~d);
				g = (7 * j) % 16;
			}
			t = d;
			d = c;
			c = b;
			f = a + f + k[j] + w[g];
			b = b + ROL(f, r[j / 16 * 4 + j % 4]);
			a = t;
		}
		h[0] += a, h[1] += b, h[2] += c, h[3] += d;
	}
	free(m);
	for (i = 0; i < 16; i++)
		out[i] = (unsigned char)(h[i / 4] >> (8 * (i % 4)));
}

void
sha1(const void *p, size_t n, unsigned char out[SHA1_LEN])
{
	uint32_t h[5] = { 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476,
	    0xC3D2E1F0 };
	uint32_t w[80], a, b, c, d, e, f, k, t;
	unsigned char *m;
	size_t blocks, i, j;

	m = pad(p, n, 1, &blocks);
	for (i = 0; i < blocks; i++) {
		for (j = 0; j < 16; j++)
			w[j] = (uint32_t)m[i * 64 + j * 4] << 24 |
			    (uint32_t)m[i * 64 + j * 4 + 1] << 16 |
			    (uint32_t)m[i * 64 + j * 4 + 2] << 8 |
			    (uint32_t)m[i * 64 + j * 4 + 3];
		for (j = 16; j < 80; j++)
			w[j] = ROL(w[j - 3] ^ w[j - 8] ^ w[j - 14] ^ w[j - 16],
			    1);
		a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
		for (j = 0; j < 80; j++) {
			if (j < 20) {
				f = (b & c) | (~b & d);
				k = 0x5A827999;
			} else if (j < 40) {
				f = b ^ c ^ d;
				k = 0x6ED9EBA1;
			} else if (j < 60) {
				f = (b & c) | (b & d) | (c & d);
				k = 0x8F1BBCDC;
			} else {
				f = b ^ c ^ d;
				k = 0xCA62C1D6;
			}
			t = ROL(a, 5) + f + e + k + w[j];
			e = d;
			d = c;
			c = ROL(b, 30);
			b = a;
			a = t;
		}
		h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
	}
	free(m);
	for (i = 0; i < SHA1_LEN; i++)
		out[i] = (unsigned char)(h[i / 4] >> (24 - 8 * (i % 4)));
}

void
md5_hex(const void *s, size_t n, char out[2 * MD5_LEN + 1])
{
	unsigned char d[MD5_LEN];
	size_t i;

	md5(s, n, d);
	for (i = 0; i < MD5_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static int
hexval(int c)
{
	if (ASCII_ISDIGIT(c))
		return c - '0';
	if (((unsigned)c | 32) - 'a' < 6)
		return ((c | 32) - 'a') + 10;
	return -1;
}

int
uuid_parse(const char *s, unsigned char out[16])
{
	size_t i, o = 0;
	int hi, lo;

	if (strlen(s) != UUID_STRLEN)
		return -1;
	for (i = 0; i < UUID_STRLEN; ) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i++] != '-')
				return -1;
			continue;
		}
		if ((hi = hexval((unsigned char)s[i])) < 0 ||
		    (lo = hexval((unsigned char)s[i + 1])) < 0)
			return -1;
		out[o++] = (unsigned char)(hi << 4 | lo);
		i += 2;
	}
	return 0;
}

void
uuid5(const unsigned char ns[16], const char *name, size_t n,
    char out[UUID_STRLEN + 1])
{
	unsigned char h[SHA1_LEN], *m = xmalloc(16 + n);
	size_t i, o = 0;

	memcpy(m, ns, 16);
	memcpy(m + 16, name, n);
	sha1(m, 16 + n, h);
	free(m);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x50);
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		snprintf(out + o, 3, "%02x", h[i]);
		o += 2;
	}
	out[o] = '\0';
}
