/* test_csv.c: the CSV reader and the taxonomy of common/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "csv.h"
#include "taxonomy.h"

static void
test_csv(void)
{
	static const char in[] = "\xEF\xBB\xBF" "a,b,c\r\n"
	    "\"x, \"\"y\"\"\",,\"two\nlines\"\n"
	    "bad\"quote,1\n"
	    "\"closed\"junk,2\n"
	    "last,\n"
	    "\n"
	    "end";
	struct csv c;
	const char *why;

	csv_init(&c, in, sizeof(in) - 1);
	CHECK(c.bom && c.no_final_nl);
	CHECK(csv_next(&c, &why) == 1 && c.nfield == 3 && c.line == 1);
	CHECK_STR(c.field[2], "c");
	CHECK(c.crlf);
	CHECK(csv_index(&c, "b") == 1 && csv_index(&c, "z") == -1);
	CHECK(csv_next(&c, &why) == 1 && c.nfield == 3 && c.line == 2);
	CHECK_STR(c.field[0], "x, \"y\"");
	CHECK_STR(c.field[1], "");
	CHECK_STR(c.field[2], "two\nlines");
	CHECK(c.quoted_nl);
	CHECK(csv_next(&c, &why) == -1 && c.line == 4);
	CHECK_STR(why, "a quote inside an unquoted field");
	CHECK(csv_next(&c, &why) == -1 && c.line == 5);
	CHECK_STR(why, "text after a closing quote");
	CHECK(csv_next(&c, &why) == 1 && c.nfield == 2 && c.line == 6);
	CHECK_STR(c.field[1], "");
	CHECK(csv_next(&c, &why) == 1 && c.nfield == 1 && c.line == 7);
	CHECK(csv_next(&c, &why) == 1 && c.nfield == 1 && c.line == 8);
	CHECK_STR(c.field[0], "end");
	CHECK(csv_next(&c, &why) == 0);
	csv_free(&c);

	{
		struct buf b = BUF_INIT;

		csv_put(&b, "plain");
		buf_putc(&b, ',');
		csv_put(&b, "a,\"b\"\nc");
		CHECK_STR(b.s, "plain,\"a,\"\"b\"\"\nc\"");
		buf_free(&b);
	}

	csv_init(&c, "\"open", 5);
	CHECK(csv_next(&c, &why) == -1);
	CHECK_STR(why, "a quoted field is not closed");
	CHECK(csv_next(&c, &why) == 0);
	csv_free(&c);
}

static void
test_taxonomy(void)
{
	const struct taxonomy *t = taxonomy_builtin();
	struct taxonomy *l;
	struct buf err = BUF_INIT;
	char *s;

	CHECK(t->ndim == 9);
	CHECK(taxonomy_dim(t, "event_type") != NULL &&
	    !taxonomy_dim(t, "event_type")->dynamic);
	CHECK(taxonomy_dim(t, "actor")->dynamic);
	CHECK(taxonomy_accepts(t, "event_type", "incident"));
	CHECK(!taxonomy_accepts(t, "event_type", "unknown_thing"));
	/* event_type allows unknown but not not_applicable */
	CHECK(taxonomy_accepts(t, "event_type", "unknown"));
	CHECK(!taxonomy_accepts(t, "event_type", "not_applicable"));
	CHECK(taxonomy_accepts(t, "attack_method", "sql_injection"));
	CHECK(taxonomy_accepts(t, "actor", "storm_1175"));
	CHECK(!taxonomy_accepts(t, "actor", "Storm-1175"));
	CHECK(!taxonomy_accepts(t, "no_such_dimension", "x"));
	CHECK(taxonomy_value(t, "event_type", "takedown") != NULL);

	CHECK(tax_is_snake("a_b1") && !tax_is_snake("a__b") &&
	    !tax_is_snake("_a") && !tax_is_snake("a_") && !tax_is_snake("") &&
	    !tax_is_snake("A"));
	s = tax_snake("Storm-1175");
	CHECK_STR(s, "storm_1175");
	free(s);
	s = tax_snake("  Earth  Alux (REF7707) ");
	CHECK_STR(s, "earth_alux_ref7707");
	free(s);
	CHECK(tax_snake("ロシア") == NULL);

	l = taxonomy_load("/nonexistent-dir", &err);
	CHECK(l == NULL && strstr(buf_str(&err),
	    "/nonexistent-dir/taxonomy_dimensions.csv") != NULL);
	buf_free(&err);
}

int
main(void)
{
	test_csv();
	test_taxonomy();
	return check_failed;
}
