/* test_llm.c: unit tests for sec-summarize's request layer: the repair
 * turns, the simpler schema, what a 400 teaches, reasoning tokens, the
 * Ollama port and the price table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "llm.h"
#include "price.h"
#include "summarize.h"

static void
test_repair(void)
{
	struct llm_conf c;
	json_t *t, *b;
	char *s;
	const char *e;
	const char *oa = "{\"choices\":[{\"message\":{\"content\":"
	    "\"{\\\"summary\\\":[]}\"},\"finish_reason\":\"stop\"}]}";
	const char *an = "{\"content\":[{\"type\":\"text\",\"text\":\"ok\"},"
	    "{\"type\":\"tool_use\",\"id\":\"tu1\",\"name\":\"emit_digest\","
	    "\"input\":{\"summary\":[]}}],\"stop_reason\":\"tool_use\"}";

	memset(&c, 0, sizeof(c));
	c.api = API_OPENAI;
	c.model = "m";
	c.system = "sys";
	c.max_tokens = 10;
	c.schema = json_pack("{s:s}", "type", "object");
	t = llm_repair_turns(&c, oa, strlen(oa), "the summary is empty");
	CHECK(t != NULL);
	CHECK_INT(json_array_size(t), 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(t, 0),
	    "content")), "{\"summary\":[]}");
	CHECK_STR(json_string_value(json_object_get(json_array_get(t, 1),
	    "content")), "Your answer was invalid: the summary is empty; "
	    "answer again with only the JSON object.");
	s = llm_body_turns(&c, "u", t);
	b = json_loads(s, 0, NULL);
	CHECK_INT(json_array_size(json_object_get(b, "messages")), 4);
	free(s);
	json_decref(b);
	json_decref(t);
	/* nothing to send back: an empty content, a body that is no JSON */
	e = "{\"choices\":[{\"message\":{\"content\":\"\"}}]}";
	CHECK(llm_repair_turns(&c, e, strlen(e), "x") == NULL);
	CHECK(llm_repair_turns(&c, "<html>", 6, "x") == NULL);

	c.api = API_ANTHROPIC;
	t = llm_repair_turns(&c, an, strlen(an), "bad");
	CHECK(t != NULL);
	b = json_object_get(json_array_get(t, 1), "content");
	CHECK_STR(json_string_value(json_object_get(json_array_get(b, 0),
	    "type")), "tool_result");
	CHECK_STR(json_string_value(json_object_get(json_array_get(b, 0),
	    "tool_use_id")), "tu1");
	CHECK(json_is_true(json_object_get(json_array_get(b, 0),
	    "is_error")));
	CHECK_INT(json_array_size(json_object_get(json_array_get(t, 0),
	    "content")), 2);
	json_decref(t);
	e = "{\"content\":[{\"type\":\"text\",\"text\":\"no json\"}]}";
	t = llm_repair_turns(&c, e, strlen(e), "bad");
	CHECK_STR(json_string_value(json_object_get(json_array_get(t, 0),
	    "content")), "no json");
	json_decref(t);
	json_decref(c.schema);
}

static void
test_schema_simple(void)
{
	struct llm_conf c;
	char *s;

	memset(&c, 0, sizeof(c));
	c.api = API_OPENAI;
	c.model = "m";
	c.system = "sys";
	c.max_tokens = 10;
	c.schema = json_pack("{s:s, s:b, s:{s:{s:[s,s]}, s:{s:s, s:{s:s, "
	    "s:b}}}}", "type", "object", "additionalProperties", 0,
	    "properties", "p", "type", "null", "string", "q", "type", "array",
	    "items", "type", "object", "additionalProperties", 0);
	c.schema_level = 1;
	s = llm_body(&c, "u");
	CHECK(strstr(s, "additionalProperties") == NULL);
	CHECK(strstr(s, "\"p\":{\"type\":\"string\"}") != NULL);
	CHECK(strstr(s, "\"strict\":false") != NULL);
	free(s);
	c.schema_level = 0;
	s = llm_body(&c, "u");
	CHECK(strstr(s, "\"additionalProperties\":false") != NULL);
	CHECK(strstr(s, "\"strict\":true") != NULL);
	CHECK(strstr(s, "options") == NULL);
	free(s);
	c.num_ctx = 8192;
	s = llm_body(&c, "u");
	CHECK(strstr(s, "\"options\":{\"num_ctx\":8192}") != NULL);
	free(s);
	json_decref(c.schema);
}

/* None of these answers is an object: r.answer stays NULL. */
#define parse(c, st, b, r) llm_parse((c), (st), (b), strlen(b), -1, (r))

static void
test_learn(void)
{
	struct llm_conf c;
	struct llm_reply r;

	memset(&c, 0, sizeof(c));
	c.api = API_OPENAI;
	c.max_tokens = 8000;
	CHECK_INT(parse(&c, 400, "{\"error\":{\"message\":\"max_tokens is too "
	    "large: 8000. This model supports at most 4096 completion "
	    "tokens, whereas you provided 8000.\"}}", &r), LLM_ADAPT);
	CHECK_INT(c.out_cap, 4096);
	CHECK_INT(c.tokens_field, 0);
	/* a limit already within it teaches nothing */
	c.max_tokens = 4096;
	CHECK_INT(parse(&c, 400, "{\"error\":{\"message\":\"at most 4096 "
	    "completion tokens\"}}", &r), LLM_FAIL);
	c.api = API_ANTHROPIC;
	c.max_tokens = 100000;
	c.out_cap = 0;
	CHECK_INT(parse(&c, 400, "{\"type\":\"error\",\"error\":{\"type\":"
	    "\"invalid_request_error\",\"message\":\"max_tokens: 100000 > "
	    "64000, which is the maximum allowed number of output tokens for "
	    "m\"}}", &r), LLM_ADAPT);
	CHECK_INT(c.out_cap, 64000);
	CHECK_INT(parse(&c, 200, "{\"content\":[],\"stop_reason\":"
	    "\"model_context_window_exceeded\"}", &r), LLM_FAIL);
	CHECK_INT(parse(&c, 200, "{\"content\":[],\"stop_reason\":"
	    "\"max_tokens\"}", &r), LLM_INVALID);
	CHECK_INT(r.cut, 1);

	memset(&c, 0, sizeof(c));
	c.api = API_OPENAI;
	c.max_tokens = 4000;
	CHECK_INT(parse(&c, 400, "[{\"error\":{\"code\":400,\"message\":"
	    "\"Unknown name \\\"additionalProperties\\\" at 'generation_config."
	    "response_schema': Cannot find field.\",\"status\":"
	    "\"INVALID_ARGUMENT\"}}]", &r), LLM_ADAPT);
	CHECK_INT(c.schema_level, 1);
	CHECK_INT(c.fmt, 0);
	/* the simpler schema rejected too: JSON mode */
	CHECK_INT(parse(&c, 400, "[{\"error\":{\"code\":400,\"message\":"
	    "\"Invalid value at 'generation_config.response_schema'\"}}]",
	    &r), LLM_ADAPT);
	CHECK_INT(c.fmt, 1);
	CHECK_INT(parse(&c, 400, "{\"error\":{\"message\":\"Unsupported "
	    "parameter: 'max_tokens' is not supported with this model. Use "
	    "'max_completion_tokens' instead.\"}}", &r), LLM_ADAPT);
	CHECK_INT(c.tokens_field, 1);
	CHECK_INT(c.reasoning, LLM_REASONING_DEFAULT);
	CHECK_INT(c.no_temperature, 1);
	CHECK_INT(parse(&c, 200, "{\"choices\":[{\"message\":{\"content\":"
	    "\"\"},\"finish_reason\":\"length\"}],\"usage\":{"
	    "\"prompt_tokens\":9,\"completion_tokens\":500,"
	    "\"completion_tokens_details\":{\"reasoning_tokens\":480}}}", &r),
	    LLM_INVALID);
	CHECK_INT(r.cut, 1);
	CHECK_INT(r.reason_tok, 480);
	CHECK(strstr(r.msg, "480 of them reasoning") != NULL);
}

static void
test_names(void)
{
	CHECK(llm_reasoning_model("o1"));
	CHECK(llm_reasoning_model("o3-mini"));
	CHECK(llm_reasoning_model("o4-mini"));
	CHECK(llm_reasoning_model("gpt-5"));
	CHECK(llm_reasoning_model("gpt-5-mini"));
	CHECK(llm_reasoning_model("gpt-5.1"));
	CHECK(!llm_reasoning_model("gpt-4o-mini"));
	CHECK(!llm_reasoning_model("gpt-50"));
	CHECK(!llm_reasoning_model("ollama"));
	CHECK(!llm_reasoning_model("o10"));
	CHECK(llm_ollama_url("http://127.0.0.1:11434/v1"));
	CHECK(llm_ollama_url("http://user:pw@gpu.lan:11434"));
	CHECK(llm_ollama_url("http://[::1]:11434/v1"));
	CHECK(!llm_ollama_url("http://127.0.0.1:8080/v1"));
	CHECK(!llm_ollama_url("http://127.0.0.1:111434/v1"));
	CHECK(!llm_ollama_url("http://11434.example/v1"));
	CHECK(!llm_ollama_url("https://api.openai.com/v1"));
}

static void
test_price(void)
{
	struct price p;
	char err[96];
	const char *t = "# a table\n\nclaude-*  3 15 USD\n"
	    "gpt-4o-mini\t0.15\t0.60  # per million\r\ngpt-4o-mini 9 9\n";

	CHECK_INT(price_find(t, strlen(t), "gpt-4o-mini", &p, err,
	    sizeof(err)), 1);
	CHECK(fabs(p.in - 0.15) < 1e-12 && fabs(p.out - 0.6) < 1e-12);
	CHECK_INT(p.line, 4);
	CHECK_STR(p.unit, "");
	CHECK_INT(price_find(t, strlen(t), "claude-haiku-4-5", &p, err,
	    sizeof(err)), 1);
	CHECK_STR(p.unit, "USD");
	CHECK_INT(price_find(t, strlen(t), "claude", &p, err, sizeof(err)),
	    0);
	CHECK_INT(price_find(t, strlen(t), "gpt-4o", &p, err, sizeof(err)),
	    0);
	CHECK(fabs(price_cost(&p, 0, 0)) < 1e-12);
	p.in = 0.15;
	p.out = 0.6;
	/* 1000 * 0.15 + 500 * 0.6 = 450 per million */
	CHECK(fabs(price_cost(&p, 1000, 500) - 0.00045) < 1e-12);
#define BAD(s, want) do {						\
	CHECK_INT(price_find(s, strlen(s), "m", &p, err, sizeof(err)), -1); \
	CHECK_STR(err, want);						\
} while (0)
	BAD("m 1\n", "line 1: the output price is missing or not a number");
	BAD("ok 1 2\nm 1,5 2\n", "line 2: the input price is missing or not "
	    "a number");
	BAD("m -1 2\n", "line 1: the input price is missing or not a "
	    "number");
	BAD("m 1 2 U$D\n", "line 1: the unit is not a word of letters");
	BAD("m 1 2 USD x\n", "line 1: more than 4 fields");
	BAD("m 1.2.3 2\n", "line 1: the input price is missing or not a "
	    "number");
	BAD("m 1 2000000\n", "line 1: the output price is missing or not a "
	    "number");
	/* a bad line after the match is still an error */
	BAD("m 1 2\nx y z\n", "line 2: the input price is missing or not a "
	    "number");
	CHECK_INT(price_find("m 1 2\0x\n", 8, "m", &p, err, sizeof(err)), -1);
	CHECK_STR(err, "line 1: a NUL byte");
	CHECK_INT(price_find("m 1 2", 5, "m", &p, err, sizeof(err)), 1);
	CHECK_INT(price_find("", 0, "m", &p, err, sizeof(err)), 0);
}

int
main(void)
{
	test_repair();
	test_schema_simple();
	test_learn();
	test_names();
	test_price();
	return check_failed;
}
