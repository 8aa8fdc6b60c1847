/* cache.h: answers on disk, keyed by what determines them. */
#ifndef CACHE_H
#define CACHE_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#define CACHE_KEYLEN 64

struct sha256 {
	uint32_t h[8];
	uint8_t	 blk[64];
	uint64_t len;
	size_t	 n;
};

void	 sha256_init(struct sha256 *);
void	 sha256_update(struct sha256 *, const void *, size_t);
/* The digest as 64 lower-case hex digits and a NUL. */
void	 sha256_hex(struct sha256 *, char out[CACHE_KEYLEN + 1]);

/* The default cache directory (new string), or NULL when neither
 * XDG_CACHE_HOME nor HOME is set. */
char	*cache_default_dir(void);
/* The cached entry for key in dir: a new reference to the object
 * {"answer": {...}, "usage": {...}}, or NULL. */
json_t	*cache_get(const char *dir, const char *key);
/* Store entry (borrowed) under key; returns 0 or -1 with errno set. */
int	 cache_put(const char *dir, const char *key, const json_t *entry);

#endif
