/* cache.h: answers on disk, keyed by what determines them. */
#ifndef CACHE_H
#define CACHE_H

#include <jansson.h>

#include "fsutil.h"	/* struct sha256: the keys are SHA-256 in hex */

#define CACHE_KEYLEN SHA256_HEXLEN

/* The cached entry for key in dir: a new reference to the object
 * {"answer": {...}, "usage": {...}} or {"failure": "why", "usage": {...}},
 * or NULL. */
json_t	*answer_get(const char *dir, const char *key);
/* Store entry (borrowed) under key; returns 0 or -1 with errno set. */
int	 answer_put(const char *dir, const char *key, const json_t *entry);

#endif
