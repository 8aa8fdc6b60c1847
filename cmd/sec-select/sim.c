/* sim.c: token and CVE sets for comparing stories. */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "sim.h"
#include "utf8.h"
#include "util.h"

#define TOKEN_MAX	64	/* longer words are cut */

static const char *const stopwords[] = {
	"a", "after", "an", "and", "are", "as", "at", "be", "by", "for",
	"from", "has", "have", "in", "into", "is", "it", "its", "new", "of",
	"on", "or", "over", "than", "that", "the", "their", "this", "to",
	"via", "with"
};

void
hset_add(struct hset *h, uint64_t x)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 16;
		h->v = xreallocarray(h->v, h->cap, sizeof(*h->v));
	}
	h->v[h->n++] = x;
}

static int
cmp64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

void
hset_finish(struct hset *h)
{
	size_t i, j;

	if (h->n < 2)
		return;
	qsort(h->v, h->n, sizeof(*h->v), cmp64);
	for (i = 1, j = 1; i < h->n; i++)
		if (h->v[i] != h->v[j - 1])
			h->v[j++] = h->v[i];
	h->n = j;
}

void
hset_finish_counts(struct hset *h, struct hset *out, unsigned **counts)
{
	size_t i;

	out->n = 0;
	*counts = xreallocarray(NULL, h->n ? h->n : 1, sizeof(**counts));
	if (h->n > 1)
		qsort(h->v, h->n, sizeof(*h->v), cmp64);
	for (i = 0; i < h->n; i++) {
		if (out->n > 0 && out->v[out->n - 1] == h->v[i]) {
			(*counts)[out->n - 1]++;
			continue;
		}
		hset_add(out, h->v[i]);
		(*counts)[out->n - 1] = 1;
	}
}

size_t
hset_inter(const struct hset *a, const struct hset *b)
{
	size_t i = 0, j = 0, n = 0;

	while (i < a->n && j < b->n) {
		if (a->v[i] < b->v[j])
			i++;
		else if (a->v[i] > b->v[j])
			j++;
		else {
			n++;
			i++;
			j++;
		}
	}
	return n;
}

int
hset_equal(const struct hset *a, const struct hset *b)
{
	return a->n == b->n &&
	    (a->n == 0 || memcmp(a->v, b->v, a->n * sizeof(*a->v)) == 0);
}

int
hset_cmp(const struct hset *a, const struct hset *b)
{
	size_t i;

	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (i = 0; i < a->n; i++)
		if (a->v[i] != b->v[i])
			return a->v[i] < b->v[i] ? -1 : 1;
	return 0;
}

static int
cmp_post(const void *pa, const void *pb)
{
	const struct post *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

void
post_sort(struct post *p, size_t n)
{
	if (n > 1)
		qsort(p, n, sizeof(*p), cmp_post);
}

void
hset_free(struct hset *h)
{
	free(h->v);
	h->v = NULL;
	h->n = h->cap = 0;
}

static int
stopword(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < NELEM(stopwords); i++)
		if (strlen(stopwords[i]) == n &&
		    memcmp(stopwords[i], w, n) == 0)
			return 1;
	return 0;
}

/* Punctuation and spaces of the CJK and full-width blocks separate
 * tokens like ASCII punctuation does. */
static int
cjk_separator(uint32_t cp)
{
	return (cp >= 0x2000 && cp <= 0x206f) ||	/* general punct. */
	    (cp >= 0x3000 && cp <= 0x303f) ||		/* CJK punct. */
	    (cp >= 0xff01 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) ||
	    (cp >= 0xff3b && cp <= 0xff40) || (cp >= 0xff5b && cp <= 0xff65) ||
	    cp == 0x00a0 || cp == 0x30fb || cp == UTF8_REPLACEMENT;
}

void
sim_tokens(struct hset *t, const char *s, size_t n)
{
	char w[TOKEN_MAX];
	size_t i = 0, wl, prevlen = 0;
	uint32_t cp;
	const char *prev = NULL;
	int len;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (ASCII_ISALNUM(c)) {
			prev = NULL;
			wl = 0;
			while (i < n && ASCII_ISALNUM((unsigned char)s[i])) {
				if (wl < sizeof(w))
					w[wl++] = (char)ascii_lower(
					    (unsigned char)s[i]);
				i++;
			}
			if (stopword(w, wl))
				continue;
			if (wl > 3 && w[wl - 1] == 's' && w[wl - 2] != 's')
				wl--;
			hset_add(t, fnv1a64(w, wl));
			continue;
		}
		if (c < 0x80) {
			prev = NULL;
			i++;
			continue;
		}
		if ((len = utf8_decode(s + i, n - i, &cp)) < 0) {
			prev = NULL;
			i++;
			continue;
		}
		if (cjk_separator(cp)) {
			prev = NULL;
			i += (size_t)len;
			continue;
		}
		/* a bigram of this character and the one before it; a
		 * character standing alone counts by itself */
		if (prev != NULL)
			hset_add(t, fnv1a64(prev, prevlen + (size_t)len));
		else if (i + (size_t)len >= n ||
		    (unsigned char)s[i + len] < 0x80)
			hset_add(t, fnv1a64(s + i, (size_t)len));
		prev = s + i;
		prevlen = (size_t)len;
		i += (size_t)len;
	}
}

void
sim_cves(struct hset *c, const char *s, size_t n)
{
	char id[32];
	size_t i, j, k;

	for (i = 0; i + 13 <= n; i++) {
		if (ascii_ncasecmp(s + i, "cve", 3) != 0 ||
		    (i > 0 && ASCII_ISALNUM((unsigned char)s[i - 1])))
			continue;
		j = i + 3;
		if (s[j] != '-' && s[j] != '_')
			continue;
		j++;
		for (k = 0; k < 4 && j + k < n; k++)
			if (!ASCII_ISDIGIT((unsigned char)s[j + k]))
				break;
		if (k != 4 || j + 4 >= n || (s[j + 4] != '-' &&
		    s[j + 4] != '_'))
			continue;
		memcpy(id, "CVE-", 4);
		memcpy(id + 4, s + j, 4);
		id[8] = '-';
		j += 5;
		for (k = 0; j + k < n && ASCII_ISDIGIT((unsigned char)s[j + k]);
		    k++)
			if (k < 12)
				id[9 + k] = s[j + k];
		if (k < 4 || k > 12 || (j + k < n &&
		    ASCII_ISALNUM((unsigned char)s[j + k])))
			continue;
		hset_add(c, fnv1a64(id, 9 + k));
		i = j + k - 1;
	}
}

int
sim_dice(const struct hset *a, const struct hset *b)
{
	if (a->n == 0 || b->n == 0)
		return 0;
	return (int)(200 * hset_inter(a, b) / (a->n + b->n));
}
