/* hash.c: FNV-1a and two open-addressing sets (linear probing, at most
 * half full). */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "util.h"

struct strset_slot {
	char	*key;		/* NULL: empty */
	size_t	 len;
	size_t	 num;
	uint32_t h;
};

uint32_t
fnv1a32_more(uint32_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	while (n-- > 0)
		h = fnv1a32_step(h, *s++);
	return h;
}

uint32_t
fnv1a32(const void *p, size_t n)
{
	return fnv1a32_more(FNV1A32_INIT, p, n);
}

uint64_t
fnv1a64(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = FNV1A64_INIT;

	while (n-- > 0) {
		h ^= *s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The slot of id, or the empty slot where it would go; cap > 0.  The ids
 * may be hashes already, or not: mix them (Fibonacci hashing). */
static size_t
id_slot(const struct idset *s, uint64_t id)
{
	size_t i;

	for (i = (size_t)(id * 0x9E3779B97F4A7C15ULL) & (s->cap - 1);
	    s->v[i] != 0 && s->v[i] != id; i = (i + 1) & (s->cap - 1))
		;
	return i;
}

int
idset_has(const struct idset *s, uint64_t id)
{
	if (id == 0)
		id = 1;
	return s->cap != 0 && s->v[id_slot(s, id)] == id;
}

int
idset_add(struct idset *s, uint64_t id)
{
	struct idset t;
	size_t i, k;

	if (id == 0)
		id = 1;
	if ((s->n + 1) * 2 > s->cap) {
		t.n = s->n;
		t.cap = s->cap ? s->cap * 2 : 1024;
		t.v = xcalloc(t.cap, sizeof(*t.v));
		for (k = 0; k < s->cap; k++)
			if (s->v[k] != 0)
				t.v[id_slot(&t, s->v[k])] = s->v[k];
		free(s->v);
		*s = t;
	}
	i = id_slot(s, id);
	if (s->v[i] == id)
		return 0;
	s->v[i] = id;
	s->n++;
	return 1;
}

void
idset_free(struct idset *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

/* The slot of key[0..n) with hash h, or the empty slot where it would
 * go; cap > 0. */
static size_t
str_slot(const struct strset *s, const void *key, size_t n, uint32_t h)
{
	const struct strset_slot *e;
	size_t i;

	for (i = h & (s->cap - 1); (e = &s->slot[i])->key != NULL;
	    i = (i + 1) & (s->cap - 1))
		if (e->h == h && e->len == n && memcmp(e->key, key, n) == 0)
			break;
	return i;
}

size_t
strset_get(const struct strset *s, const void *key, size_t n)
{
	size_t i;

	if (s->cap == 0)
		return STRSET_NONE;
	i = str_slot(s, key, n, fnv1a32(key, n));
	return s->slot[i].key != NULL ? s->slot[i].num : STRSET_NONE;
}

size_t
strset_add(struct strset *s, const void *key, size_t n, int *isnew)
{
	struct strset_slot *ns, *e;
	uint32_t h = fnv1a32(key, n);
	size_t i, k, nc;

	if (isnew != NULL)
		*isnew = 0;
	if ((s->n + 1) * 2 > s->cap) {
		nc = s->cap ? s->cap * 2 : 64;
		ns = xcalloc(nc, sizeof(*ns));
		for (k = 0; k < s->cap; k++) {
			if (s->slot[k].key == NULL)
				continue;
			for (i = s->slot[k].h & (nc - 1); ns[i].key != NULL;
			    i = (i + 1) & (nc - 1))
				;
			ns[i] = s->slot[k];
		}
		free(s->slot);
		s->slot = ns;
		s->cap = nc;
	}
	e = &s->slot[str_slot(s, key, n, h)];
	if (e->key != NULL)
		return e->num;
	e->key = xmalloc(n + 1);
	memcpy(e->key, key, n);
	e->key[n] = '\0';
	e->len = n;
	e->h = h;
	e->num = s->n++;
	if (isnew != NULL)
		*isnew = 1;
	return e->num;
}

void
strset_free(struct strset *s)
{
	size_t k;

	for (k = 0; k < s->cap; k++)
		free(s->slot[k].key);
	free(s->slot);
	s->slot = NULL;
	s->n = s->cap = 0;
}
