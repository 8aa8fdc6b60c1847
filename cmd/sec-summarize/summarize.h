/* summarize.h: the parts of sec-summarize shared between its files. */
#ifndef SUMMARIZE_H
#define SUMMARIZE_H

#include <stddef.h>
#include <jansson.h>

#include "buf.h"
#include "htmltext.h"
#include "vocab.h"
#include "taxonomy.h"

#define SUM_MAX_SUMMARY	5
#define SUM_MAX_RECS	3
#define SUM_MAX_OTHER	3
#define SUM_MAX_IOCS	100
#define SUM_MAX_LINKS	40
#define SUM_MAX_ACTORS	5
#define SUM_MAX_MALWARE	5
#define SUM_MAX_TAGS	20
/* Part of the cache key: bump it when the prompt, the user message or the
 * answer contract changes meaning. */
#define SUM_PROMPT_VERSION	"2"
#define SUM_NO_REC	"推奨事項なし"
#define SUM_UNKNOWN	"不明"

/* An article as prepared for summarizing (see source_init). */
struct source {
	char	*title;		/* cleaned, white space collapsed (new) */
	char	*url;		/* the record's url or NULL (new) */
	char	*text;		/* cleaned text: no hidden, zero-width or
				 * control characters (new) */
	size_t	 textlen;
	int	 feed;		/* the text is the feed's summary */
	char	*lang;		/* "ja" or "en": detected (new) */
	json_t	*iocs;		/* the record's IOC objects (new ref) */
	json_t	*links;		/* the record's links or NULL (new ref) */
	char	*primary;	/* a link marked primary, or NULL (new) */
	int	 injection;	/* instruction-like sentences seen */
	json_t	*cands;		/* the IOC candidates sent, id "i<n>" is
				 * entry n-1 (new ref) */
	json_t	*clinks;	/* the links sent, id "l<n>" (new ref) */
};

/* The digest's language ("ja" unless -l says otherwise). */
extern const char *sum_lang;
/* The taxonomy tags are checked against (NULL: taxonomy_builtin()). */
extern const struct taxonomy *sum_taxonomy;

/* prompt.c: cleaning untrusted text, the prompt and the schema. */
/* Append s[0..n) to out without HTML comments, script/style and hidden
 * elements, remaining tags, zero-width, bidi and control characters;
 * lines have collapsed spaces and paragraphs one blank line between. */
void	 clean_text(struct buf *out, const char *s, size_t n);
/* Case-insensitive search for the ASCII needle in s[0..n) (borrowed
 * pointer into s, or NULL). */
const char *ci_find(const char *s, size_t n, const char *needle);
/* Bytes of s[0..n) that hold its first max code points. */
size_t	 cp_prefix(const char *s, size_t n, size_t max);
/* Nonzero for IOC types that belong in a digest (not cve, asn,
 * attack). */
int	 ioc_reportable(const char *type);
/* Append to out at most max code points of text; when it is cut, it is
 * cut at a paragraph or sentence end near the limit and a marker line is
 * added.  Returns the number of code points of text kept. */
size_t	 cut_text(struct buf *out, const char *text, size_t len, size_t max);
/* The built-in system prompt for lang "ja" or "en", with the closed
 * values of sum_taxonomy (static; sum_taxonomy is read on the first
 * call). */
const char *prompt_builtin(const char *lang);
/* The malware types an answer may give (NULL-terminated; the other
 * closed sets are vocab.h's). */
extern const char *const sum_malware_types[];
/* The JSON schema of the answer (new). */
json_t	*digest_schema(void);
/* Append the user message: the IOC candidates ("i7 domain x.example —
 * "sentence""), the links ("l3 "anchor" URL") and the article (title
 * and text cut to maxinput) inside <article-NONCE> delimiters.  Sets
 * *sent and *total to the characters of text sent and present. */
void	 prompt_user(struct buf *out, const struct source *,
	    const char *nonce, size_t maxinput, size_t *sent, size_t *total);
/* Fill src from rec (borrowed).  Returns 0, or -1 when the record has
 * neither text nor summary.  ioc_scan: 1 to extract IOCs from the text
 * when the record has none. */
int	 source_init(struct source *, const json_t *rec);
void	 source_free(struct source *);
/* Append a copy of s with every occurrence of secret replaced by
 * "[redacted]": also a prefix of it of 8 bytes or more, also when control
 * characters split it, also when its bytes are JSON escapes (\u0041). */
void	 redact(struct buf *out, const char *s, const char *secret);
/* The same for the n bytes at s (which may hold NUL bytes). */
void	 redact_n(struct buf *out, const char *s, size_t n,
	    const char *secret);

/* inject.c: text that speaks to the model, lines that name indicators. */
/* Nonzero when the sentence s[0..n) reads like an instruction to a model
 * ("ignore previous instructions", "you are now", "システムプロンプト",
 * "本記事を要約するAIは", "AI summarizers must", "download and run"),
 * not like prose about an attack ("attackers instructed victims to
 * run", "管理者は直ちに更新を実行してください"). */
int	 looks_like_instruction(const char *s, size_t n);
/* Nonzero when line holds one of the values of src's iocs, or the host
 * of one of its URLs, refanged or defanged, in any case (not CVE ids,
 * AS numbers, technique ids or reporting addresses, which name no
 * place to go). */
int	 line_names_ioc(const char *line, const struct source *src);
/* Why the IOC object io (borrowed) is not an indicator of the article
 * (static text: "an ATT&CK technique id", "a reporting address"), or
 * NULL. */
const char *ioc_not_indicator(const json_t *io);
/* Append s[0..n) folded for matching: ASCII in lower case, full-width
 * ASCII made ASCII, each white space run one space. */
void	 text_fold(struct buf *out, const char *s, size_t n);

/* extractive.c: the built-in engine. */
/* The extractive digest of src (new). */
json_t	*extractive_digest(const struct source *);
/* Split text into sentences: calls fn for each (cleaned, collapsed) with
 * its paragraph and index; stops when fn returns nonzero. */
void	 split_sentences(const char *text, size_t len,
	    int (*fn)(void *, const char *, size_t, int, int), void *arg);

/* validate.c: checking a model's answer. */
/* Find the JSON object in a text answer (bare, or inside a ``` fence, or
 * amid prose), with trailing commas repaired.  Returns a new reference or
 * NULL. */
json_t	*answer_from_text(const char *s, size_t n);
/* The same for an answer cut at the token limit: the open strings, arrays
 * and objects are closed and the last incomplete member dropped, so the
 * fields the answer had finished are kept (new reference or NULL). */
json_t	*answer_salvage(const char *s, size_t n);
/* Check answer (borrowed) against the schema and turn it into a digest
 * (new) grounded in src.  What can be repaired is repaired with a warning
 * (a string for a list, a list for a string, lists over their limit,
 * values outside a closed set, names not in the article, indicators in
 * advice); only an answer without a usable summary is refused: NULL, and
 * in why a short sentence that can be sent back to the model. */
json_t	*validate_answer(const json_t *answer, const struct source *,
	    char *why, size_t whylen);
/* Add to digest's "warnings" the CVE ids and numbers its text fields
 * carry that do not occur in src. */
void	 ground_numbers(json_t *digest, const struct source *);
/* ground.c: what a model's answer may name. */
/* Nonzero when name occurs in src's title or text after case and width
 * folding (full-width ASCII, runs of spaces). */
int	 name_in_text(const char *name, const struct source *);

/* Append a warning string to digest's warnings array. */
void	 digest_warn(json_t *digest, const char *fmt, ...)
	    PRINTFLIKE(2, 3);

#endif
