/* ioc_coin.c: checksums of Bitcoin addresses, so that a random run of
 * letters and digits is not reported as one.  A legacy address is base58
 * with a double SHA-256 checksum; a segwit address is bech32 (BIP 173) or
 * bech32m (BIP 350). */
#include <stdint.h>
#include <string.h>

#include "fsutil.h"	/* sha256() */
#include "ioc_int.h"

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
	sha256(v, 21, d1);
	sha256(d1, 32, d2);
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
