/* http.c: the transfer engine (see http.h). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <err.h>
#include <stdarg.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "fetch.h"
#include "http.h"
#include "retry.h"
#include "util.h"

enum { S_QUEUED, S_RUNNING, S_DONE };

static struct http_opts o;
static CURLM *multi;
static struct req *head, *tail;	/* queued and running, in order */
static int nrunning;
static int env_proxy;
static int cache_warned;	/* a cache that cannot be written: said once */

static void reqerr(struct req *, const char *, ...) PRINTFLIKE(2, 3);

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
http_init(const struct http_opts *opts)
{
	static const char *const pv[] = {
		"http_proxy", "https_proxy", "HTTPS_PROXY", "ALL_PROXY",
		"all_proxy", NULL
	};
	const char *const *p;

	o = *opts;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		errx(1, "cannot initialise libcurl");
	if ((multi = curl_multi_init()) == NULL)
		errx(1, "cannot initialise libcurl");
	for (p = pv; *p != NULL; p++)
		if (getenv(*p) != NULL && **p != '\0')
			env_proxy = 1;
}

void
http_cleanup(void)
{
	if (multi != NULL)
		curl_multi_cleanup(multi);
	multi = NULL;
	curl_global_cleanup();
}

/* The IPv4 rules: nonzero when a (host order) is not a public unicast
 * address. */
static int
v4_private(unsigned long a)
{
	return (a >> 24) == 0 || (a >> 24) == 10 || (a >> 24) == 127 ||
	    (a >> 22) == (100UL << 2 | 1) ||	/* 100.64/10 */
	    (a >> 16) == (169UL << 8 | 254) ||	/* 169.254/16 */
	    (a >> 20) == (172UL << 4 | 1) ||	/* 172.16/12 */
	    (a >> 16) == (192UL << 8 | 168) ||	/* 192.168/16 */
	    (a >> 8) == (192UL << 16 | 0 << 8 | 0) || /* 192.0.0/24 */
	    (a >> 17) == (198UL << 7 | 9) ||	/* 198.18/15 */
	    (a >> 28) >= 14;			/* multicast, 240/4 */
}

static unsigned long
get32(const unsigned char *b)
{
	return (unsigned long)b[0] << 24 | (unsigned long)b[1] << 16 |
	    (unsigned long)b[2] << 8 | b[3];
}

/* The form of an IPv6 address that carries an IPv4 one, with that address
 * in *a; NULL when b is not such a form. */
static const char *
v6_embedded(const unsigned char *b, unsigned long *a)
{
	static const unsigned char zero[12];
	static const unsigned char nat64[12] = { 0, 0x64, 0xff, 0x9b };

	if (memcmp(b, zero, 10) == 0 && b[10] == 0xff && b[11] == 0xff) {
		*a = get32(b + 12);
		return "IPv4-mapped";
	}
	if (memcmp(b, zero, 12) == 0) {
		*a = get32(b + 12);
		return "IPv4-compatible";
	}
	if (memcmp(b, zero, 8) == 0 && b[8] == 0xff && b[9] == 0xff &&
	    b[10] == 0 && b[11] == 0) {
		*a = get32(b + 12);
		return "IPv4-translated";
	}
	if (memcmp(b, nat64, 12) == 0) {
		*a = get32(b + 12);
		return "NAT64";
	}
	if (b[0] == 0x20 && b[1] == 0x02) {
		*a = get32(b + 2);
		return "6to4";
	}
	if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
		/* the client's address, inverted, in the low 32 bits */
		*a = ~get32(b + 12) & 0xffffffffUL;
		return "Teredo";
	}
	return NULL;
}

/* Nonzero when the 16 bytes of b are in an IPv6 range that is not public
 * unicast: anything outside 2000::/3 (loopback, ::, discard-only 100::/64,
 * the local-use NAT64 64:ff9b:1::/48, fc00::/7, fe80::/10, multicast) and
 * the special-purpose blocks inside it. */
static int
v6_private(const unsigned char *b)
{
	if ((b[0] & 0xe0) != 0x20)
		return 1;
	if (b[0] == 0x20 && b[1] == 0x01) {
		if (b[2] == 0x0d && b[3] == 0xb8)
			return 1;			/* 2001:db8::/32 */
		if (b[2] == 0 && b[3] == 0x02 && b[4] == 0 && b[5] == 0)
			return 1;			/* 2001:2::/48 */
		if (b[2] == 0 && (b[3] & 0xf0) == 0x10)
			return 1;			/* ORCHID 2001:10::/28 */
		if (b[2] == 0 && (b[3] & 0xf0) == 0x20)
			return 1;			/* ORCHIDv2 2001:20::/28 */
	}
	if (b[0] == 0x3f && (b[1] & 0xf0) == 0xf0)
		return 1;				/* 3fff::/20 */
	if (b[0] == 0x5f && b[1] == 0)
		return 1;				/* SRv6 5f00::/16 */
	return 0;
}

int
addr_private(const void *sap)
{
	const struct sockaddr *sa = sap;
	const unsigned char *b;
	unsigned long a;

	if (sa->sa_family == AF_INET)
		return v4_private(ntohl(
		    ((const struct sockaddr_in *)sap)->sin_addr.s_addr));
	if (sa->sa_family == AF_INET6) {
		b = ((const struct sockaddr_in6 *)sap)->sin6_addr.s6_addr;
		if (v6_embedded(b, &a) != NULL)
			return v4_private(a);
		return v6_private(b);
	}
	return 1;
}

/* The length of u's scheme and authority ("http://host:port"). */
static size_t
origin_len(const char *u)
{
	const char *p = url_authority(u);

	if (p == NULL)
		return 0;
	return (size_t)(p - u) + url_authority_len(p);
}

/* May this hop of r connect to a private address?  A feed's own URL may
 * (the user named it), and so may its redirects that stay on that very
 * scheme, host and port; nothing else without --allow-private. */
static int
private_ok(const struct req *r)
{
	size_t n;

	if (o.allow_private)
		return 1;
	if (r->kind != REQ_FEED)
		return 0;
	if (r->hops == 0)
		return 1;
	n = origin_len(r->url);
	return n > 0 && origin_len(r->cur) == n &&
	    ascii_ncasecmp(r->url, r->cur, n) == 0;
}

static curl_socket_t
opensock(void *ud, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct req *r = ud;
	char addr[INET6_ADDRSTRLEN];

	(void)purpose;
	if (!private_ok(r) && !o.proxy && !env_proxy &&
	    addr_private(&a->addr)) {
		const struct sockaddr_in6 *s6 = (const void *)&a->addr;
		const struct sockaddr_in *s4 = (const void *)&a->addr;
		const void *src = a->family == AF_INET6 ?
		    (const void *)&s6->sin6_addr : (const void *)&s4->sin_addr;

		char v4[INET_ADDRSTRLEN];
		const char *form = NULL;
		unsigned long e;
		unsigned char eb[4];

		if (inet_ntop(a->family, src, addr, sizeof(addr)) == NULL)
			strcpy(addr, "?");
		if (a->family == AF_INET6 &&
		    (form = v6_embedded(s6->sin6_addr.s6_addr, &e)) != NULL) {
			eb[0] = (unsigned char)(e >> 24);
			eb[1] = (unsigned char)(e >> 16);
			eb[2] = (unsigned char)(e >> 8);
			eb[3] = (unsigned char)e;
			if (inet_ntop(AF_INET, eb, v4, sizeof(v4)) == NULL)
				strcpy(v4, "?");
		}
		if (form != NULL)
			reqerr(r, "refused: %s is a private address (%s form "
			    "of %s; see --allow-private)", addr, form, v4);
		else
			reqerr(r, "refused: %s is a private address (see "
			    "--allow-private)", addr);
		r->refused = 1;
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype, a->protocol);
}

/* Where the body of the answer now arriving goes (r->sinking): to the
 * caller's sink when it is a 2xx answer or a file, not a redirect or an
 * error page; and kept in r->body too when the cache will store it. */
static int
sink_mode(struct req *r)
{
	long status = 0;

	if (r->sink == NULL)
		return 0;
	curl_easy_getinfo(r->h, CURLINFO_RESPONSE_CODE, &status);
	if (!(status >= 200 && status < 300) && !(status == 0 &&
	    ascii_ncasecmp(r->cur, "file://", 7) == 0))
		return 0;
	return o.cachedir != NULL && url_is_http(r->url) &&
	    (r->h_etag != NULL || r->h_lastmod != NULL) ? 2 : 1;
}

static size_t
on_body(char *p, size_t sz, size_t n, void *ud)
{
	struct req *r = ud;

	n *= sz;
	if (o.maxsize > 0 && (long long)n > o.maxsize - r->nbody) {
		r->toobig = 1;
		return 0;
	}
	r->nbody += (long long)n;
	if (r->sinking == -1)
		r->sinking = sink_mode(r);
	if (r->sinking > 0) {
		r->sink(r, p, n);
		if (r->sinking == 1)
			return n;
	}
	buf_put(&r->body, p, n);
	return n;
}

static void
setstr(char **dst, const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == '\n' ||
	    s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	free(*dst);
	*dst = xstrndup(s, n);
}

static size_t
on_header(char *p, size_t sz, size_t n, void *ud)
{
	struct req *r = ud;
	size_t len = sz * n, k;
	const char *v;

	if (len >= 5 && memcmp(p, "HTTP/", 5) == 0) {
		/* a new response: forget the last one's headers */
		free(r->h_etag);
		free(r->h_lastmod);
		free(r->h_ctype);
		free(r->h_location);
		free(r->h_cloc);
		r->h_etag = r->h_lastmod = r->h_ctype = r->h_location = NULL;
		r->h_cloc = NULL;
		r->retry_after = -1;
		r->sinking = -1;
		return len;
	}
	if ((v = memchr(p, ':', len)) == NULL)
		return len;
	k = (size_t)(v - p);
	v++;
	if (k == 4 && ascii_ncasecmp(p, "etag", 4) == 0)
		setstr(&r->h_etag, v, len - k - 1);
	else if (k == 13 && ascii_ncasecmp(p, "last-modified", 13) == 0)
		setstr(&r->h_lastmod, v, len - k - 1);
	else if (k == 12 && ascii_ncasecmp(p, "content-type", 12) == 0)
		setstr(&r->h_ctype, v, len - k - 1);
	else if (k == 16 && ascii_ncasecmp(p, "content-location", 16) == 0)
		setstr(&r->h_cloc, v, len - k - 1);
	else if (k == 8 && ascii_ncasecmp(p, "location", 8) == 0)
		setstr(&r->h_location, v, len - k - 1);
	else if (k == 11 && ascii_ncasecmp(p, "retry-after", 11) == 0) {
		char *s = NULL;
		long long ms;

		setstr(&s, v, len - k - 1);
		if ((ms = retry_after(s, (long long)time(NULL))) >= 0)
			r->retry_after = (long)(ms / 1000);
		free(s);
	}
	return len;
}

/* The host part of url, lower-cased, into r->host. */
static void
set_host(struct req *r)
{
	const char *s = url_authority(r->cur), *e;
	size_t i = 0;

	r->host[0] = '\0';
	if (s == NULL)
		return;
	for (e = s; *e != '\0' && *e != '/' && *e != '?' && *e != '#'; e++)
		if (*e == '@')
			s = e + 1;
	for (; s < e && i + 1 < sizeof(r->host); s++)
		r->host[i++] = (char)ascii_lower((unsigned char)*s);
	r->host[i] = '\0';
}

static void PRINTFLIKE(2, 3)
reqerr(struct req *r, const char *fmt, ...)
{
	struct buf m = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	free(r->error);
	r->error = buf_detach(&m);
	r->failed = 1;
}

static int
start(struct req *r)
{
	CURL *h;
	struct curl_slist *sl = NULL;
	struct buf hb = BUF_INIT;
	int file = ascii_ncasecmp(r->cur, "file://", 7) == 0;

	if (file && !(o.allow_file && r->hops == 0)) {
		reqerr(r, "%s URL not allowed (see --allow-file)",
		    r->hops ? "redirect to a file://" : "file://");
		return -1;
	}
	if (!file && !url_is_http(r->cur)) {
		reqerr(r, "%s: only http and https are fetched", r->cur);
		return -1;
	}
	if ((h = curl_easy_init()) == NULL)
		errx(1, "cannot create a transfer");
	if (r->errbuf == NULL)
		r->errbuf = xmalloc(CURL_ERROR_SIZE);
	r->errbuf[0] = '\0';
	buf_reset(&r->body);
	r->nbody = 0;
	r->sinking = -1;
	r->retry_after = -1;
	curl_easy_setopt(h, CURLOPT_URL, r->cur);
	curl_easy_setopt(h, CURLOPT_PRIVATE, r);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, r->errbuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, file ? "file" :
	    "http,https");
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_USERAGENT, o.useragent);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, o.connect_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, o.timeout_ms);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, opensock);
	curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, r);
	/* a redirect that may not reach a private address must not reuse a
	 * pooled connection (another feed's, to a private host): only a new
	 * socket passes opensock's check */
	curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, r->hops > 0 &&
	    !private_ok(r) ? 1L : 0L);
	if (o.maxsize > 0)
		curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
		    (curl_off_t)o.maxsize);
	if (o.proxy != NULL)
		curl_easy_setopt(h, CURLOPT_PROXY, o.proxy);
	if (!r->noconditional && !file) {
		if (r->c_etag != NULL) {
			buf_printf(&hb, "If-None-Match: %s", r->c_etag);
			sl = curl_slist_append(sl, hb.s);
			buf_reset(&hb);
		}
		if (r->c_lastmod != NULL) {
			buf_printf(&hb, "If-Modified-Since: %s", r->c_lastmod);
			sl = curl_slist_append(sl, hb.s);
		}
		buf_free(&hb);
	}
	sl = curl_slist_append(sl, r->kind == REQ_FEED ? "Accept: "
	    "application/rss+xml, application/atom+xml, application/xml;"
	    "q=0.9, text/xml;q=0.9, */*;q=0.8" : "Accept: text/html, "
	    "application/xhtml+xml;q=0.9, */*;q=0.5");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, sl);
	r->slist = sl;
	r->h = h;
	r->refused = r->toobig = 0;
	r->tries++;
	set_host(r);
	if (curl_multi_add_handle(multi, h) != CURLM_OK)
		errx(1, "cannot start a transfer");
	r->state = S_RUNNING;
	nrunning++;
	return 0;
}

void
http_add(struct req *r)
{
	r->state = S_QUEUED;
	r->cur = xstrdup(r->url);
	r->retry_after = -1;
	r->next = NULL;
	buf_init(&r->body);
	if (o.cachedir != NULL && url_is_http(r->url)) {
		char *ct;

		if (cache_get(o.cachedir, r->url, &r->c_etag, &r->c_lastmod,
		    &ct, NULL, o.maxsize) == 0)
			free(ct);
	}
	if (tail != NULL)
		tail->next = r;
	else
		head = r;
	tail = r;
}

static void
unlink_req(struct req *r)
{
	struct req **pp, *prev = NULL;

	for (pp = &head; *pp != NULL; prev = *pp, pp = &(*pp)->next)
		if (*pp == r) {
			*pp = r->next;
			if (tail == r)
				tail = prev;
			break;
		}
	r->next = NULL;
}

static void
stop(struct req *r)
{
	curl_multi_remove_handle(multi, r->h);
	curl_easy_cleanup(r->h);
	curl_slist_free_all(r->slist);
	r->slist = NULL;
	r->h = NULL;
	nrunning--;
}

/* Queue r again after a backoff; 0, or -1 when no try is left. */
static int
retry(struct req *r)
{
	long long wait;

	if (r->tries > o.retries)
		return -1;
	if (r->retry_after >= 0) {
		if (r->retry_after > o.max_wait_s)
			return -1;
		wait = (long long)r->retry_after * 1000;
	} else {
		struct retry_policy p = { o.retry_ms,
		    (long long)o.max_wait_s * 1000 };

		wait = retry_backoff(&p, r->tries, retry_random());
	}
	r->not_before = now_ms() + wait;
	r->state = S_QUEUED;
	return 0;
}

static int
transient(CURLcode c)
{
	switch (c) {
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_SSL_CONNECT_ERROR:
		return 1;
	default:
		return 0;
	}
}

static void
take_headers(struct req *r)
{
	free(r->ctype);
	free(r->etag);
	free(r->lastmod);
	free(r->cloc);
	r->cloc = r->h_cloc;
	r->h_cloc = NULL;
	r->ctype = r->h_ctype;
	r->etag = r->h_etag;
	r->lastmod = r->h_lastmod;
	r->h_ctype = r->h_etag = r->h_lastmod = NULL;
}

/* A transfer ended: decide between done, redirect and retry.  Returns
 * nonzero when the request is finished. */
static int
finished(struct req *r, CURLcode code)
{
	long status = 0;
	char *next;
	const char *what;

	curl_easy_getinfo(r->h, CURLINFO_RESPONSE_CODE, &status);
	stop(r);
	r->status = status;
	r->fetched_at = (long long)time(NULL);
	if (code != CURLE_OK) {
		if (r->refused) {
			r->failed = 1;
			return 1;
		}
		if (r->toobig || code == CURLE_FILESIZE_EXCEEDED) {
			reqerr(r, "body larger than %lld bytes (see "
			    "--max-size)", o.maxsize);
			return 1;
		}
		/* what went out from the sink cannot be taken back */
		if (transient(code) && !r->sunk && retry(r) == 0)
			return 0;
		what = r->errbuf[0] ? r->errbuf : curl_easy_strerror(code);
		if (transient(code))
			reqerr(r, "%s after %d %s", what, r->tries,
			    r->tries == 1 ? "try" : "tries");
		else
			reqerr(r, "%s", what);
		return 1;
	}
	if (ascii_ncasecmp(r->cur, "file://", 7) == 0 && status == 0)
		status = r->status = 200;
	if (status >= 300 && status < 400 && status != 304 &&
	    r->h_location != NULL) {
		if (r->hops >= o.max_redirs) {
			reqerr(r, "too many redirects (more than %d)",
			    o.max_redirs);
			return 1;
		}
		next = url_resolve(r->cur, r->h_location);
		if (!url_is_http(next)) {
			reqerr(r, "redirect to %s refused: only http and "
			    "https", next);
			free(next);
			return 1;
		}
		free(r->cur);
		r->cur = next;
		r->hops++;
		r->tries--;	/* a redirect is no failed try */
		r->state = S_QUEUED;
		r->not_before = 0;
		return 0;
	}
	if (status == 304 && o.cachedir != NULL && !r->noconditional) {
		char *e, *l, *ct;

		/* served only when the entry is still the one whose
		 * validators were sent: another run may have replaced it */
		if (cache_get(o.cachedir, r->url, &e, &l, &ct, &r->body,
		    o.maxsize) == 0 && cache_same(e, r->c_etag) &&
		    cache_same(l, r->c_lastmod)) {
			r->from_cache = 1;
			free(r->h_ctype);
			r->h_ctype = ct;
			if (r->h_etag == NULL)
				r->h_etag = e;
			else
				free(e);
			if (r->h_lastmod == NULL)
				r->h_lastmod = l;
			else
				free(l);
			take_headers(r);
			r->final_url = xstrdup(r->cur);
			return 1;
		}
		free(e);
		free(l);
		free(ct);
		buf_reset(&r->body);
		/* the entry is gone or changed: ask again without
		 * validators */
		r->noconditional = 1;
		r->tries--;
		r->state = S_QUEUED;
		r->not_before = 0;
		return 0;
	}
	if (status == 429 || status >= 500) {
		if (retry(r) == 0)
			return 0;
		if (r->retry_after > o.max_wait_s)
			reqerr(r, "HTTP %ld after %d %s (Retry-After %ld s is "
			    "more than --max-wait)", status, r->tries,
			    r->tries == 1 ? "try" : "tries", r->retry_after);
		else
			reqerr(r, "HTTP %ld after %d %s", status, r->tries,
			    r->tries == 1 ? "try" : "tries");
		return 1;
	}
	take_headers(r);
	r->final_url = xstrdup(r->cur);
	if (status < 200 || status >= 300) {
		reqerr(r, "HTTP %ld", status);
		return 1;
	}
	/* a body that went to the sink alone is not there to store (the
	 * validators came after it, as trailers) */
	if (o.cachedir != NULL && url_is_http(r->url) && r->sinking != 1 &&
	    (r->etag != NULL || r->lastmod != NULL))
		if (cache_put(o.cachedir, r->url, r->etag, r->lastmod,
		    r->ctype, buf_str(&r->body), r->body.len) == -1 &&
		    !cache_warned++)
			/* not output (sec-record(5)): once, and no status */
			warn("%s: cannot write the cache", o.cachedir);
	return 1;
}

/* Start what may start now; returns ms until the next queued retry, or
 * -1 when nothing waits. */
static long long
schedule(void)
{
	struct req *r, *q;
	long long t = now_ms(), next = -1;
	int same;

	for (r = head; r != NULL && nrunning < o.jobs; r = r->next) {
		if (r->state != S_QUEUED)
			continue;
		if (r->not_before > t) {
			if (next == -1 || r->not_before - t < next)
				next = r->not_before - t;
			continue;
		}
		/* the per-host cap */
		{
			struct req tmp;

			tmp.cur = r->cur;
			set_host(&tmp);
			same = 0;
			for (q = head; q != NULL; q = q->next)
				if (q->state == S_RUNNING &&
				    strcmp(q->host, tmp.host) == 0)
					same++;
			if (same >= o.perhost)
				continue;
		}
		if (start(r) == -1)
			r->state = S_DONE;
	}
	return next;
}

int
http_step(void (*done)(struct req *, void *), void *arg)
{
	struct req *r, *nx;
	CURLMsg *m;
	long long wait;
	int running, left, ndone = 0;

	for (;;) {
		/* requests that failed before they started */
		wait = schedule();
		for (r = head; r != NULL; r = nx) {
			nx = r->next;
			if (r->state == S_DONE) {
				unlink_req(r);
				done(r, arg);
				ndone++;
			}
		}
		if (ndone > 0 || head == NULL)
			break;
		if (curl_multi_perform(multi, &running) != CURLM_OK)
			errx(1, "transfer engine failed");
		while ((m = curl_multi_info_read(multi, &left)) != NULL) {
			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
			    (char **)&r);
			if (finished(r, m->data.result))
				r->state = S_DONE;
		}
		for (r = head; r != NULL; r = r->next)
			if (r->state == S_DONE)
				break;
		if (r != NULL)
			continue;
		if (nrunning == 0 && wait < 0) {
			wait = schedule();
			if (nrunning == 0 && wait < 0)
				continue;
		}
		if (wait < 0 || wait > 1000)
			wait = 1000;
		if (nrunning > 0)
			curl_multi_poll(multi, NULL, 0, (int)wait, NULL);
		else if (wait > 0) {
			struct timespec ts;

			ts.tv_sec = wait / 1000;
			ts.tv_nsec = (wait % 1000) * 1000000;
			nanosleep(&ts, NULL);
		}
	}
	for (left = 0, r = head; r != NULL; r = r->next)
		left++;
	return left;
}

void
req_free(struct req *r)
{
	free(r->url);
	free(r->error);
	free(r->final_url);
	free(r->ctype);
	free(r->etag);
	free(r->lastmod);
	buf_free(&r->body);
	free(r->cur);
	free(r->h_etag);
	free(r->h_lastmod);
	free(r->h_ctype);
	free(r->h_location);
	free(r->h_cloc);
	free(r->cloc);
	free(r->c_etag);
	free(r->c_lastmod);
	free(r->errbuf);
}
