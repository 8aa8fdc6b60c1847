/* render.h: the day's records and the three ways of writing them out
 * (sec-render(1)). */
#ifndef SEC_RENDER_RENDER_H
#define SEC_RENDER_RENDER_H

#include <stdio.h>

#include <jansson.h>

#include "buf.h"

#define RENDER_TITLE "Daily Security Info"

struct render_opts {
	const char *date;	/* YYYY-MM-DD: the CSV's date, the JSON's */
	const char *preamble;	/* paragraph under the title, or NULL */
	const char *notes;	/* Markdown for その他のメモ, or NULL */
};

struct day;

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
/* Append the IOC CSV, header first. */
void	 day_csv(const struct day *, const struct render_opts *,
	    struct buf *out);
void	 day_free(struct day *);

#endif
