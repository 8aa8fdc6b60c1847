/* sec-summarize: add a digest to each news record, through an LLM API
 * (OpenAI-compatible or Anthropic) or the built-in extractive engine. */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "buf.h"
#include "cache.h"
#include "cli.h"
#include "llm.h"
#include "ndjson.h"
#include "price.h"
#include "record.h"
#include "retry.h"
#include "summarize.h"
#include "url.h"
#include "util.h"

const char cli_synopsis[] =
"usage: sec-summarize [-hV] [-e engine] [-j jobs] [-L bytes] [-l lang]"
" [-m model]\n"
"                     [-T seconds] [--base-url url] [--budget tokens]"
" [--cache dir]\n"
"                     [--check] [--max-input chars] [--max-tokens n]"
" [--no-cache]\n"
"                     [--num-ctx tokens] [--price file] [--prompt file]\n"
"                     [--reasoning-tokens n] [--retries n]"
" [--retry-failed]\n"
"                     [--taxonomy dir] [--unbuffered] [file ...]\n";
const char cli_options[] =
"  -e, --engine name    extractive, openai or anthropic"
" (SEC_SUMMARIZE_ENGINE)\n"
"  -h, --help           show this help\n"
"  -j, --jobs n         requests at once (default 4)\n"
"  -L, --max-line bytes longest input record (default 64M)\n"
"  -l, --lang ja|en     language of the digest (default ja)\n"
"  -m, --model name     model (SEC_SUMMARIZE_MODEL)\n"
"  -T, --timeout s      time limit per request (default 120)\n"
"  -V, --version        show the version\n"
"      --base-url url   API base URL (OPENAI_BASE_URL, ANTHROPIC_BASE_URL)\n"
"      --budget tokens  stop calling the API after this many tokens\n"
"      --cache dir      answer cache (default ~/.cache/sec-tools/summarize)\n"
"      --check          check the engine setup, print it, read no input\n"
"      --max-input n    characters of article sent (default 12000)\n"
"      --max-tokens n   longest answer in tokens (default 4000)\n"
"      --no-cache       neither read nor write the cache\n"
"      --num-ctx tokens Ollama: the largest context to ask for"
" (default 32768)\n"
"      --price file     model prices per million tokens, for the cost\n"
"      --prompt file    system prompt instead of the built-in one\n"
"      --reasoning-tokens n\n"
"                       tokens a reasoning model may think (default 4000)\n"
"      --retries n      retries of a failed request (default 2)\n"
"      --retry-failed   ask again for answers that failed before\n"
"      --taxonomy dir   the tags' taxonomy instead of the built-in one\n"
"      --unbuffered     flush after every record\n";

enum { O_BUDGET = 256, O_CACHE, O_CHECK, O_MAXIN, O_MAXTOK, O_NOCACHE,
	O_NUMCTX, O_PRICE, O_PROMPT, O_REASON, O_RETRIES, O_RETRYFAIL,
	O_TAXONOMY, O_UNBUF, O_URL };

enum jstate { J_DONE, J_WAIT, J_RUN };

struct job {
	json_t	*rec;
	json_t	*centry;	/* the cache entry to write, or NULL */
	struct source src;
	int	 has_src;
	enum jstate state;
	char	*user;		/* the user message */
	char	*body;		/* the request body */
	struct llm_conf conf;	/* what body was made with (pointers
				 * borrowed from S.c) */
	json_t	*turns;		/* the repair turns, or NULL */
	int	 enlarged;	/* the limit was raised after a cut answer */
	int	 repaired;	/* the validator's message was sent back */
	int	 fail_cache;	/* the failure is the answer's: cache it */
	int	 cached_fail;	/* it failed in an earlier run */
	long	 ctx_need;	/* tokens of context the prompt needs when
				 * that is over --num-ctx, else 0 */
	int	 ctx_warned;	/* said on stderr */
	char	 key[CACHE_KEYLEN + 1];
	struct buf resp;
	int	 resp_over;
	double	 retry_after;	/* seconds asked by the server, or -1 */
	int	 should_retry;	/* x-should-retry: -1, 0, 1 */
	int	 attempts;	/* failed transport or status attempts */
	int	 adapts;
	double	 ready;		/* may start at this monotonic time */
	long	 est;		/* tokens reserved against the budget */
	CURL	*easy;
	struct curl_slist *hdrs;
	long	 in_tok, out_tok, reason_tok, requests;
	size_t	 sent, total;
	char	 errbuf[CURL_ERROR_SIZE];
};

static struct {
	struct llm_conf c;
	int	 api;		/* 0 extractive */
	char	*cachedir;
	long	 jobs, retries, timeout, maxinput;
	long long budget;
	char	*fatal;		/* the error that stopped API use */
	char	*prompt;	/* the --prompt file's contents (new) */
	int	 retry_failed;
	int	 ollama;	/* the server is Ollama: send num_ctx */
	long	 num_ctx;	/* the largest num_ctx to send */
	const char *pricefile;
	struct price price;
	int	 priced;	/* price is the model's */
	/* accounting */
	long long used, reserved;
	long	 n_api, n_cached, n_extract, n_fallback, n_budget, n_req;
	long	 n_cfail;
	long long in_tok, out_tok, reason_tok;
	int	 nerr;
} S;

static const struct option longopts[] = {
	{ "engine", required_argument, NULL, 'e' },
	{ "help", no_argument, NULL, 'h' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "max-line", required_argument, NULL, 'L' },
	{ "lang", required_argument, NULL, 'l' },
	{ "model", required_argument, NULL, 'm' },
	{ "timeout", required_argument, NULL, 'T' },
	{ "unbuffered", no_argument, NULL, O_UNBUF },
	{ "base-url", required_argument, NULL, O_URL },
	{ "version", no_argument, NULL, 'V' },
	{ "budget", required_argument, NULL, O_BUDGET },
	{ "cache", required_argument, NULL, O_CACHE },
	{ "check", no_argument, NULL, O_CHECK },
	{ "max-input", required_argument, NULL, O_MAXIN },
	{ "max-tokens", required_argument, NULL, O_MAXTOK },
	{ "no-cache", no_argument, NULL, O_NOCACHE },
	{ "num-ctx", required_argument, NULL, O_NUMCTX },
	{ "price", required_argument, NULL, O_PRICE },
	{ "prompt", required_argument, NULL, O_PROMPT },
	{ "reasoning-tokens", required_argument, NULL, O_REASON },
	{ "retries", required_argument, NULL, O_RETRIES },
	{ "retry-failed", no_argument, NULL, O_RETRYFAIL },
	{ "taxonomy", required_argument, NULL, O_TAXONOMY },
	{ NULL, 0, NULL, 0 }
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* s on one line: control characters (an escape sequence from a record
 * or an answer would reach the terminal) become spaces; returns s. */
static char *
one_line(char *s)
{
	char *p;

	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			*p = ' ';
	return s;
}

/* A message with the key taken out, on one line, for stderr and errors
 * entries (new). */
static char *
safe_msg(const char *s)
{
	struct buf b = BUF_INIT;

	redact(&b, s, S.c.key);
	return one_line(buf_detach(&b));
}

/* Read the key: the file named by file_env (mode 0600, owned by us),
 * else the variable env. */
static char *
load_key(const char *file_env, const char *env)
{
	const char *path = getenv(file_env), *v;
	struct stat st;
	char buf[4096];
	ssize_t n;
	size_t len;
	int fd;
	char *k;

	if (path != NULL && path[0] != '\0') {
		if ((fd = open(path, O_RDONLY | O_NOFOLLOW)) == -1)
			err(2, "%s: %s", file_env, path);
		if (fstat(fd, &st) == -1)
			err(2, "%s", path);
		if (!S_ISREG(st.st_mode))
			errx(2, "%s: not a regular file", path);
		if ((st.st_mode & 077) != 0)
			errx(2, "%s: key file is readable by others "
			    "(chmod 600 it)", path);
		if (st.st_uid != geteuid())
			errx(2, "%s: key file is not owned by you", path);
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n < 0)
			err(2, "%s", path);
		len = (size_t)n;
		while (len > 0 && ASCII_ISSPACE((unsigned char)buf[len - 1]))
			len--;
		k = xstrndup(buf, len);
		explicit_bzero(buf, sizeof(buf));
	} else if ((v = getenv(env)) != NULL && v[0] != '\0')
		k = xstrdup(v);
	else
		return NULL;
	for (v = k; *v != '\0'; v++)
		if ((unsigned char)*v < 0x20 || *v == 0x7F)
			errx(2, "the API key from %s has a control character",
			    path ? file_env : env);
	if (k[0] == '\0') {
		free(k);
		return NULL;
	}
	return k;
}

static char *
env_or(const char *a, const char *b, const char *def)
{
	const char *v = getenv(a);

	if ((v == NULL || v[0] == '\0') && b != NULL)
		v = getenv(b);
	return xstrdup(v != NULL && v[0] != '\0' ? v : def);
}

/* The value of the environment variable v, or NULL when it is unset or
 * empty (borrowed). */
static const char *
env_val(const char *v)
{
	const char *s = getenv(v);

	return s != NULL && s[0] != '\0' ? s : NULL;
}

/* The first of the NULL-terminated variable names that is set, or NULL. */
static const char *
env_first(const char *const *names)
{
	for (; *names != NULL; names++)
		if (env_val(*names) != NULL)
			return *names;
	return NULL;
}

static const char *const openai_keys[] = { "OPENAI_API_KEY_FILE",
	"OPENAI_API_KEY", "AZURE_OPENAI_API_KEY_FILE", "AZURE_OPENAI_API_KEY",
	NULL };
static const char *const anthropic_keys[] = { "ANTHROPIC_API_KEY_FILE",
	"ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN_FILE",
	"ANTHROPIC_AUTH_TOKEN", NULL };

/* The engine a model name belongs to: claude-* is Anthropic's; gpt-*,
 * chatgpt-* and o1, o3, o4-mini ... are OpenAI's; else NULL. */
static const char *
model_engine(const char *m)
{
	if (strncmp(m, "claude-", 7) == 0)
		return "anthropic";
	if (strncmp(m, "gpt-", 4) == 0 || strncmp(m, "chatgpt-", 8) == 0)
		return "openai";
	if (m[0] == 'o' && m[1] >= '1' && m[1] <= '9' &&
	    (m[2] == '\0' || m[2] == '-'))
		return "openai";
	return NULL;
}

/* Choose the engine when neither -e nor SEC_SUMMARIZE_ENGINE did: by the
 * model's name, else by the one API's key in the environment, else the
 * extractive engine when nothing asks for an API.  Sets *why to what
 * decided (static), or NULL for the quiet default.  Exits 2 when it
 * cannot tell. */
static const char *
pick_engine(const char *model, const char *model_from, const char *base,
    const char **why)
{
	const char *ok = env_first(openai_keys);
	const char *ak = env_first(anthropic_keys);
	const char *e;

	*why = NULL;
	if (model != NULL && (e = model_engine(model)) != NULL) {
		*why = "the model name";
		return e;
	}
	if (ok != NULL && ak != NULL)
		errx(EXIT_USAGE, "both %s and %s are set: choose the engine "
		    "with -e openai or -e anthropic", ok, ak);
	if (ok != NULL || ak != NULL) {
		*why = ok != NULL ? ok : ak;
		return ok != NULL ? "openai" : "anthropic";
	}
	if (model != NULL)
		errx(EXIT_USAGE, "%s %s: no engine chosen and none can be told "
		    "from it: choose one with -e openai or -e anthropic",
		    model_from, model);
	if (base != NULL)
		errx(EXIT_USAGE, "--base-url: no engine chosen: choose one "
		    "with -e openai or -e anthropic");
	return "extractive";
}

/* Check that b is an http or https URL with a host; sets *official when
 * the host is host (the vendor's own API, which needs a key).  Exits 2
 * naming the URL, without its userinfo. */
static void
check_base(const char *b, const char *host, int *official)
{
	CURLU *u;
	char *h = NULL, *shown;
	const char *a;
	int bad;

	*official = 0;
	if ((u = curl_url()) == NULL)
		errx(1, "curl_url failed");
	/* curl reads "https:///v1" as the host v1 */
	a = url_authority(b);
	bad = !url_is_http(b) || a == NULL || url_authority_len(a) == 0 ||
	    curl_url_set(u, CURLUPART_URL, b, 0) !=
	    CURLUE_OK || curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK ||
	    h == NULL || h[0] == '\0';
	if (!bad)
		*official = ascii_ncasecmp(h, host, strlen(host) + 1) == 0;
	curl_free(h);
	curl_url_cleanup(u);
	if (bad) {
		shown = url_redacted(b);
		if (!url_is_http(b))
			errx(EXIT_USAGE, "%s: the base URL must be http or "
			    "https", shown);
		errx(EXIT_USAGE, "%s: not a well-formed base URL", shown);
	}
}

/* The endpoint, the key and the headers of the chosen API, for the model
 * (borrowed).  Exits 2 on a configuration error. */
static void
setup_api(const char *base, const char *model)
{
	struct buf u = BUF_INIT;
	char *b;
	size_t n;
	const char *q;
	int official;

	S.c.model = model;
	if (S.c.api == API_OPENAI) {
		b = base ? xstrdup(base) : env_or("OPENAI_BASE_URL",
		    "OPENAI_API_BASE", "https://api.openai.com/v1");
		n = strlen(b);
		while (n > 0 && b[n - 1] == '/')
			b[--n] = '\0';
		check_base(b, "api.openai.com", &official);
		if (strstr(b, "/openai/deployments/") != NULL) {
			/* Azure: api-key header and an api-version */
			if ((q = strchr(b, '?')) != NULL) {
				buf_put(&u, b, (size_t)(q - b));
				buf_printf(&u, "/chat/completions%s", q);
			} else {
				const char *v = getenv("OPENAI_API_VERSION");

				buf_printf(&u, "%s/chat/completions?api-version"
				    "=%s", b, v && *v ? v : "2024-10-21");
			}
			S.c.auth = AUTH_APIKEY;
			S.c.key = load_key("AZURE_OPENAI_API_KEY_FILE",
			    "AZURE_OPENAI_API_KEY");
		} else {
			buf_printf(&u, "%s/chat/completions", b);
			S.c.auth = AUTH_BEARER;
		}
		if (S.c.key == NULL)
			S.c.key = load_key("OPENAI_API_KEY_FILE",
			    "OPENAI_API_KEY");
		/* the official API knows only the new name */
		S.c.tokens_field = official;
		if (S.c.key == NULL && official)
			errx(EXIT_USAGE, "engine openai: set OPENAI_API_KEY or "
			    "OPENAI_API_KEY_FILE");
		q = getenv("OPENAI_CUSTOM_HEADERS");
		{
			struct buf h = BUF_INIT;
			const char *org = getenv("OPENAI_ORG_ID");
			const char *prj = getenv("OPENAI_PROJECT_ID");

			if (org && *org)
				buf_printf(&h, "OpenAI-Organization: %s\n",
				    org);
			if (prj && *prj)
				buf_printf(&h, "OpenAI-Project: %s\n", prj);
			if (q && *q)
				buf_printf(&h, "%s\n", q);
			S.c.extra = h.len ? buf_detach(&h) : NULL;
			buf_free(&h);
		}
	} else {
		b = base ? xstrdup(base) : env_or("ANTHROPIC_BASE_URL", NULL,
		    "https://api.anthropic.com");
		n = strlen(b);
		while (n > 0 && b[n - 1] == '/')
			b[--n] = '\0';
		check_base(b, "api.anthropic.com", &official);
		if (n >= 3 && strcmp(b + n - 3, "/v1") == 0)
			buf_printf(&u, "%s/messages", b);
		else
			buf_printf(&u, "%s/v1/messages", b);
		S.c.auth = AUTH_XAPIKEY;
		S.c.key = load_key("ANTHROPIC_API_KEY_FILE",
		    "ANTHROPIC_API_KEY");
		if (S.c.key == NULL && (S.c.key = load_key(
		    "ANTHROPIC_AUTH_TOKEN_FILE",
		    "ANTHROPIC_AUTH_TOKEN")) != NULL)
			S.c.auth = AUTH_BEARER;
		if (S.c.key == NULL && official)
			errx(EXIT_USAGE, "engine anthropic: set "
			    "ANTHROPIC_API_KEY or ANTHROPIC_API_KEY_FILE");
		q = getenv("ANTHROPIC_CUSTOM_HEADERS");
		S.c.extra = q && *q ? xstrdup(q) : NULL;
	}
	if (S.c.extra != NULL && strchr(S.c.extra, '\r') != NULL)
		errx(EXIT_USAGE, "custom headers: carriage return not allowed");
	free(b);
	S.c.url = buf_detach(&u);
}

/* The cache key: everything that determines the answer, nothing secret.
 * The nonce of the delimiters is left out (it is random per request). */
static void
cache_key(struct job *j, const char *user_fixed)
{
	struct sha256 h;
	char *schema = json_dumps(S.c.schema, JSON_COMPACT | JSON_SORT_KEYS);
	char mt[32];

	sha256_init(&h);
	sha256_update(&h, "sec-summarize cache " SUM_PROMPT_VERSION,
	    sizeof("sec-summarize cache " SUM_PROMPT_VERSION));
	sha256_update(&h, S.c.engine, strlen(S.c.engine) + 1);
	sha256_update(&h, S.c.model, strlen(S.c.model) + 1);
	sha256_update(&h, S.c.system, strlen(S.c.system) + 1);
	sha256_update(&h, schema, strlen(schema) + 1);
	snprintf(mt, sizeof(mt), "%ld", S.c.max_tokens);
	sha256_update(&h, mt, strlen(mt) + 1);
	sha256_update(&h, user_fixed, strlen(user_fixed));
	sha256_hex(&h, j->key);
	free(schema);
}

static void
random_nonce(char out[17])
{
	unsigned char r[8];
	size_t i;

	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
		unsigned long long x = (unsigned long long)time(NULL) ^
		    ((unsigned long long)getpid() << 32) ^
		    (unsigned long long)(now() * 1e9);

		memcpy(r, &x, sizeof(r));
	}
	for (i = 0; i < sizeof(r); i++)
		snprintf(out + 2 * i, 3, "%02x", r[i]);
}

/* The digest's usage: what this record's answer cost when it was asked
 * for (a cached answer keeps the numbers of its first run), and the cost
 * when the price table has the model. */
static json_t *
usage_obj(const struct job *j)
{
	json_t *u = json_pack("{s:I, s:I, s:I}", "input_tokens",
	    (json_int_t)j->in_tok, "output_tokens", (json_int_t)j->out_tok,
	    "requests", (json_int_t)j->requests);

	if (j->reason_tok > 0)
		rec_set_new(u, "reasoning_tokens",
		    json_integer(j->reason_tok));
	if (S.priced)
		rec_set_new(u, "cost", json_real(price_cost(&S.price,
		    j->in_tok, j->out_tok)));
	return u;
}

/* The cache entry of a usable answer (borrowed), written with the
 * record. */
static void
cache_answer(struct job *j, json_t *answer)
{
	if (S.cachedir != NULL)
		j->centry = json_pack("{s:s, s:s, s:O, s:{s:I, s:I, s:I}}",
		    "engine", S.c.engine, "model", S.c.model, "answer", answer,
		    "usage", "input_tokens", (json_int_t)j->in_tok,
		    "output_tokens", (json_int_t)j->out_tok, "requests",
		    (json_int_t)j->requests);
}

/* The digest says when the prompt was over Ollama's context. */
static void
ctx_warn(const struct job *j, json_t *d)
{
	if (j->ctx_need > 0)
		digest_warn(d, "the prompt needs about %ld tokens of context, "
		    "more than --num-ctx %ld: the server may have cut it",
		    j->ctx_need, S.num_ctx);
}

/* Common tail of every digest the API gave: fields of the run. */
static void
finish_digest(struct job *j, json_t *d)
{
	json_t *w = json_incref(json_object_get(d, "warnings"));

	json_object_del(d, "warnings");
	rec_set_str(d, "engine", S.c.model);
	rec_set_str(d, "basis", j->src.feed ? "feed-summary" : "text");
	rec_set_new(d, "warnings", w ? w : json_array());
	if (j->total > j->sent)
		digest_warn(d, "article cut to %zu of %zu characters for the "
		    "model", j->sent, j->total);
	if (j->src.injection)
		digest_warn(d, "the article has instruction-like text "
		    "(possible prompt injection)");
	ctx_warn(j, d);
	rec_set_new(d, "usage", usage_obj(j));
}

static const char *out_lang = "ja";

static struct taxonomy *own_taxonomy;

/* --taxonomy: the analyst's taxonomy files replace the built-in ones. */
static void
load_taxonomy(const char *dir)
{
	struct buf e = BUF_INIT;

	taxonomy_free(own_taxonomy);
	if ((own_taxonomy = taxonomy_load(dir, &e)) == NULL)
		errx(EXIT_USAGE, "--taxonomy: %s", buf_str(&e));
	sum_taxonomy = own_taxonomy;
	buf_free(&e);
}

static void
done_api(struct job *j, json_t *d)
{
	rec_set_str(d, "lang", out_lang);
	finish_digest(j, d);
	rec_set_new(j->rec, "digest", d);
	j->state = J_DONE;
}

/* The digest of what a cut answer had finished, or NULL. */
static json_t *
salvage(struct job *j)
{
	char *text, why[256];
	json_t *a, *d = NULL;

	if ((text = llm_answer_text(&j->conf, buf_str(&j->resp),
	    j->resp.len)) == NULL)
		return NULL;
	if ((a = answer_salvage(text, strlen(text))) != NULL) {
		d = validate_answer(a, &j->src, why, sizeof(why));
		/* cached as an answer: a rerun asks nothing */
		if (d != NULL)
			cache_answer(j, a);
		json_decref(a);
	}
	free(text);
	return d;
}

/* The record falls back to the extractive digest; why (may be NULL) goes
 * to its errors, why or warning to its fallback. */
static void
done_extractive(struct job *j, const char *why, const char *warning)
{
	json_t *d = extractive_digest(&j->src), *w, *u = NULL;
	char *m = NULL;

	if (warning != NULL)
		digest_warn(d, "%s", warning);
	/* a prompt the server cut may be why the answer failed */
	ctx_warn(j, d);
	if (j->requests > 0 || j->cached_fail)
		u = usage_obj(j);
	if (why != NULL)
		m = safe_msg(why);
	if (S.api && (m != NULL || warning != NULL)) {
		/* the fields of the run stay last, as in the API's digest */
		w = json_incref(json_object_get(d, "warnings"));
		json_object_del(d, "warnings");
		rec_set_str(d, "fallback", m != NULL ? m : warning);
		if (w != NULL)
			rec_set_new(d, "warnings", w);
	}
	if (u != NULL)
		rec_set_new(d, "usage", u);
	rec_set_new(j->rec, "digest", d);
	if (m != NULL) {
		rec_error(j->rec, "%s: %s; extractive digest used",
		    S.c.engine, m);
		S.nerr = 1;
		if (j->cached_fail)
			S.n_cfail++;
		else
			S.n_fallback++;
		if (j->fail_cache && S.cachedir != NULL)
			j->centry = json_pack("{s:s, s:s, s:s, s:s, s:{s:I, "
			    "s:I, s:I}}", "engine", S.c.engine, "model",
			    S.c.model, "failure", m, "version", VERSION,
			    "usage", "input_tokens",
			    (json_int_t)j->in_tok, "output_tokens",
			    (json_int_t)j->out_tok, "requests",
			    (json_int_t)j->requests);
	} else if (S.api)
		S.n_budget++;
	else
		S.n_extract++;
	free(m);
	j->state = J_DONE;
}

/* The failure is the answer's own (not the network's or the account's):
 * it is cached, and a rerun does not pay for it again. */
static void
done_failed(struct job *j, const char *why)
{
	j->fail_cache = 1;
	done_extractive(j, why, NULL);
}

/* What stderr calls the record of j: its URL without userinfo, else its
 * id (new). */
static char *
job_label(const struct job *j)
{
	const char *u = rec_str(j->rec, "url"), *id = rec_str(j->rec, "id");
	struct buf b = BUF_INIT;

	if (u != NULL)
		return one_line(url_redacted(u));
	buf_printf(&b, "%s", id != NULL ? id : "a record");
	return one_line(buf_detach(&b));
}

/* Say on stderr why a request of j failed, and what comes next (NULL:
 * the extractive digest). */
static void
req_warn(const struct job *j, const char *why, const char *next)
{
	char *l = job_label(j), *m = safe_msg(why), *n = NULL;

	if (next != NULL)
		n = safe_msg(next);
	warnx("%s: request %ld: %s; %s", l, j->requests, m,
	    n != NULL ? n : "extractive digest used");
	free(l);
	free(m);
	free(n);
}

/* The output limit of j's next request: the answer's and the reasoning's
 * tokens, twice that after a cut answer, within what the model takes. */
static long
job_limit(const struct job *j)
{
	long lim = S.c.max_tokens + S.c.reasoning;

	if (j->enlarged)
		lim *= 2;
	if (S.c.out_cap > 0 && lim > S.c.out_cap)
		lim = S.c.out_cap;
	return lim;
}

/* Ollama: a num_ctx that holds the prompt and the answer, rounded up to
 * 1024, at most --num-ctx (then j->ctx_need says so). */
static long
job_ctx(struct job *j, long limit)
{
	size_t bytes = strlen(S.c.system) + strlen(j->user);
	long need;
	char *t;

	if (j->turns != NULL && (t = json_dumps(j->turns, 0)) != NULL) {
		bytes += strlen(t);
		free(t);
	}
	/* about 3 bytes a token or more, for English and Japanese */
	need = (long)(bytes / 3) + limit + 256;
	need = (need + 1023) / 1024 * 1024;
	j->ctx_need = 0;
	if (need <= S.num_ctx)
		return need;
	j->ctx_need = need;
	return S.num_ctx;
}

/* Make j's request with the conf of now (what the servers taught the
 * run so far), its limit and its turns; start() calls it just before the
 * request goes out. */
static void
build(struct job *j)
{
	struct llm_conf c = S.c;

	c.max_tokens = job_limit(j);
	if (S.ollama)
		c.num_ctx = job_ctx(j, c.max_tokens);
	free(j->body);
	j->body = llm_body_turns(&c, j->user, j->turns);
	j->conf = c;
}

/* Ask again with a request that differs from the last one; 0 when it
 * would not (a request is never sent twice after an answer). */
static int
resend(struct job *j)
{
	char *old = j->body;

	j->body = NULL;
	build(j);
	if (strcmp(old, j->body) == 0) {
		free(old);
		return 0;
	}
	free(old);
	j->state = J_WAIT;
	j->ready = 0;
	return 1;
}

/* Is this line an instruction-like sentence?  Count them in the source
 * so the digest can warn. */
static int
count_inj(void *arg, const char *s, size_t n, int para, int idx)
{
	struct source *src = arg;

	(void)para;
	(void)idx;
	if (looks_like_instruction(s, n))
		src->injection++;
	return 0;
}

static void
prepare(struct job *j)
{
	const char *sec = rec_str(j->rec, "section");
	struct buf u = BUF_INIT;
	char nonce[17];
	json_t *e, *d;
	char why[160];

	j->state = J_DONE;
	j->retry_after = -1;
	j->should_retry = -1;
	if (sec != NULL && strcmp(sec, "news") != 0)
		return;
	if (source_init(&j->src, j->rec) == -1)
		return;
	j->has_src = 1;
	if (!S.api) {
		done_extractive(j, NULL, NULL);
		return;
	}
	split_sentences(j->src.text, j->src.textlen, count_inj, &j->src);
	if (looks_like_instruction(j->src.title, strlen(j->src.title)))
		j->src.injection++;
	if (S.fatal != NULL) {
		done_extractive(j, S.fatal, NULL);
		return;
	}
	prompt_user(&u, &j->src, "x", (size_t)S.maxinput, &j->sent, &j->total);
	cache_key(j, u.s);
	buf_reset(&u);
	random_nonce(nonce);
	prompt_user(&u, &j->src, nonce, (size_t)S.maxinput, &j->sent,
	    &j->total);
	j->user = buf_detach(&u);
	if (S.cachedir != NULL &&
	    (e = answer_get(S.cachedir, j->key)) != NULL) {
		json_t *us = json_object_get(e, "usage");
		const char *f = rec_str(e, "failure");
		const char *v = rec_str(e, "version");

		j->in_tok = (long)json_integer_value(
		    json_object_get(us, "input_tokens"));
		j->out_tok = (long)json_integer_value(
		    json_object_get(us, "output_tokens"));
		j->requests = (long)json_integer_value(
		    json_object_get(us, "requests"));
		/* another version may check, or ask, better */
		if (f != NULL && !S.retry_failed && v != NULL &&
		    strcmp(v, VERSION) == 0) {
			char *l = job_label(j);
			struct buf b = BUF_INIT;

			buf_printf(&b, "%s (an earlier run's answer, cached; "
			    "--retry-failed asks again)", f);
			warnx("%s: %s", l, one_line(b.s));
			j->cached_fail = 1;
			done_extractive(j, b.s, NULL);
			buf_free(&b);
			free(l);
			json_decref(e);
			return;
		}
		d = f != NULL ? NULL : validate_answer(json_object_get(e,
		    "answer"), &j->src, why, sizeof(why));
		if (d != NULL) {
			done_api(j, d);
			S.n_cached++;
			json_decref(e);
			return;
		}
		j->in_tok = j->out_tok = j->requests = 0;
		json_decref(e);
	}
	j->state = J_WAIT;
	j->ready = 0;
}

static size_t
on_body(char *p, size_t sz, size_t n, void *arg)
{
	struct job *j = arg;

	if (j->resp.len + n > (8u << 20)) {
		j->resp_over = 1;
		return 0;
	}
	buf_put(&j->resp, p, n * sz);
	return n * sz;
}

static size_t
on_header(char *p, size_t sz, size_t n, void *arg)
{
	struct job *j = arg;
	size_t len = sz * n;
	char v[128];
	const char *c = memchr(p, ':', len);
	size_t k, vl;
	long long ms;

	if (c == NULL)
		return len;
	k = (size_t)(c - p);
	c++;
	while (c < p + len && (*c == ' ' || *c == '\t'))
		c++;
	vl = (size_t)(p + len - c);
	while (vl > 0 && ASCII_ISSPACE((unsigned char)c[vl - 1]))
		vl--;
	if (vl >= sizeof(v))
		return len;
	memcpy(v, c, vl);
	v[vl] = '\0';
	if (k == 14 && ascii_ncasecmp(p, "retry-after-ms", 14) == 0) {
		if ((ms = retry_after_ms(v)) >= 0)
			j->retry_after = ms / 1000.0;
	} else if (k == 11 && ascii_ncasecmp(p, "retry-after", 11) == 0 &&
	    j->retry_after < 0) {
		if ((ms = retry_after(v, (long long)time(NULL))) >= 0)
			j->retry_after = ms / 1000.0;
	} else if (k == 14 && ascii_ncasecmp(p, "x-should-retry", 14) == 0)
		j->should_retry = strcmp(v, "true") == 0 ? 1 :
		    strcmp(v, "false") == 0 ? 0 : -1;
	return len;
}

static long
estimate(const struct job *j)
{
	return (long)(strlen(j->body) / 3) + j->conf.max_tokens;
}

/* Start the request of j on multi m.  Returns 0, or -1 when the budget
 * does not allow it (j is done then). */
static int
start(CURLM *m, struct job *j)
{
	char **h, *l;
	size_t i;

	build(j);
	if (j->ctx_need > 0 && !j->ctx_warned++) {
		l = job_label(j);
		warnx("%s: the prompt needs about %ld tokens of context, more "
		    "than --num-ctx %ld: the server may cut it", l, j->ctx_need,
		    S.num_ctx);
		free(l);
	}
	if (S.budget > 0 && S.used + S.reserved + estimate(j) > S.budget) {
		done_extractive(j, NULL, "token budget reached; extractive "
		    "digest");
		return -1;
	}
	j->est = estimate(j);
	S.reserved += j->est;
	buf_reset(&j->resp);
	j->resp_over = 0;
	j->retry_after = -1;
	j->should_retry = -1;
	j->errbuf[0] = '\0';
	if ((j->easy = curl_easy_init()) == NULL)
		errx(1, "curl_easy_init failed");
	h = llm_headers(&S.c);
	for (i = 0; h[i] != NULL; i++)
		j->hdrs = curl_slist_append(j->hdrs, h[i]);
	j->hdrs = curl_slist_append(j->hdrs, "Expect:");
	llm_headers_free(h);
	curl_easy_setopt(j->easy, CURLOPT_URL, S.c.url);
	curl_easy_setopt(j->easy, CURLOPT_POSTFIELDS, j->body);
	curl_easy_setopt(j->easy, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)strlen(j->body));
	curl_easy_setopt(j->easy, CURLOPT_HTTPHEADER, j->hdrs);
	curl_easy_setopt(j->easy, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(j->easy, CURLOPT_WRITEDATA, j);
	curl_easy_setopt(j->easy, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(j->easy, CURLOPT_HEADERDATA, j);
	curl_easy_setopt(j->easy, CURLOPT_PRIVATE, j);
	curl_easy_setopt(j->easy, CURLOPT_ERRORBUFFER, j->errbuf);
	curl_easy_setopt(j->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(j->easy, CURLOPT_TIMEOUT, S.timeout);
	curl_easy_setopt(j->easy, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(j->easy, CURLOPT_USERAGENT, "sec-summarize/"
	    VERSION);
	curl_easy_setopt(j->easy, CURLOPT_ACCEPT_ENCODING, "");
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(j->easy, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(j->easy, CURLOPT_PROTOCOLS,
	    CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
	if (curl_multi_add_handle(m, j->easy) != CURLM_OK)
		errx(1, "curl_multi_add_handle failed");
	j->state = J_RUN;
	j->requests++;
	S.n_req++;
	return 0;
}

static void
release(CURLM *m, struct job *j)
{
	curl_multi_remove_handle(m, j->easy);
	curl_easy_cleanup(j->easy);
	j->easy = NULL;
	curl_slist_free_all(j->hdrs);
	j->hdrs = NULL;
	S.reserved -= j->est;
	j->est = 0;
}

/* Wait before the next attempt: the server's wish, else exponential
 * backoff with jitter (0.5 s, 1 s, 2 s ... at most 8 s, times 75-100 %).
 * Returns -1 when no retry is left or the server asks for too long. */
static int
backoff(struct job *j, char *why, size_t wl)
{
	static const struct retry_policy policy = { 500, 8000 };
	double d;

	if (j->attempts > S.retries) {
		snprintf(why + strlen(why), wl - strlen(why),
		    " (after %d attempts)", j->attempts);
		return -1;
	}
	if (j->retry_after >= 0) {
		if (j->retry_after > 60) {
			snprintf(why + strlen(why), wl - strlen(why),
			    " (the server asks to wait %.0f s)",
			    j->retry_after);
			return -1;
		}
		d = j->retry_after;
	} else
		d = retry_backoff(&policy, j->attempts, retry_random()) /
		    1000.0;
	j->ready = now() + d;
	j->state = J_WAIT;
	return 0;
}

static void
fatal_stop(const char *msg)
{
	struct buf b = BUF_INIT;
	char *m;

	if (S.fatal != NULL)
		return;
	m = safe_msg(msg);
	buf_printf(&b, "API disabled for this run after: %s", m);
	warnx("%s: %s; the remaining records get the extractive digest",
	    S.c.engine, m);
	free(m);
	S.fatal = buf_detach(&b);
}

/* The server taught c (a copy of the conf j's request was made with)
 * something: keep what changed for the rest of the run, and say it once. */
static void
learn(const struct job *j, const struct llm_conf *c, const char *why)
{
	const struct llm_conf *o = &j->conf;
	const char *what = NULL;
	char cap[64];

	if (c->out_cap != o->out_cap && (S.c.out_cap == 0 ||
	    c->out_cap < S.c.out_cap)) {
		S.c.out_cap = c->out_cap;
		snprintf(cap, sizeof(cap), "an output limit of %ld tokens",
		    c->out_cap);
		what = cap;
	}
	if (c->tokens_field != o->tokens_field &&
	    S.c.tokens_field == o->tokens_field) {
		S.c.tokens_field = c->tokens_field;
		what = c->tokens_field ? "max_completion_tokens" : "max_tokens";
	}
	if (c->reasoning != o->reasoning && S.c.reasoning == o->reasoning) {
		S.c.reasoning = c->reasoning;
		what = "max_completion_tokens, with tokens for reasoning";
	}
	if (c->no_temperature != o->no_temperature &&
	    S.c.no_temperature == o->no_temperature) {
		S.c.no_temperature = c->no_temperature;
		what = "no temperature";
	}
	if (c->schema_level > S.c.schema_level && S.c.fmt == 0) {
		S.c.schema_level = c->schema_level;
		what = "a simpler schema (no additionalProperties, no type "
		    "arrays), answers checked here";
	}
	if (c->fmt > S.c.fmt) {
		S.c.fmt = c->fmt;
		what = c->fmt == 1 ? (c->api == API_OPENAI ? "JSON mode "
		    "(json_object), answers checked here" : "a JSON text "
		    "answer") : "a plain text answer, checked here";
	}
	if (what != NULL) {
		char *m = safe_msg(why);

		warnx("%s: the server rejected a request (%s): using %s for "
		    "the rest of the run", S.c.engine, m, what);
		free(m);
	}
}

static void
finished(CURLM *m, struct job *j, CURLcode cc)
{
	struct llm_reply r;
	struct llm_conf c;
	enum llm_status st;
	char why[400], next[96];
	long status = 0;
	json_t *d, *t;

	curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status);
	release(m, j);
	if (cc != CURLE_OK || j->resp_over) {
		j->attempts++;
		snprintf(why, sizeof(why), "%s", j->resp_over ?
		    "the response is larger than 8 MiB" : j->errbuf[0] ?
		    j->errbuf : curl_easy_strerror(cc));
		if (j->resp_over || backoff(j, why, sizeof(why)) == -1) {
			req_warn(j, why, NULL);
			done_extractive(j, why, NULL);
		} else
			req_warn(j, why, "retrying");
		return;
	}
	c = j->conf;
	st = llm_parse(&c, status, buf_str(&j->resp), j->resp.len,
	    j->should_retry, &r);
	j->in_tok += r.in_tok;
	j->out_tok += r.out_tok;
	j->reason_tok += r.reason_tok;
	S.used += r.in_tok + r.out_tok;
	S.in_tok += r.in_tok;
	S.out_tok += r.out_tok;
	S.reason_tok += r.reason_tok;
	snprintf(why, sizeof(why), "%s", r.msg);
	switch (st) {
	case LLM_OK:
		d = validate_answer(r.answer, &j->src, why, sizeof(why));
		if (d != NULL) {
			/* written with the record, after the next requests
			 * are on their way (the write syncs to disk) */
			cache_answer(j, r.answer);
			json_decref(r.answer);
			done_api(j, d);
			S.n_api++;
			return;
		}
		json_decref(r.answer);
		r.cut = 0;
		/* FALLTHROUGH */
	case LLM_INVALID:
		if (r.cut && !j->enlarged) {
			/* the same request would be cut the same way */
			j->enlarged = 1;
			if (resend(j)) {
				snprintf(next, sizeof(next), "asking again "
				    "with a limit of %ld tokens",
				    j->conf.max_tokens);
				req_warn(j, why, next);
				return;
			}
		} else if (!r.cut && !j->repaired && (t = llm_repair_turns(
		    &j->conf, buf_str(&j->resp), j->resp.len, why)) != NULL) {
			/* the usual repair turn: the answer, and what is
			 * wrong with it */
			j->repaired = 1;
			json_decref(j->turns);
			j->turns = t;
			if (resend(j)) {
				req_warn(j, why, "sending the answer back with "
				    "what is wrong with it");
				return;
			}
		}
		if (r.cut && (d = salvage(j)) != NULL) {
			/* cut again at the larger limit: keep what the
			 * answer had finished, and say so */
			req_warn(j, why, "keeping the fields the answer finished");
			digest_warn(d, "the answer was cut at %ld tokens; the "
			    "fields it had finished are kept",
			    j->conf.max_tokens);
			done_api(j, d);
			S.n_api++;
			return;
		}
		req_warn(j, why, NULL);
		done_failed(j, why);
		return;
	case LLM_REFUSED:
		/* asking the same again would be refused again */
		req_warn(j, why, NULL);
		done_failed(j, why);
		return;
	case LLM_ADAPT:
		learn(j, &c, why);
		if (j->adapts++ < 4 && resend(j)) {
			req_warn(j, why, "asking again as the server asks");
			return;
		}
		req_warn(j, why, NULL);
		done_extractive(j, why, NULL);
		return;
	case LLM_RETRY:
		j->attempts++;
		if (backoff(j, why, sizeof(why)) == -1) {
			req_warn(j, why, NULL);
			done_extractive(j, why, NULL);
		} else {
			snprintf(next, sizeof(next), "retrying in %.1f s",
			    j->ready - now() > 0 ? j->ready - now() : 0.0);
			req_warn(j, why, next);
		}
		return;
	case LLM_FATAL:
		/* the first one is said by fatal_stop, with what it means */
		if (S.fatal != NULL)
			req_warn(j, why, NULL);
		fatal_stop(why);
		done_extractive(j, why, NULL);
		return;
	case LLM_FAIL:
		req_warn(j, why, NULL);
		done_failed(j, why);
		return;
	}
}

/* Write the record (and its answer to the cache) and free the job. */
static void
job_out(struct job *j)
{
	static int warned;

	if (j->centry != NULL && answer_put(S.cachedir, j->key, j->centry) ==
	    -1 && !warned++)
		warn("cache %s", S.cachedir);
	ndjson_write(j->rec);
	json_decref(j->centry);
	json_decref(j->rec);
	if (j->has_src)
		source_free(&j->src);
	free(j->user);
	free(j->body);
	json_decref(j->turns);
	buf_free(&j->resp);
	memset(j, 0, sizeof(*j));
}

/* Read, summarize and write the records in input order, with up to
 * S.jobs requests in flight. */
static void
run(struct ndjson_in *in)
{
	struct job *q;
	size_t cap, head = 0, len = 0, i, running = 0, ndone;
	int eof = 0, still;
	CURLM *m = NULL;
	CURLMsg *msg;
	double t, wait;

	cap = S.api ? (size_t)(S.jobs * 4 > 16 ? S.jobs * 4 : 16) : 1;
	q = xcalloc(cap, sizeof(*q));
	if (S.api && (m = curl_multi_init()) == NULL)
		errx(1, "curl_multi_init failed");
	for (;;) {
		while (!eof && len < cap) {
			struct job *j = &q[(head + len) % cap];

			memset(j, 0, sizeof(*j));
			if ((j->rec = ndjson_in_next(in)) == NULL) {
				eof = 1;
				break;
			}
			len++;
			prepare(j);
		}
		t = now();
		wait = 1.0;
		for (i = 0; i < len; i++) {
			struct job *j = &q[(head + i) % cap];

			if (j->state != J_WAIT)
				continue;
			if (S.fatal != NULL) {
				done_extractive(j, S.fatal, NULL);
				continue;
			}
			if (j->ready > t) {
				if (j->ready - t < wait)
					wait = j->ready - t;
				continue;
			}
			if (running < (size_t)S.jobs && start(m, j) == 0)
				running++;
		}
		/* output after the starts: requests go out first */
		while (len > 0 && q[head].state == J_DONE) {
			job_out(&q[head]);
			head = (head + 1) % cap;
			len--;
		}
		if (len == 0) {
			if (eof)
				break;
			continue;
		}
		if (q[head].state == J_DONE || (!eof && len < cap))
			continue;
		if (running == 0) {
			if (wait > 0) {
				struct timespec ts;

				ts.tv_sec = (time_t)wait;
				ts.tv_nsec = (long)((wait - (double)ts.tv_sec) *
				    1e9);
				nanosleep(&ts, NULL);
			}
			continue;
		}
		curl_multi_perform(m, &still);
		ndone = 0;
		while ((msg = curl_multi_info_read(m, &still)) != NULL) {
			struct job *j;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			    (char **)&j);
			running--;
			ndone++;
			finished(m, j, msg->data.result);
		}
		/* a finished transfer frees a slot: fill it before waiting */
		if (running > 0 && ndone == 0)
			curl_multi_poll(m, NULL, 0, (int)(wait * 1000) + 1,
			    NULL);
	}
	free(q);
	if (m != NULL)
		curl_multi_cleanup(m);
}

/* The totals of the run on stderr: the engine and model, where the
 * digests came from, the tokens and, with a price, the cost. */
static void
summary(void)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "engine %s, model %s: %ld digests from the API (%ld "
	    "from the cache), %ld fallbacks to the extractive engine (%ld "
	    "after errors, %ld failed in an earlier run, %ld over budget); "
	    "%lld input + %lld output tokens", S.c.engine, S.c.model,
	    S.n_api + S.n_cached, S.n_cached, S.n_fallback + S.n_cfail +
	    S.n_budget, S.n_fallback, S.n_cfail, S.n_budget, S.in_tok,
	    S.out_tok);
	if (S.reason_tok > 0)
		buf_printf(&b, " (%lld reasoning)", S.reason_tok);
	buf_printf(&b, " in %ld requests", S.n_req);
	if (S.priced)
		buf_printf(&b, "; cost %.6f%s%s (%s line %ld)", price_cost(
		    &S.price, S.in_tok, S.out_tok), S.price.unit[0] ? " " : "",
		    S.price.unit, S.pricefile, S.price.line);
	/* warnx: the program name is colored like its other messages */
	warnx("%s", b.s);
	buf_free(&b);
}

/* Read the price table and find model's price in it; exits 2 on a
 * malformed table, warns when the model is not in it. */
static void
load_price(const char *file, const char *model)
{
	char *t, why[96];
	size_t len;
	int rc;

	if ((t = read_file(file, 1 << 20, &len)) == NULL)
		err(EXIT_USAGE, "%s", file);
	rc = price_find(t, len, model, &S.price, why, sizeof(why));
	free(t);
	if (rc == -1)
		errx(EXIT_USAGE, "%s:%s", file, why + 5);
	if (rc == 0)
		warnx("%s: no price for model %s: the cost is not given",
		    file, model);
	S.priced = rc == 1;
	S.pricefile = file;
}

/* Resolve and check the engine setup, before any input is read: the
 * engine (-e, SEC_SUMMARIZE_ENGINE, else pick_engine), the model (-m,
 * SEC_SUMMARIZE_MODEL, else the engine's default), the prompt, the base
 * URL and the key.  Exits 2 on a configuration error; says on stderr
 * which engine and model it chose when no -e did. */
static void
configure(const char *engine, const char *model, const char *base,
    const char *promptfile, long reasoning, const char *pricefile)
{
	const char *model_from = model != NULL ? "-m" : "SEC_SUMMARIZE_MODEL";
	const char *why = NULL, *p;
	size_t plen;

	if (model == NULL)
		model = env_val("SEC_SUMMARIZE_MODEL");
	else if (model[0] == '\0')
		errx(EXIT_USAGE, "-m: the model name is empty");
	for (p = model; p != NULL && *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7F)
			errx(EXIT_USAGE, "%s: \"%s\": not a model name",
			    model_from, model);
	if (engine == NULL && (engine = env_val("SEC_SUMMARIZE_ENGINE")) ==
	    NULL)
		engine = pick_engine(model, model_from, base, &why);
	if (strcmp(engine, "extractive") == 0) {
		if (strcmp(model_from, "-m") == 0 || base != NULL)
			errx(EXIT_USAGE, "%s: the extractive engine has no "
			    "model or URL: choose -e openai or -e anthropic",
			    base != NULL ? "--base-url" : "-m");
		S.api = 0;
		return;
	} else if (strcmp(engine, "openai") == 0) {
		S.c.api = API_OPENAI;
		S.c.engine = "openai";
	} else if (strcmp(engine, "anthropic") == 0) {
		S.c.api = API_ANTHROPIC;
		S.c.engine = "anthropic";
	} else
		errx(EXIT_USAGE, "-e: %s: not extractive, openai or anthropic",
		    engine);
	S.api = 1;
	if (model == NULL)
		model = S.c.api == API_OPENAI ? "gpt-4o-mini" :
		    "claude-haiku-4-5";
	if (why != NULL)
		warnx("engine %s, model %s (the engine chosen by %s; -e "
		    "chooses another)", S.c.engine, model, why);
	if (promptfile != NULL) {
		if ((S.prompt = read_file(promptfile, 1 << 20, &plen)) == NULL)
			err(EXIT_USAGE, "%s", promptfile);
		if (plen == 0 || strlen(S.prompt) != plen)
			errx(EXIT_USAGE, "%s: empty or has a NUL byte",
			    promptfile);
		S.c.system = S.prompt;
	} else
		S.c.system = prompt_builtin(out_lang);
	if (S.c.api == API_ANTHROPIC && (S.num_ctx > 0 || reasoning >= 0))
		errx(EXIT_USAGE, "%s: for an OpenAI-compatible server, not "
		    "engine anthropic", S.num_ctx > 0 ? "--num-ctx" :
		    "--reasoning-tokens");
	S.c.schema = digest_schema();
	setup_api(base, model);
	if (llm_reasoning_model(model) || reasoning >= 0) {
		/* thinking counts against max_completion_tokens */
		S.c.reasoning = reasoning >= 0 ? reasoning :
		    LLM_REASONING_DEFAULT;
		S.c.tokens_field = 1;
		S.c.no_temperature = 1;
	}
	if (S.c.api == API_OPENAI && (S.num_ctx > 0 ||
	    llm_ollama_url(S.c.url))) {
		S.ollama = 1;
		if (S.num_ctx == 0) {
			const char *v = env_val("OLLAMA_CONTEXT_LENGTH");

			S.num_ctx = v != NULL ? (long)xstrtonum(v, 512,
			    10000000, "OLLAMA_CONTEXT_LENGTH") : 32768;
		}
	}
	if (pricefile != NULL)
		load_price(pricefile, model);
}

int
main(int argc, char *argv[])
{
	struct ndjson_in in;
	const char *engine = NULL, *base = NULL, *model = NULL;
	const char *promptfile = NULL, *pricefile = NULL;
	long long maxline = NDJSON_MAXLINE_DEFAULT;
	long reasoning = -1;
	int ch, nocache = 0, check = 0, rc;

	cli_init();
	S.jobs = 4;
	S.retries = 2;
	S.timeout = 120;
	S.maxinput = 12000;
	/* a 100-candidate advisory at 15 tokens each, and the card */
	S.c.max_tokens = 4000;
	while ((ch = getopt_long(argc, argv, "e:hj:L:l:m:T:Uu:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'e':
			engine = optarg;
			break;
		case 'h':
			cli_usage(0);
		case 'j':
			S.jobs = (long)xstrtonum(optarg, 1, 64, "-j");
			break;
		case 'L':
			maxline = xstrtosize(optarg, 1, NDJSON_MAXLINE_MAX,
			    "-L");
			break;
		case 'l':
			if (strcmp(optarg, "ja") != 0 &&
			    strcmp(optarg, "en") != 0)
				errx(2, "-l: %s: not ja or en", optarg);
			out_lang = sum_lang = optarg;
			break;
		case 'm':
			model = optarg;
			break;
		case 'T':
			S.timeout = (long)xstrtonum(optarg, 1, 3600, "-T");
			break;
		case 'U':
			cli_deprecated("-U", "--unbuffered");
			/* FALLTHROUGH */
		case O_UNBUF:
			ndjson_unbuffered = 1;
			break;
		case 'u':
			cli_deprecated("-u", "--base-url");
			/* FALLTHROUGH */
		case O_URL:
			base = optarg;
			break;
		case 'V':
			cli_version(curl_version());
		case O_BUDGET:
			S.budget = xstrtonum(optarg, 1, 1LL << 50, "--budget");
			break;
		case O_CACHE:
			S.cachedir = xstrdup(optarg);
			break;
		case O_CHECK:
			check = 1;
			break;
		case O_MAXIN:
			S.maxinput = (long)xstrtonum(optarg, 100, 10000000,
			    "--max-input");
			break;
		case O_MAXTOK:
			S.c.max_tokens = (long)xstrtonum(optarg, 64, 1000000,
			    "--max-tokens");
			break;
		case O_NOCACHE:
			nocache = 1;
			break;
		case O_NUMCTX:
			S.num_ctx = (long)xstrtonum(optarg, 512, 10000000,
			    "--num-ctx");
			break;
		case O_PRICE:
			pricefile = optarg;
			break;
		case O_PROMPT:
			promptfile = optarg;
			break;
		case O_REASON:
			reasoning = (long)xstrtonum(optarg, 0, 1000000,
			    "--reasoning-tokens");
			break;
		case O_RETRIES:
			S.retries = (long)xstrtonum(optarg, 0, 10, "--retries");
			break;
		case O_RETRYFAIL:
			S.retry_failed = 1;
			break;
		case O_TAXONOMY:
			load_taxonomy(optarg);
			break;
		default:
			cli_usage(2);
		}
	}
	argc -= optind;
	argv += optind;
	if (check && argc > 0)
		errx(EXIT_USAGE, "--check reads no input: no file operands");
	configure(engine, model, base, promptfile, reasoning, pricefile);
	if (check) {
		/* one line for scripts; no request, no input */
		if (printf("engine=%s model=%s\n", S.api ? S.c.engine :
		    "extractive", S.api ? S.c.model : "none") < 0)
			err(EXIT_WRITE, "<stdout>");
		rc = 0;
	} else {
		if (S.api && nocache) {
			free(S.cachedir);
			S.cachedir = NULL;
		} else if (S.api && S.cachedir == NULL &&
		    (S.cachedir = xdg_tool_dir(XDG_CACHE, "summarize")) ==
		    NULL)
			warnx("no HOME or XDG_CACHE_HOME: answers are not "
			    "cached");
		if (S.api && curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
			errx(1, "curl_global_init failed");
		ndjson_in_init(&in, argc, argv, (size_t)maxline);
		run(&in);
		rc = in.nbad > 0 || S.nerr ? 1 : 0;
		ndjson_in_free(&in);
	}
	check_stdout();
	if (S.api && !check) {
		summary();
		curl_global_cleanup();
	}
	if (S.c.key != NULL) {
		explicit_bzero(S.c.key, strlen(S.c.key));
		free(S.c.key);
	}
	free(S.c.url);
	free(S.c.extra);
	free(S.cachedir);
	free(S.fatal);
	free(S.prompt);
	json_decref(S.c.schema);
	taxonomy_free(own_taxonomy);
	finish(rc);
}
