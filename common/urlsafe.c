/* urlsafe.c: strip credentials from URLs, tell a linkable scheme. */
#include <string.h>

#include "urlsafe.h"
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
