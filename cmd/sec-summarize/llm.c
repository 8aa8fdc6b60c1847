/* llm.c: OpenAI Chat Completions (and compatible servers) and Anthropic
 * Messages: the request body, the headers, and reading the answer or the
 * error.  No I/O here, so the fuzzer can drive llm_parse. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "llm.h"
#include "record.h"
#include "summarize.h"
#include "url.h"
#include "util.h"

#define TOOL_NAME "emit_digest"

/* A copy of schema s (borrowed) for servers that take only a subset of
 * JSON Schema (Gemini): no additionalProperties, and a type array such as
 * ["string", "null"] becomes its first type that is not null (new). */
static json_t *
schema_simple(const json_t *s)
{
	json_t *o, *v, *t;
	const char *k;
	size_t i;

	if (json_is_array(s)) {
		o = json_array();
		json_array_foreach(s, i, v)
			arr_append_new(o, schema_simple(v));
		return o;
	}
	if (!json_is_object(s))
		return json_deep_copy(s);
	o = json_object();
	json_object_foreach((json_t *)s, k, v) {
		if (strcmp(k, "additionalProperties") == 0)
			continue;
		if (strcmp(k, "type") == 0 && json_is_array(v)) {
			t = NULL;
			json_array_foreach(v, i, t)
				if (json_is_string(t) && strcmp(
				    json_string_value(t), "null") != 0)
					break;
			rec_set_new(o, k, t != NULL && i < json_array_size(v) ?
			    json_incref(t) : json_string("string"));
			continue;
		}
		rec_set_new(o, k, schema_simple(v));
	}
	return o;
}

char *
llm_body(const struct llm_conf *c, const char *user)
{
	return llm_body_turns(c, user, NULL);
}

char *
llm_body_turns(const struct llm_conf *c, const char *user,
    const json_t *turns)
{
	json_t *b, *msgs, *sch;
	size_t i;
	json_t *t;
	char *s;

	b = json_object();
	rec_set_str(b, "model", c->model);
	msgs = json_array();
	sch = c->schema_level > 0 ? schema_simple(c->schema) :
	    json_incref(c->schema);
	if (c->api == API_OPENAI) {
		arr_append_new(msgs, json_pack("{s:s, s:s}", "role", "system",
		    "content", c->system));
		arr_append_new(msgs, json_pack("{s:s, s:s}", "role", "user",
		    "content", user));
		json_array_foreach(turns, i, t)
			arr_append_new(msgs, json_deep_copy(t));
		rec_set_new(b, "messages", msgs);
		rec_set_new(b, c->tokens_field ? "max_completion_tokens" :
		    "max_tokens", json_integer(c->max_tokens));
		if (!c->no_temperature)
			rec_set_new(b, "temperature", json_integer(0));
		if (c->fmt == 0)
			rec_set_new(b, "response_format", json_pack(
			    "{s:s, s:{s:s, s:b, s:O}}", "type", "json_schema",
			    "json_schema", "name", "digest", "strict",
			    c->schema_level == 0, "schema", sch));
		else if (c->fmt == 1)
			rec_set_new(b, "response_format", json_pack("{s:s}",
			    "type", "json_object"));
		if (c->num_ctx > 0)
			rec_set_new(b, "options", json_pack("{s:I}", "num_ctx",
			    (json_int_t)c->num_ctx));
	} else {
		rec_set_new(b, "max_tokens", json_integer(c->max_tokens));
		rec_set_str(b, "system", c->system);
		arr_append_new(msgs, json_pack("{s:s, s:s}", "role", "user",
		    "content", user));
		json_array_foreach(turns, i, t)
			arr_append_new(msgs, json_deep_copy(t));
		rec_set_new(b, "messages", msgs);
		if (!c->no_temperature)
			rec_set_new(b, "temperature", json_integer(0));
		if (c->fmt == 0) {
			rec_set_new(b, "tools", json_pack("[{s:s, s:s, s:O}]",
			    "name", TOOL_NAME, "description", "Record the "
			    "digest of the article.", "input_schema", sch));
			rec_set_new(b, "tool_choice", json_pack("{s:s, s:s}",
			    "type", "tool", "name", TOOL_NAME));
		}
	}
	json_decref(sch);
	if ((s = json_dumps(b, JSON_COMPACT)) == NULL)
		abort();
	json_decref(b);
	return s;
}

char *
llm_answer_text(const struct llm_conf *c, const char *resp, size_t len)
{
	struct buf text = BUF_INIT;
	const json_t *blk;
	json_t *j;
	const char *t;
	size_t i;

	if ((j = json_loadb(resp, len, 0, NULL)) == NULL)
		return NULL;
	if (c->api == API_OPENAI) {
		t = json_string_value(json_object_get(json_object_get(
		    json_array_get(json_object_get(j, "choices"), 0),
		    "message"), "content"));
		if (t != NULL)
			buf_puts(&text, t);
	} else
		json_array_foreach(json_object_get(j, "content"), i, blk) {
			t = rec_str(blk, "type");
			if (t != NULL && strcmp(t, "text") == 0 &&
			    rec_str(blk, "text") != NULL)
				buf_puts(&text, rec_str(blk, "text"));
		}
	json_decref(j);
	if (text.len == 0) {
		buf_free(&text);
		return NULL;
	}
	return buf_detach(&text);
}

json_t *
llm_repair_turns(const struct llm_conf *c, const char *resp, size_t len,
    const char *why)
{
	struct buf say = BUF_INIT, text = BUF_INIT;
	json_t *j, *out = NULL, *blk, *res, *content;
	const char *t;
	size_t i;

	if ((j = json_loadb(resp, len, 0, NULL)) == NULL)
		return NULL;
	buf_printf(&say, "Your answer was invalid: %s; answer again with only "
	    "the JSON object.", why);
	if (c->api == API_OPENAI) {
		content = json_object_get(json_object_get(json_array_get(
		    json_object_get(j, "choices"), 0), "message"), "content");
		t = json_string_value(content);
		if (t != NULL && t[0] != '\0')
			out = json_pack("[{s:s, s:O}, {s:s, s:s}]", "role",
			    "assistant", "content", content, "role", "user",
			    "content", say.s);
		goto done;
	}
	/* Anthropic: a tool_use block needs its tool_result next */
	content = json_object_get(j, "content");
	res = json_array();
	json_array_foreach(content, i, blk) {
		t = rec_str(blk, "type");
		if (t != NULL && strcmp(t, "tool_use") == 0 &&
		    rec_str(blk, "id") != NULL)
			arr_append_new(res, json_pack("{s:s, s:s, s:s, s:b}",
			    "type", "tool_result", "tool_use_id",
			    rec_str(blk, "id"), "content", say.s, "is_error",
			    1));
		else if (t != NULL && strcmp(t, "text") == 0 &&
		    rec_str(blk, "text") != NULL)
			buf_puts(&text, rec_str(blk, "text"));
	}
	if (json_array_size(res) > 0)
		out = json_pack("[{s:s, s:O}, {s:s, s:O}]", "role",
		    "assistant", "content", content, "role", "user",
		    "content", res);
	else if (text.len > 0)
		out = json_pack("[{s:s, s:s}, {s:s, s:s}]", "role",
		    "assistant", "content", text.s, "role", "user",
		    "content", say.s);
	json_decref(res);
done:
	json_decref(j);
	buf_free(&say);
	buf_free(&text);
	return out;
}

int
llm_reasoning_model(const char *m)
{
	if (m == NULL)
		return 0;
	if (m[0] == 'o' && m[1] >= '1' && m[1] <= '9' &&
	    (m[2] == '\0' || m[2] == '-'))
		return 1;
	return strncmp(m, "gpt-5", 5) == 0 && (m[5] == '\0' ||
	    m[5] == '-' || m[5] == '.');
}

int
llm_ollama_url(const char *base)
{
	const char *a = url_authority(base), *p;
	size_t n;

	if (a == NULL)
		return 0;
	n = url_authority_len(a);
	for (p = a + n; p > a && p[-1] >= '0' && p[-1] <= '9'; p--)
		;
	return p > a && p[-1] == ':' && (size_t)(a + n - p) == 5 &&
	    strncmp(p, "11434", 5) == 0;
}

char **
llm_headers(const struct llm_conf *c)
{
	struct buf b = BUF_INIT;
	char **h;
	size_t n = 0;
	const char *p, *e;

	h = xcalloc(16 + 32, sizeof(*h));
	h[n++] = xstrdup("Content-Type: application/json");
	h[n++] = xstrdup("Accept: application/json");
	if (c->key != NULL) {
		switch (c->auth) {
		case AUTH_BEARER:
			buf_printf(&b, "Authorization: Bearer %s", c->key);
			break;
		case AUTH_XAPIKEY:
			buf_printf(&b, "x-api-key: %s", c->key);
			break;
		case AUTH_APIKEY:
			buf_printf(&b, "api-key: %s", c->key);
			break;
		case AUTH_NONE:
			break;
		}
		if (b.len > 0)
			h[n++] = buf_detach(&b);
	}
	if (c->api == API_ANTHROPIC)
		h[n++] = xstrdup("anthropic-version: 2023-06-01");
	for (p = c->extra; p != NULL && *p != '\0' && n < 46; p = e) {
		if ((e = strchr(p, '\n')) == NULL)
			e = p + strlen(p);
		if (e > p && memchr(p, ':', (size_t)(e - p)) != NULL)
			h[n++] = xstrndup(p, (size_t)(e - p));
		if (*e == '\n')
			e++;
	}
	buf_free(&b);
	return h;
}

void
llm_headers_free(char **h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; h[i] != NULL; i++) {
		/* the key was in one of them */
		memset(h[i], 0, strlen(h[i]));
		free(h[i]);
	}
	free(h);
}

/* msg = "what: detail" with the detail cleaned to one printable line.
 * The key is taken out of both first, on the raw bytes (the detail may
 * be a raw JSON body), and only then is the detail cut: a cut must not
 * leave a piece of the key that no longer matches. */
static void
set_msg(const struct llm_conf *c, struct llm_reply *r, const char *what,
    const char *detail, size_t dlen)
{
	struct buf b = BUF_INIT, w = BUF_INIT, d = BUF_INIT;
	size_t i;

	redact(&w, what, c->key);
	if (dlen > 0)
		redact_n(&d, detail, dlen, c->key);
	for (i = 0; i < d.len && b.len < 200; i++) {
		unsigned char ch = (unsigned char)d.s[i];

		buf_putc(&b, ch < 0x20 || ch == 0x7F ? ' ' : (char)ch);
	}
	/* do not cut a UTF-8 sequence */
	while (b.len > 0 && ((unsigned char)b.s[b.len - 1] & 0xC0) == 0x80
	    && i < d.len)
		b.s[--b.len] = '\0';
	if (b.len > 0 && b.len < 200 && ((unsigned char)b.s[b.len - 1] &
	    0xC0) == 0xC0)
		b.s[--b.len] = '\0';
	snprintf(r->msg, sizeof(r->msg), "%s%s%s", buf_str(&w),
	    b.len ? ": " : "", buf_str(&b));
	buf_free(&b);
	buf_free(&w);
	if (d.s != NULL)
		explicit_bzero(d.s, d.len);
	buf_free(&d);
}

static long
num(const json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_integer(v) && json_integer_value(v) >= 0 ?
	    (long)json_integer_value(v) : 0;
}

static int
contains(const char *s, const char *w)
{
	return s != NULL && strstr(s, w) != NULL;
}

/* What a 400 says about a parameter we can change; LLM_ADAPT when conf
 * was changed. */
/* The output limit a 400 states: OpenAI's "supports at most N
 * completion tokens", Anthropic's "> N, which is the maximum allowed
 * number of output tokens"; else 0. */
static long
stated_cap(const char *msg)
{
	const char *p;
	long long n;
	char *e;

	if ((p = strstr(msg, "at most ")) != NULL && contains(p, "tokens"))
		p += 8;
	else if ((p = strstr(msg, ", which is the maximum allowed")) !=
	    NULL) {
		while (p > msg && p[-1] >= '0' && p[-1] <= '9')
			p--;
	} else
		return 0;
	if (*p < '0' || *p > '9')
		return 0;
	n = strtoll(p, &e, 10);
	return e > p && n >= 16 && n <= 10000000 ? (long)n : 0;
}

/* What a 400 says about a parameter we can change; LLM_ADAPT when conf
 * was changed. */
static enum llm_status
adapt(struct llm_conf *c, const char *msg)
{
	long cap;

	if ((cap = stated_cap(msg)) > 0 && (c->out_cap == 0 ||
	    cap < c->out_cap) && cap < c->max_tokens) {
		c->out_cap = cap;
		return LLM_ADAPT;
	}
	if (c->api == API_OPENAI && c->tokens_field == 0 &&
	    contains(msg, "max_tokens") && !contains(msg,
	    "max_tokens or model output limit")) {
		c->tokens_field = 1;
		/* "use max_completion_tokens": a reasoning model, whose
		 * thinking counts against that limit */
		if (contains(msg, "max_completion_tokens") && c->reasoning ==
		    0) {
			c->reasoning = LLM_REASONING_DEFAULT;
			c->no_temperature = 1;
		}
		return LLM_ADAPT;
	}
	if (c->api == API_OPENAI && c->tokens_field == 1 &&
	    contains(msg, "max_completion_tokens")) {
		c->tokens_field = 0;
		return LLM_ADAPT;
	}
	if (!c->no_temperature && contains(msg, "temperature")) {
		c->no_temperature = 1;
		return LLM_ADAPT;
	}
	/* Gemini: "Unknown name \"additionalProperties\" at
	 * 'generation_config.response_schema...'" */
	if (c->api == API_OPENAI && c->fmt == 0 && c->schema_level == 0 &&
	    (contains(msg, "response_schema") ||
	    contains(msg, "additionalProperties"))) {
		c->schema_level = 1;
		return LLM_ADAPT;
	}
	if (c->fmt < 2 && (contains(msg, "response_format") ||
	    contains(msg, "response_schema") ||
	    contains(msg, "json_schema") || contains(msg, "json_object") ||
	    (c->api == API_ANTHROPIC && (contains(msg, "tool") ||
	    contains(msg, "schema"))))) {
		c->fmt = c->api == API_ANTHROPIC ? 2 : c->fmt + 1;
		return LLM_ADAPT;
	}
	return LLM_FAIL;
}

/* An error response. */
static enum llm_status
parse_error(struct llm_conf *c, long status, const char *body, size_t len,
    int should_retry, struct llm_reply *r)
{
	json_t *j, *e = NULL, *d;
	const char *msg = NULL, *type = NULL, *code = NULL, *detail = NULL;
	enum llm_status st;
	struct buf cb = BUF_INIT;
	char what[96];

	j = json_loadb(body, len, 0, NULL);
	if (json_is_array(j))		/* Gemini wraps it in an array */
		e = json_object_get(json_array_get(j, 0), "error");
	else if (json_is_object(j))
		e = json_object_get(j, "error");
	if (json_is_object(e)) {
		msg = rec_str(e, "message");
		type = rec_str(e, "type");
		code = rec_str(e, "code");
		d = json_object_get(e, "details");
		detail = rec_str(d, "error_code");
	} else if (json_is_string(e))
		msg = json_string_value(e);
	/* the code too may echo the key: redacted before it is cut */
	if (code != NULL || type != NULL)
		redact(&cb, code ? code : type, c->key);
	snprintf(what, sizeof(what), "HTTP %ld%s%.40s", status,
	    code || type ? " " : "", buf_str(&cb));
	buf_free(&cb);
	if (msg != NULL)
		set_msg(c, r, what, msg, json_string_length(
		    json_object_get(e, "message") ? json_object_get(e,
		    "message") : e));
	else
		set_msg(c, r, what, body, len);
	if (status == 429 && (contains(code, "insufficient_quota") ||
	    contains(type, "insufficient_quota") ||
	    contains(detail, "spend_limit")))
		st = LLM_FATAL;
	else if (should_retry == 1)
		st = LLM_RETRY;
	else if (should_retry == 0)
		st = status == 401 || status == 403 ? LLM_FATAL : LLM_FAIL;
	else if (status == 408 || status == 409 || status == 429 ||
	    status >= 500)
		st = LLM_RETRY;
	else if (status == 401 || status == 402 || status == 403 ||
	    status == 404)
		st = LLM_FATAL;
	else if (status == 400 && msg != NULL)
		st = adapt(c, msg);
	else
		st = LLM_FAIL;
	json_decref(j);
	return st;
}

static enum llm_status
parse_openai(const struct llm_conf *c, const json_t *j,
    struct llm_reply *r)
{
	json_t *ch, *m, *u;
	const char *fin, *content;

	u = json_object_get(j, "usage");
	r->in_tok = num(u, "prompt_tokens");
	r->out_tok = num(u, "completion_tokens");
	r->reason_tok = num(json_object_get(u, "completion_tokens_details"),
	    "reasoning_tokens");
	ch = json_array_get(json_object_get(j, "choices"), 0);
	m = json_object_get(ch, "message");
	fin = rec_str(ch, "finish_reason");
	if (!json_is_object(m)) {
		set_msg(c, r, "the answer has no message", NULL, 0);
		return LLM_INVALID;
	}
	if (rec_str(m, "refusal") != NULL) {
		set_msg(c, r, "the model refused", rec_str(m, "refusal"),
		    strlen(rec_str(m, "refusal")));
		return LLM_REFUSED;
	}
	if (fin != NULL && strcmp(fin, "content_filter") == 0) {
		set_msg(c, r, "the answer was withheld by a content filter",
		    NULL, 0);
		return LLM_REFUSED;
	}
	if (fin != NULL && strcmp(fin, "length") == 0) {
		char what[128];

		if (r->reason_tok > 0)
			snprintf(what, sizeof(what), "the answer was cut at "
			    "the token limit (finish_reason length, %ld output "
			    "tokens, %ld of them reasoning)", r->out_tok,
			    r->reason_tok);
		else
			snprintf(what, sizeof(what), "the answer was cut at "
			    "the token limit (finish_reason length, %ld output "
			    "tokens)", r->out_tok);
		set_msg(c, r, what, NULL, 0);
		r->cut = 1;
		return LLM_INVALID;
	}
	content = rec_str(m, "content");
	if (content == NULL || (r->answer = answer_from_text(content,
	    json_string_length(json_object_get(m, "content")))) == NULL) {
		set_msg(c, r, "the answer is not a JSON object", content,
		    content ? strlen(content) : 0);
		return LLM_INVALID;
	}
	return LLM_OK;
}

static enum llm_status
parse_anthropic(const struct llm_conf *c, const json_t *j,
    struct llm_reply *r)
{
	struct buf text = BUF_INIT;
	json_t *u, *blk, *in = NULL;
	const char *stop;
	size_t i;

	u = json_object_get(j, "usage");
	r->in_tok = num(u, "input_tokens") +
	    num(u, "cache_creation_input_tokens") +
	    num(u, "cache_read_input_tokens");
	r->out_tok = num(u, "output_tokens");
	stop = rec_str(j, "stop_reason");
	if (stop != NULL && strcmp(stop, "refusal") == 0) {
		set_msg(c, r, "the model refused (stop_reason refusal)", NULL,
		    0);
		return LLM_REFUSED;
	}
	if (stop != NULL && strcmp(stop, "max_tokens") == 0) {
		set_msg(c, r, "the answer was cut at the token limit",
		    stop, strlen(stop));
		r->cut = 1;
		return LLM_INVALID;
	}
	if (stop != NULL && strcmp(stop, "model_context_window_exceeded") ==
	    0) {
		/* a larger limit cannot help */
		set_msg(c, r, "the prompt and the answer exceed the model's "
		    "context", stop, strlen(stop));
		return LLM_FAIL;
	}
	json_array_foreach(json_object_get(j, "content"), i, blk) {
		const char *t = rec_str(blk, "type");

		if (t == NULL)
			continue;
		if (strcmp(t, "tool_use") == 0 && in == NULL &&
		    json_is_object(json_object_get(blk, "input")))
			in = json_object_get(blk, "input");
		else if (strcmp(t, "text") == 0 && rec_str(blk, "text"))
			buf_put(&text, rec_str(blk, "text"), json_string_length(
			    json_object_get(blk, "text")));
	}
	if (in != NULL)
		r->answer = json_incref(in);
	else if (text.len > 0)
		r->answer = answer_from_text(text.s, text.len);
	if (r->answer == NULL) {
		set_msg(c, r, "the answer is not a JSON object", buf_str(&text),
		    text.len);
		buf_free(&text);
		return LLM_INVALID;
	}
	buf_free(&text);
	return LLM_OK;
}

enum llm_status
llm_parse(struct llm_conf *c, long status, const char *body, size_t len,
    int should_retry, struct llm_reply *r)
{
	enum llm_status st;
	json_t *j;

	memset(r, 0, sizeof(*r));
	if (status < 200 || status > 299)
		return parse_error(c, status, body, len, should_retry, r);
	j = json_loadb(body, len, 0, NULL);
	if (!json_is_object(j)) {
		json_decref(j);
		set_msg(c, r, "the server's response is not JSON", body, len);
		return LLM_RETRY;
	}
	if (json_object_get(j, "error") != NULL) {
		/* an error with status 200 (some proxies) */
		json_decref(j);
		return parse_error(c, 500, body, len, should_retry, r);
	}
	st = c->api == API_OPENAI ? parse_openai(c, j, r) :
	    parse_anthropic(c, j, r);
	json_decref(j);
	return st;
}
