/* site.h: the parts of sec-site shared between its files: the archive as
 * the site sees it, and the writers of its pages. */
#ifndef SEC_SITE_H
#define SEC_SITE_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"

struct s_day {
	char	 ymd[9];	/* YYYYMMDD */
	char	 date[11];	/* YYYY-MM-DD */
	json_t	*recs;		/* the day's records (owned) */
	size_t	 first, n;	/* its articles in site.art */
};

struct s_art {
	size_t	 day;		/* index in site.day */
	size_t	 pos;		/* its number in the day (the anchor) */
	const json_t *rec;	/* borrowed from the day */
	int	 section;	/* enum section */
};

struct s_ioc {
	char	*type, *value, *defanged, *category, *actor, *malware;
	char	*attribution, *mtype, *reference, *description;
	char	 first[11], last[11];
	size_t	 art;		/* the article of the first sighting */
	size_t	 nseen;
};

/* An indicator of the analyst's IOC CSVs in an archive: its own
 * attributes, and a day to find its article in. */
struct s_extra {
	char	*day, *type, *value, *defanged, *category, *actor;
	char	*attribution, *malware, *mtype, *reference, *description;
};

struct site {
	struct s_day	*day;	/* oldest first */
	size_t		 nday;
	struct s_art	*art;
	size_t		 nart;
	struct s_ioc	*ioc;
	size_t		 nioc;
	struct s_extra	*extra;
	size_t		 nextra;
	const char	*base_url;	/* or NULL */
	const char	*title;
};

/* load.c */
/* A new day of the site for YYYY-MM-DD (its records empty). */
struct s_day *site_day(struct site *, const char *iso);
/* Add the records of one day file (YYYYMMDD*.ndjson); 0, or -1 after a
 * message naming the file. */
int	 site_add_file(struct site *, const char *path);
/* archive.c: add the days of a sec-archive database (read-only); 0, or
 * -1 after a message. */
int	 site_add_archive(struct site *, const char *path);
/* Sort the days, number the articles, gather the indicators. */
void	 site_finish(struct site *);
void	 site_free(struct site *);
/* The digest's title or the record's, never NULL. */
const char *art_title(const struct s_art *);
/* Whether an indicator of a record is one the site lists. */
int	 ioc_listed(const json_t *ioc);

/* pages.c: each appends a whole file to out. */
void	 page_index(const struct site *, struct buf *out);
void	 page_day(const struct site *, size_t day, struct buf *out);
void	 page_table(const struct site *, const char *kind, struct buf *out);
/* The data files: data/KIND-YYYYQn.js; calls fn for each with its name
 * and contents, then the manifest. */
void	 site_data(const struct site *,
	    void (*fn)(void *, const char *name, const struct buf *), void *);

/* assets.c */
extern const char *const *const site_js_lines;
extern const char *const *const site_css_lines;

#endif
