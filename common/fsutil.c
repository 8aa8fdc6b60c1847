/* fsutil.c: the operands of a filter, mkdir -p, the XDG directories,
 * SHA-256 (FIPS 180-4) and the cache core. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "fsutil.h"
#include "util.h"

void
operands_init(struct operands *op, int argc, char **argv)
{
	op->argv = argv;
	op->argc = argc;
	op->next = 0;
	op->nbad = 0;
}

FILE *
operands_next(struct operands *op, const char **name)
{
	const char *f;
	FILE *fp;

	for (;;) {
		if (op->argc == 0 && op->next == 0)
			f = "-";
		else if (op->next < op->argc)
			f = op->argv[op->next];
		else
			return NULL;
		op->next++;
		if (strcmp(f, "-") == 0) {
			*name = "<stdin>";
			return stdin;
		}
		if ((fp = fopen(f, "r")) != NULL) {
			struct stat st;

			if (fstat(fileno(fp), &st) == -1 ||
			    !S_ISDIR(st.st_mode)) {
				*name = f;
				return fp;
			}
			/* named as such, not as a read error on line 1 */
			fclose(fp);
			errno = EISDIR;
		}
		warn("%s", f);
		op->nbad++;
	}
}

void
operands_close(FILE *fp)
{
	if (fp == stdin)
		clearerr(stdin);
	else
		fclose(fp);
}

int
mkdirs(const char *dir, mode_t mode)
{
	char *p = xstrdup(dir), *s, c;
	int rc = 0, saved;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		c = *s;
		*s = '\0';
		if (mkdir(p, mode) == -1 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	saved = errno;
	free(p);
	errno = saved;
	return rc;
}

char *
xdg_path(enum xdg_kind kind, const char *sub)
{
	const char *x, *h = getenv("HOME");
	struct buf b = BUF_INIT;

	x = getenv(kind == XDG_DATA ? "XDG_DATA_HOME" : "XDG_CACHE_HOME");
	if (x != NULL && x[0] == '/')
		buf_printf(&b, "%s/%s", x, sub);
	else if (h != NULL && h[0] != '\0')
		buf_printf(&b, "%s/%s/%s", h,
		    kind == XDG_DATA ? ".local/share" : ".cache", sub);
	else
		return NULL;
	return buf_detach(&b);
}

char *
xdg_tool_dir(enum xdg_kind kind, const char *tool)
{
	struct buf b = BUF_INIT;
	char *s;

	buf_printf(&b, "sec-tools/%s", tool);
	s = xdg_path(kind, b.s);
	buf_free(&b);
	return s;
}

/* ---- SHA-256 ---- */

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b,
	0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
	0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7,
	0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152,
	0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
	0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
	0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
	0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

void
sha256_init(struct sha256 *s)
{
	static const uint32_t iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372,
	    0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };

	memcpy(s->h, iv, sizeof(iv));
	s->len = 0;
	s->n = 0;
}

static void
block(struct sha256 *s, const uint8_t *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, h, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++)
		w[i] = (ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^
		    (w[i - 2] >> 10)) + w[i - 7] + (ROR(w[i - 15], 7) ^
		    ROR(w[i - 15], 18) ^ (w[i - 15] >> 3)) + w[i - 16];
	a = s->h[0]; b = s->h[1]; c = s->h[2]; d = s->h[3];
	e = s->h[4]; f = s->h[5]; g = s->h[6]; h = s->h[7];
	for (i = 0; i < 64; i++) {
		t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
		    ((e & f) ^ (~e & g)) + K[i] + w[i];
		t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
		    ((a & b) ^ (a & c) ^ (b & c));
		h = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d;
	s->h[4] += e; s->h[5] += f; s->h[6] += g; s->h[7] += h;
}

void
sha256_update(struct sha256 *s, const void *data, size_t n)
{
	const uint8_t *p = data;
	size_t k;

	s->len += n;
	while (n > 0) {
		k = 64 - s->n < n ? 64 - s->n : n;
		memcpy(s->blk + s->n, p, k);
		s->n += k;
		p += k;
		n -= k;
		if (s->n == 64) {
			block(s, s->blk);
			s->n = 0;
		}
	}
}

void
sha256_final(struct sha256 *s, unsigned char out[SHA256_LEN])
{
	uint64_t bits = s->len * 8;
	uint8_t pad = 0x80, z = 0, lenb[8];
	int i;

	sha256_update(s, &pad, 1);
	while (s->n != 56)
		sha256_update(s, &z, 1);
	for (i = 0; i < 8; i++)
		lenb[i] = (uint8_t)(bits >> (56 - 8 * i));
	sha256_update(s, lenb, 8);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)s->h[i];
	}
}

void
sha256_hex(struct sha256 *s, char out[SHA256_HEXLEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[SHA256_LEN];
	int i;

	sha256_final(s, d);
	for (i = 0; i < SHA256_LEN; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[SHA256_HEXLEN] = '\0';
}

void
sha256(const void *p, size_t n, unsigned char out[SHA256_LEN])
{
	struct sha256 s;

	sha256_init(&s);
	sha256_update(&s, p, n);
	sha256_final(&s, out);
}

/* ---- the cache core ---- */

char *
cache_read(const char *dir, const char *name, size_t max, size_t *len)
{
	struct buf p = BUF_INIT;
	char *data;
	int saved;

	buf_printf(&p, "%s/%s", dir, name);
	data = read_file(p.s, max, len);
	saved = errno;
	buf_free(&p);
	errno = saved;
	return data;
}

int
cache_write(const char *dir, const char *name, const void *data,
    size_t len)
{
	struct buf p = BUF_INIT;
	const char *slash;
	int rc, saved;

	buf_printf(&p, "%s/%s", dir, name);
	/* the directory of the entry: dir, or dir/<subdirectory of name> */
	slash = strrchr(name, '/');
	p.s[strlen(dir) + (slash != NULL ? 1 + (size_t)(slash - name) : 0)] =
	    '\0';
	if (mkdirs(p.s, 0700) == -1) {
		saved = errno;
		buf_free(&p);
		errno = saved;
		return -1;
	}
	buf_reset(&p);
	buf_printf(&p, "%s/%s", dir, name);
	rc = write_file_atomic(p.s, data, len);
	saved = errno;
	buf_free(&p);
	errno = saved;
	return rc;
}
