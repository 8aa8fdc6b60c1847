/* inject.c: telling article text that addresses the model (a prompt
 * injection) from text about security, and lines that name one of the
 * record's indicators.  Both work on a folded copy of the text: ASCII
 * letters in lower case, full-width ASCII made ASCII, every white space
 * run one space. */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "ioc.h"
#include "record.h"
#include "summarize.h"
#include "url.h"
#include "utf8.h"
#include "util.h"

void
text_fold(struct buf *out, const char *s, size_t n)
{
	size_t i = 0;
	uint32_t c;
	int l, space = 0;

	while (i < n) {
		if ((l = utf8_decode(s + i, n - i, &c)) < 1) {
			buf_putc(out, (unsigned char)s[i]);
			i++;
			continue;
		}
		i += (size_t)l;
		if (c >= 0xFF01 && c <= 0xFF5E)
			c -= 0xFEE0;	/* full-width ASCII */
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == 0x3000 || c == 0xA0) {
			space = 1;
			continue;
		}
		if (space && out->len > 0)
			buf_putc(out, ' ');
		space = 0;
		if (c < 0x80)
			buf_putc(out, ascii_lower((unsigned char)c));
		else
			utf8_encode(out, c);
	}
}

/* The first occurrence of needle in s[0..n) (folded text), or NULL. */
static const char *
find(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);

	if (m == 0 || m > n)
		return NULL;
	return memmem(s, n, needle, m);
}

static int
find_any(const char *s, size_t n, const char *const *list, size_t nl)
{
	size_t i;

	for (i = 0; i < nl; i++)
		if (find(s, n, list[i]) != NULL)
			return 1;
	return 0;
}

/* Nonzero when one of list occurs in s[0..n) and one of then occurs
 * after it, within win bytes of its end. */
static int
followed(const char *s, size_t n, const char *const *list, size_t nl,
    const char *const *then, size_t nt, size_t win)
{
	const char *p, *q;
	size_t i, m, rest;

	for (i = 0; i < nl; i++) {
		m = strlen(list[i]);
		for (p = s; (p = find(p, n - (size_t)(p - s), list[i])) != NULL;
		    p++) {
			q = p + m;
			rest = n - (size_t)(q - s);
			if (find_any(q, rest < win ? rest : win, then, nt))
				return 1;
		}
	}
	return 0;
}

/* Phrases that only an instruction to a model uses. */
static const char *const phrases[] = {
	"ignore previous", "ignore all previous", "ignore the previous",
	"ignore prior", "ignore all prior", "ignore the above", "ignore above",
	"ignore your", "ignore all instructions", "ignore these instructions",
	"disregard previous", "disregard all", "disregard the above",
	"disregard your", "disregard prior", "forget previous",
	"forget all previous", "forget your instructions", "forget everything",
	"you are now", "from now on you", "you must now", "your system prompt",
	"the system prompt above", "reveal the system prompt",
	"print the system prompt", "repeat the system prompt",
	"new instructions:", "new instructions follow", "override your",
	"developer mode", "jailbroken", "jailbreak mode", "dan mode",
	"do not summarize", "don't summarize", "instead summarize",
	"instead, output", "instead output", "instead, write", "instead, say",
	"respond only with", "reply only with", "output the following",
	"print the following", "say the following", "assistant:", "system:",
	"<|im_start|>", "<|system|>", "[inst]", "<<sys>>", "</article",
	"<article-", "as an ai language model", "ai model reading this",
	"llm reading this", "language model reading", "if you are an ai",
	"if you are a language model", "if you are an llm", "to any ai",
	"note to ai", "ai assistants must", "instructions to the ai",
	"summarizer must", "when summarizing this", "in your summary, say",
	"recommend that readers visit",
	/* addressing whoever summarizes the article */
	"when summarizing", "when summarising", "while summarizing",
	"while summarising", "if summarizing", "if summarising",
	"when you summarize", "when you summarise", "if you summarize",
	"if you summarise", "you are summarizing", "you are summarising",
	"summarizing this article", "summarising this article",
	"summarizing this page", "summarising this page",
	"in your summary", "in the summary, say", "in the summary, write",
	"tell the reader to", "tell readers to", "instruct the reader",
	"instruct readers",
	/* Japanese */
	"以前の指示", "前の指示", "これまでの指示", "上記の指示", "先の指示",
	"指示を無視", "指示は無視", "命令を無視", "以下の指示に従",
	"次の指示に従", "新しい指示に従", "新たな指示に従", "新しい指示:",
	"新たな指示:", "システムプロンプトを", "プロンプトを無視",
	"あなたは今", "あなたはこれから", "として振る舞え",
	"として振る舞って", "として振る舞いなさい", "として振る舞うこと",
	"として振舞え", "として振舞って", "要約せず",
	"要約しないで", "代わりに次", "代わりに以下", "以下を出力",
	"次のように出力", "aiへの指示",
	"要約に含め", "要約には次", "要約には以下", "要約では次",
	"要約では以下",
};

/* Who a model is, when the text speaks to it. */
static const char *const summarizers[] = { "summarizer", "summariser",
	"summarization tool", "summarisation tool", "summarizing tool" };
static const char *const must[] = { " must", " should", " shall",
	" need to", " have to", " are required", " is required",
	" are instructed", " is instructed", " will now", " are to " };

/* "download and run": an order, unless the sentence tells who gave it. */
static const char *const dl_run[] = { "download and run",
	"download and execute", "download & run", "download & execute",
	"download, run", "download then run", "download and launch" };
static const char *const narrated[] = { "victim", "user", "target",
	"lure", "trick", "instruct", "prompt", "ask", "convinc", "entic",
	"persuad", "urg", "recommend", "advis", "attacker", "actor",
	"malware", "script", "email", "e-mail", "message", "page", "site",
	"campaign", "operator", "admin", "customer", "can ", "could ",
	"may ", "encourag", "told", "tells", "were", "was ", "been" };
static const char *const to_reader[] = { "reader", "you ", "you,",
	"please" };

/* Japanese: whoever summarizes this text, then the particle that
 * addresses it. */
static const char *const ja_does[] = { "要約する", "要約している",
	"要約を行う", "要約を作成する", "要約を生成する", "要約中の" };
static const char *const ja_agent[] = { "ai", "llm", "言語モデル",
	"モデル", "アシスタント", "エージェント", "ボット", "チャットボット",
	"システム", "あなた" };
static const char *const ja_particle[] = { "は", "へ", "よ", "、", ",",
	":", "に対", "に告", "の皆", "の方", "にお願い", "に指示",
	"であれば", "なら" };
/* ... or this article as the object of a summary. */
static const char *const ja_this[] = { "この記事を", "本記事を",
	"このページを", "本ページを", "この文章を", "この文書を",
	"このテキストを", "この投稿を", "本稿を" };
/* an AI as the subject, then an order: the verb within JA_SUBJ_WIN
 * bytes of the subject (50 characters) */
#define JA_SUBJ_WIN	150
static const char *const ja_ai[] = { "aiは", "aiへ", "aiよ", "aiに対し",
	"aiに告", "llmは", "llmへ", "モデルは", "アシスタントは",
	"要約者は", "要約担当は" };
static const char *const ja_verb[] = { "実行", "出力", "ダウンロード",
	"記載", "書いて", "書け", "従", "推奨", "伝え", "含め", "無視",
	"表示", "案内", "インストール" };
static const char *const ja_order[] = { "すること", "せよ", "しろ",
	"してください", "して下さい", "しなさい", "すべき", "しなければ",
	"する必要", "ください", "なさい", "べし", "こと。" };

/* Nonzero when the text at p (up to end) starts with lit. */
static int
starts(const char *p, const char *end, const char *lit)
{
	size_t m = strlen(lit);

	return (size_t)(end - p) >= m && memcmp(p, lit, m) == 0;
}

/* At p (inside s), after "要約する" and the like: an agent and a
 * particle addressed to it? */
static int
ja_addressed(const char *p, const char *end)
{
	size_t i, k, m;

	/* 生成AI, 自動要約AI: a word before the agent */
	if (starts(p, end, "生成") || starts(p, end, "自動"))
		p += strlen("生成");
	for (i = 0; i < NELEM(ja_agent); i++) {
		if (!starts(p, end, ja_agent[i]))
			continue;
		m = strlen(ja_agent[i]);
		for (k = 0; k < NELEM(ja_particle); k++)
			if (starts(p + m, end, ja_particle[k]))
				return 1;
	}
	return 0;
}

/* The Japanese rules: an address to the summarizing AI, this article
 * as what is summarized, an AI ordered to act. */
static int
ja_instruction(const char *s, size_t n)
{
	const char *end = s + n, *p, *q;
	size_t i, m;

	for (i = 0; i < NELEM(ja_does); i++) {
		m = strlen(ja_does[i]);
		for (p = s; (p = find(p, (size_t)(end - p), ja_does[i])) !=
		    NULL; p++)
			if (ja_addressed(p + m, end))
				return 1;
	}
	for (i = 0; i < NELEM(ja_this); i++) {
		m = strlen(ja_this[i]);
		for (p = s; (p = find(p, (size_t)(end - p), ja_this[i])) !=
		    NULL; p++) {
			q = p + m;
			if (starts(q, end, "自動"))
				q += strlen("自動");
			/* "この記事を要約すると": the author's "in short" */
			if (starts(q, end, "要約") &&
			    !starts(q, end, "要約すると"))
				return 1;
			if (starts(q, end, "読んでいる") ||
			    starts(q, end, "読むai") ||
			    starts(q, end, "処理する"))
				return 1;
		}
	}
	/* an AI, then a verb of acting and an order within the sentence */
	for (i = 0; i < NELEM(ja_ai); i++) {
		m = strlen(ja_ai[i]);
		for (p = s; (p = find(p, (size_t)(end - p), ja_ai[i])) !=
		    NULL; p++) {
			/* the verb near the subject: a long run of text
			 * must not cost a scan for each subject in it */
			size_t rest = (size_t)(end - p) - m;

			if (followed(p + m, rest < JA_SUBJ_WIN ? rest :
			    JA_SUBJ_WIN, ja_verb, NELEM(ja_verb), ja_order,
			    NELEM(ja_order), 48))
				return 1;
		}
	}
	return 0;
}

/* "download and run" as an order: no one in the sentence before it is
 * told to have asked for it, or the reader is told to. */
static int
dl_order(const char *s, size_t n)
{
	const char *p;
	size_t i, before;

	for (i = 0; i < NELEM(dl_run); i++) {
		if ((p = find(s, n, dl_run[i])) == NULL)
			continue;
		before = (size_t)(p - s);
		if (find_any(s, before, to_reader, NELEM(to_reader)) ||
		    !find_any(s, before, narrated, NELEM(narrated)))
			return 1;
	}
	return 0;
}

int
looks_like_instruction(const char *s, size_t n)
{
	struct buf f = BUF_INIT;
	int r;

	text_fold(&f, s, n);
	n = f.len;
	s = buf_str(&f);
	r = find_any(s, n, phrases, NELEM(phrases)) ||
	    /* "ignore ... instructions" within one sentence */
	    ((find(s, n, "ignore") || find(s, n, "disregard")) &&
	    (find(s, n, "instruction") || find(s, n, "prompt"))) ||
	    followed(s, n, summarizers, NELEM(summarizers), must,
	    NELEM(must), 24) ||
	    dl_order(s, n) || ja_instruction(s, n);
	buf_free(&f);
	return r;
}

/* Is the byte before p (in s) or at q (up to end) part of a longer
 * name, so that a match there is not the indicator? */
static int
name_char(int c)
{
	return ASCII_ISALNUM(c) || c == '-' || c == '_';
}

/* Nonzero when the folded, refanged line holds needle (folded) as a
 * name of its own: not inside a longer host, address or hash; a host
 * under a domain names it ("cdn.evil.example" names "evil.example"). */
static int
holds(const char *line, size_t n, const char *needle, size_t m)
{
	const char *p = line, *end = line + n;
	int before, after, name = 0;
	size_t i;

	if (m == 0)
		return 0;
	for (i = 0; i < m; i++)
		if (ASCII_ISALPHA((unsigned char)needle[i]))
			name = 1;
	while ((p = memmem(p, (size_t)(end - p), needle, m)) != NULL) {
		before = p > line ? (unsigned char)p[-1] : ' ';
		after = p + m < end ? (unsigned char)p[m] : ' ';
		/* "evil.example.com" does not name "evil.example" */
		if (after == '.' && p + m + 1 < end &&
		    name_char((unsigned char)p[m + 1]))
			after = 'a';
		/* a dot before: a subdomain, or a longer address */
		if (before == '.' && !name)
			before = 'a';
		if (!name_char(before) && !name_char(after))
			return 1;
		p++;
	}
	return 0;
}

/* Indicator types that name no place and no file: a line may cite
 * them ("apply the fix for CVE-2026-1234"). */
static int
names_place(const char *type)
{
	return type == NULL || (strcmp(type, "cve") != 0 &&
	    strcmp(type, "asn") != 0 && strcmp(type, "attack") != 0);
}

int
line_names_ioc(const char *line, const struct source *src)
{
	struct buf r = BUF_INIT, f = BUF_INIT, v = BUF_INIT;
	const char *val, *host;
	size_t i, hl;
	json_t *io;
	int hit = 0;

	if (line == NULL || src->iocs == NULL)
		return 0;
	/* the line as an indicator would be compared: refanged, folded */
	ioc_refang(&r, line, strlen(line));
	text_fold(&f, buf_str(&r), r.len);
	json_array_foreach(src->iocs, i, io) {
		const char *type = rec_str(io, "type");
		int known = json_is_true(json_object_get(io, "known"));

		if (hit)
			break;
		if ((val = rec_str(io, "value")) == NULL || val[0] == '\0' ||
		    !names_place(type) || ioc_not_indicator(io) != NULL)
			continue;
		/* a well-known host may be named in advice ("update from
		 * microsoft.com"); a specific URL on it may not */
		if (known && (type == NULL || strcmp(type, "url") != 0))
			continue;
		buf_reset(&v);
		text_fold(&v, val, strlen(val));
		if (holds(buf_str(&f), f.len, buf_str(&v), v.len)) {
			hit = 1;
			break;
		}
		/* the host of a URL, unless it is a well-known one */
		if (known)
			continue;
		hl = 0;
		if ((host = url_host(val, &hl)) == NULL || hl == 0)
			continue;
		buf_reset(&v);
		text_fold(&v, host, hl);
		hit = holds(buf_str(&f), f.len, buf_str(&v), v.len);
	}
	buf_free(&r);
	buf_free(&f);
	buf_free(&v);
	return hit;
}

/* Mailbox names of teams that take reports, not of attackers. */
static const char *const role_box[] = { "report", "reports", "contact",
	"info", "soc", "cert", "csirt", "incident", "incidents", "security",
	"abuse", "psirt", "central", "cyber", "ncsc", "support", "help",
	"helpdesk", "tips", "intake" };
static const char *const report_words[] = { "report", "contact", "報告",
	"連絡", "通報", "問い合わせ", "問合せ" };

/* Nonzero for a technique id: T and 4 digits, perhaps .001 */
static int
technique_id(const char *v)
{
	size_t i;

	if (v[0] != 'T' && v[0] != 't')
		return 0;
	for (i = 1; i <= 4; i++)
		if (!ASCII_ISDIGIT((unsigned char)v[i]))
			return 0;
	if (v[5] == '\0')
		return 1;
	return v[5] == '.' && ASCII_ISDIGIT((unsigned char)v[6]) &&
	    ASCII_ISDIGIT((unsigned char)v[7]) &&
	    ASCII_ISDIGIT((unsigned char)v[8]) && v[9] == '\0';
}

const char *
ioc_not_indicator(const json_t *io)
{
	const char *v = rec_str(io, "value"), *t = rec_str(io, "type");
	const char *ctx = rec_str(io, "context"), *at;
	struct buf f = BUF_INIT;
	size_t i, m;
	int role = 0, near;

	if (v == NULL)
		return NULL;
	if ((t != NULL && strcmp(t, "attack") == 0) || technique_id(v))
		return "an ATT&CK technique id";
	if (t == NULL || strcmp(t, "email") != 0 ||
	    (at = strchr(v, '@')) == NULL || ctx == NULL)
		return NULL;
	m = (size_t)(at - v);
	for (i = 0; i < NELEM(role_box); i++)
		if (strlen(role_box[i]) == m &&
		    ascii_ncasecmp(v, role_box[i], m) == 0)
			role = 1;
	if (!role)
		return NULL;
	/* "report incidents to report@...", "contact CISA at ..." */
	text_fold(&f, ctx, strlen(ctx));
	near = find_any(buf_str(&f), f.len, report_words,
	    NELEM(report_words));
	buf_free(&f);
	return near ? "a reporting address" : NULL;
}
