/* extractive.c: the built-in engine.  It picks sentences from the
 * article itself (no translation, no network): the lead and the sentences
 * that share the most with the rest and carry names and numbers, the
 * article's own recommendations, and what it says about exploitation and
 * attribution.  Instruction-like sentences never enter the digest, nor
 * does advice that names one of the article's indicators.  It writes no
 * advice of its own (the action is 推奨事項なし) and of the enrichment
 * only what a rule can tell: the card needs review, its confidence is
 * low, an actively exploited flaw is active_exploitation. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "record.h"
#include "summarize.h"
#include "utf8.h"
#include "util.h"

#define MAX_SENTENCES	2000
#define MAX_SENT_CP	400

struct sent {
	char	*s;
	size_t	 n;
	int	 para, idx;
	double	 score;
	int	 rec;		/* recommendation strength, 0 if none */
	int	 other;		/* 2 exploitation, 1 attribution, 0 none */
	int	 used;
	int	 names_ioc;	/* advice that names an indicator */
};

struct sents {
	struct sent *v;
	size_t	 n, cap;
	int	 injection;
	int	*inj_para;	/* the paragraphs of those sentences */
	size_t	 ninj_para;
	const char *lang;
};

static int
is_ja_end(const char *s, size_t n)
{
	/* 。！？ */
	return n >= 3 && (memcmp(s, "\xe3\x80\x82", 3) == 0 ||
	    memcmp(s, "\xef\xbc\x81", 3) == 0 ||
	    memcmp(s, "\xef\xbc\x9f", 3) == 0);
}

static int
is_abbrev(const char *seg, size_t end)
{
	static const char *ab[] = { "mr", "mrs", "ms", "dr", "st", "vs",
	    "etc", "e.g", "i.e", "inc", "ltd", "co", "corp", "no", "u.s",
	    "u.k", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	    "sept", "oct", "nov", "dec", "approx", "fig", "ver", "v" };
	size_t b = end, i;

	while (b > 0 && (ASCII_ISALPHA((unsigned char)seg[b - 1]) ||
	    seg[b - 1] == '.'))
		b--;
	if (end - b == 1 && ASCII_ISALPHA((unsigned char)seg[b]) &&
	    seg[b] >= 'A' && seg[b] <= 'Z')
		return 1;	/* an initial: "J. Smith" */
	for (i = 0; i < NELEM(ab); i++)
		if (strlen(ab[i]) == end - b &&
		    ascii_ncasecmp(seg + b, ab[i], end - b) == 0)
			return 1;
	return 0;
}

/* Set while the callback of split_sentences() sees a table row. */
static int split_tablerow;

void
split_sentences(const char *text, size_t len,
    int (*fn)(void *, const char *, size_t, int, int), void *arg)
{
	struct buf b = BUF_INIT;
	size_t i = 0, start = 0, j;
	int para = 0, idx = 0, cut;

	while (i <= len) {
		cut = 0;
		j = i;
		if (i == len || text[i] == '\n') {
			cut = 1;
			j = i + (i < len);
		} else if (is_ja_end(text + i, len - i)) {
			j = i + 3;
			/* closing brackets stay with the sentence */
			while (j + 3 <= len && (memcmp(text + j,
			    "\xe3\x80\x8d", 3) == 0 || memcmp(text + j,
			    "\xe3\x80\x8f", 3) == 0 || memcmp(text + j,
			    "\xef\xbc\x89", 3) == 0))
				j += 3;
			cut = 1;
		} else if (text[i] == '.' || text[i] == '!' || text[i] == '?') {
			j = i + 1;
			while (j < len && (text[j] == '"' || text[j] == '\'' ||
			    text[j] == ')' || text[j] == '.' || text[j] == '!'
			    || text[j] == '?'))
				j++;
			if (j < len && text[j] == ' ' && j + 1 < len) {
				unsigned char c = (unsigned char)text[j + 1];

				if (((c >= 'A' && c <= 'Z') ||
				    ASCII_ISDIGIT(c) || c == '"' ||
				    c == '\'' || c == '(' || c >= 0x80) &&
				    !(text[i] == '.' && is_abbrev(text + start,
				    i - start)))
					cut = 1;
			} else if (j >= len || text[j] == '\n')
				cut = 1;
		}
		if (!cut) {
			i++;
			continue;
		}
		buf_reset(&b);
		/* sec-extract writes table rows with tab-separated cells */
		split_tablerow = memchr(text + start, '\t', j - start) != NULL;
		text_collapse(&b, text + start, j - start, COLLAPSE_WIDE);
		if (b.len > 0) {
			if (fn(arg, b.s, b.len, para, idx++) != 0)
				break;
		}
		if (i < len && text[i] == '\n' && i + 1 < len &&
		    text[i + 1] == '\n')
			para++;
		start = j;
		i = j > i ? j : i + 1;
		if (i > len)
			break;
	}
	buf_free(&b);
}

/* Word-start, case-insensitive search of the ASCII word w in s. */
static int
has(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w), i;

	if (m > n)
		return 0;
	for (i = 0; i + m <= n; i++)
		if ((i == 0 || !ASCII_ISALPHA((unsigned char)s[i - 1])) &&
		    ascii_ncasecmp(s + i, w, m) == 0)
			return 1;
	return 0;
}

static int
any(const char *s, size_t n, const char *const *list, size_t nl)
{
	size_t i;

	for (i = 0; i < nl; i++)
		if (has(s, n, list[i]))
			return 1;
	return 0;
}

static const char *const strong_rec[] = { "urge", "strongly",
	"immediately", "as soon as possible", "without delay", "asap",
	"critical that", "直ちに", "速やかに", "至急", "早急に", "ただちに" };
static const char *const rec_words[] = { "recommend", "advise", "advised",
	"advising", "should", "must ", "update to", "upgrade", "apply the",
	"apply ", "applying", "disable", "mitigate", "workaround", "enable ",
	"block ", "rotate", "reset ", "restrict", "install the", "encouraged",
	"encourage", "are advised", "推奨", "呼びかけ", "適用", "アップデート",
	"更新を", "無効化", "対策を", "してください", "する必要があります",
	"べきです", "ことが望まし" };
static const char *const exploit_words[] = { "actively exploited",
	"exploited in the wild", "in the wild", "proof of concept",
	"proof-of-concept", "poc ", "zero-day", "0-day", "patched",
	"has been fixed", "have been fixed", "fixed in", "no evidence",
	"exploitation", "exploited", "悪用", "実証コード", "ゼロデイ",
	"修正済み", "修正され", "パッチ", "PoC" };
static const char *const attrib_words[] = { "china", "chinese", "russia",
	"russian", "north korea", "iran", "iranian", "apt", "lazarus",
	"state-sponsored", "nation-state", "threat actor", "attributed",
	"ransomware gang", "hacktivist", "financially motivated", "中国",
	"ロシア", "北朝鮮", "イラン", "国家", "グループ", "攻撃者" };
static const char *const boiler[] = { "subscribe to", "click here",
	"read more", "we use cookies", "this site uses cookies",
	"all rights reserved", "share this", "follow us", "sign up for",
	"our newsletter", "advertisement", "related:", "copyright \xc2\xa9",
	"(c) copyright" };
static const char *const sec_words[] = { "vulnerab", "exploit", "attack",
	"malware", "ransomware", "breach", "cve-", "phishing", "backdoor",
	"botnet", "threat", "compromise", "leak", "flaw", "脆弱性", "攻撃",
	"マルウェア", "ランサムウェア", "不正", "漏えい", "侵害",
	"フィッシング" };

/*
 * Is this a fragment that says nothing by itself: a lead-in to a list
 * ("... the following indicators:"), a table row, or a line that is mostly
 * an indicator (a hash or an address with a word or two)?  None makes a
 * summary line.
 */
static int
fragment(const char *s, size_t n)
{
	size_t i, start, len, solid = 0, ioc = 0, words = 0;
	int digit, alpha, ascii;

	while (n > 0 && ASCII_ISSPACE((unsigned char)s[n - 1]))
		n--;
	if (n > 0 && s[n - 1] == ':')
		return 1;
	if (n >= 3 && memcmp(s + n - 3, "\xef\xbc\x9a", 3) == 0)
		return 1;
	/* white-space separated tokens: indicator-like ones are ASCII, hold
	 * a digit and are 7 bytes or longer (Japanese runs are not); words
	 * are letters only */
	for (i = 0; i < n; ) {
		while (i < n && ASCII_ISSPACE((unsigned char)s[i]))
			i++;
		start = i;
		digit = 0;
		alpha = 1;
		ascii = 1;
		while (i < n && !ASCII_ISSPACE((unsigned char)s[i])) {
			if ((unsigned char)s[i] >= 0x80)
				ascii = 0;
			if (ASCII_ISDIGIT((unsigned char)s[i]))
				digit = 1;
			if (!ASCII_ISALPHA((unsigned char)s[i]) &&
			    s[i] != ',' && s[i] != '.' && s[i] != '\'' &&
			    s[i] != '-')
				alpha = 0;
			i++;
		}
		len = i - start;
		solid += len;
		if (digit && ascii && len >= 7)
			ioc += len;
		else if (alpha && len > 0)
			words++;
	}
	return ioc * 5 > solid * 2 && words < 4;
}

static int
add_sent(void *arg, const char *s, size_t n, int para, int idx)
{
	struct sents *ss = arg;
	struct sent *t;
	size_t cp = utf8_len(s, n);
	int ja = strcmp(ss->lang, "ja") == 0;

	if (looks_like_instruction(s, n)) {
		ss->injection++;
		if (ss->ninj_para == 0 ||
		    ss->inj_para[ss->ninj_para - 1] != para) {
			ss->inj_para = xreallocarray(ss->inj_para,
			    ss->ninj_para + 1, sizeof(*ss->inj_para));
			ss->inj_para[ss->ninj_para++] = para;
		}
		return 0;
	}
	if (ss->n >= MAX_SENTENCES)
		return 1;
	if (cp < (size_t)(ja ? 10 : 25) || cp > 2000 ||
	    (cp < 120 && any(s, n, boiler, NELEM(boiler))) ||
	    split_tablerow || fragment(s, n))
		return 0;
	if (ss->n == ss->cap) {
		ss->cap = ss->cap ? ss->cap * 2 : 64;
		ss->v = xreallocarray(ss->v, ss->cap, sizeof(*ss->v));
	}
	t = &ss->v[ss->n++];
	memset(t, 0, sizeof(*t));
	if (cp > MAX_SENT_CP) {
		/* cut a runaway sentence at a code point boundary */
		struct buf b = BUF_INIT;

		buf_put(&b, s, cp_prefix(s, n, MAX_SENT_CP - 1));
		buf_puts(&b, "\xe2\x80\xa6");
		t->n = b.len;
		t->s = buf_detach(&b);
	} else {
		t->s = xstrndup(s, n);
		t->n = n;
	}
	t->para = para;
	t->idx = idx;
	if (any(s, n, rec_words, NELEM(rec_words)) ||
	    any(s, n, strong_rec, NELEM(strong_rec)))
		t->rec = any(s, n, strong_rec, NELEM(strong_rec)) ? 2 : 1;
	if (any(s, n, exploit_words, NELEM(exploit_words)))
		t->other = 2;
	else if (any(s, n, attrib_words, NELEM(attrib_words)))
		t->other = 1;
	return 0;
}

/* Tokens of a sentence, for centrality: lower-case ASCII words of 4+
 * letters, and pairs of adjacent kanji/katakana. */
struct tokens {
	uint32_t *h;
	size_t	 n, cap;
};

static uint32_t
fnv(const char *s, size_t n)
{
	uint32_t h = FNV1A32_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		h = fnv1a32_step(h, (unsigned char)ascii_lower(
		    (unsigned char)s[i]));
	return h ? h : 1;
}

static void
tok_add(struct tokens *t, uint32_t h)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->h = xreallocarray(t->h, t->cap, sizeof(*t->h));
	}
	t->h[t->n++] = h;
}

static int
cjk(uint32_t c)
{
	return (c >= 0x30A0 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF);
}

static void
tokenize(struct tokens *t, const char *s, size_t n)
{
	static const char *stop[] = { "that", "this", "with", "from", "have",
	    "been", "were", "which", "their", "they", "will", "also", "said",
	    "into", "more", "than", "other", "about", "after", "could",
	    "would", "there", "these", "when", "what", "some", "such" };
	size_t i = 0, b, k;
	uint32_t c, prev = 0;
	int l;
	char pair[8];

	t->n = 0;
	while (i < n) {
		if (ASCII_ISALNUM((unsigned char)s[i])) {
			b = i;
			while (i < n && (ASCII_ISALNUM((unsigned char)s[i]) ||
			    s[i] == '-'))
				i++;
			if (i - b < 4)
				continue;
			for (k = 0; k < NELEM(stop); k++)
				if (strlen(stop[k]) == i - b &&
				    ascii_ncasecmp(s + b, stop[k], i - b) == 0)
					break;
			if (k == NELEM(stop))
				tok_add(t, fnv(s + b, i - b));
			prev = 0;
			continue;
		}
		if ((l = utf8_decode(s + i, n - i, &c)) < 1)
			l = 1;
		if (l > 1 && cjk(c) && prev != 0) {
			int a = utf8_encode_to(pair, prev);

			a += utf8_encode_to(pair + a, c);
			tok_add(t, fnv(pair, (size_t)a));
		}
		prev = (l > 1 && cjk(c)) ? c : 0;
		i += (size_t)l;
	}
}

/* A small open-addressing count table of token hashes. */
struct counts {
	uint32_t *k;
	unsigned *v;
	size_t	 cap;
};

static unsigned *
cnt_slot(struct counts *c, uint32_t h)
{
	size_t i = h & (c->cap - 1);

	while (c->k[i] != 0 && c->k[i] != h)
		i = (i + 1) & (c->cap - 1);
	c->k[i] = h;
	return &c->v[i];
}

static unsigned
cnt_get(const struct counts *c, uint32_t h)
{
	size_t i = h & (c->cap - 1);

	while (c->k[i] != 0) {
		if (c->k[i] == h)
			return c->v[i];
		i = (i + 1) & (c->cap - 1);
	}
	return 0;
}

/* Names and numbers: capitalised words inside the sentence, digits,
 * katakana runs, CVE ids. */
static int
entities(const char *s, size_t n)
{
	size_t i;
	int e = 0, word = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (ASCII_ISALPHA(c)) {
			if (!word && c >= 'A' && c <= 'Z' && i > 0)
				e++;
			word = 1;
		} else {
			if (ASCII_ISDIGIT(c) && (i == 0 ||
			    !ASCII_ISDIGIT((unsigned char)s[i - 1])))
				e++;
			word = ASCII_ISDIGIT(c);
		}
		/* a katakana letter after a non-katakana one */
		if (c == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] >= 0x82 &&
		    (unsigned char)s[i + 1] <= 0x83 && (i < 3 ||
		    (unsigned char)s[i - 3] != 0xE3))
			e++;
	}
	if (has(s, n, "cve-"))
		e += 3;
	return e > 8 ? 8 : e;
}

static void
score(struct sents *ss, const char *title)
{
	struct tokens tk = { NULL, 0, 0 }, tt = { NULL, 0, 0 };
	struct counts cn;
	size_t i, j, total = 0;
	double maxc = 0, *cent;
	unsigned v;

	for (i = 0; i < ss->n; i++)
		total += ss->v[i].n;
	cn.cap = 64;
	while (cn.cap < total)
		cn.cap *= 2;
	cn.k = xcalloc(cn.cap, sizeof(*cn.k));
	cn.v = xcalloc(cn.cap, sizeof(*cn.v));
	for (i = 0; i < ss->n; i++) {
		tokenize(&tk, ss->v[i].s, ss->v[i].n);
		for (j = 0; j < tk.n; j++)
			(*cnt_slot(&cn, tk.h[j]))++;
	}
	tokenize(&tt, title, strlen(title));
	cent = xcalloc(ss->n + 1, sizeof(*cent));
	for (i = 0; i < ss->n; i++) {
		tokenize(&tk, ss->v[i].s, ss->v[i].n);
		for (j = 0; j < tk.n; j++)
			if ((v = cnt_get(&cn, tk.h[j])) > 1)
				cent[i] += log((double)v);
		cent[i] /= sqrt((double)tk.n + 4.0);
		if (cent[i] > maxc)
			maxc = cent[i];
	}
	for (i = 0; i < ss->n; i++) {
		struct sent *t = &ss->v[i];
		double pos, ttl = 0, ent, sec;
		size_t hit = 0, k;

		pos = t->idx == 0 ? 1.0 : (t->para == 0 ? 0.7 :
		    1.0 / (1.0 + 0.15 * t->idx));
		tokenize(&tk, t->s, t->n);
		for (j = 0; j < tt.n; j++)
			for (k = 0; k < tk.n; k++)
				if (tt.h[j] == tk.h[k]) {
					hit++;
					break;
				}
		if (tt.n > 0)
			ttl = (double)hit / (double)tt.n;
		ent = entities(t->s, t->n) / 8.0;
		sec = any(t->s, t->n, sec_words, NELEM(sec_words)) ? 1 : 0;
		t->score = 2.0 * pos + 1.5 * (maxc > 0 ? cent[i] / maxc : 0) +
		    1.0 * ttl + 0.7 * ent + 0.4 * sec;
		/* a question or a very short line is rarely the story */
		if (t->s[t->n - 1] == '?')
			t->score -= 1.0;
	}
	free(cent);
	free(tk.h);
	free(tt.h);
	free(cn.k);
	free(cn.v);
}

static int
by_index(const void *a, const void *b)
{
	const struct sent *const *x = a, *const *y = b;

	return ((*x)->idx > (*y)->idx) - ((*x)->idx < (*y)->idx);
}

/* Append the up-to-max best unused sentences of ss for which want()
 * holds, in document order, to arr; mark them used.  Returns the best
 * one by key. */
static struct sent *
pick(struct sents *ss, json_t *arr, size_t max, int (*want)(struct sent *),
    double (*key)(struct sent *))
{
	struct sent **sel, *best = NULL;
	size_t i, j, n = 0;

	sel = xcalloc(max + 1, sizeof(*sel));
	for (i = 0; i < ss->n; i++) {
		struct sent *t = &ss->v[i];

		if (t->used || !want(t))
			continue;
		/* insert by key, keep the top max */
		for (j = n; j > 0 && key(sel[j - 1]) < key(t); j--)
			if (j < max)
				sel[j] = sel[j - 1];
		if (j < max) {
			sel[j] = t;
			if (n < max)
				n++;
		}
	}
	if (n > 0)
		best = sel[0];
	qsort(sel, n, sizeof(*sel), by_index);
	for (i = 0; i < n; i++) {
		sel[i]->used = 1;
		arr_append_new(arr, json_string_safe(sel[i]->s, sel[i]->n));
	}
	free(sel);
	return best;
}

static int
want_rec(struct sent *t)
{
	return t->rec > 0 && !t->names_ioc;
}

static double
key_rec(struct sent *t)
{
	return t->rec * 10.0 + t->score;
}

static int
want_any(struct sent *t)
{
	(void)t;
	return 1;
}

static double
key_score(struct sent *t)
{
	return t->score;
}

static int
want_other(struct sent *t)
{
	return t->other > 0;
}

static double
key_other(struct sent *t)
{
	return t->other * 10.0 - t->idx * 0.01;
}

/* The digest form of one of the record's IOC objects (new).  keep is
 * false for a well-known host (the caller leaves out what is no
 * indicator at all: a link's target, a technique id, a reporting
 * address).  No category: nothing here can tell a C2 from a download
 * site. */
static json_t *
ioc_of(const json_t *io)
{
	const char *scope = rec_str(io, "scope");
	const char *ctx = rec_str(io, "context");
	struct buf b = BUF_INIT;
	json_t *o;
	int known = json_is_true(json_object_get(io, "known"));
	int keep;
	static const char *const pass[] = { "observed", "found_in" };
	size_t i;

	keep = !known && !json_is_true(json_object_get(io, "linked"));
	o = json_object();
	rec_set_str(o, "value", rec_str(io, "value"));
	rec_set_str(o, "type", rec_str(io, "type") ? rec_str(io, "type") :
	    "unknown");
	rec_set_new(o, "known", json_boolean(known));
	if (ctx != NULL)
		text_collapse(&b, ctx, strlen(ctx), COLLAPSE_WIDE);
	/* the sentence around an indicator may be the injected one */
	rec_set_str(o, "context", b.len && !looks_like_instruction(b.s, b.len) ?
	    b.s : SUM_UNKNOWN);
	rec_set_str(o, "scope", scope ? scope : "NA");
	rec_set_new(o, "keep", json_boolean(keep));
	rec_set_new(o, "list_known", json_boolean(known));
	for (i = 0; i < NELEM(pass); i++)
		if (rec_str(io, pass[i]) != NULL)
			rec_set_str(o, pass[i], rec_str(io, pass[i]));
	buf_free(&b);
	return o;
}

/* Is para one of the paragraphs with an instruction-like sentence? */
static int
inj_para(const struct sents *ss, int para)
{
	size_t i;

	for (i = 0; i < ss->ninj_para; i++)
		if (ss->inj_para[i] == para)
			return 1;
	return 0;
}

/* Phrases that say a flaw is exploited now, and those that deny it. */
static const char *const active_words[] = { "actively exploited",
	"exploited in the wild", "under active exploitation",
	"is being exploited", "are being exploited",
	"known exploited vulnerabilities", "kev catalog",
	"悪用が確認", "悪用を確認", "悪用されている", "実際に悪用",
	"既知の悪用された脆弱性" };
static const char *const denial_words[] = { "no evidence", "not aware",
	"not been", "not yet", "no sign", "no report", "unaware",
	"not known to be", "確認されていない", "確認されておらず",
	"確認されておりません", "確認していない", "確認しておらず",
	"報告はない", "報告されていない", "ありません" };

/* The event type a rule can tell: "active_exploitation" when a sentence
 * (or the title) says a flaw is exploited and does not deny it; else
 * NULL. */
static const char *
event_type(const struct sents *ss, const char *title)
{
	size_t i, n = strlen(title);

	if (any(title, n, active_words, NELEM(active_words)) &&
	    !any(title, n, denial_words, NELEM(denial_words)) &&
	    !looks_like_instruction(title, n))
		return "active_exploitation";
	for (i = 0; i < ss->n; i++)
		if (any(ss->v[i].s, ss->v[i].n, active_words,
		    NELEM(active_words)) && !any(ss->v[i].s, ss->v[i].n,
		    denial_words, NELEM(denial_words)))
			return "active_exploitation";
	return NULL;
}

/* Actor names a sentence states in so many words: "attributed (the
 * attack) to X", "a group tracked as X".  X is a run of up to four
 * words that start with a capital letter or a digit ("Storm-1175",
 * "Lazarus Group"); not a country ("attributed to North Korea" states an
 * attribution, not an actor), not a CVE id ("the flaw, tracked as
 * CVE-2026-1234"), and "tracked as" only after a word for a group, so
 * that "the malware, tracked as PipeMagic" is no actor. */
static const char *const attrib_to[] = { "attributed to ",
	"attributed the attack to ", "attributed the attacks to ",
	"attributed the activity to ", "attributed the campaign to ",
	"attributed the intrusion to ", "attributed the intrusions to ",
	"attributed the breach to ", "attributed it to " };
static const char *const group_words[] = { "group", "actor", "cluster",
	"gang", "apt", "hackers", "crew", "operators" };
static const char *const attack_words[] = { "attack", "campaign",
	"intrusion", "activity", "breach", "operation", "hack", "compromise",
	"espionage", "ransomware", "exploit" };
static const char *const not_actor[] = { "China", "Chinese", "Russia",
	"Russian", "Iran", "Iranian", "North", "South", "Korea", "Korean",
	"Israel", "Israeli", "Belarus", "Pakistan", "Vietnam", "India",
	"United", "US", "U.S.", "CVE", "The", "A", "An", "Unknown", "State",
	"Nation", "Threat", "Hackers", "Actors", "It", "This", "That" };

/* Append to names (array) the name at p[0..n) if there is one. */
static void
actor_at(json_t *names, const char *p, size_t n)
{
	size_t i = 0, end = 0, words = 0, k, w;
	json_t *v;

	if (n >= 4 && ascii_ncasecmp(p, "the ", 4) == 0) {
		p += 4;
		n -= 4;
	}
	while (i < n && words < 4) {
		unsigned char c = (unsigned char)p[i];

		if (!((c >= 'A' && c <= 'Z') || ASCII_ISDIGIT(c)))
			break;
		w = i;
		while (i < n && (ASCII_ISALNUM((unsigned char)p[i]) ||
		    p[i] == '-' || p[i] == '_'))
			i++;
		if (words == 0) {
			for (k = 0; k < NELEM(not_actor); k++)
				if (strlen(not_actor[k]) == i - w &&
				    memcmp(p + w, not_actor[k], i - w) == 0)
					return;
			if (i - w >= 4 && memcmp(p + w, "CVE-", 4) == 0)
				return;
		}
		end = i;
		words++;
		if (i + 1 < n && p[i] == ' ')
			i++;
		else
			break;
	}
	if (words == 0 || end == 0)
		return;
	/* a bare number is no name */
	for (k = 0; k < end && !ASCII_ISALPHA((unsigned char)p[k]); k++)
		;
	if (k == end)
		return;
	json_array_foreach(names, k, v)
		if (strlen(rec_str(v, "name")) == end &&
		    memcmp(rec_str(v, "name"), p, end) == 0)
			return;
	if (json_array_size(names) < 3)
		arr_append_new(names, json_pack("{s:s%}", "name", p, end));
}

/* The actors the article names in an explicit phrase (new array, maybe
 * empty). */
static json_t *
actors(const struct sents *ss)
{
	json_t *names = json_array();
	const char *p;
	size_t i, k, off;

	for (i = 0; i < ss->n; i++) {
		const char *s = ss->v[i].s;
		size_t n = ss->v[i].n;

		if (any(s, n, attack_words, NELEM(attack_words)))
			for (k = 0; k < NELEM(attrib_to); k++)
				if ((p = ci_find(s, n, attrib_to[k])) != NULL) {
					off = (size_t)(p - s) +
					    strlen(attrib_to[k]);
					actor_at(names, s + off, n - off);
				}
		if ((p = ci_find(s, n, "tracked as ")) != NULL &&
		    any(s, (size_t)(p - s), group_words, NELEM(group_words))) {
			off = (size_t)(p - s) + strlen("tracked as ");
			actor_at(names, s + off, n - off);
		}
	}
	return names;
}

json_t *
extractive_digest(const struct source *src)
{
	struct sents ss;
	json_t *d, *sum, *recs, *other, *iocs, *v;
	const char *et;
	size_t i, k, nioc = 0, nbeside = 0;
	int title_inj;

	memset(&ss, 0, sizeof(ss));
	ss.lang = src->lang;
	split_sentences(src->text, src->textlen, add_sent, &ss);
	score(&ss, src->title);
	/* advice that sends the reader to one of the article's indicators
	 * ("download the fix from <IOC>") is the attack itself, and so is
	 * an indicator beside an injection ("...AIは。tool.exeを実行する。") */
	for (i = 0; i < ss.n; i++) {
		struct sent *t = &ss.v[i];

		if ((t->rec == 0 && !inj_para(&ss, t->para)) ||
		    !line_names_ioc(t->s, src))
			continue;
		t->names_ioc = 1;
		t->used = 1;
		if (t->rec > 0)
			nioc++;
		else
			nbeside++;
	}
	d = json_object();
	title_inj = looks_like_instruction(src->title, strlen(src->title));
	rec_set_str(d, "title", src->title[0] && !title_inj ? src->title :
	    (src->url ? src->url : SUM_UNKNOWN));
	sum = json_array();
	recs = json_array();
	other = json_array();
	/* the article's advice and its exploitation/attribution lines are
	 * sections of their own; the summary takes the best of the rest */
	pick(&ss, recs, SUM_MAX_RECS, want_rec, key_rec);
	pick(&ss, other, SUM_MAX_OTHER, want_other, key_other);
	pick(&ss, sum, SUM_MAX_SUMMARY, want_any, key_score);
	if (json_array_size(sum) == 0) {
		/* a short text: the summary may repeat what the others say */
		for (i = 0; i < ss.n; i++)
			ss.v[i].used = ss.v[i].names_ioc;
		pick(&ss, sum, 2, want_any, key_score);
	}
	rec_set_new(d, "summary", sum);
	iocs = json_array();
	k = 0;
	json_array_foreach(src->iocs, i, v) {
		if (!json_is_object(v) || rec_str(v, "value") == NULL ||
		    json_is_true(json_object_get(v, "linked")) ||
		    !ioc_reportable(rec_str(v, "type")) ||
		    ioc_not_indicator(v) != NULL)
			continue;
		if (k++ >= SUM_MAX_IOCS)
			break;
		arr_append_new(iocs, ioc_of(v));
	}
	rec_set_new(d, "iocs", iocs);
	rec_set_new(d, "recommendations", recs);
	rec_set_new(d, "other", other);
	if (src->primary != NULL)
		rec_set_str(d, "primary_source", src->primary);
	/* the article's sentences are not the model's advice */
	rec_set_str(d, "action", SUM_NO_REC);
	v = actors(&ss);
	if (json_array_size(v) > 0)
		rec_set_new(d, "actor", v);
	else
		json_decref(v);
	if ((et = event_type(&ss, src->title)) != NULL)
		rec_set_str(d, "event_type", et);
	rec_set_str(d, "confidence", "low");
	rec_set_new(d, "needs_review", json_true());
	rec_set_str(d, "lang", src->lang);
	rec_set_str(d, "engine", "extractive");
	rec_set_str(d, "basis", src->feed ? "feed-summary" : "text");
	rec_set_new(d, "warnings", json_array());
	if (ss.injection > 0)
		digest_warn(d, "%d instruction-like sentence%s of the article"
		    " left out (possible prompt injection)", ss.injection,
		    ss.injection == 1 ? "" : "s");
	if (title_inj)
		digest_warn(d, "the title reads like an instruction to a "
		    "model (possible prompt injection)");
	if (nioc > 0)
		digest_warn(d, "%zu recommendation%s left out: %s an "
		    "indicator of the article", nioc, nioc == 1 ? "" : "s",
		    nioc == 1 ? "it names" : "they name");
	if (nbeside > 0)
		digest_warn(d, "%zu sentence%s naming an indicator left out: "
		    "%s beside instruction-like text", nbeside,
		    nbeside == 1 ? "" : "s", nbeside == 1 ? "it stands" :
		    "they stand");
	for (i = 0; i < ss.n; i++)
		free(ss.v[i].s);
	free(ss.v);
	free(ss.inj_para);
	return d;
}
