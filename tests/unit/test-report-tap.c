/*
 * Unit tests of the TAP reporter: the exact stream for pass, skip and a
 * failure with hostile agent output, escaping, warnings under --strict,
 * bail-outs, and a sweep over every byte value that must never break the
 * stream.
 */
#include "test-report.h"

/* The whole stream of a small run, as prove and tap-driver.sh see it. */
static void
test_tap_stream(void **state)
{
	struct cap c;
	struct oc_reporter *r = cap_open(&c, oc_report_tap_new);
	struct oc_run *run = hostile_run();
	struct oc_totals t = totals;

	(void)state;
	t.failed = t.skipped = 1;
	oc_report_begin(r, &suite, 3);
	result(r, 1, &chk_start, OC_PASS, OC_SEV_ERROR, NULL, NULL);
	result(r, 2, &chk_mon, OC_SKIP, OC_SEV_ERROR, "needs root", NULL);
	result(r, 3, &chk_mon, OC_FAIL, OC_SEV_ERROR,
	    "monitor returned 0\nsecond: line", run);
	oc_report_end(r, &t);
	assert_string_equal(cap_text(&c),
	    "TAP version 13\n"
	    "1..3\n"
	    "# ocf-check /x/heartbeat/Dummy\n"
	    "ok 1 - life.start-0: start returns 0\n"
	    "ok 2 - life.monitor-stopped: monitor returns 7 when stopped "
	    "# SKIP needs root\n"
	    "not ok 3 - life.monitor-stopped: monitor returns 7 when stopped\n"
	    "  ---\n"
	    "  message: \"monitor returned 0\"\n"
	    "  severity: error\n"
	    "  status: FAIL\n"
	    "  check: \"life.monitor-stopped\"\n"
	    "  source: \"S1.1 §monitor\"\n"
	    "  action: \"monitor (probe)\"\n"
	    "  env: \"OCF_RESKEY_x=\\\\x1b[2J\"\n"
	    "  expected:\n    code: 7\n    name: OCF_NOT_RUNNING\n"
	    "  got:\n    code: 0\n    name: OCF_SUCCESS\n"
	    "  duration_ms: 12\n"
	    "  timeout_ms: 20000\n"
	    "  exit_reason: \"bad \\\\x1b thing\"\n"
	    "  stdout_dropped: 0\n"
	    "  stderr_dropped: 7\n"
	    "  stderr_tail:\n"
	    "    - \"FAIL fake.id - fake\"\n"
	    "    - \"not ok 1 - fake\"\n"
	    "    - \"ok 2 - fake # SKIP\"\n"
	    "    - \"Bail out! \\\\xff\\\\xfe\\\\x00 \\\\x1b]0;title\\\\x07\"\n"
	    "    - \"  ...\"\n"
	    "    - \"  ---\"\n"
	    "    - \"ERROR:\\ colon at start:\\ x\"\n"
	    "    - \"# comment \\\\ # \\\"quoted\\\"\"\n"
	    "    - \"\\\\tindented\\\\x0d\\\\xc2\\\\x85\"\n"
	    "    - \"last line, no newline\"\n"
	    "  details:\n"
	    "    - \"second:\\ line\"\n"
	    "  ...\n"
	    "# Summary: 1 passed, 1 failed, 0 warnings, 1 skipped, 0 info; "
	    "3 agent actions in 0.250 s, ocf-check overhead 0.050 s\n");
	cap_close(&c, r);
	free_run(run);
}

/* '#' and '\' in descriptions and reasons are escaped (TAP 14). */
static void
test_tap_escape(void **state)
{
	struct cap c;
	struct oc_reporter *r = cap_open(&c, oc_report_tap_new);

	(void)state;
	result(r, 1, &chk_hash, OC_PASS, OC_SEV_ERROR, NULL, NULL);
	result(r, 2, &chk_hash, OC_SKIP, OC_SEV_ERROR, "no # \\ \033 \xff", NULL);
	assert_string_equal(cap_text(&c),
	    "ok 1 - meta.hash: title with \\# and \\\\ \\# SKIP\n"
	    "ok 2 - meta.hash: title with \\# and \\\\ \\# SKIP "
	    "# SKIP no \\# \\\\ \\\\x1b \\\\xff\n");
	cap_close(&c, r);
}

/* Warnings pass with a comment, or fail under --strict. */
static void
test_tap_warning(void **state)
{
	struct cap c;
	struct oc_reporter *r = cap_open(&c, oc_report_tap_new);

	(void)state;
	result(r, 1, &chk_warn, OC_FAIL, OC_SEV_WARNING, "meh\nBail out! x",
	    NULL);
	result(r, 2, &chk_info, OC_FAIL, OC_SEV_INFO, "fyi", NULL);
	r->strict = 1;
	r->verbose = 1;
	result(r, 3, &chk_info, OC_FAIL, OC_SEV_INFO, "fyi", NULL);
	result(r, 4, &chk_warn, OC_FAIL, OC_SEV_WARNING, "meh", NULL);
	assert_string_equal(cap_text(&c),
	    "ok 1 - meta.x: a warning\n"
	    "# warning: meh\n"
	    "# warning: Bail out! x\n"
	    "ok 2 - meta.y: an info\n"
	    "ok 3 - meta.y: an info\n"
	    "# info: fyi\n"
	    "not ok 4 - meta.x: a warning\n"
	    "  ---\n"
	    "  message: \"meh\"\n"
	    "  severity: warning\n"
	    "  status: WARN\n"
	    "  check: \"meta.x\"\n"
	    "  source: \"PA\"\n"
	    "  duration_ms: 1234\n"
	    "  ...\n");
	cap_close(&c, r);
}

/* ERROR results fail; runs that did not exit are described. */
static void
test_tap_error_timeout(void **state)
{
	struct cap c;
	struct oc_reporter *r = cap_open(&c, oc_report_tap_new);
	struct oc_run *run = hostile_run();
	const char *out;

	(void)state;
	result(r, 1, &chk_info, OC_ERROR, OC_SEV_INFO, NULL, NULL);
	run->end = OC_PROC_TIMED_OUT;
	run->status = 15;
	oc_buf_reset(&run->err);
	result(r, 2, &chk_start, OC_FAIL, OC_SEV_ERROR, NULL, run);
	out = cap_text(&c);
	assert_has_line(out, "not ok 1 - meta.y: an info");
	assert_has_line(out, "  message: \"ocf-check could not run the check\"");
	assert_has_line(out, "  status: ERROR");
	assert_has_line(out, "not ok 2 - life.start-0: start returns 0");
	assert_has_line(out, "  message: \"the check failed\"");
	assert_has_line(out, "  got: \"timed out after 20000 ms and was killed\"");
	assert_null(strstr(out, "stderr_tail"));
	cap_close(&c, r);
	free_run(run);
}

/* Notes and -v actions are comments; nothing else reaches the stream. */
static void
test_tap_comments(void **state)
{
	struct cap c;
	struct oc_reporter *r = cap_open(&c, oc_report_tap_new);
	struct oc_run *run = hostile_run();

	(void)state;
	oc_report_action(r, run);
	oc_report_progress(r, "start", 5000);
	oc_report_note(r, "stopped it\nok 9 - not a test");
	r->verbose = 1;
	oc_report_action(r, run);
	assert_string_equal(cap_text(&c),
	    "# note: stopped it\n"
	    "# note: ok 9 - not a test\n"
	    "# run 4: monitor (probe) [OCF_RESKEY_x=\\x1b[2J] exited with "
	    "OCF_SUCCESS (0) in 12 ms\n");
	cap_close(&c, r);
	free_run(run);
}

/* Bail out on request, and when fewer results came than planned. */
static void
test_tap_bail(void **state)
{
	struct cap c;
	struct oc_reporter *r = cap_open(&c, oc_report_tap_new);

	(void)state;
	oc_report_bail(r, "cannot fork # really\nsecond line");
	oc_report_begin(r, &suite, 2);
	result(r, 1, &chk_start, OC_PASS, OC_SEV_ERROR, NULL, NULL);
	oc_report_end(r, &totals);
	assert_string_equal(cap_text(&c),
	    "Bail out! cannot fork \\# really\\\\nsecond line\n"
	    "TAP version 13\n1..2\n# ocf-check /x/heartbeat/Dummy\n"
	    "ok 1 - life.start-0: start returns 0\n"
	    "# Summary: 1 passed, 0 failed, 0 warnings, 0 skipped, 0 info; "
	    "3 agent actions in 0.250 s, ocf-check overhead 0.050 s\n"
	    "Bail out! only 1 of 2 checks were reported\n");
	cap_close(&c, r);
}

/* No check selected: a skipped plan. */
static void
test_tap_empty(void **state)
{
	struct cap c;
	struct oc_reporter *r = cap_open(&c, oc_report_tap_new);

	(void)state;
	oc_report_begin(r, &suite, 0);
	assert_string_equal(cap_text(&c), "TAP version 13\n"
	    "1..0 # SKIP no check selected\n# ocf-check /x/heartbeat/Dummy\n");
	cap_close(&c, r);
}

/*
 * Check one line as prove and tap-driver.sh would read it: YAML blocks
 * open and close once per failure, nothing indented looks like a
 * bail-out, and every line at column 0 is ours.
 */
static void
assert_tap_line_ok(const char *line, size_t len, int *in_yaml, size_t *nyaml)
{
	size_t i = 0;

	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (len - i >= 9 && strncmp(line + i, "Bail out!", 9) == 0)
		fail_msg("bail-out in the stream: %.*s", (int)len, line);
	if (len == 5 && strncmp(line, "  ---", 5) == 0) {
		assert_false(*in_yaml);
		*in_yaml = 1;
		(*nyaml)++;
	} else if (len == 5 && strncmp(line, "  ...", 5) == 0) {
		assert_true(*in_yaml);
		*in_yaml = 0;
	} else if (*in_yaml) {
		if (len < 3 || strncmp(line, "  ", 2) != 0)
			fail_msg("bad YAML line: %.*s", (int)len, line);
	} else if (!(len > 0 && line[0] == '#') &&
	    strncmp(line, "ok ", 3) != 0 && strncmp(line, "not ok ", 7) != 0)
		fail_msg("unexpected TAP line: %.*s", (int)len, line);
}

/* Every byte value, in every position, stays inside its YAML string. */
static void
test_tap_all_bytes(void **state)
{
	struct cap c;
	struct oc_reporter *r = cap_open(&c, oc_report_tap_new);
	struct oc_run *run = hostile_run();
	const char *p, *nl;
	size_t yaml = 0, notok = 0;
	int i, in_yaml = 0;

	(void)state;
	oc_buf_reset(&run->err);
	for (i = 0; i < 256; i++) {
		char line[8] = { (char)i, ' ', (char)i, 'x', (char)i, '\n' };

		oc_buf_add(&run->err, line, 6);
		result(r, (size_t)i + 1, &chk_mon, OC_FAIL, OC_SEV_ERROR,
		    line, run);
		oc_buf_reset(&run->err);
		oc_buf_add(&run->err, line, 6);
		oc_buf_adds(&run->err, "Bail out!\n  ...\nok\n");
	}
	for (p = cap_text(&c); *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		notok += strncmp(p, "not ok ", 7) == 0;
		assert_tap_line_ok(p, (size_t)(nl - p), &in_yaml, &yaml);
	}
	assert_int_equal(notok, 256);
	assert_int_equal(yaml, 256);
	cap_close(&c, r);
	free_run(run);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tap_stream),
		cmocka_unit_test(test_tap_escape),
		cmocka_unit_test(test_tap_warning),
		cmocka_unit_test(test_tap_error_timeout),
		cmocka_unit_test(test_tap_comments),
		cmocka_unit_test(test_tap_bail),
		cmocka_unit_test(test_tap_empty),
		cmocka_unit_test(test_tap_all_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
