/* lines.h: read newline-terminated lines with a cap on their length, in
 * bounded memory whatever the input holds. */
#ifndef SEC_LINES_H
#define SEC_LINES_H

#include <stdio.h>
#include <stddef.h>

enum lines_status {
	LINES_OK,	/* a line: *line, *len (without the newline) */
	LINES_LONG,	/* a line over the cap was skipped (*len = its size) */
	LINES_EOF,
	LINES_ERROR	/* a read error; errno is set */
};

struct lines {
	FILE	*fp;
	size_t	 maxline;	/* longest line kept, in bytes */
	char	*rbuf;		/* read buffer */
	size_t	 rpos, rlen;
	char	*line;		/* the assembled line, NUL-terminated */
	size_t	 cap;
	int	 nonl;		/* the last line returned had no newline */
};

void	 lines_init(struct lines *, FILE *, size_t maxline);
enum lines_status lines_next(struct lines *, char **line, size_t *len);
void	 lines_free(struct lines *);

#endif
