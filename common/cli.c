/* cli.c: usage, help and version. */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"

#ifndef VERSION
#define VERSION "0.0.0"
#endif

void
cli_init(void)
{
	int fd;

	/* an fd that is closed gets /dev/null, as curl does */
	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF)
			if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
			    == -1)
				exit(2);
}

void
cli_usage(int status)
{
	if (status == 0) {
		if (fputs(cli_synopsis, stdout) == EOF ||
		    fputs(cli_options, stdout) == EOF)
			finish(1);
		finish(0);
	}
	fputs(cli_synopsis, stderr);
	exit(status);
}

void
cli_version(const char *extra)
{
	printf("%s %s\n", program_invocation_short_name, VERSION);
	if (extra)
		printf("%s\n", extra);
	finish(0);
}

void
cli_deprecated(const char *old, const char *now)
{
	warnx("%s is deprecated and will change or go: use %s", old, now);
}
