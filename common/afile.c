/* afile.c: replace a file atomically, written as a stream. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "util.h"

FILE *
afile_open(struct afile *af, const char *path)
{
	size_t n = strlen(path);
	int fd, saved;

	af->path = xstrdup(path);
	af->tmp = xmalloc(n + 16);
	memcpy(af->tmp, path, n);
	memcpy(af->tmp + n, ".tmpXXXXXX", 11);
	af->fp = NULL;
	if ((fd = mkstemp(af->tmp)) == -1 ||
	    (af->fp = fdopen(fd, "w")) == NULL) {
		saved = errno;
		if (fd != -1) {
			close(fd);
			unlink(af->tmp);
		}
		free(af->path);
		free(af->tmp);
		af->path = af->tmp = NULL;
		errno = saved;
		return NULL;
	}
	return af->fp;
}

static void
afile_free(struct afile *af)
{
	free(af->path);
	free(af->tmp);
	af->path = af->tmp = NULL;
	af->fp = NULL;
}

int
afile_commit(struct afile *af)
{
	int saved, fd = fileno(af->fp);

	if (fflush(af->fp) == EOF || ferror(af->fp) ||
	    fchmod(fd, 0644) == -1 || fsync(fd) == -1) {
		saved = errno != 0 ? errno : EIO;
		fclose(af->fp);
		goto fail;
	}
	if (fclose(af->fp) == EOF) {
		saved = errno;
		goto fail;
	}
	if (rename(af->tmp, af->path) == -1) {
		saved = errno;
		goto fail;
	}
	afile_free(af);
	return 0;
fail:
	unlink(af->tmp);
	afile_free(af);
	errno = saved;
	return -1;
}

void
afile_abort(struct afile *af)
{
	if (af->fp == NULL)
		return;
	fclose(af->fp);
	unlink(af->tmp);
	afile_free(af);
}
