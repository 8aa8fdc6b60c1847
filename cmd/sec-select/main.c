/* sec-select: keep the stories worth summarising.  Drops what is not
 * security news by rules, merges the same story told by several outlets,
 * ranks what is left by what matters to an analyst and keeps the best;
 * link sections pass through with a cap. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "conf.h"
#include "date.h"
#include "hash.h"
#include "ndjson.h"
#include "record.h"
#include "sim.h"
#include "util.h"

#define MAX_DEFAULT		10
#define SECTION_MAX_DEFAULT	15
#define SIMILARITY_DEFAULT	50
#define CONF_MAXSIZE		(1024 * 1024)
#define MAX_RECORDS_DEFAULT	100000
#define MAX_RECORDS_MAX		100000000
/* A word in more titles of a section than this does not pair stories:
 * comparing every two titles that have it would cost the square of its
 * count, and a word that common weighs next to nothing anyway. */
#define POSTING_MAX		256
#define NONE			((size_t)-1)

const char cli_synopsis[] =
    "usage: sec-select [-hMuvV] [-c config] [-D file] [-L bytes] [-n max]\n"
    "                  [-s max] [--links file] [--max-records records]"
    " [file ...]\n";
const char cli_options[] =
    "  -c, --config FILE      selection rules (see sec-select(1))\n"
    "  -D, --dropped FILE     write the records left out to FILE\n"
    "  -h, --help             show this help\n"
    "  -L, --max-line BYTES   longest input record (default 64M)\n"
    "  -M, --no-merge         do not merge near-duplicate stories\n"
    "  -n, --max N            news records kept (default 10, 0: all)\n"
    "  -s, --section-max N    records kept in each other section"
    " (default 15)\n"
    "  -u, --unbuffered       flush after every record\n"
    "  -v, --verbose          say on stderr what was left out and why\n"
    "  -V, --version          print the version\n"
    "      --links FILE       write the link sections to FILE, not stdout\n"
    "      --max-records N    records read, the rest passed over"
    " (default 100000,\n"
    "                         0: no limit)\n";

enum { OPT_LINKS = 256, OPT_MAXREC };

enum state { KEPT, DROPPED, DUPLICATE, MERGED, CAPPED };

enum reason {
	R_EXPLOITED = 1 << W_EXPLOITED,
	R_IOCS = 1 << W_IOCS,
	R_CVE = 1 << W_CVE,
	R_FIX = 1 << W_FIX
};

struct item {
	json_t	*rec;		/* owned */
	size_t	 idx;		/* input order */
	const char *section;	/* borrowed from rec */
	size_t	 sec;		/* section number, by first appearance */
	const char *url;	/* borrowed from rec; may be NULL */
	const char *feed;	/* borrowed from rec; may be NULL */
	int	 ranked;
	enum state state;
	const char *why;	/* rule text (borrowed from the config) */
	size_t	 into;		/* MERGED/DUPLICATE: the item kept */
	size_t	 also;		/* the first item MERGED into it */
	size_t	 alsotail;	/* the last one */
	size_t	 alsonext;	/* the next item MERGED into the same */
	long long pub;
	int	 haspub;
	unsigned reasons;	/* this record's own */
	unsigned greasons;	/* its group's, on the representative */
	long long score;	/* group score, on the representative */
	size_t	 outlets;
	size_t	 parent;	/* union-find */
	uint64_t urlhash;
	struct hset toks, cves, iocs;
	double	*tw;		/* weight of each of toks */
	double	 twsum;
};

static struct sel_conf conf;
static struct item *items;
static size_t nitems;
static int verbose;
static FILE *dropfp, *linkfp;
static const char *dropname, *linkname;

/* A field as one string: categories are joined by newlines. */
static int
rule_matches(const struct sel_rule *ru, json_t *rec)
{
	const char *s = NULL;
	json_t *cats, *c;
	size_t i;

	switch (ru->field) {
	case SEL_TITLE:
		s = rec_str(rec, "title");
		break;
	case SEL_SUMMARY:
		s = rec_str(rec, "summary");
		break;
	case SEL_URL:
		s = rec_str(rec, "url");
		break;
	case SEL_FEED:
		s = rec_str(rec, "feed");
		break;
	case SEL_CATEGORY:
		cats = json_object_get(rec, "categories");
		json_array_foreach(cats, i, c)
			if (json_is_string(c) && sel_match(&ru->pat,
			    json_string_value(c), json_string_length(c)))
				return 1;
		return 0;
	}
	return s != NULL && sel_match(&ru->pat, s, strlen(s));
}

/* The rule that drops rec, or NULL when it stays. */
static const struct sel_rule *
dropped_by(json_t *rec)
{
	const struct sel_rule *drop = NULL;
	size_t i;

	for (i = 0; i < conf.nrules; i++) {
		if (!conf.rules[i].keep && drop != NULL)
			continue;
		if (!rule_matches(&conf.rules[i], rec))
			continue;
		if (conf.rules[i].keep)
			return NULL;
		drop = &conf.rules[i];
	}
	return drop;
}

static int
is_ranked(const char *section)
{
	size_t i;

	for (i = 0; i < conf.nranked; i++)
		if (strcmp(conf.ranked[i], section) == 0)
			return 1;
	return 0;
}

static int
any_phrase(const struct sel_pat *p, size_t np, const char *s)
{
	size_t i, n;

	if (s == NULL)
		return 0;
	n = strlen(s);
	for (i = 0; i < np; i++)
		if (sel_match(&p[i], s, n))
			return 1;
	return 0;
}

/* Work out what rank and merge need from it->rec. */
static void
analyse(struct item *it)
{
	const char *title = rec_str(it->rec, "title");
	const char *summary = rec_str(it->rec, "summary");
	json_t *iocs, *ioc;
	size_t i;

	it->feed = rec_str(it->rec, "feed");
	if (title != NULL) {
		sim_tokens(&it->toks, title, strlen(title));
		sim_cves(&it->cves, title, strlen(title));
	}
	if (summary != NULL)
		sim_cves(&it->cves, summary, strlen(summary));
	iocs = json_object_get(it->rec, "iocs");
	json_array_foreach(iocs, i, ioc) {
		const char *type = rec_str(ioc, "type");
		const char *value = rec_str(ioc, "value");
		struct buf b = BUF_INIT;

		if (type == NULL || value == NULL)
			continue;
		if (strcmp(type, "cve") == 0) {
			sim_cves(&it->cves, value, strlen(value));
			continue;
		}
		if (json_is_true(json_object_get(ioc, "known")) ||
		    json_is_true(json_object_get(ioc, "linked")))
			continue;
		buf_printf(&b, "%s %s", type, value);
		hset_add(&it->iocs, fnv1a64(b.s, b.len));
		buf_free(&b);
	}
	hset_finish(&it->toks);
	hset_finish(&it->cves);
	hset_finish(&it->iocs);
	if (any_phrase(conf.exploited, conf.nexploited, title) ||
	    any_phrase(conf.exploited, conf.nexploited, summary))
		it->reasons |= R_EXPLOITED;
	if (it->iocs.n > 0)
		it->reasons |= R_IOCS;
	if (it->cves.n > 0) {
		it->reasons |= R_CVE;
		if (any_phrase(conf.fix, conf.nfix, title) ||
		    any_phrase(conf.fix, conf.nfix, summary))
			it->reasons |= R_FIX;
	}
}

static long long
score_of(unsigned reasons)
{
	long long s = 0;
	int w;

	for (w = 0; w < W_NWEIGHTS; w++)
		if (w != W_OUTLET && (reasons & (1u << w)))
			s += conf.weight[w];
	return s;
}

static size_t
find(size_t i)
{
	while (items[i].parent != i) {
		items[i].parent = items[items[i].parent].parent;
		i = items[i].parent;
	}
	return i;
}

/* The day's title words and how many titles have each: a word that few
 * titles share (a product, a victim, a malware name) says more about the
 * story than "ransomware" or "attack". */
static struct hset dfwords;	/* sorted, unique */
static unsigned *dfcount;

static unsigned df_of(uint64_t);

static void
df_build(void)
{
	struct hset all = HSET_INIT;
	size_t i, j;

	for (i = 0; i < nitems; i++)
		if (items[i].state == KEPT && items[i].ranked)
			for (j = 0; j < items[i].toks.n; j++)
				hset_add(&all, items[i].toks.v[j]);
	/* all holds every title's words once per title: sort, count runs */
	hset_finish_counts(&all, &dfwords, &dfcount);
	hset_free(&all);
	for (i = 0; i < nitems; i++) {
		struct item *it = &items[i];

		if (it->state != KEPT || !it->ranked)
			continue;
		it->tw = xreallocarray(NULL, it->toks.n ? it->toks.n : 1,
		    sizeof(*it->tw));
		for (j = 0; j < it->toks.n; j++) {
			it->tw[j] = 1.0 / df_of(it->toks.v[j]);
			it->twsum += it->tw[j];
		}
	}
}

static unsigned
df_of(uint64_t h)
{
	size_t lo = 0, hi = dfwords.n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (dfwords.v[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < dfwords.n && dfwords.v[lo] == h ? dfcount[lo] : 1;
}

/* The similarity of two titles in percent: Dice's coefficient over
 * their word sets, each word weighted by 1/(number of the day's titles that
 * have it), so that the words only these two titles share count fully and
 * "ransomware" or "attack" in every other title count little. */
static int
title_similarity(const struct item *a, const struct item *b)
{
	double wi = 0;
	size_t i = 0, j = 0;

	while (i < a->toks.n && j < b->toks.n) {
		if (a->toks.v[i] < b->toks.v[j])
			i++;
		else if (a->toks.v[i] > b->toks.v[j])
			j++;
		else {
			wi += a->tw[i];
			i++;
			j++;
		}
	}
	if (a->twsum + b->twsum <= 0)
		return 0;
	return (int)(200 * wi / (a->twsum + b->twsum));
}

static int
same_feed(const struct item *a, const struct item *b)
{
	return a->feed != NULL && b->feed != NULL &&
	    strcmp(a->feed, b->feed) == 0;
}

/* Are a and b the same story? */
static int
same_story(const struct item *a, const struct item *b, int similarity)
{
	size_t inter;

	if (a->cves.n > 0 && hset_equal(&a->cves, &b->cves))
		return 1;
	if (a->iocs.n > 0 && hset_equal(&a->iocs, &b->iocs))
		return 1;
	/* two stories naming different CVEs are different stories */
	if (a->cves.n > 0 && b->cves.n > 0 &&
	    hset_inter(&a->cves, &b->cves) == 0)
		return 0;
	/* an outlet does not tell one story twice a day: similar titles of
	 * one feed are a series ("Patch Tuesday", "weekly recap") */
	if (same_feed(a, b))
		return 0;
	inter = hset_inter(&a->toks, &b->toks);
	return inter >= 2 && title_similarity(a, b) >= similarity;
}

/* Which item of a group speaks for it: the best own score, then the
 * earliest report, then input order. */
static int
better_rep(const struct item *a, const struct item *b)
{
	long long sa = score_of(a->reasons), sb = score_of(b->reasons);

	if (sa != sb)
		return sa > sb;
	if (a->haspub != b->haspub)
		return a->haspub;
	if (a->haspub && a->pub != b->pub)
		return a->pub < b->pub;
	return a->idx < b->idx;
}

static int
cmp_rank(const void *pa, const void *pb)
{
	const struct item *a = *(struct item *const *)pa;
	const struct item *b = *(struct item *const *)pb;

	if (a->ranked && b->ranked && a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->ranked && b->ranked && a->outlets != b->outlets)
		return a->outlets > b->outlets ? -1 : 1;
	if (a->haspub != b->haspub)
		return a->haspub ? -1 : 1;
	if (a->haspub && a->pub != b->pub)
		return a->pub > b->pub ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Say why rec (borrowed; its URL is url) is left out. */
static void
write_dropped(json_t *rec, const char *url, const char *why)
{
	json_t *sel;

	if (verbose)
		warnx("%s: %s", url ? url : "(no url)", why);
	if (dropfp == NULL)
		return;
	sel = json_object();
	rec_set_new(sel, "dropped", json_string_safe(why, strlen(why)));
	rec_set_new(rec, "select", sel);
	ndjson_write_to(dropfp, dropname, rec);
}

static long long
cap_of(const char *section, int ranked, long long max, long long secmax)
{
	size_t i;

	for (i = conf.ncaps; i-- > 0;)
		if (strcmp(conf.caps[i].section, section) == 0)
			return conf.caps[i].max;
	return ranked ? max : secmax;
}

static json_t *
reasons_json(unsigned r, size_t outlets)
{
	json_t *a = json_array();
	int w;

	for (w = 0; w < W_NWEIGHTS; w++)
		if (w != W_OUTLET && (r & (1u << w)))
			arr_append_new(a, json_string(sel_weight_names[w]));
	if (outlets > 1)
		arr_append_new(a, json_string("outlets"));
	return a;
}

static void
unite(size_t a, size_t b)
{
	a = find(a);
	b = find(b);
	if (a != b)
		items[a].parent = b;
}

/* The indices of the items that want(it) says yes to, in input order
 * (new array, caller frees); their number goes to *np. */
static size_t *
pick(int (*want)(const struct item *), size_t *np)
{
	size_t *ix, i, n = 0;

	ix = xreallocarray(NULL, nitems ? nitems : 1, sizeof(*ix));
	for (i = 0; i < nitems; i++)
		if (want(&items[i]))
			ix[n++] = i;
	*np = n;
	return ix;
}

static int
want_all(const struct item *it)
{
	(void)it;
	return 1;
}

static int
want_url(const struct item *it)
{
	return it->state == KEPT && it->url != NULL;
}

static int
want_ranked(const struct item *it)
{
	return it->state == KEPT && it->ranked;
}

static int
cmp_section(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c;

	if ((c = strcmp(items[a].section, items[b].section)) != 0)
		return c;
	return a < b ? -1 : a > b;
}

/* Number the sections in the order they first appear: items[].sec, and
 * the names in *namesp (new array, borrowed strings).  Returns how many. */
static size_t
number_sections(const char ***namesp)
{
	size_t *ix, *num, i, k, n, run = 0, nsec = 0;
	const char **names;

	ix = pick(want_all, &n);
	qsort(ix, n, sizeof(*ix), cmp_section);
	/* first the runs of one name; a run's first item is its earliest */
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(items[ix[i]].section,
		    items[ix[i - 1]].section) != 0)
			run++;
		items[ix[i]].sec = run;
	}
	num = xreallocarray(NULL, n ? n : 1, sizeof(*num));
	names = xreallocarray(NULL, n ? n : 1, sizeof(*names));
	for (i = 0; i < n; i++)
		num[i] = NONE;
	for (i = 0; i < nitems; i++) {
		k = items[i].sec;
		if (num[k] == NONE) {
			num[k] = nsec;
			names[nsec++] = items[i].section;
		}
		items[i].sec = num[k];
	}
	free(num);
	free(ix);
	*namesp = names;
	return nsec;
}

static int
cmp_url(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c;

	if (items[a].urlhash != items[b].urlhash)
		return items[a].urlhash < items[b].urlhash ? -1 : 1;
	if ((c = strcmp(items[a].url, items[b].url)) != 0)
		return c;
	return a < b ? -1 : a > b;
}

/* The same URL twice (one story in two feeds): the first stays. */
static void
mark_duplicate_urls(void)
{
	size_t *ix, i, first = 0, n;

	ix = pick(want_url, &n);
	qsort(ix, n, sizeof(*ix), cmp_url);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(items[ix[i]].url,
		    items[ix[first]].url) != 0) {
			first = i;
			continue;
		}
		items[ix[i]].state = DUPLICATE;
		items[ix[i]].into = ix[first];
	}
	free(ix);
}

static size_t setoff;	/* which set cmp_set() compares */

static const struct hset *
set_of(size_t i)
{
	return (const struct hset *)(const void *)((const char *)&items[i] +
	    setoff);
}

static int
cmp_set(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c;

	if (items[a].sec != items[b].sec)
		return items[a].sec < items[b].sec ? -1 : 1;
	if ((c = hset_cmp(set_of(a), set_of(b))) != 0)
		return c;
	return a < b ? -1 : a > b;
}

/* Stories of one section that name the same set (of CVE ids or of
 * indicators: the struct hset at offset off of an item) are one: sorted
 * by section and set, each such group is a run. */
static void
merge_equal_sets(size_t off)
{
	size_t *ix, i, first = 0, n, m = 0;

	setoff = off;
	ix = pick(want_ranked, &n);
	for (i = 0; i < n; i++)
		if (set_of(ix[i])->n > 0)
			ix[m++] = ix[i];
	qsort(ix, m, sizeof(*ix), cmp_set);
	for (i = 1; i < m; i++) {
		if (items[ix[i]].sec != items[ix[first]].sec ||
		    hset_cmp(set_of(ix[i]), set_of(ix[first])) != 0) {
			first = i;
			continue;
		}
		unite(ix[i], ix[first]);
	}
	free(ix);
}

/* Stories of a section with the same title words (two or more) are
 * compared whatever the words, since they may be common enough to be left
 * out of the index of merge_titles(): each with the POSTING_MAX before it
 * in input order, which is every one unless there are more.  When there
 * are more and two of them that name no CVE id come from different feeds
 * and are similar enough, they are all one story: each of the others is
 * from a feed other than one of these two, and nothing keeps it apart. */
static void
merge_same_titles(int similarity, size_t *ncmp)
{
	size_t *ix, i, n, m = 0, s, e, x, y, a0, a1;

	setoff = offsetof(struct item, toks);
	ix = pick(want_ranked, &n);
	for (i = 0; i < n; i++)
		if (items[ix[i]].toks.n >= 2)
			ix[m++] = ix[i];
	qsort(ix, m, sizeof(*ix), cmp_set);
	for (s = 0; s < m; s = e) {
		for (e = s + 1; e < m && items[ix[e]].sec == items[ix[s]].sec &&
		    hset_cmp(set_of(ix[e]), set_of(ix[s])) == 0; e++)
			;
		a0 = a1 = NONE;
		for (x = s; e - s > POSTING_MAX && x < e && a1 == NONE; x++) {
			if (items[ix[x]].cves.n > 0)
				continue;
			if (a0 == NONE)
				a0 = ix[x];
			else if (!same_feed(&items[a0], &items[ix[x]]))
				a1 = ix[x];
		}
		if (a1 != NONE && title_similarity(&items[a0], &items[a1]) >=
		    similarity) {
			for (x = s; x < e; x++)
				unite(ix[x], a0);
			continue;
		}
		for (x = s + 1; x < e; x++)
			for (y = x - s > POSTING_MAX ? x - POSTING_MAX : s;
			    y < x; y++) {
				if (find(ix[x]) == find(ix[y]))
					continue;
				(*ncmp)++;
				if (same_story(&items[ix[x]], &items[ix[y]],
				    similarity))
					unite(ix[x], ix[y]);
			}
	}
	free(ix);
}

/* Compare the titles that share words: an inverted index from each word
 * to the stories of a section that have it, in input order.  Since a
 * merge by title takes two words in common, a story is compared only with
 * the earlier ones that share two words with it, or one when both have a
 * word too common to index: a word in more than POSTING_MAX titles of a
 * section pairs no stories.  *nskip counts such words, *ncmp the pairs
 * compared. */
static void
merge_titles(int similarity, size_t *ncmp, size_t *nskip)
{
	struct post *p;
	size_t *ix, *runs, *first, *touched, i, j, k, n, np = 0, s, e, x;
	size_t nt;
	unsigned *cnt;
	unsigned char *common;

	ix = pick(want_ranked, &n);
	for (i = 0; i < n; i++)
		np += items[ix[i]].toks.n;
	p = xreallocarray(NULL, np ? np : 1, sizeof(*p));
	np = 0;
	for (i = 0; i < n; i++) {
		const struct item *it = &items[ix[i]];

		for (j = 0; j < it->toks.n; j++) {
			p[np].key = it->toks.v[j];
			p[np].group = it->sec;
			p[np].item = ix[i];
			np++;
		}
	}
	free(ix);
	post_sort(p, np);

	/* each item's posting lists: runs[first[i]] .. runs[first[i + 1]]
	 * hold the start of each list of a word of item i, kept apart from
	 * p[].item, which has to stay sorted */
	first = xcalloc(nitems + 1, sizeof(*first));
	common = xcalloc(nitems ? nitems : 1, 1);
	for (s = 0; s < np; s = e) {
		for (e = s + 1; e < np && p[e].key == p[s].key &&
		    p[e].group == p[s].group; e++)
			;
		if (e - s > POSTING_MAX) {
			(*nskip)++;
			for (x = s; x < e; x++)
				common[p[x].item] = 1;
			continue;
		}
		for (x = s; x < e; x++)
			first[p[x].item + 1]++;
	}
	for (i = 0; i < nitems; i++)
		first[i + 1] += first[i];
	runs = xreallocarray(NULL, np ? np : 1, sizeof(*runs));
	for (s = 0; s < np; s = e) {
		for (e = s + 1; e < np && p[e].key == p[s].key &&
		    p[e].group == p[s].group; e++)
			;
		if (e - s > POSTING_MAX)
			continue;
		for (x = s; x < e; x++)
			runs[first[p[x].item]++] = s;
	}
	/* first[i] is now where item i + 1's lists begin */
	cnt = xcalloc(nitems ? nitems : 1, sizeof(*cnt));
	touched = xreallocarray(NULL, nitems ? nitems : 1, sizeof(*touched));
	for (i = 0, k = 0; i < nitems; i++) {
		nt = 0;
		/* the earlier items on the lists of i, with how many */
		for (; k < first[i]; k++)
			for (x = runs[k]; p[x].item < i; x++) {
				j = p[x].item;
				if (cnt[j]++ == 0)
					touched[nt++] = j;
			}
		for (x = 0; x < nt; x++) {
			j = touched[x];
			if ((cnt[j] >= 2 || (common[i] && common[j])) &&
			    find(i) != find(j)) {
				(*ncmp)++;
				if (same_story(&items[i], &items[j],
				    similarity))
					unite(i, j);
			}
			cnt[j] = 0;
		}
	}
	free(touched);
	free(cnt);
	free(runs);
	free(common);
	free(first);
	free(p);
}

/* Merge, rank, cap and write everything read. */
static void
select_all(long long max, long long secmax, int merge)
{
	struct item **order, **bysec;
	const char **sections;
	size_t nsec, i, j, k, nout = 0, ndrop = 0, ndup = 0, ncap = 0;
	size_t ncmp = 0, nskip = 0, *start;
	int similarity = conf.similarity >= 0 ? conf.similarity :
	    SIMILARITY_DEFAULT;
	struct buf b = BUF_INIT;

	nsec = number_sections(&sections);
	mark_duplicate_urls();
	for (i = 0; i < nitems; i++)
		if (items[i].state == KEPT && items[i].ranked)
			analyse(&items[i]);
	if (merge) {
		df_build();
		merge_equal_sets(offsetof(struct item, cves));
		merge_equal_sets(offsetof(struct item, iocs));
		merge_same_titles(similarity, &ncmp);
		merge_titles(similarity, &ncmp, &nskip);
	}
	/* pick each group's representative */
	for (i = 0; i < nitems; i++) {
		if (items[i].state != KEPT || !items[i].ranked)
			continue;
		k = find(i);
		if (k != i && better_rep(&items[i], &items[k])) {
			items[k].parent = i;
			items[i].parent = i;
		}
	}
	for (i = 0; i < nitems; i++)
		items[i].also = items[i].alsotail = items[i].alsonext = NONE;
	for (i = 0; i < nitems; i++) {
		if (items[i].state != KEPT || !items[i].ranked)
			continue;
		k = find(i);
		items[k].greasons |= items[i].reasons;
		items[k].outlets++;
		if (k != i) {
			items[i].state = MERGED;
			items[i].into = k;
			if (items[i].url == NULL)
				continue;
			if (items[k].also == NONE)
				items[k].also = i;
			else
				items[items[k].alsotail].alsonext = i;
			items[k].alsotail = i;
		}
	}
	for (i = 0; i < nitems; i++)
		if (items[i].state == KEPT && items[i].ranked)
			items[i].score = score_of(items[i].greasons) +
			    (long long)(items[i].outlets - 1) *
			    conf.weight[W_OUTLET];

	/* the items of each section in input order: bysec[start[k]] on */
	start = xcalloc(nsec + 1, sizeof(*start));
	for (i = 0; i < nitems; i++)
		start[items[i].sec + 1]++;
	for (k = 0; k < nsec; k++)
		start[k + 1] += start[k];
	bysec = xreallocarray(NULL, nitems ? nitems : 1, sizeof(*bysec));
	for (i = 0; i < nitems; i++)
		bysec[start[items[i].sec]++] = &items[i];
	order = xreallocarray(NULL, nitems ? nitems : 1, sizeof(*order));
	for (k = 0, j = 0; k < nsec; k++) {
		size_t n = 0;
		long long cap;
		int ranked = is_ranked(sections[k]);

		/* start[k] is now where section k + 1 begins */
		for (; j < start[k]; j++)
			if (bysec[j]->state == KEPT)
				order[n++] = bysec[j];
		qsort(order, n, sizeof(*order), cmp_rank);
		cap = cap_of(sections[k], ranked, max, secmax);
		for (i = 0; i < n; i++) {
			struct item *it = order[i];
			size_t m;

			if (cap > 0 && (long long)i >= cap) {
				it->state = CAPPED;
				continue;
			}
			if (ranked) {
				json_t *sel = json_object(), *also;

				rec_set_new(sel, "rank",
				    json_integer((json_int_t)i + 1));
				rec_set_new(sel, "score",
				    json_integer(it->score));
				rec_set_new(sel, "outlets",
				    json_integer((json_int_t)it->outlets));
				rec_set_new(sel, "reasons", reasons_json(
				    it->greasons, it->outlets));
				also = json_array();
				for (m = it->also; m != NONE;
				    m = items[m].alsonext)
					arr_append_new(also, json_string_safe(
					    items[m].url,
					    strlen(items[m].url)));
				if (json_array_size(also) > 0)
					rec_set_new(it->rec, "also", also);
				else
					json_decref(also);
				rec_set_new(it->rec, "select", sel);
			}
			if (!ranked && linkfp != NULL)
				ndjson_write_to(linkfp, linkname, it->rec);
			else
				ndjson_write(it->rec);
			/* written: what was added need not stay in memory */
			json_object_del(it->rec, "select");
			json_object_del(it->rec, "also");
			nout++;
		}
	}

	/* what was left out, in input order */
	for (i = 0; i < nitems; i++) {
		struct item *it = &items[i];
		const char *into;

		buf_reset(&b);
		switch (it->state) {
		case KEPT:
			continue;
		case DROPPED:
			buf_printf(&b, "rule: %s", it->why);
			ndrop++;
			break;
		case DUPLICATE:
		case MERGED:
			into = items[it->into].url;
			buf_printf(&b, "%s %s", it->state == MERGED ?
			    "same story as" : "same URL as",
			    into ? into : "(no url)");
			ndup++;
			break;
		case CAPPED:
			buf_printf(&b, "over the cap of %lld for %s",
			    cap_of(it->section, it->ranked, max, secmax),
			    it->section);
			ncap++;
			break;
		}
		write_dropped(it->rec, it->url, b.s);
	}
	if (verbose)
		warnx("%zu records: %zu dropped by rules, %zu merged, %zu over"
		    " the cap, %zu written", nitems, ndrop, ndup, ncap, nout);
	if (verbose && nskip > 0)
		warnx("%zu words in more than %d titles of a section did not"
		    " pair stories; %zu pairs compared", nskip, POSTING_MAX,
		    ncmp);
	buf_free(&b);
	free(order);
	free(bysec);
	free(start);
	free(sections);
}

static void
closeout(FILE *fp, const char *name)
{
	if (fp == NULL)
		return;
	if (fflush(fp) == EOF || ferror(fp)) {
		fclose(fp);
		err(EXIT_WRITE, "%s", name);
	}
	if (fclose(fp) == EOF)
		err(EXIT_WRITE, "%s", name);
}

static void
load_conf(const char *path)
{
	char msg[512];
	size_t len;
	char *text;

	if ((text = read_file(path, CONF_MAXSIZE, &len)) == NULL) {
		if (errno == EFBIG)
			errx(2, "%s: larger than %d bytes", path,
			    CONF_MAXSIZE);
		err(2, "%s", path);
	}
	if (sel_conf_parse(&conf, text, len, path, msg, sizeof(msg)) == -1) {
		free(text);
		errx(2, "%s", msg);
	}
	free(text);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "dropped", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "max-line", required_argument, NULL, 'L' },
		{ "links", required_argument, NULL, OPT_LINKS },
		{ "no-merge", no_argument, NULL, 'M' },
		{ "max-records", required_argument, NULL, OPT_MAXREC },
		{ "max", required_argument, NULL, 'n' },
		{ "section-max", required_argument, NULL, 's' },
		{ "unbuffered", no_argument, NULL, 'u' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct ndjson_in in;
	const char *confpath = NULL;
	long long max = -1, secmax = -1, maxline = NDJSON_MAXLINE_DEFAULT;
	long long maxrec = MAX_RECORDS_DEFAULT;
	int ch, merge = 1, status = 0;
	size_t i, cap = 0, npassed = 0;
	char passed[64];
	json_t *rec;

	cli_init();
	while ((ch = getopt_long(argc, argv, "c:D:hL:l:Mm:n:s:uvV", longopts,
	    NULL)) != -1)
		switch (ch) {
		case 'c':
			confpath = optarg;
			break;
		case 'D':
			dropname = optarg;
			break;
		case 'h':
			cli_usage(0);
		case 'L':
			maxline = xstrtosize(optarg, 1, NDJSON_MAXLINE_MAX,
			    "-L");
			break;
		case 'l':
			cli_deprecated("-l", "--links");
			/* FALLTHROUGH */
		case OPT_LINKS:
			linkname = optarg;
			break;
		case 'M':
			merge = 0;
			break;
		case 'm':
			cli_deprecated("-m", "--max-records");
			/* FALLTHROUGH */
		case OPT_MAXREC:
			maxrec = xstrtonum(optarg, 0, MAX_RECORDS_MAX,
			    "--max-records");
			break;
		case 'n':
			max = xstrtonum(optarg, 0, 1000000, "-n");
			break;
		case 's':
			secmax = xstrtonum(optarg, 0, 1000000, "-s");
			break;
		case 'u':
			ndjson_unbuffered = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'V':
			cli_version(NULL);
		default:
			cli_usage(2);
		}
	argc -= optind;
	argv += optind;

	sel_conf_init(&conf);
	if (confpath != NULL)
		load_conf(confpath);
	if (max < 0)
		max = conf.max >= 0 ? conf.max : MAX_DEFAULT;
	if (secmax < 0)
		secmax = conf.section_max >= 0 ? conf.section_max :
		    SECTION_MAX_DEFAULT;
	if (dropname != NULL && (dropfp = fopen(dropname, "w")) == NULL)
		err(EXIT_WRITE, "%s", dropname);
	if (linkname != NULL && (linkfp = fopen(linkname, "w")) == NULL)
		err(EXIT_WRITE, "%s", linkname);

	/* beyond -m records, each one is passed over at once: neither the
	 * time nor the memory grows with what a broken feed sends */
	snprintf(passed, sizeof(passed), "over the input limit of %lld"
	    " records", maxrec);
	ndjson_in_init(&in, argc, argv, (size_t)maxline);
	while ((rec = ndjson_in_next(&in)) != NULL) {
		struct item *it;
		const struct sel_rule *ru;
		const char *pub;

		if (maxrec > 0 && nitems == (size_t)maxrec) {
			write_dropped(rec, rec_str(rec, "url"), passed);
			json_decref(rec);
			npassed++;
			continue;
		}
		if (nitems == cap) {
			cap = cap ? cap * 2 : 64;
			items = xreallocarray(items, cap, sizeof(*items));
		}
		it = &items[nitems];
		memset(it, 0, sizeof(*it));
		it->rec = rec;
		it->idx = nitems;
		it->parent = nitems;
		nitems++;
		if ((it->section = rec_str(rec, "section")) == NULL)
			it->section = "news";
		it->ranked = is_ranked(it->section);
		pub = rec_str(rec, "published");
		it->haspub = pub != NULL &&
		    date_parse_rfc3339(pub, &it->pub) == 0;
		if ((it->url = rec_str(rec, "url")) != NULL)
			it->urlhash = fnv1a64(it->url, strlen(it->url));
		if ((ru = dropped_by(rec)) != NULL) {
			it->state = DROPPED;
			it->why = ru->text;
		}
	}
	if (in.nbad > 0)
		status = 1;
	ndjson_in_free(&in);
	if (npassed > 0) {
		warnx("%zu records after the first %lld passed over "
		    "(--max-records %lld)",
		    npassed, maxrec, maxrec);
		status = 1;
	}

	select_all(max, secmax, merge);

	for (i = 0; i < nitems; i++) {
		json_decref(items[i].rec);
		hset_free(&items[i].toks);
		hset_free(&items[i].cves);
		hset_free(&items[i].iocs);
		free(items[i].tw);
	}
	free(items);
	hset_free(&dfwords);
	free(dfcount);
	sel_conf_free(&conf);
	closeout(dropfp, dropname);
	closeout(linkfp, linkname);
	finish(status);
}
