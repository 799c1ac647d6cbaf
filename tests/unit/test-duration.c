/*
 * Unit tests of duration parsing (duration.c), which must read timeouts as
 * Pacemaker does, and of the OCF vocabulary (ocf.c).
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "duration.h"
#include "ocf.h"

static void
assert_ms(const char *s, long long want)
{
	long long ms = -12345;

	if (oc_duration_parse(s, &ms) != 0)
		fail_msg("'%s' was not accepted", s);
	if (ms != want)
		fail_msg("'%s' gave %lld ms, not %lld", s, ms, want);
}

static void
assert_bad(const char *s)
{
	long long ms = -12345;

	if (oc_duration_parse(s, &ms) != -1)
		fail_msg("'%s' was accepted (%lld ms)", s, ms);
	assert_int_equal(ms, -12345);	/* untouched on failure */
}

/* A bare number is seconds; units as Pacemaker knows them. */
static void
test_units(void **state)
{
	(void)state;
	assert_ms("20", 20000);
	assert_ms("0", 0);
	assert_ms("20s", 20000);
	assert_ms("20sec", 20000);
	assert_ms("500ms", 500);
	assert_ms("500msec", 500);
	assert_ms("2min", 120000);
	assert_ms("2m", 120000);
	assert_ms("1h", 3600000);
	assert_ms("1hr", 3600000);
	assert_ms("10 sec", 10000);
	assert_ms(" 10s ", 10000);
	assert_ms("+5s", 5000);
	assert_ms("100us", 0);
	assert_ms("2500usec", 2);
	assert_ms("20S", 20000);
	assert_ms("3MIN", 180000);
	assert_ms("1Hr", 3600000);
	assert_ms("500MS", 500);
}

/* The fractional part is ignored, as Pacemaker does. */
static void
test_fraction(void **state)
{
	(void)state;
	assert_ms("1.5s", 1000);
	assert_ms("1.5", 1000);
	assert_ms("2.999min", 120000);
	assert_ms("1.", 1000);
}

/* ISO 8601 durations. */
static void
test_iso8601(void **state)
{
	(void)state;
	assert_ms("PT20S", 20000);
	assert_ms("PT1M30S", 90000);
	assert_ms("P1D", 86400000);
	assert_ms("P1DT2H", 86400000LL + 7200000);
	assert_ms("P1W", 7 * 86400000LL);
	assert_ms("pt20s", 20000);
	assert_ms("PT1.5S", 1500);
	assert_ms("P1M", 30 * 86400000LL);	/* months before T */
	assert_ms("PT1M", 60000);		/* minutes after it */
}

/* What is not a duration is refused. */
static void
test_bad(void **state)
{
	(void)state;
	assert_bad("");
	assert_bad(" ");
	assert_bad("abc");
	assert_bad("10x");
	assert_bad("10 s x");
	assert_bad("-5");
	assert_bad("s");
	assert_bad(".5s");
	assert_bad("PT");
	assert_bad("P");
	assert_bad("P1H");		/* hours need the T */
	assert_bad("PT1D");		/* days must come before it */
	assert_bad("P1S");
	assert_bad("PTT1S");
	assert_bad("PT1X");
	assert_bad("PTS");
}

/* Numbers too large for milliseconds are refused, not wrapped. */
static void
test_overflow(void **state)
{
	(void)state;
	assert_bad("99999999999999999999999");
	assert_bad("999999999999999999");	/* fits, but not times 1000 */
	assert_bad("9999999999999999h");
	assert_bad("P999999999999999999Y");
	assert_bad("9223372036854776s");
	assert_bad("PT9223372036854776S");
	assert_bad("P100000000000D100000000000D");	/* the sum */
	assert_ms("9223372036854775s", 9223372036854775000LL);
	assert_ms("PT9223372036854775S", 9223372036854775000LL);
	assert_ms("P100000000000D", 8640000000000000000LL);
}

/* A unit is explicit when the text ends in something else than a digit. */
static void
test_has_unit(void **state)
{
	(void)state;
	assert_false(oc_duration_has_unit("20"));
	assert_false(oc_duration_has_unit("20 "));
	assert_false(oc_duration_has_unit("1."));
	assert_false(oc_duration_has_unit(""));
	assert_true(oc_duration_has_unit("20s"));
	assert_true(oc_duration_has_unit("20 ms "));
	assert_true(oc_duration_has_unit("PT20S"));
}

/* Exit codes print with name and number; unknown ones say so. */
static void
test_rc_str(void **state)
{
	(void)state;
	assert_string_equal(ocf_rc_str(0), "OCF_SUCCESS (0)");
	assert_string_equal(ocf_rc_str(7), "OCF_NOT_RUNNING (7)");
	assert_string_equal(ocf_rc_str(8),
	    "OCF_RUNNING_PROMOTED (8, legacy OCF_RUNNING_MASTER)");
	assert_string_equal(ocf_rc_str(190), "OCF_DEGRADED (190)");
	assert_string_equal(ocf_rc_str(99), "99 (not an OCF exit code)");
	assert_string_equal(ocf_rc_str(-1), "-1 (not an OCF exit code)");
	assert_string_equal(ocf_rc_name(9), "OCF_FAILED_PROMOTED");
	assert_null(ocf_rc_name(10));
	assert_string_equal(ocf_rc_legacy_name(191), "OCF_DEGRADED_MASTER");
	assert_null(ocf_rc_legacy_name(7));
	assert_true(ocf_rc_defined(9) && ocf_rc_defined(191));
	assert_false(ocf_rc_defined(10) || ocf_rc_defined(-1));
}

/* Four results can be used in one printf. */
static void
test_rc_str_slots(void **state)
{
	const char *a = ocf_rc_str(0), *b = ocf_rc_str(1), *c = ocf_rc_str(2),
	    *d = ocf_rc_str(3);

	(void)state;
	assert_string_equal(a, "OCF_SUCCESS (0)");
	assert_string_equal(b, "OCF_ERR_GENERIC (1)");
	assert_string_equal(c, "OCF_ERR_ARGS (2)");
	assert_string_equal(d, "OCF_ERR_UNIMPLEMENTED (3)");
}

/* Exit codes parse from numbers, names and legacy names. */
static void
test_rc_parse(void **state)
{
	(void)state;
	assert_int_equal(ocf_rc_parse("0"), 0);
	assert_int_equal(ocf_rc_parse("7"), 7);
	assert_int_equal(ocf_rc_parse("255"), 255);
	assert_int_equal(ocf_rc_parse("OCF_NOT_RUNNING"), 7);
	assert_int_equal(ocf_rc_parse("OCF_RUNNING_MASTER"), 8);
	assert_int_equal(ocf_rc_parse("OCF_RUNNING_PROMOTED"), 8);
	assert_int_equal(ocf_rc_parse("OCF_DEGRADED_PROMOTED"), 191);
	assert_int_equal(ocf_rc_parse(""), -1);
	assert_int_equal(ocf_rc_parse("256"), -1);
	assert_int_equal(ocf_rc_parse("-1"), -1);
	assert_int_equal(ocf_rc_parse("7x"), -1);
	assert_int_equal(ocf_rc_parse("ocf_not_running"), -1);
	assert_int_equal(ocf_rc_parse("OCF_BOGUS"), -1);
}

/* Environment names: [A-Za-z_][A-Za-z0-9_]*. */
static void
test_env_name(void **state)
{
	(void)state;
	assert_true(ocf_env_name_ok("ip"));
	assert_true(ocf_env_name_ok("_x1"));
	assert_true(ocf_env_name_ok("OCF_RESKEY_CRM_meta_timeout"));
	assert_false(ocf_env_name_ok(""));
	assert_false(ocf_env_name_ok("1x"));
	assert_false(ocf_env_name_ok("foo-bar"));
	assert_false(ocf_env_name_ok("weird name"));
	assert_false(ocf_env_name_ok("a=b"));
	assert_false(ocf_env_name_ok("\xc3\xa9"));
}

/* Action names: OCF 1.1 and the legacy ones, apart. */
static void
test_actions(void **state)
{
	(void)state;
	assert_true(ocf_action_known("start"));
	assert_true(ocf_action_known("meta-data"));
	assert_true(ocf_action_known("reload-agent"));
	assert_false(ocf_action_known("status"));
	assert_true(ocf_action_legacy("status"));
	assert_false(ocf_action_legacy("start"));
	assert_false(ocf_action_known("Start"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_fraction),
		cmocka_unit_test(test_iso8601),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_has_unit),
		cmocka_unit_test(test_rc_str),
		cmocka_unit_test(test_rc_str_slots),
		cmocka_unit_test(test_rc_parse),
		cmocka_unit_test(test_env_name),
		cmocka_unit_test(test_actions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
