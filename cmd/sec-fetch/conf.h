/* conf.h: the feed list: sec-fetch's config file or an OPML export. */
#ifndef SEC_FETCH_CONF_H
#define SEC_FETCH_CONF_H

#include <stddef.h>

struct feedconf {
	char	*name;
	char	*url;
	char	*section;	/* never NULL */
	char	*lang;		/* NULL: from the feed */
	char	*encoding;	/* NULL: from the feed or the server */
};

struct feedlist {
	struct feedconf *v;
	size_t	 n, cap;
};

/* Nonzero when s names one of the report sections (section_find()). */
int	 conf_section_ok(const char *s);
/* Append a feed (strings are copied, the name without the userinfo of
 * a URL in it; NULL section means "news"). */
void	 conf_add(struct feedlist *, const char *name, const char *url,
	    const char *section, const char *lang, const char *encoding);
/* Read a config file or an OPML file (told apart by content) from
 * text[0..n), named path in messages.  Problems are reported as
 * "path:line: what"; returns the number of them (0 when all is well). */
int	 conf_parse(struct feedlist *, const char *path, const char *text,
	    size_t n);
void	 conf_free(struct feedlist *);

#endif
