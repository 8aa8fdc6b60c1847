/* afile.h: write a file of any size atomically, as a stream: a temporary
 * file beside it, then fsync and rename.  Readers see the old file or the
 * whole new one, never a part; a failed or abandoned write leaves the old
 * file as it was and no temporary behind. */
#ifndef SEC_AFILE_H
#define SEC_AFILE_H

#include <stdio.h>

struct afile {
	char	*path;		/* the file to replace */
	char	*tmp;		/* the temporary beside it */
	FILE	*fp;		/* write here */
};

/* Open a temporary beside path; returns its stream, or NULL with errno
 * set. */
FILE	*afile_open(struct afile *, const char *path);
/* Flush, fsync, and rename the temporary over path (mode 0644).  Returns
 * 0, or -1 with errno set after removing the temporary. */
int	 afile_commit(struct afile *);
/* Give up: remove the temporary, keep path as it was. */
void	 afile_abort(struct afile *);

#endif
