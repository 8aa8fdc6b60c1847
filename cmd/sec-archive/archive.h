/* archive.h: the archive database of sec-archive(1): its schema, the
 * writes of one input in one transaction, the checks and the queries. */
#ifndef SEC_ARCHIVE_ARCHIVE_H
#define SEC_ARCHIVE_ARCHIVE_H

#include <stddef.h>

#include <jansson.h>
#include <sqlite3.h>

/* the schema this build writes (PRAGMA user_version) */
#define ARC_SCHEMA	2

#define ARC_NSTMT	16

struct arc {
	sqlite3		*db;
	sqlite3_stmt	*stmt[ARC_NSTMT];	/* prepared once, kept */
	const char	*path;
	int		 failed;	/* a write failed: exit 3 */
	int		 version;	/* the schema's, once open */
};

/* Open (creating it and its directory when create is set) and migrate
 * the database at path; wait up to timeout_ms for another writer.
 * Returns 0, or -1 after a warning (a->failed set when it is a write
 * that failed). */
int	 arc_open(struct arc *, const char *path, int create, int timeout_ms);
void	 arc_close(struct arc *);
/* The exit status for the SQLite error code rc: EXIT_WRITE for a full
 * disk, an I/O error or a read-only file, else EXIT_INPUT. */
int	 arc_status(int rc);
/* Warn with the database's message for what failed; the status for it
 * (arc_status()). */
int	 arc_warn(struct arc *, const char *what);

/* Run sql (no rows); 0, or the SQLite error code after a warning. */
int	 arc_exec(struct arc *, const char *sql);

/* One input: begin its transaction (waiting for other writers), and
 * find out whether the source (day, kind) is already stored with the
 * same content (*same set; nothing is to be done then).  Otherwise the
 * old rows of (day, kind) are removed and a new source row made. */
struct arc_src {
	sqlite3_int64	 id;
	const char	*day;	/* YYYY-MM-DD, or NULL for the taxonomy */
	const char	*kind;	/* "ndjson", "report", "ioc-csv", ... */
	int		 seq;	/* the next article's number */
	int		 replaced;	/* an older (day, kind) was removed */
	json_t		*keys;	/* event keys used in this source */
	size_t		 narticles, nindicators, nevents, ntags, nother;
};
int	 arc_begin(struct arc *, struct arc_src *, const char *day,
	    const char *kind, const char *path, const char *sha256,
	    long long size, int *same);
/* Commit (or roll back when ok is 0) the transaction arc_begin()
 * started.  Returns 0, or the SQLite error code after a warning. */
int	 arc_end(struct arc *, struct arc_src *, int ok);

/* Store one record of sec-record(5) (borrowed): its article, its
 * indicators, its event and tags.  0, or an SQLite error code. */
int	 arc_put_record(struct arc *, struct arc_src *, const json_t *rec);
/* The events and tags of a day's records (all of them, in their order:
 * the keys are unique in the day), as sec-render writes them.  0, or an
 * SQLite error code. */
int	 arc_put_day_events(struct arc *, struct arc_src *,
	    const json_t *recs);
/* Store one row of an analyst's CSV: kind "ioc-csv", "events" or
 * "event-tags"; get(name) gives the field of column name ("" when the
 * file has none).  0, or an SQLite error code. */
typedef const char *(*arc_getfn)(const char *name, void *arg);
int	 arc_put_row(struct arc *, struct arc_src *, arc_getfn get,
	    void *arg);
/* Replace the taxonomy tables with the dimensions and values of dir
 * (taxonomy_load()); 0, or an SQLite error code. */
struct taxonomy;
int	 arc_put_taxonomy(struct arc *, struct arc_src *,
	    const struct taxonomy *);

/* sec-archive check: PRAGMA integrity_check and the schema's own
 * invariants; the number of problems reported (0: clean), -1 when the
 * checks could not run. */
long	 arc_check(struct arc *);

#endif
