/* defang.c: the report's defanged form of an indicator, and the type of
 * an indicator told from its value. */
#include <arpa/inet.h>
#include <string.h>

#include "defang.h"
#include "url.h"
#include "util.h"

/* Copy s[0..n) with each dot as "[.]"; a "[.]" already there is kept. */
static void
dots(struct buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '.' && !(i > 0 && s[i - 1] == '[' && i + 1 < n &&
		    s[i + 1] == ']'))
			buf_puts(out, "[.]");
		else
			buf_putc(out, s[i]);
	}
}

static void
url(struct buf *out, const char *v)
{
	const char *p, *host, *end;
	size_t slen;

	if ((p = url_authority(v)) != NULL)
		p -= 3;		/* the "://" */
	else if ((p = strstr(v, "[://]")) == NULL) {
		/* no scheme: treat the part before the first / as host */
		end = v + strcspn(v, "/?#");
		dots(out, v, (size_t)(end - v));
		buf_puts(out, end);
		return;
	}
	slen = (size_t)(p - v);
	if (slen == 4 && ascii_ncasecmp(v, "http", 4) == 0)
		buf_puts(out, "hxxp");
	else if (slen == 5 && ascii_ncasecmp(v, "https", 5) == 0)
		buf_puts(out, "hxxps");
	else if (slen == 3 && ascii_ncasecmp(v, "ftp", 3) == 0)
		buf_puts(out, "fxp");
	else
		buf_put(out, v, slen);
	if (strncmp(p, "[://]", 5) == 0) {
		buf_puts(out, "[://]");
		host = p + 5;
	} else {
		buf_puts(out, "://");
		host = p + 3;
	}
	end = host + strcspn(host, "/?#");
	dots(out, host, (size_t)(end - host));
	buf_puts(out, end);
}

void
defang(struct buf *out, const char *v, const char *type)
{
	const char *at;
	size_t i;

	if (type == NULL)
		type = strstr(v, "[://]") != NULL ? "url" : ioc_guess_type(v);
	if (strcmp(type, "url") == 0)
		url(out, v);
	else if (strcmp(type, "ipv4") == 0 || strcmp(type, "domain") == 0 ||
	    strcmp(type, "ipv4-cidr") == 0 || strcmp(type, "cidr") == 0)
		dots(out, v, strlen(v));
	else if (strcmp(type, "ipv6") == 0) {
		for (i = 0; v[i]; i++) {
			if (v[i] == ':' && !(i > 0 && v[i - 1] == '['))
				buf_puts(out, "[:]");
			else
				buf_putc(out, v[i]);
		}
	} else if (strcmp(type, "email") == 0 &&
	    (at = strrchr(v, '@')) != NULL) {
		buf_put(out, v, (size_t)(at - v));
		if (at > v && at[-1] == '[')
			buf_putc(out, '@');
		else
			buf_puts(out, "[@]");
		dots(out, at + 1, strlen(at + 1));
	} else
		buf_puts(out, v);
}

void
ioc_addr_bare(struct buf *out, const char *s)
{
	const char *e;

	if (*s == '[' && (e = strchr(s, ']')) != NULL) {
		buf_put(out, s + 1, (size_t)(e - s - 1));
		return;
	}
	if ((e = strchr(s, ':')) != NULL && strchr(s, '.') != NULL &&
	    strchr(e + 1, ':') == NULL) {
		buf_put(out, s, (size_t)(e - s));
		return;
	}
	buf_put(out, s, strcspn(s, "/"));
}

const char *
ioc_addr_type(const char *s)
{
	struct buf b = BUF_INIT;
	unsigned char a[16];
	const char *t = NULL;

	ioc_addr_bare(&b, s);
	if (inet_pton(AF_INET, buf_str(&b), a) == 1)
		t = "ipv4";
	else if (inet_pton(AF_INET6, buf_str(&b), a) == 1)
		t = "ipv6";
	buf_free(&b);
	return t;
}

static int
allhex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!ASCII_ISXDIGIT((unsigned char)s[i]))
			return 0;
	return n > 0;
}

const char *
ioc_guess_type(const char *v)
{
	const char *p, *at, *dot;
	size_t n = strlen(v), i;
	int hasalpha;

	if (url_has_scheme(v) || ascii_ncasecmp(v, "hxxp", 4) == 0)
		return "url";
	if ((p = ioc_addr_type(v)) != NULL)	/* with a port or prefix too */
		return p;
	if (ascii_ncasecmp(v, "CVE-", 4) == 0 && n >= 13 &&
	    ASCII_ISDIGIT(v[4]))
		return "cve";
	if (ascii_ncasecmp(v, "AS", 2) == 0 && n > 2 && n < 13) {
		for (i = 2; i < n && ASCII_ISDIGIT(v[i]); i++)
			;
		if (i == n)
			return "asn";
	}
	if (allhex(v, n)) {
		switch (n) {
		case 32:
			return "md5";
		case 40:
			return "sha1";
		case 64:
			return "sha256";
		case 128:
			return "sha512";
		}
	}
	if ((at = strchr(v, '@')) != NULL && at > v && strchr(at, '.'))
		return "email";
	if ((dot = strrchr(v, '.')) != NULL && dot > v && dot[1] != '\0') {
		hasalpha = 0;
		for (p = v; *p; p++) {
			if ((unsigned char)*p >= 0x80 || ASCII_ISALPHA(*p))
				hasalpha = 1;
			else if (!ASCII_ISDIGIT(*p) && *p != '.' &&
			    *p != '-' && *p != '_')
				return "other";
		}
		if (hasalpha)
			return "domain";
	}
	return "other";
}
