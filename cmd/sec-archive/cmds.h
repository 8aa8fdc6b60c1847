/* cmds.h: the commands of sec-archive(1). */
#ifndef SEC_ARCHIVE_CMDS_H
#define SEC_ARCHIVE_CMDS_H

#include "archive.h"

enum outfmt { OUT_AUTO, OUT_JSON, OUT_TABLE };

struct cmdopts {
	const char	*dbpath;
	int		 timeout_ms;
	enum outfmt	 out;
	int		 verbose;
};

/* Each returns the exit status. */
int	 cmd_add(struct arc *, const struct cmdopts *, const char *day,
	    int argc, char **argv);
int	 cmd_import(struct arc *, const struct cmdopts *, int argc,
	    char **argv);
int	 cmd_parse_report(int argc, char **argv);
int	 cmd_ioc(struct arc *, const struct cmdopts *, int argc, char **argv);
int	 cmd_search(struct arc *, const struct cmdopts *, const char *text);
int	 cmd_days(struct arc *, const struct cmdopts *);
int	 cmd_export(struct arc *, const char *format, const char *since,
	    const char *until);

/* export --format stix | misp-feed (cti.c) */
int	 cmd_export_cti(struct arc *, const char *format, const char *since,
	    const char *until, const char *out, const char *tlp);
/* seen -d DAY [file ...] (seen.c): the records, each indicator held
 * from a day before DAY marked "seen" */
int	 cmd_seen(struct arc *, const char *day, int argc, char **argv);
/* week YYYY-Www (weekcmd.c); outdir NULL: the review on stdout */
int	 cmd_week(struct arc *, const char *label, const char *outdir,
	    const char *shared, const char *taxdir);

#endif
