/* week.h: the weekly review (WORKFLOW.md section 3) computed from a
 * week's events, tags and indicators: the Markdown review and the three
 * CSVs of its IOC analysis.  Nothing here reads a database or a file:
 * the caller loads the rows (sec-archive from its archive). */
#ifndef SEC_ARCHIVE_WEEK_H
#define SEC_ARCHIVE_WEEK_H

#include <stddef.h>

#include "buf.h"
#include "taxonomy.h"

struct wk_event {
	const char	*key, *date, *type, *title, *confidence, *followup;
	const char	*source_url, *source_file;
	int		 needs_review;
};

struct wk_tag {
	const char	*key, *dim, *raw, *norm;
};

struct wk_ioc {
	const char	*date, *source_file;
	long		 line;
	const char	*type, *value, *category, *actor, *actor_attribute;
	const char	*malware, *malware_type, *reference, *description;
	const char	*confidence;
};

/* Hosts of shared services (code hosting, cloud storage, paste sites,
 * tunnels): a match on one of them alone says nothing. */
struct wk_shared {
	char	**exact;	/* host names */
	size_t	  nexact;
	char	**suffix;	/* ".example.com": any host under it */
	size_t	  nsuffix;
};

struct wk_input {
	char		 label[16];	/* "2026-W19" */
	char		 start[11];	/* the Sunday, YYYY-MM-DD */
	char		 end[11];	/* the Saturday */
	const struct wk_event *ev;	/* the week's events, in their order */
	size_t		 nev;
	const struct wk_tag *tag;	/* their tags (others are ignored) */
	size_t		 ntag;
	const struct wk_ioc *ioc;	/* every IOC row: the week's and all
					 * earlier ones (later ones ignored) */
	size_t		 nioc;
	const char *const *inputs;	/* the files the rows came from */
	size_t		 ninputs;
	const char *const *missing;	/* days without a file */
	size_t		 nmissing;
	const struct wk_shared *shared;
	const struct taxonomy *tax;
	const char	*analysis;	/* how the IOC analysis was made */
};

/* Parse "YYYY-Www" into in->label/start/end: the week runs from the
 * Sunday that ends ISO week ww to the Saturday after.  0 or -1. */
int	 week_range(struct wk_input *in, const char *label);
/* The review, in Markdown. */
void	 week_review(const struct wk_input *, struct buf *md);
/* The IOC analysis: the week's rows, their matches with earlier rows,
 * and the counts, as CSV with a header each. */
void	 week_ioc_csv(const struct wk_input *, struct buf *current,
	    struct buf *matches, struct buf *summary);

/* The built-in list of shared-service hosts. */
const struct wk_shared *wk_shared_builtin(void);
/* Load a list: one host a line ("." first for a suffix, "#" comments),
 * or the JSON object of host_overlap_exclude_exact_hosts and
 * host_overlap_exclude_suffixes arrays.  NULL with a message in *err. */
struct wk_shared *wk_shared_load(const char *path, struct buf *err);
void	 wk_shared_free(struct wk_shared *);
int	 wk_shared_has(const struct wk_shared *, const char *host);

#endif
