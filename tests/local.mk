# tests: unit tests of the lead's modules and end-to-end scripts.
include tests/cli/local.mk

if HAVE_CMOCKA
UNIT_LDADD = src/libocfcheck.a $(LIBXML2_LIBS) $(PCRE2_LIBS) $(CMOCKA_LIBS)
UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
check_PROGRAMS += tests/unit/test-buf tests/unit/test-duration \
	tests/unit/test-proc tests/unit/test-agent tests/unit/test-check
TESTS += tests/unit/test-buf tests/unit/test-duration \
	tests/unit/test-proc tests/unit/test-agent tests/unit/test-check
tests_unit_test_buf_SOURCES = tests/unit/test-buf.c
tests_unit_test_buf_LDADD = $(UNIT_LDADD)
tests_unit_test_buf_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_duration_SOURCES = tests/unit/test-duration.c
tests_unit_test_duration_LDADD = $(UNIT_LDADD)
tests_unit_test_duration_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_proc_SOURCES = tests/unit/test-proc.c
tests_unit_test_proc_LDADD = $(UNIT_LDADD)
tests_unit_test_proc_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_agent_SOURCES = tests/unit/test-agent.c
tests_unit_test_agent_LDADD = $(UNIT_LDADD)
tests_unit_test_agent_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_check_SOURCES = tests/unit/test-check.c
tests_unit_test_check_LDADD = $(UNIT_LDADD)
tests_unit_test_check_CFLAGS = $(UNIT_CFLAGS)
endif
