/* defang.c: the report's defanged form of an indicator. */
#include <string.h>

#include "defang.h"
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

	p = strstr(v, "://");
	if (p == NULL && (p = strstr(v, "[://]")) == NULL) {
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

	if (type == NULL) {
		if (strstr(v, "://") || strstr(v, "[://]"))
			type = "url";
		else if (strchr(v, '@'))
			type = "email";
		else if (strchr(v, ':'))
			type = "ipv6";
		else
			type = "domain";
	}
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
