/* url.c: URLs: the canonical form of an item's link, the scheme and
 * authority, credentials stripped, a linkable scheme told.  Resolution
 * is in url_resolve.c (it needs libxml2). */
#include <string.h>

#include "buf.h"
#include "url.h"
#include "util.h"

static int
scheme_char(unsigned char c)
{
	return ASCII_ISALNUM(c) || c == '+' || c == '-' || c == '.';
}

size_t
url_strip_userinfo(char *s)
{
	char *p = s, *w = s;

	/* Copy s onto itself, dropping the userinfo after each "://". */
	while (*p != '\0') {
		char *auth, *end, *at;

		if (p[0] != ':' || p[1] != '/' || p[2] != '/' || p == s ||
		    !scheme_char((unsigned char)p[-1])) {
			*w++ = *p++;
			continue;
		}
		memmove(w, p, 3);
		w += 3;
		p += 3;
		auth = p;
		end = auth + strcspn(auth, "/?#\\ \t\r\n\"'<>");
		at = NULL;
		for (char *q = auth; q < end; q++)
			if (*q == '@')
				at = q;
		if (at != NULL)
			p = at + 1;
	}
	*w = '\0';
	return (size_t)(w - s);
}

char *
url_redacted(const char *s)
{
	char *c = xstrdup(s);

	url_strip_userinfo(c);
	return c;
}

int
url_is_http(const char *s)
{
	return ascii_ncasecmp(s, "http://", 7) == 0 ||
	    ascii_ncasecmp(s, "https://", 8) == 0;
}

int
url_has_scheme(const char *s)
{
	return strstr(s, "://") != NULL;
}

const char *
url_authority(const char *s)
{
	const char *p = strstr(s, "://");

	return p != NULL ? p + 3 : NULL;
}

size_t
url_authority_len(const char *a)
{
	return strcspn(a, "/?#");
}

const char *
url_host(const char *s, size_t *len)
{
	const char *a, *h, *e, *p;

	if ((a = url_authority(s)) == NULL)
		return NULL;
	e = a + url_authority_len(a);
	for (h = p = a; p < e; p++)
		if (*p == '@')
			h = p + 1;
	if (*h == '[' && (p = memchr(h, ']', (size_t)(e - h))) != NULL)
		e = p + 1;
	else if ((p = memchr(h, ':', (size_t)(e - h))) != NULL)
		e = p;
	*len = (size_t)(e - h);
	return h;
}

/* A query parameter that only tracks the reader. */
static int
tracking_param(const char *p, size_t n)
{
	static const struct {
		const char *s;
		size_t n;
	} names[] = {
		{ "fbclid", 6 }, { "gclid", 5 }, { "mc_cid", 6 },
		{ "mc_eid", 6 }, { "dclid", 5 }, { "msclkid", 7 }
	};
	size_t kl, i;

	kl = 0;
	while (kl < n && p[kl] != '=')
		kl++;
	/* "fbclid  " is fbclid: white space at the end goes anyway */
	while (kl > 0 && ASCII_ISSPACE((unsigned char)p[kl - 1]))
		kl--;
	if (kl > 4 && ascii_ncasecmp(p, "utm_", 4) == 0)
		return 1;
	for (i = 0; i < NELEM(names); i++)
		if (names[i].n == kl && ascii_ncasecmp(p, names[i].s, kl) == 0)
			return 1;
	return 0;
}

char *
url_canon(const char *url)
{
	struct buf b = BUF_INIT;

	url_canon_to(&b, url);
	return buf_detach(&b);
}

void
url_canon_to(struct buf *out, const char *url)
{
	const char *s, *e, *host, *hend, *port, *path, *q, *f, *end;
	size_t start = out->len, sl, i;
	int https;

	while (ASCII_ISSPACE(*url))
		url++;
	end = url + strlen(url);
	while (end > url && ASCII_ISSPACE(end[-1]))
		end--;
	if (!url_is_http(url)) {
		buf_put(out, url, (size_t)(end - url));
		return;
	}
	/* the fragment goes, and the white space before it: "a #x" and "a"
	 * are one URL (and canonical forms stay canonical) */
	if ((f = memchr(url, '#', (size_t)(end - url))) != NULL) {
		end = f;
		while (end > url && ASCII_ISSPACE(end[-1]))
			end--;
	}
	https = ascii_lower((unsigned char)url[4]) == 's';
	sl = https ? 8 : 7;
	buf_puts(out, https ? "https://" : "http://");
	host = url + sl;
	/* (the URL has no NUL before end) */
	if ((e = host + strcspn(host, "/?#")) > end)
		e = end;
	/* userinfo is kept as is; the host after it is lowered */
	s = host;
	for (i = 0; host + i < e; i++)
		if (host[i] == '@')
			s = host + i + 1;
	buf_put(out, host, (size_t)(s - host));
	hend = e;
	port = NULL;
	if (*s == '[') {
		const char *rb = memchr(s, ']', (size_t)(e - s));

		if (rb != NULL && rb + 1 < e && rb[1] == ':')
			port = rb + 1;
	} else {
		const char *c = memchr(s, ':', (size_t)(e - s));

		if (c != NULL)
			port = c;
	}
	if (port != NULL)
		hend = port;
	i = out->len;
	buf_put(out, s, (size_t)(hend - s));
	for (; i < out->len; i++)
		out->s[i] = (char)ascii_lower((unsigned char)out->s[i]);
	if (port != NULL && !((https && e - port == 4 &&
	    memcmp(port, ":443", 4) == 0) || (!https && e - port == 3 &&
	    memcmp(port, ":80", 3) == 0)) && e - port > 1)
		buf_put(out, port, (size_t)(e - port));
	/* from here on there is no '#' before end */
	path = e;
	if ((q = memchr(path, '?', (size_t)(end - path))) == NULL)
		q = end;
	if (q == path)
		buf_putc(out, '/');
	else
		buf_put(out, path, (size_t)(q - path));
	if (q < end) {
		const char *p = q + 1, *pe;
		int first = 1;

		while (p < end) {
			if ((pe = memchr(p, '&', (size_t)(end - p))) == NULL)
				pe = end;
			for (i = 0; p + i < pe && ASCII_ISSPACE(p[i]); i++)
				;
			/* empty, blank and tracking parameters go */
			if (p + i < pe &&
			    !tracking_param(p, (size_t)(pe - p))) {
				buf_putc(out, first ? '?' : '&');
				buf_put(out, p, (size_t)(pe - p));
				first = 0;
			}
			p = pe + 1;
		}
	}
	while (out->len > start && ASCII_ISSPACE(out->s[out->len - 1]))
		out->s[--out->len] = '\0';
}
