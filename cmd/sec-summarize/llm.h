/* llm.h: the two chat APIs: request bodies, headers and answers. */
#ifndef LLM_H
#define LLM_H

#include <stddef.h>
#include <jansson.h>

enum llm_api { API_OPENAI, API_ANTHROPIC };
enum llm_auth { AUTH_NONE, AUTH_BEARER, AUTH_XAPIKEY, AUTH_APIKEY };

/* What a client talks to, and what it learned from the server's 400s. */
struct llm_conf {
	enum llm_api api;
	const char *engine;	/* "openai" or "anthropic" */
	const char *model;
	char	*url;		/* the endpoint (new) */
	char	*key;		/* the secret, or NULL (new) */
	enum llm_auth auth;
	char	*extra;		/* extra header lines, \n-separated (new) */
	long	 max_tokens;
	const char *system;	/* the system prompt */
	json_t	*schema;	/* the answer schema (new ref) */
	int	 tokens_field;	/* 0 max_tokens, 1 max_completion_tokens */
	int	 no_temperature;
	int	 fmt;		/* 0 schema (json_schema / forced tool),
				 * 1 json_object / plain text, 2 plain */
	int	 schema_level;	/* 0 the schema as it is, 1 without
				 * additionalProperties and type arrays */
	long	 reasoning;	/* tokens for reasoning on top of the
				 * answer's, or 0: not a reasoning model */
	long	 out_cap;	/* the model's output limit from a 400, or 0 */
	long	 num_ctx;	/* Ollama: options.num_ctx, or 0 */
};

/* Tokens a reasoning model may think, besides the answer, by default. */
#define LLM_REASONING_DEFAULT	4000

enum llm_status {
	LLM_OK,		/* an answer object */
	LLM_RETRY,	/* transient: retry after a delay */
	LLM_ADAPT,	/* a 400 about a parameter: conf changed, resend */
	LLM_INVALID,	/* 200, but no usable JSON answer */
	LLM_REFUSED,	/* the model declined */
	LLM_FAIL,	/* this request cannot succeed */
	LLM_FATAL	/* no request can succeed: key, quota, model */
};

struct llm_reply {
	json_t	*answer;	/* LLM_OK: the answer object (new ref) */
	long	 in_tok, out_tok;
	long	 reason_tok;	/* of out_tok, spent on reasoning */
	int	 cut;		/* LLM_INVALID: cut at the token limit */
	char	 msg[320];	/* what went wrong, for errors */
};

/* The request body for the user message (new string). */
char	*llm_body(const struct llm_conf *, const char *user);
/* The same with turns (borrowed, or NULL): messages that follow the user
 * message, as made by llm_repair_turns. */
char	*llm_body_turns(const struct llm_conf *, const char *user,
	    const json_t *turns);
/* The repair turns after the 200 response resp[0..len) whose answer was
 * unusable: the model's answer as its own turn (role "assistant"), then
 * a user turn that says why (a new array), or NULL when the response has
 * no answer to send back. */
json_t	*llm_repair_turns(const struct llm_conf *, const char *resp,
	    size_t len, const char *why);
/* The text of the answer in the 200 response resp[0..len) (new), or NULL
 * when it has none (a tool call's input is not text). */
char	*llm_answer_text(const struct llm_conf *, const char *resp,
	    size_t len);
/* Nonzero for the names of OpenAI's reasoning models: o1, o3, o4-mini,
 * gpt-5 ... */
int	 llm_reasoning_model(const char *model);
/* Nonzero when the base URL's port is Ollama's (11434). */
int	 llm_ollama_url(const char *base);
/* Header lines for a request, NULL-terminated (new; free with
 * llm_headers_free).  They hold the key: never print them. */
char	**llm_headers(const struct llm_conf *);
void	 llm_headers_free(char **);
/* Classify a response.  should_retry: the x-should-retry header (-1 when
 * absent, else 0/1).  conf may be changed (LLM_ADAPT). */
enum llm_status llm_parse(struct llm_conf *, long status, const char *body,
	    size_t len, int should_retry, struct llm_reply *);

#endif
