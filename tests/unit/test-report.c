/*
 * Unit tests of the reporters: dispatch, tee, shared wording and the text
 * back end, rendered into open_memstream() streams.  TAP and JUnit are in
 * test-report-tap.c; both use the helpers of test-report.h.
 */
#include "test-report.h"

/* Labels follow status and severity. */
static void
test_labels(void **state)
{
	struct oc_result res = { .status = OC_PASS };

	(void)state;
	assert_string_equal(oc_result_label(&res), "PASS");
	res.status = OC_SKIP;
	assert_string_equal(oc_result_label(&res), "SKIP");
	res.status = OC_ERROR;
	assert_string_equal(oc_result_label(&res), "ERROR");
	res.status = OC_FAIL;
	res.sev = OC_SEV_ERROR;
	assert_string_equal(oc_result_label(&res), "FAIL");
	res.sev = OC_SEV_WARNING;
	assert_string_equal(oc_result_label(&res), "WARN");
	res.sev = OC_SEV_INFO;
	assert_string_equal(oc_result_label(&res), "INFO");
}

/* Errors always fail, warnings only under --strict, info never. */
static void
test_fails(void **state)
{
	struct oc_result res = { .status = OC_FAIL, .sev = OC_SEV_WARNING };

	(void)state;
	assert_false(oc_result_fails(&res, 0));
	assert_true(oc_result_fails(&res, 1));
	res.sev = OC_SEV_INFO;
	assert_false(oc_result_fails(&res, 1));
	res.sev = OC_SEV_ERROR;
	assert_true(oc_result_fails(&res, 0));
	res.status = OC_ERROR;
	assert_true(oc_result_fails(&res, 0));
	res.status = OC_SKIP;
	assert_false(oc_result_fails(&res, 1));
}

static void
assert_escaped(const char *in, size_t n, int keep_nl, const char *want)
{
	struct oc_buf b = OC_BUF_INIT;

	oc_report_escape(&b, in, n, keep_nl);
	assert_string_equal(b.buf, want);
	oc_buf_release(&b);
}

/* Control characters, C1, separators and bad UTF-8 become \xNN. */
static void
test_escape(void **state)
{
	(void)state;
	assert_escaped("plain é ✓ 😀", 17, 0, "plain é ✓ 😀");
	assert_escaped("a\tb\nc", 5, 0, "a\\tb\\nc");
	assert_escaped("a\tb\nc", 5, 1, "a\tb\nc");
	assert_escaped("\033[31mred\r", 9, 1, "\\x1b[31mred\\x0d");
	assert_escaped("nul\0x", 5, 0, "nul\\x00x");
	assert_escaped("\xff\xfe ok \xc3", 7, 0, "\\xff\\xfe ok \\xc3");
	assert_escaped("\xc2\x9b" "1m", 4, 0, "\\xc2\\x9b1m");
	assert_escaped("\xe2\x80\xa8|\xef\xbb\xbf|\xef\xbf\xbf", 11, 0,
	    "\\xe2\\x80\\xa8|\\xef\\xbb\\xbf|\\xef\\xbf\\xbf");
	assert_escaped("\xed\xa0\x80", 3, 0, "\\xed\\xa0\\x80");
	assert_escaped("\x7f", 1, 0, "\\x7f");
}

/* The tail helper counts lines and finds the last n. */
static void
test_tail(void **state)
{
	struct oc_buf b = OC_BUF_INIT;
	size_t total;

	(void)state;
	oc_buf_adds(&b, "1\n2\n3\n4\n");
	assert_string_equal(oc_report_tail(&b, 2, &total), "3\n4\n");
	assert_int_equal(total, 4);
	oc_buf_adds(&b, "5");
	assert_string_equal(oc_report_tail(&b, 2, &total), "4\n5");
	assert_int_equal(total, 5);
	oc_buf_release(&b);
	(void)oc_report_tail(&b, 2, &total);
	assert_int_equal(total, 0);
}

/* NULL reporters are ignored; the tee reaches every member. */
static void
test_tee(void **state)
{
	struct cap a, b;
	struct oc_reporter *reps[2], *tee;

	(void)state;
	oc_report_begin(NULL, &suite, 1);
	oc_report_note(NULL, "x");
	oc_report_destroy(NULL);
	reps[0] = cap_open(&a, oc_report_text_new);
	reps[1] = cap_open(&b, oc_report_tap_new);
	tee = oc_report_tee(reps, 2);
	run_one(tee, &chk_start, OC_PASS, OC_SEV_ERROR, NULL, NULL);
	assert_non_null(strstr(cap_text(&a), "PASS  life.start-0 - start "
	    "returns 0\n"));
	assert_non_null(strstr(cap_text(&b), "\nok 1 - life.start-0: start "
	    "returns 0\n"));
	oc_report_destroy(tee);
	cap_free(&a);
	cap_free(&b);
}

/* The result line: label, id, title; the last line is ocf-tester's. */
static void
test_text_pass(void **state)
{
	struct cap c;
	struct oc_reporter *r = cap_open(&c, oc_report_text_new);

	(void)state;
	run_one(r, &chk_start, OC_PASS, OC_SEV_ERROR, NULL, NULL);
	assert_string_equal(cap_text(&c),
	    "Beginning tests for /x/heartbeat/Dummy (heartbeat:Dummy), "
	    "1 check\n"
	    "PASS  life.start-0 - start returns 0\n"
	    "Summary: 1 passed, 0 failed, 0 warnings, 0 skipped, 0 info; "
	    "3 agent actions in 0.250 s, ocf-check overhead 0.050 s\n"
	    "/x/heartbeat/Dummy passed all tests\n");
	cap_close(&c, r);
}

/* Only lines that are results start with a label, even with hostile
 * agent output; the reason block names action, codes and stderr. */
static void
test_text_fail(void **state)
{
	struct cap c;
	struct oc_reporter *r = cap_open(&c, oc_report_text_new);
	struct oc_run *run = hostile_run();
	const char *out;

	(void)state;
	run_one(r, &chk_mon, OC_FAIL, OC_SEV_ERROR,
	    "monitor returned 0 on a stopped resource\nFAIL second line", run);
	out = cap_text(&c);
	assert_only_result_lines(out, 1);
	assert_has_line(out, "FAIL  life.monitor-stopped - monitor returns 7 "
	    "when stopped");
	assert_has_line(out, "      * monitor returned 0 on a stopped resource");
	assert_has_line(out, "      * FAIL second line");
	assert_has_line(out, "      action:      monitor (probe)");
	assert_has_line(out, "      environment: OCF_RESKEY_x=\\x1b[2J");
	assert_has_line(out, "      expected:    OCF_NOT_RUNNING (7)");
	assert_has_line(out, "      got:         exited with OCF_SUCCESS (0)");
	assert_has_line(out, "      duration:    12 ms (timeout 20000 ms)");
	assert_has_line(out, "      exit reason: bad \\x1b thing");
	assert_has_line(out, "      stderr (last 10 of 14 lines):");
	assert_has_line(out, "      | FAIL fake.id - fake");
	assert_has_line(out, "      | Bail out! \\xff\\xfe\\x00 \\x1b]0;title\\x07");
	assert_has_line(out, "      note: 7 bytes of stderr were dropped (over "
	    "the output limit)");
	assert_has_line(out, "Tests failed: /x/heartbeat/Dummy failed 1 test");
	assert_null(strchr(out, '\033'));
	cap_close(&c, r);
	free_run(run);
}

/* -q: failures, warnings and the summary only. */
static void
test_text_quiet(void **state)
{
	struct cap c;
	struct oc_reporter *r = cap_open(&c, oc_report_text_new);
	const char *out;

	(void)state;
	r->quiet = 1;
	oc_report_begin(r, &suite, 4);
	result(r, 1, &chk_start, OC_PASS, OC_SEV_ERROR, NULL, NULL);
	result(r, 2, &chk_mon, OC_SKIP, OC_SEV_ERROR, "not here", NULL);
	result(r, 3, &chk_warn, OC_FAIL, OC_SEV_WARNING, "meh", NULL);
	result(r, 4, &chk_info, OC_FAIL, OC_SEV_INFO, "fyi", NULL);
	oc_report_note(r, "stopped the resource");
	oc_report_end(r, &totals);
	out = cap_text(&c);
	assert_string_equal(out, "WARN  meta.x - a warning\n      * meh\n"
	    "Summary: 1 passed, 0 failed, 0 warnings, 0 skipped, 0 info; "
	    "3 agent actions in 0.250 s, ocf-check overhead 0.050 s\n"
	    "/x/heartbeat/Dummy passed all tests\n");
	cap_close(&c, r);
}

/* SKIP reasons stay on the line; INFO and notes of passes need -v. */
static void
test_text_skip_info(void **state)
{
	struct cap c;
	struct oc_reporter *r = cap_open(&c, oc_report_text_new);
	const char *out;

	(void)state;
	result(r, 1, &chk_mon, OC_SKIP, OC_SEV_ERROR, "needs root\nmore", NULL);
	result(r, 2, &chk_info, OC_FAIL, OC_SEV_INFO, "fyi", NULL);
	r->verbose = 1;
	result(r, 3, &chk_info, OC_FAIL, OC_SEV_INFO, "fyi", NULL);
	result(r, 4, &chk_start, OC_PASS, OC_SEV_ERROR, "took 3 s", NULL);
	out = cap_text(&c);
	assert_string_equal(out, "SKIP  life.monitor-stopped - monitor "
	    "returns 7 when stopped (needs root)\n      * more\n"
	    "INFO  meta.y - an info\n      * fyi\n"
	    "PASS  life.start-0 - start returns 0\n      * took 3 s\n");
	cap_close(&c, r);
}

/* -v shows every action with its environment, result and output. */
static void
test_text_verbose_action(void **state)
{
	struct cap c;
	struct oc_reporter *r = cap_open(&c, oc_report_text_new);
	struct oc_run *run = hostile_run();
	const char *out;

	(void)state;
	oc_report_action(r, run);
	assert_string_equal(cap_text(&c), "");
	r->verbose = 1;
	oc_report_action(r, run);
	out = cap_text(&c);
	assert_only_result_lines(out, 0);
	assert_has_line(out, "  run 4: monitor (probe) [OCF_RESKEY_x=\\x1b[2J] "
	    "exited with OCF_SUCCESS (0) in 12 ms");
	assert_has_line(out, "    stdout:");
	assert_has_line(out, "    | ok 1 - fake");
	assert_has_line(out, "    stderr (last 10 of 14 lines):");
	r->verbose = 2;
	oc_report_action(r, run);
	assert_has_line(cap_text(&c), "    stderr:");
	assert_has_line(cap_text(&c), "    | line 1");
	cap_close(&c, r);
	free_run(run);
}

/* Colour wraps the label only, and only when asked for. */
static void
test_text_color(void **state)
{
	struct cap c;
	struct oc_reporter *r = cap_open(&c, oc_report_text_new);

	(void)state;
	r->color = 1;
	result(r, 1, &chk_start, OC_PASS, OC_SEV_ERROR, NULL, NULL);
	result(r, 2, &chk_mon, OC_FAIL, OC_SEV_ERROR, "no", NULL);
	assert_string_equal(cap_text(&c),
	    "\033[32mPASS\033[0m  life.start-0 - start returns 0\n"
	    "\033[1;31mFAIL\033[0m  life.monitor-stopped - monitor returns 7 "
	    "when stopped\n      * no\n");
	cap_close(&c, r);
}

/* Progress shows on a terminal after a second and is wiped. */
static void
test_text_progress(void **state)
{
	struct cap c;
	struct oc_reporter *r = cap_open(&c, oc_report_text_new);

	(void)state;
	oc_report_progress(r, "start", 3000);
	assert_string_equal(cap_text(&c), "");
	r->tty = 1;
	oc_report_progress(r, "start", 999);
	oc_report_progress(r, "start", 2000);
	oc_report_progress(r, "start", 3000);
	oc_report_note(r, "done");
	assert_string_equal(cap_text(&c),
	    "\r  ... start still running after 2 s"
	    "\r  ... start still running after 3 s"
	    "\r" "                                   " "\r"
	    "  note: done\n");
	cap_close(&c, r);
}

/* Errors and strict warnings make the last line say so. */
static void
test_text_summary(void **state)
{
	struct cap c;
	struct oc_reporter *r = cap_open(&c, oc_report_text_new);
	struct oc_totals t = totals;

	(void)state;
	t.failed = 2;
	t.warnings = 1;
	t.strict = 1;
	t.errors = 1;
	oc_report_end(r, &t);
	assert_string_equal(cap_text(&c), "Summary: 1 passed, 2 failed (1 of "
	    "them warnings, --strict), 0 skipped, 0 info, 1 error; 3 agent "
	    "actions in 0.250 s, ocf-check overhead 0.050 s\n"
	    "Tests failed: (agent) failed 3 tests\n");
	oc_report_bail(r, "cannot fork: \033");
	assert_has_line(cap_text(&c), "Aborted: ocf-check cannot continue: "
	    "cannot fork: \\x1b");
	cap_close(&c, r);
}

/*
 * Deliberate waits are counted apart from ocf-check's overhead, and the
 * checks skipped for want of --thorough among the skipped.
 */
static void
test_text_summary_parts(void **state)
{
	struct oc_totals t = totals;
	struct oc_buf b = OC_BUF_INIT;

	(void)state;
	t.wall_ms = 700;
	t.waited_ms = 400;
	oc_report_summary(&b, &t);
	assert_string_equal(b.buf, "1 passed, 0 failed, 0 warnings, 0 skipped, "
	    "0 info; 3 agent actions in 0.250 s, waits 0.400 s, ocf-check "
	    "overhead 0.050 s");
	t = totals;
	t.skipped = 20;
	t.thorough = 17;
	oc_buf_reset(&b);
	oc_report_summary(&b, &t);
	assert_string_equal(b.buf, "1 passed, 0 failed, 0 warnings, 20 skipped "
	    "(17 of them run with --thorough), 0 info; 3 agent actions in "
	    "0.250 s, ocf-check overhead 0.050 s");
	oc_buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_fails),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_tail),
		cmocka_unit_test(test_tee),
		cmocka_unit_test(test_text_pass),
		cmocka_unit_test(test_text_fail),
		cmocka_unit_test(test_text_quiet),
		cmocka_unit_test(test_text_skip_info),
		cmocka_unit_test(test_text_verbose_action),
		cmocka_unit_test(test_text_color),
		cmocka_unit_test(test_text_progress),
		cmocka_unit_test(test_text_summary),
		cmocka_unit_test(test_text_summary_parts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
