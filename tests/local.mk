# tests: unit tests of the lead's modules and end-to-end scripts.
include tests/cli/local.mk

if HAVE_CMOCKA
UNIT_LDADD = src/libocfcheck.a $(LIBXML2_LIBS) $(PCRE2_LIBS) $(CMOCKA_LIBS)
UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
check_PROGRAMS += tests/unit/test-buf tests/unit/test-duration \
	tests/unit/test-proc tests/unit/test-agent tests/unit/test-check \
	tests/unit/test-artifacts
TESTS += tests/unit/test-buf tests/unit/test-duration \
	tests/unit/test-proc tests/unit/test-agent tests/unit/test-check \
	tests/unit/test-artifacts
tests_unit_test_artifacts_SOURCES = tests/unit/test-artifacts.c
tests_unit_test_artifacts_LDADD = $(UNIT_LDADD)
tests_unit_test_artifacts_CFLAGS = $(UNIT_CFLAGS)
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

# Fixture programs of the runner's unit tests (tests/unit/test-proc.c),
# found through TOP_SRCDIR; executable in git and in the tarball.
EXTRA_DIST += \
	tests/unit/progs/daemon.sh \
	tests/unit/progs/environ.sh \
	tests/unit/progs/exit.sh \
	tests/unit/progs/flood.sh \
	tests/unit/progs/hygiene.sh \
	tests/unit/progs/ignore-term.sh \
	tests/unit/progs/output.sh \
	tests/unit/progs/segv.sh \
	tests/unit/progs/sleep.sh \
	tests/unit/progs/stdin.sh

# The TAP primitives the shell tests source.
EXTRA_DIST += tests/tap.sh
