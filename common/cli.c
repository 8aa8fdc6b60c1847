/* cli.c: usage, help and version. */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "record.h"

#ifndef VERSION
#define VERSION "0.0.0"
#endif

int
cli_color(int fd)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (nc != NULL && *nc != '\0')
		return 0;
	if (term == NULL || strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fd);
}

void
cli_init(void)
{
	static char name[128];
	int fd, n;

	/* an fd that is closed gets /dev/null, as curl does */
	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF)
			if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
			    == -1)
				exit(2);
	/* err(3) prints program_invocation_short_name: bold red on a
	 * terminal; records and -V keep the plain name */
	rec_tool = program_invocation_short_name;
	if (cli_color(2)) {
		n = snprintf(name, sizeof(name), "\033[1;31m%s\033[0m",
		    rec_tool);
		if (n > 0 && (size_t)n < sizeof(name))
			program_invocation_short_name = name;
	}
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
	printf("%s %s\n", rec_toolname(), VERSION);
	if (extra)
		printf("%s\n", extra);
	finish(0);
}

void
cli_deprecated(const char *old, const char *now)
{
	warnx("%s is deprecated and will change or go: use %s", old, now);
}
