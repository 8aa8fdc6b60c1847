/* cache.c: the answer cache.  One file per answer, <key[0..2)>/<key>.json
 * below the cache directory, named by the SHA-256 of the engine, model,
 * prompt, schema and article, and written atomically (cache_write), so
 * concurrent runs and interrupted ones never leave half an entry.  The
 * key (the secret) is never part of an entry.  An answer that failed in
 * a way a second request would repeat (not JSON after the repair turn,
 * cut after the larger limit, refused, a 400) is kept too, as its
 * message, so a rerun does not pay for it again. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cache.h"
#include "util.h"

static void
entry_name(struct buf *b, const char *key)
{
	buf_printf(b, "%.2s/%s.json", key, key);
}

json_t *
answer_get(const char *dir, const char *key)
{
	struct buf p = BUF_INIT;
	char *data;
	size_t len;
	json_t *j;

	entry_name(&p, key);
	data = cache_read(dir, p.s, 4 << 20, &len);
	buf_free(&p);
	if (data == NULL)
		return NULL;
	j = json_loadb(data, len, JSON_REJECT_DUPLICATES, NULL);
	free(data);
	if (!json_is_object(j) ||
	    (!json_is_object(json_object_get(j, "answer")) &&
	    !json_is_string(json_object_get(j, "failure")))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

int
answer_put(const char *dir, const char *key, const json_t *entry)
{
	struct buf p = BUF_INIT;
	char *s;
	int rc, saved;

	if ((s = json_dumps(entry, JSON_COMPACT | JSON_SORT_KEYS)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	entry_name(&p, key);
	rc = cache_write(dir, p.s, s, strlen(s));
	saved = errno;
	free(s);
	buf_free(&p);
	errno = saved;
	return rc;
}
