/* taxonomy.h: the event taxonomy: dimensions and their values.
 *
 * The shipped taxonomy (data/taxonomy/) is compiled in; a directory
 * holding taxonomy_dimensions.csv and taxonomy_values.csv (the layout the
 * analyst's own files have) replaces it. */
#ifndef SEC_TAXONOMY_H
#define SEC_TAXONOMY_H

#include <stddef.h>

#include "buf.h"

struct tax_dim {
	char	*name;
	char	*label_ja;
	int	 dynamic;	/* values are free snake_case, not listed */
	int	 allow_unknown;
	int	 allow_na;	/* "not_applicable" */
	int	 active;
	long	 sort;
};

struct tax_value {
	char	*dim;
	char	*value;
	char	*label_ja;
	char	*label_en;
	int	 active;
	long	 sort;
};

struct taxonomy {
	struct tax_dim	 *dim;
	size_t		  ndim;
	struct tax_value *val;
	size_t		  nval;
};

/* The compiled-in taxonomy (never NULL; shared, do not free). */
const struct taxonomy *taxonomy_builtin(void);
/* Load dir/taxonomy_dimensions.csv and dir/taxonomy_values.csv.  NULL on
 * failure, with a message naming the file and line in *err. */
struct taxonomy *taxonomy_load(const char *dir, struct buf *err);
void	 taxonomy_free(struct taxonomy *);

const struct tax_dim *taxonomy_dim(const struct taxonomy *, const char *);
/* The listed value of dim, or NULL. */
const struct tax_value *taxonomy_value(const struct taxonomy *,
	    const char *dim, const char *value);
/* Whether value may be the normalized value of dim: a listed value of a
 * closed dimension, snake_case for a dynamic one; "unknown" and
 * "not_applicable" only where the dimension allows them. */
int	 taxonomy_accepts(const struct taxonomy *, const char *dim,
	    const char *value);
/* Whether s is snake_case: ^[a-z0-9]+(_[a-z0-9]+)*$ */
int	 tax_is_snake(const char *s);
/* raw as snake_case ("Storm-1175" -> "storm_1175"): ASCII letters
 * lower-cased, digits kept, every other run one "_".  NULL when nothing
 * is left (a name in another script). */
char	*tax_snake(const char *raw);

#endif
