# src/report: reporters (owned by the reporters work)
src_libocfcheck_a_SOURCES += src/report.h src/report.c \
	src/report-junit.c \
	src/report-tap.c \
	src/report-text.c

# Unit tests: text and dispatch, TAP, JUnit; they share test-report-util.c.
if HAVE_CMOCKA
report_tests = tests/unit/test-report tests/unit/test-report-tap \
	tests/unit/test-report-junit
check_PROGRAMS += $(report_tests)
TESTS += $(report_tests)
report_test_ldadd = src/libocfcheck.a $(LIBXML2_LIBS) $(PCRE2_LIBS) \
	$(CMOCKA_LIBS)
report_test_util = tests/unit/test-report.h tests/unit/test-report-util.c
tests_unit_test_report_SOURCES = tests/unit/test-report.c $(report_test_util)
tests_unit_test_report_LDADD = $(report_test_ldadd)
tests_unit_test_report_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_report_tap_SOURCES = tests/unit/test-report-tap.c \
	$(report_test_util)
tests_unit_test_report_tap_LDADD = $(report_test_ldadd)
tests_unit_test_report_tap_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_report_junit_SOURCES = tests/unit/test-report-junit.c \
	$(report_test_util)
tests_unit_test_report_junit_LDADD = $(report_test_ldadd)
tests_unit_test_report_junit_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
endif

# End to end: TAP through prove and tap-driver.sh, JUnit through xmllint.
TESTS += tests/cli/report-tap.sh tests/cli/report-junit.sh
dist_check_SCRIPTS += tests/cli/report-tap.sh tests/cli/report-junit.sh
EXTRA_DIST += tests/cli/report-lib.sh
