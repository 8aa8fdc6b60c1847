/* cli.h: the usage, help and version conventions every tool shares. */
#ifndef SEC_CLI_H
#define SEC_CLI_H

#include "util.h"

/* Each tool defines these two: the synopsis exactly as in its man page
 * ("usage: sec-x [-h] ...", may span lines), and the option list shown by
 * -h. */
extern const char cli_synopsis[];
extern const char cli_options[];

/* Prepare the process: make sure fds 0-2 are open (so a socket or file
 * never lands on them), and colour the tool's name in its diagnostics
 * when cli_color(2).  Call first in main(). */
void	 cli_init(void);
/* 1 when output to fd may be coloured: it is a terminal, NO_COLOR is
 * unset or empty and TERM is not "dumb". */
int	 cli_color(int fd);
/* status 0 (-h): synopsis and options on stdout, exit 0.  Otherwise the
 * synopsis on stderr and exit status (2 for usage errors). */
NORETURN void cli_usage(int status);
/* -V: "<tool> <version>" and, when extra is not NULL, a second line. */
NORETURN void cli_version(const char *extra);
/* An old spelling of an option, still accepted for a release: say on
 * stderr what replaces it. */
void	 cli_deprecated(const char *old, const char *now);

#endif
