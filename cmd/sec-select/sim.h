/* sim.h: what sec-select compares stories by: sets of title tokens and of
 * CVE ids, as sorted arrays of 64-bit hashes. */
#ifndef SEL_SIM_H
#define SEL_SIM_H

#include <stddef.h>
#include <stdint.h>

struct hset {
	uint64_t *v;
	size_t	 n;
	size_t	 cap;
};

#define HSET_INIT { NULL, 0, 0 }

void	 hset_add(struct hset *, uint64_t);
/* Sort and remove duplicates; call before comparing. */
void	 hset_finish(struct hset *);
/* Sort h and write its distinct elements to out (reset first) and how
 * often each occurs to *counts (new array, caller frees). */
void	 hset_finish_counts(struct hset *h, struct hset *out,
	    unsigned **counts);
/* Number of common elements of two finished sets. */
size_t	 hset_inter(const struct hset *, const struct hset *);
/* Nonzero when two finished sets are equal. */
int	 hset_equal(const struct hset *, const struct hset *);
/* Order two finished sets: by size, then element by element. */
int	 hset_cmp(const struct hset *, const struct hset *);
void	 hset_free(struct hset *);

/* One entry of an inverted index: key (a word) occurs in item, which
 * belongs to group (a section). */
struct post {
	uint64_t key;
	size_t	 group;
	size_t	 item;
};

/* Sort posts by key, then group, then item, so that each run of equal
 * key and group is one posting list in input order. */
void	 post_sort(struct post *, size_t n);

/* Add the tokens of a title to set t: lower-cased ASCII words (a plural
 * "s" removed, common English stop words left out) and, for runs of other
 * scripts such as Japanese, character bigrams. */
void	 sim_tokens(struct hset *t, const char *s, size_t n);
/* Add every CVE id in s ("CVE-2026-12345", any case) to set c. */
void	 sim_cves(struct hset *c, const char *s, size_t n);
/* Dice similarity of two finished sets, in percent (0 when either is
 * empty). */
int	 sim_dice(const struct hset *, const struct hset *);

#endif
