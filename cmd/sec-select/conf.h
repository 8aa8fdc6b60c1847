/* conf.h: the selection rules of sec-select(1), read from a small
 * line-oriented file (see the man page for the syntax). */
#ifndef SEL_CONF_H
#define SEL_CONF_H

#include <stddef.h>

enum sel_field {
	SEL_TITLE,
	SEL_SUMMARY,
	SEL_CATEGORY,
	SEL_URL,
	SEL_FEED
};

/* A pattern: matched case-insensitively (ASCII) at the start of a word of
 * the field; "^" anchors it at the start of the field, "$" at its end. */
struct sel_pat {
	char	*s;		/* the pattern without its anchors */
	size_t	 len;
	int	 start;		/* anchored with ^ */
	int	 end;		/* anchored with $ */
};

struct sel_rule {
	enum sel_field field;
	int	 keep;		/* keep overrides drop */
	struct sel_pat pat;
	char	*text;		/* "drop title webinar", for the reasons */
};

struct sel_cap {
	char	*section;
	long long max;
};

enum sel_weight {
	W_EXPLOITED,
	W_IOCS,
	W_CVE,
	W_FIX,
	W_OUTLET,
	W_NWEIGHTS
};

struct sel_conf {
	struct sel_rule *rules;
	size_t	 nrules;
	char	**ranked;	/* sections ranked, merged, capped by max */
	size_t	 nranked;
	struct sel_pat *exploited;
	size_t	 nexploited;
	struct sel_pat *fix;
	size_t	 nfix;
	struct sel_cap *caps;	/* per-section caps */
	size_t	 ncaps;
	long long max;		/* -1: not set */
	long long section_max;	/* -1: not set */
	int	 similarity;	/* percent; -1: not set */
	long long weight[W_NWEIGHTS];
};

extern const char *const sel_weight_names[W_NWEIGHTS];

/* Fill c with the built-in defaults (no rules, "news" ranked, the default
 * phrases and weights). */
void	 sel_conf_init(struct sel_conf *c);
/* Parse the text buf[0..len) named fname into c (which was initialised).
 * Returns 0, or -1 with a message "fname:line: what" in err. */
int	 sel_conf_parse(struct sel_conf *c, const char *buf, size_t len,
	    const char *fname, char *err, size_t errlen);
void	 sel_conf_free(struct sel_conf *c);

/* Does pattern p match the string s[0..n)? */
int	 sel_match(const struct sel_pat *p, const char *s, size_t n);

#endif
