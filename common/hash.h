/* hash.h: FNV-1a, and the sets built on it: a set of 64-bit ids and a
 * set of byte strings that numbers its keys in the order they came. */
#ifndef SEC_HASH_H
#define SEC_HASH_H

#include <stddef.h>
#include <stdint.h>

#define FNV1A32_INIT	2166136261u
#define FNV1A64_INIT	0xcbf29ce484222325ULL

/* One step of FNV-1a, 32 bits: byte c into h. */
static inline uint32_t
fnv1a32_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

/* FNV-1a, 32 bits, of s[0..n), going on from h (FNV1A32_INIT to start). */
uint32_t fnv1a32_more(uint32_t h, const void *s, size_t n);
/* FNV-1a, 32 bits, of s[0..n). */
uint32_t fnv1a32(const void *s, size_t n);
/* FNV-1a, 64 bits, of s[0..n). */
uint64_t fnv1a64(const void *s, size_t n);

/* A set of 64-bit ids (open addressing; 0 is stored as 1). */
struct idset {
	uint64_t *v;
	size_t	 n, cap;	/* cap: a power of two, or 0 */
};

#define IDSET_INIT { NULL, 0, 0 }

/* Nonzero when id is in the set. */
int	 idset_has(const struct idset *, uint64_t id);
/* Add id; returns 1 when it is new, 0 when it was there. */
int	 idset_add(struct idset *, uint64_t id);
void	 idset_free(struct idset *);

/* A set of byte strings.  Each key is copied in and gets the number of
 * keys added before it, so that a caller can keep its own array of
 * entries in the same order. */
struct strset {
	struct strset_slot *slot;	/* open addressing */
	size_t	 n, cap;		/* cap: a power of two, or 0 */
};

#define STRSET_INIT { NULL, 0, 0 }
#define STRSET_NONE ((size_t)-1)

/* The number of key[0..n) in the set, or STRSET_NONE. */
size_t	 strset_get(const struct strset *, const void *key, size_t n);
/* Add key[0..n) when it is not there; returns its number, and sets
 * *isnew (when not NULL) to 1 when it was added. */
size_t	 strset_add(struct strset *, const void *key, size_t n, int *isnew);
void	 strset_free(struct strset *);

#endif
