/* extract.h: the main text, metadata and links of an HTML page. */
#ifndef SEC_EXTRACT_H
#define SEC_EXTRACT_H

#include <stddef.h>

struct ext_link {
	char	*url;		/* absolute */
	char	*text;		/* the anchor text, white space collapsed */
	int	 primary;	/* the text cites it as the story's source */
};

#define EXT_MAXERR 4

/* Everything found in one page.  Strings are valid UTF-8 without NUL
 * bytes, or NULL when not found. */
struct ext_result {
	char	*text;		/* main text (never NULL after extract_page) */
	size_t	 textlen;
	char	*title;
	char	*byline;
	char	*published;	/* RFC 3339 UTC */
	char	*lang;
	char	*site_name;
	char	*canonical;
	struct ext_link *links;
	size_t	 nlinks;
	char	*errors[EXT_MAXERR];	/* problems met, for "errors" */
	int	 nerrors;
};

struct ext_opts {
	const char *url;	/* the page's address, or NULL */
	int	 raw;		/* bytes may be in any encoding (else UTF-8) */
	int	 keep_title;	/* keep h1 headings in the text */
	size_t	 maxpage;	/* bytes parsed at most; 0: no limit */
};

/* Extract from page[0..len).  Fills *res (caller frees it with
 * ext_result_free).  Never fails: problems are listed in res->errors. */
void	 extract_page(const char *page, size_t len, const struct ext_opts *,
	    struct ext_result *res);
void	 ext_result_free(struct ext_result *);

/* Helpers, exposed for the unit tests. */
/* Convert raw page bytes to UTF-8 in the charset a BOM names, else the
 * one charset_pick() chooses from the <meta charset> and the bytes,
 * repairing invalid bytes and dropping NULs.  Returns a new string;
 * *outlen its length; what was chosen in *pick unless it is NULL. */
struct charset_pick;
char	*ext_to_utf8(const char *s, size_t n, size_t *outlen,
	    struct charset_pick *pick);
/* A page's date, read by date_parse() (date.h), as RFC 3339 UTC in
 * out[21].  Returns 0, or -1 when s is not a date or is before 1970. */
int	 ext_parse_date(const char *s, char out[21]);
/* Guess a language tag from text: "ja", "ko", "zh", "ru", "en" or NULL. */
const char *ext_guess_lang(const char *s, size_t n);

#endif
