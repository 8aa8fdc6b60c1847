/* retry.h: when to send an HTTP request again: the server's Retry-After
 * and one backoff policy, shared by sec-fetch and sec-summarize. */
#ifndef SEC_RETRY_H
#define SEC_RETRY_H

/* The longest wait a server can ask for, in seconds; more is cut here. */
#define RETRY_AFTER_MAX 1000000000LL

/* The wait a Retry-After value asks for (RFC 9110 10.2.3: delay-seconds
 * or an HTTP-date, read by date_parse()), in ms from now, given in
 * seconds since the epoch.  A date in the past asks for 0, a wait over
 * RETRY_AFTER_MAX seconds is cut there.  -1 when v is neither form. */
long long retry_after(const char *v, long long now);
/* The wait a retry-after-ms value asks for: a decimal number of ms,
 * with a fraction or not.  ms (cut like retry_after()), or -1. */
long long retry_after_ms(const char *v);

/* Exponential backoff with jitter. */
struct retry_policy {
	long long first_ms;	/* the wait before the first retry */
	long long max_ms;	/* the longest wait */
};
/* The wait in ms before retry n (1 for the first): first_ms doubled
 * n - 1 times, at most max_ms, less a random 0-25 % drawn from rnd. */
long long retry_backoff(const struct retry_policy *, int n,
	    unsigned long rnd);
/* A random number for retry_backoff(). */
unsigned long retry_random(void);

#endif
