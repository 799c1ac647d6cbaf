/*
 * Unit tests of the JUnit reporter: the file is parsed back with libxml2
 * and queried with XPath; counts must match the TAP verdicts, and hostile
 * agent output must leave it well-formed.
 */
#include "config.h"

#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "test-report.h"

struct jfile {
	char	 path[64];
	xmlDoc	*doc;
};

static int
setup(void **state)
{
	struct jfile *j = calloc(1, sizeof(*j));
	int fd;

	snprintf(j->path, sizeof(j->path), "/tmp/test-report-junit.XXXXXX");
	if (j == NULL || (fd = mkstemp(j->path)) == -1)
		return -1;
	close(fd);
	*state = j;
	return 0;
}

static int
teardown(void **state)
{
	struct jfile *j = *state;

	if (j->doc != NULL)
		xmlFreeDoc(j->doc);
	unlink(j->path);
	free(j);
	return 0;
}

/* Parse the written file; any well-formedness error fails the test. */
static void
jparse(struct jfile *j)
{
	j->doc = xmlReadFile(j->path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	if (j->doc == NULL)
		fail_msg("'%s' is not well-formed XML", j->path);
}

/* The string value of an XPath expression must be want. */
static void
assert_xpath(struct jfile *j, const char *expr, const char *want)
{
	xmlXPathContext *ctx = xmlXPathNewContext(j->doc);
	xmlXPathObject *o = xmlXPathEvalExpression(BAD_CAST expr, ctx);

	assert_non_null(o);
	assert_non_null(o->stringval);
	if (strcmp((const char *)o->stringval, want) != 0)
		fail_msg("%s: \"%s\", expected \"%s\"", expr,
		    (const char *)o->stringval, want);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
}

/* Write one result of each kind to j's file (the failure with the hostile
 * run when with_run is set), then parse the file. */
static void
write_all(struct jfile *j, int strict, int with_run)
{
	struct oc_reporter *r = oc_report_junit_new(j->path);
	struct oc_run *run = with_run ? hostile_run() : NULL;

	r->strict = strict;
	oc_report_begin(r, &suite, 6);
	result(r, 1, &chk_start, OC_PASS, OC_SEV_ERROR, "a note", NULL);
	result(r, 2, &chk_mon, OC_FAIL, OC_SEV_ERROR, "monitor said 0", run);
	result(r, 3, &chk_warn, OC_FAIL, OC_SEV_WARNING, "meh", NULL);
	result(r, 4, &chk_info, OC_FAIL, OC_SEV_INFO, "fyi", NULL);
	result(r, 5, &chk_hash, OC_SKIP, OC_SEV_ERROR, "needs root", NULL);
	result(r, 6, &chk_hash, OC_ERROR, OC_SEV_ERROR, "fork failed", NULL);
	oc_report_note(r, "stopped <it> & \033");
	oc_report_end(r, &totals);
	oc_report_destroy(r);
	if (run != NULL)
		free_run(run);
	jparse(j);
}

/* Suite and case attributes, outcomes and counts. */
static void
test_junit_counts(void **state)
{
	struct jfile *j = *state;

	write_all(j, 0, 1);
	assert_xpath(j, "string(/testsuites/@tests)", "6");
	assert_xpath(j, "string(/testsuites/testsuite/@name)", "heartbeat:Dummy");
	assert_xpath(j, "string(/testsuites/testsuite/@hostname)", "node1");
	assert_xpath(j, "string(/testsuites/testsuite/@tests)", "6");
	assert_xpath(j, "string(/testsuites/testsuite/@failures)", "1");
	assert_xpath(j, "string(/testsuites/testsuite/@errors)", "1");
	assert_xpath(j, "string(/testsuites/testsuite/@skipped)", "1");
	assert_xpath(j, "string(/testsuites/testsuite/@time)", "0.300");
	assert_xpath(j, "string(//testcase[1]/@classname)", "heartbeat:Dummy");
	assert_xpath(j, "string(//testcase[1]/@name)", "life.start-0");
	assert_xpath(j, "string(//testcase[1]/@time)", "1.234");
	assert_xpath(j, "string(//testcase[1]/system-out)", "a note\n");
	assert_xpath(j, "string(//testcase[2]/failure/@type)", "error");
	assert_xpath(j, "string(//testcase[2]/failure/@message)",
	    "monitor said 0");
	assert_xpath(j, "string(count(//testcase[3]/*))", "1");
	assert_xpath(j, "string(//testcase[3]/system-out)", "WARN:\n* meh\n");
	assert_xpath(j, "string(//testcase[5]/skipped/@message)", "needs root");
	assert_xpath(j, "string(//testcase[6]/error/@message)", "fork failed");
	assert_xpath(j, "string(/testsuites/testsuite/system-out)",
	    "note: stopped <it> & \\x1b\n");
	assert_xpath(j, "string(//property[@name='agent']/@value)",
	    "/x/heartbeat/Dummy");
}

/* Agent output is kept, escaped, in the failure and in system-err. */
static void
test_junit_hostile(void **state)
{
	struct jfile *j = *state;

	write_all(j, 0, 1);
	assert_xpath(j, "substring-before(//testcase[2]/failure, '\n')",
	    "* monitor said 0");
	assert_xpath(j, "string(contains(//testcase[2]/failure, "
	    "'environment: OCF_RESKEY_x=\\x1b[2J'))", "true");
	assert_xpath(j, "substring-before(//testcase[2]/system-err, '\n')",
	    "(last 10 of 14 lines)");
	assert_xpath(j, "string(contains(//testcase[2]/system-err, "
	    "'Bail out! \\xff\\xfe\\x00 \\x1b]0;title\\x07\n'))", "true");
	assert_xpath(j, "string(contains(//testcase[2]/system-err, "
	    "'\tindented\\x0d\\xc2\\x85\n'))", "true");
}

/* --strict: warnings are failures of type warning, as in TAP. */
static void
test_junit_strict(void **state)
{
	struct jfile *j = *state;

	write_all(j, 1, 0);
	assert_xpath(j, "string(/testsuites/testsuite/@failures)", "2");
	assert_xpath(j, "string(//testcase[3]/failure/@type)", "warning");
	assert_xpath(j, "string(//testcase[3]/failure)", "* meh\n");
}

/* A bail-out writes what there is and an error testcase. */
static void
test_junit_bail(void **state)
{
	struct jfile *j = *state;
	struct oc_reporter *r = oc_report_junit_new(j->path);

	oc_report_begin(r, &suite, 3);
	result(r, 1, &chk_start, OC_PASS, OC_SEV_ERROR, NULL, NULL);
	oc_report_bail(r, "cannot fork: \xff");
	oc_report_destroy(r);
	jparse(j);
	assert_xpath(j, "string(/testsuites/testsuite/@tests)", "2");
	assert_xpath(j, "string(/testsuites/testsuite/@errors)", "1");
	assert_xpath(j, "string(//testcase[2]/@name)", "ocf-check");
	assert_xpath(j, "string(//testcase[2]/error/@message)",
	    "cannot fork: \\xff");
}

/* A bail-out before anything began still gives a valid file. */
static void
test_junit_bail_early(void **state)
{
	struct jfile *j = *state;
	struct oc_reporter *r = oc_report_junit_new(j->path);

	oc_report_bail(r, "no agent");
	oc_report_destroy(r);
	jparse(j);
	assert_xpath(j, "string(/testsuites/testsuite/@name)", "ocf-check");
	assert_xpath(j, "string(//testcase/error/@type)", "bail-out");
}

/* An unwritable path is reported, not fatal. */
static void
test_junit_unwritable(void **state)
{
	struct oc_reporter *r = oc_report_junit_new("/nonexistent/dir/x.xml");

	(void)state;
	run_one(r, &chk_start, OC_PASS, OC_SEV_ERROR, NULL, NULL);
	oc_report_destroy(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_junit_counts, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_junit_hostile, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_junit_strict, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_junit_bail, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_junit_bail_early, setup,
		    teardown),
		cmocka_unit_test(test_junit_unwritable),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	xmlCleanupParser();
	return rc;
}
