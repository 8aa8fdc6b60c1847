/* url_resolve.c: a reference resolved against its base URL (RFC 3986,
 * by libxml2).  Apart from url.c so that only the tools that resolve
 * links need libxml2. */
#include <libxml/uri.h>

#include "buf.h"
#include "url.h"
#include "util.h"

char *
url_resolve(const char *base, const char *ref)
{
	struct buf b = BUF_INIT;

	if (ref == NULL)
		return base ? xstrdup(base) : NULL;
	url_resolve_to(&b, base, ref);
	return buf_detach(&b);
}

void
url_resolve_to(struct buf *out, const char *base, const char *ref)
{
	xmlChar *r;

	while (ASCII_ISSPACE(*ref))
		ref++;
	if (base == NULL || *base == '\0' || url_is_http(ref) ||
	    (r = xmlBuildURI((const xmlChar *)ref,
	    (const xmlChar *)base)) == NULL) {
		buf_puts(out, ref);
		return;
	}
	buf_puts(out, (const char *)r);
	xmlFree(r);
}
