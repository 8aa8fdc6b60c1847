/* price.h: the user's table of model prices (--price). */
#ifndef PRICE_H
#define PRICE_H

#include <stddef.h>

struct price {
	double	 in, out;	/* per million input and output tokens */
	char	 unit[16];	/* the currency the table names, or "" */
	long	 line;		/* the line that matched */
};

/* Look model up in the table text[0..len): lines "MODEL INPUT OUTPUT
 * [UNIT]" separated by blanks, '#' comments and blank lines; a MODEL that
 * ends in '*' matches the names that begin with the rest; the first line
 * that matches wins.  Returns 1 when found (*p filled), 0 when not, -1
 * when a line is malformed: err gets "line N: why" (every line is
 * checked, whether or not one matched before it). */
int	 price_find(const char *text, size_t len, const char *model,
	    struct price *p, char *err, size_t errlen);
/* The cost of in and out tokens at p, rounded to 1e-6 of the unit. */
double	 price_cost(const struct price *p, long long in, long long out);

#endif
