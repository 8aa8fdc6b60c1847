/* render.h: the day's records and the three ways of writing them out
 * (sec-render(1)). */
#ifndef SEC_RENDER_RENDER_H
#define SEC_RENDER_RENDER_H

#include <stdio.h>

#include <jansson.h>

#include "buf.h"

#define RENDER_TITLE "Daily Security Info"

struct taxonomy;

struct render_opts {
	const char *date;	/* YYYY-MM-DD: the CSV's date, the JSON's */
	const char *preamble;	/* paragraph under the title, or NULL */
	const char *notes;	/* Markdown for その他のメモ, or NULL */
	const char *author;	/* the CSV's author, or NULL: by engine */
	const char *confidence;	/* the CSV's policy: NULL or "auto",
				 * "card", or a fixed "high" "medium" "low" */
	const char *source_file; /* the events' source_file, or NULL:
				 * YYYYMMDD.md of date */
	const struct taxonomy *tax; /* NULL: the builtin one */
};

struct day;

/* A list of finished one-line strings (each new, owned by the list). */
struct strv {
	char	**v;
	size_t	 n;
};

void	 strv_add(struct strv *, char *);
/* Is s (or NULL) one of the words of the NULL-terminated list? */
int	 one_of(const char *s, const char *const *list);
void	 strv_free(struct strv *);

/* An article as the events and the log see it. */
struct card {
	const json_t *rec;
	const json_t *digest;	/* NULL when none */
	char	*title;		/* the report's title, one plain line */
	struct strv summary;	/* plain lines */
	char	*url;		/* http(s) only, else NULL */
	int	 model;		/* made by a model, not in its place */
	int	 has_primary;	/* the card names a primary source */
};

void	 card_load(struct card *, const json_t *rec);
void	 card_free(struct card *);

/* What the CSV and the tags left out, for the day log. */
struct day_log {
	struct strv noise;	/* "value (reason)" */
	struct strv gaps;	/* "event_key: dimension=value" */
	struct strv noioc;	/* articles without a CSV row */
	size_t	 nrows;		/* rows of the IOC CSV */
};

/* Write the day of now as YYYY-MM-DD into out (at least 11 bytes): in the
 * zone TZ names, and in Japan time (UTC+9) when TZ is unset or empty, the
 * rule of sec-daily(1).  Returns 0, or -1 when the date cannot be told. */
int	 render_today(long long now, char *out, size_t len);

struct day *day_new(void);
/* Have the day write each record's JSON article as it is added, into a
 * temporary file per section, instead of keeping the record: memory then
 * stays flat however many records there are, and only day_json_write()
 * may be used. */
void	 day_spool(struct day *);
/* Add a record (borrowed; the day keeps its own reference) to its
 * section.  Returns 0; or -1 with *why set to a static message when its
 * "section" is not one of sec-record(5)'s, in which case the record is
 * still added, to the memo section. */
int	 day_add(struct day *, json_t *rec, const char **why);
/* Append the report (FORMAT.md) to out. */
void	 day_markdown(const struct day *, const struct render_opts *,
	    struct buf *out);
/* Append the day as one JSON document (ending with a newline). */
void	 day_json(const struct day *, const struct render_opts *,
	    struct buf *out);
/* Write the same document to fp.  Returns 0, or -1 with errno set when
 * a write (or a spool) failed. */
int	 day_json_write(const struct day *, const struct render_opts *,
	    FILE *fp);
/* Append the IOC CSV, header first; log, when not NULL, gets what was
 * left out and the count of rows. */
void	 day_csv(const struct day *, const struct render_opts *,
	    struct buf *out, struct day_log *log);
/* Append the events CSV, or the event-tags CSV (WORKFLOW.md 2); gaps,
 * when not NULL, gets the tag values the taxonomy lacks. */
void	 day_events(const struct day *, const struct render_opts *,
	    struct buf *out);
void	 day_tags(const struct day *, const struct render_opts *,
	    struct buf *out, struct strv *gaps);
/* Append the day log (Markdown). */
void	 day_log(const struct day *, const struct render_opts *,
	    struct buf *out);
/* The records of section s, in input order (borrowed). */
const json_t *day_section(const struct day *, int s);
void	 day_log_free(struct day_log *);
void	 day_free(struct day *);

#endif
