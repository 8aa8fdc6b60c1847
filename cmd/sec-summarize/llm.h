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
};

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
	char	 msg[320];	/* what went wrong, for errors */
};

/* The request body for the user message (new string). */
char	*llm_body(const struct llm_conf *, const char *user);
/* Header lines for a request, NULL-terminated (new; free with
 * llm_headers_free).  They hold the key: never print them. */
char	**llm_headers(const struct llm_conf *);
void	 llm_headers_free(char **);
/* Classify a response.  should_retry: the x-should-retry header (-1 when
 * absent, else 0/1).  conf may be changed (LLM_ADAPT). */
enum llm_status llm_parse(struct llm_conf *, long status, const char *body,
	    size_t len, int should_retry, struct llm_reply *);

#endif
