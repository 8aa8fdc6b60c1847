/* assets.c: the script and the style sheet, compiled in from
 * cmd/sec-site/site.js and site.css (site.h). */
#include <stddef.h>

#include "site.h"

#include "sec_site_assets.h"	/* generated */

const char *const *const site_js_lines = site_js_lines_;
const char *const *const site_css_lines = site_css_lines_;
