/* extint.h: what the parts of sec-extract share (not a public API). */
#ifndef SEC_EXTINT_H
#define SEC_EXTINT_H

#include <libxml/HTMLparser.h>

#include "buf.h"

/* Metadata candidates met during the walk, best first within a field. */
struct meta {
	char	*og_title, *ld_headline, *title_tag, *h1;
	char	*author_meta, *ld_author, *byline_el;
	char	*pub_meta, *ld_date, *pub_other, *time_dt;
	char	*lang_html, *lang_meta;
	char	*site_og, *site_ld, *site_app;
	char	*canonical, *og_url, *base_href;
};

/* Look at an element for metadata (meta, link, title, script ld+json,
 * time, html, base).  Cheap for all other elements. */
void	 meta_element(struct meta *, xmlNode *);
/* Element text with white space collapsed, at most max bytes (new). */
char	*node_text(xmlNode *, size_t max);
void	 meta_free(struct meta *);
/* The site name suffix or prefix taken off a <title>. */
char	*title_clean(const char *title, const char *site);

#endif
