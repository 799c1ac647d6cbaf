/*
 * Helpers shared by the reporter unit tests (test-report-util.c): a
 * reporter writing into an open_memstream() buffer, sample checks, a run
 * with hostile output, and assertions on rendered lines.
 */
#ifndef TEST_REPORT_H
#define TEST_REPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

struct cap {
	char	*data;
	size_t	 len;
	FILE	*fp;
};

/* A reporter made by mk, writing into c. */
struct oc_reporter *cap_open(struct cap *c, struct oc_reporter *(*mk)(FILE *));
/* What was written so far ("" if nothing). */
const char *cap_text(struct cap *c);
/* Destroy r (may be NULL) and free the stream. */
void	cap_close(struct cap *c, struct oc_reporter *r);
#define cap_free(c)	cap_close((c), NULL)

extern const struct oc_suite suite;	/* /x/heartbeat/Dummy */
extern const struct oc_totals totals;	/* 1 passed, 3 actions */
extern const struct oc_check chk_start, chk_mon, chk_warn, chk_info,
	chk_hash;

/* Report result n of c with this outcome (why may be NULL). */
void	result(struct oc_reporter *r, size_t n, const struct oc_check *c,
	    enum oc_status st, enum oc_sev sev, const char *why,
	    const struct oc_run *run);
/* begin(1), that result, end() with totals that count it. */
void	run_one(struct oc_reporter *r, const struct oc_check *c,
	    enum oc_status st, enum oc_sev sev, const char *why,
	    const struct oc_run *run);

/* monitor (probe), exit 0, 14 lines of hostile stderr (NUL, ESC, bad
 * UTF-8, lines looking like TAP, YAML markers and result lines). */
struct oc_run *hostile_run(void);
void	free_run(struct oc_run *);

/* text has this exact line. */
void	assert_has_line(const char *text, const char *line);
/* Exactly n lines have a result label as their first field (awk $1). */
void	assert_only_result_lines(const char *text, size_t n);

#endif
