/* ioc_coin.c: checksums of Bitcoin addresses, so that a random run of
 * letters and digits is not reported as one.  A legacy address is base58
 * with a double SHA-256 checksum; a segwit address is bech32 (BIP 173) or
 * bech32m (BIP 350). */
#include <stdint.h>
#include <string.h>

#include "ioc_norm.h"

/* ---- SHA-256 (FIPS 180-4), only as much as a checksum needs ---- */

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROR(x, n) ((x) >> (n) | (x) << (32 - (n)))

static void
block(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, hh, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (; i < 64; i++)
		w[i] = w[i - 16] + (ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^
		    w[i - 15] >> 3) + w[i - 7] + (ROR(w[i - 2], 17) ^
		    ROR(w[i - 2], 19) ^ w[i - 2] >> 10);
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; hh = h[7];
	for (i = 0; i < 64; i++) {
		t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
		    ((e & f) ^ (~e & g)) + K[i] + w[i];
		t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
		    ((a & b) ^ (a & c) ^ (b & c));
		hh = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

/* SHA-256 of m[0..n), n < 56 (one block is enough here). */
static void
sha256_short(const unsigned char *m, size_t n, unsigned char out[32])
{
	uint32_t h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	unsigned char b[64];
	int i;

	memset(b, 0, sizeof(b));
	memcpy(b, m, n);
	b[n] = 0x80;
	b[62] = (unsigned char)((n * 8) >> 8);
	b[63] = (unsigned char)(n * 8);
	block(h, b);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(h[i] >> 8);
		out[4 * i + 3] = (unsigned char)h[i];
	}
}

static const char b58[] =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/* A legacy (P2PKH or P2SH) address s[0..n). */
static int
base58check(const char *s, size_t n)
{
	unsigned char v[25], d1[32], d2[32];
	const char *p;
	unsigned carry;
	size_t i;
	int j;

	memset(v, 0, sizeof(v));
	for (i = 0; i < n; i++) {
		if ((p = strchr(b58, s[i])) == NULL || s[i] == '\0')
			return 0;
		carry = (unsigned)(p - b58);
		for (j = 24; j >= 0; j--) {
			carry += 58u * v[j];
			v[j] = (unsigned char)carry;
			carry >>= 8;
		}
		if (carry != 0)
			return 0;
	}
	if (v[0] != 0x00 && v[0] != 0x05)
		return 0;
	sha256_short(v, 21, d1);
	sha256_short(d1, 32, d2);
	return memcmp(d2, v + 21, 4) == 0;
}

/* A segwit address "bc1..." s[0..n), lower case. */
static int
bech32(const char *s, size_t n)
{
	static const char cs[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
	static const uint32_t gen[5] = { 0x3b6a57b2, 0x26508e6d, 0x1ea119fa,
	    0x3d4233dd, 0x2a1462b3 };
	uint32_t chk = 1, top;
	const char *p;
	size_t i;
	int k, v;

	if (n < 14 || n > 90 || memcmp(s, "bc1", 3) != 0)
		return 0;
	/* the human-readable part "bc", expanded */
	for (i = 0; i < 2 + 1 + 2; i++) {
		v = i < 2 ? "bc"[i] >> 5 : i == 2 ? 0 : "bc"[i - 3] & 31;
		top = chk >> 25;
		chk = (chk & 0x1ffffff) << 5 ^ (uint32_t)v;
		for (k = 0; k < 5; k++)
			if (top >> k & 1)
				chk ^= gen[k];
	}
	for (i = 3; i < n; i++) {
		if ((p = strchr(cs, s[i])) == NULL || s[i] == '\0')
			return 0;
		top = chk >> 25;
		chk = (chk & 0x1ffffff) << 5 ^ (uint32_t)(p - cs);
		for (k = 0; k < 5; k++)
			if (top >> k & 1)
				chk ^= gen[k];
	}
	return chk == 1 || chk == 0x2bc830a3;
}

int
ioc_btc_ok(const char *s, size_t n)
{
	if (n >= 3 && memcmp(s, "bc1", 3) == 0)
		return bech32(s, n);
	if (n >= 26 && n <= 35 && (s[0] == '1' || s[0] == '3'))
		return base58check(s, n);
	return 0;
}
