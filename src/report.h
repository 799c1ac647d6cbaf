/*
 * report: one stream of results, several reporters behind one small
 * interface.  main.c creates the reporters the command line asks for
 * (text or TAP on stdout, JUnit to a file) and joins them with
 * oc_report_tee(); the check runner calls the oc_report_* functions.
 *
 * Reporters own nothing they are given: checks, results and runs are
 * borrowed for the duration of the call (copy what must outlive it).
 */
#ifndef OC_REPORT_H
#define OC_REPORT_H

#include <stdio.h>

#include "agent.h"
#include "check.h"

/* What the suite is about; borrowed for the reporter's lifetime. */
struct oc_suite {
	const char	*agent_path;
	const char	*name;		/* "provider:type", e.g. "heartbeat:Dummy" */
	const char	*instance;
	const char	*hostname;
};

struct oc_totals {
	size_t	 checks;	/* results reported */
	size_t	 passed;
	size_t	 failed;	/* FAIL with severity error (+ warning if strict) */
	size_t	 warnings;	/* FAIL with severity warning */
	size_t	 infos;		/* FAIL with severity info */
	size_t	 skipped;
	size_t	 thorough;	/* of them, skipped for want of --thorough */
	size_t	 errors;	/* OC_ERROR */
	size_t	 actions;	/* agent actions run */
	long	 actions_ms;	/* their own total time */
	long	 waited_ms;	/* deliberate waits (--stable, slow stops) */
	long	 wall_ms;	/* the whole run */
	unsigned strict:1;
};

struct oc_reporter;

struct oc_reporter_ops {
	/* nchecks: how many results will follow (the TAP plan). */
	void	(*begin)(struct oc_reporter *, const struct oc_suite *,
		    size_t nchecks);
	/* Every agent action, as it finishes (text -v; progress). */
	void	(*action)(struct oc_reporter *, const struct oc_run *);
	/* An action has been running for ms milliseconds (~1/s). */
	void	(*progress)(struct oc_reporter *, const char *action, long ms);
	/* Result number n (1-based) of check c. */
	void	(*result)(struct oc_reporter *, size_t n, const struct oc_check *,
		    const struct oc_result *);
	/* A free-text note for the reader (cleanup actions, leftovers). */
	void	(*note)(struct oc_reporter *, const char *text);
	void	(*end)(struct oc_reporter *, const struct oc_totals *);
	/* ocf-check cannot continue (TAP: "Bail out!"). */
	void	(*bail)(struct oc_reporter *, const char *reason);
	void	(*destroy)(struct oc_reporter *);
};

struct oc_reporter {
	const struct oc_reporter_ops *ops;
	FILE		*fp;		/* where it writes (borrowed) */
	unsigned	 verbose;	/* -v count */
	unsigned	 quiet:1;	/* -q */
	unsigned	 color:1;	/* ANSI colour allowed */
	unsigned	 tty:1;		/* progress display allowed */
	unsigned	 strict:1;
	void		*priv;		/* back end's state */
};

/*
 * Back ends.  fp is borrowed.  NULL-safe destroy via oc_report_destroy.
 * The fields verbose, quiet, color, tty and strict start at 0; set them
 * on each back end before joining them with oc_report_tee() (the tee
 * does not pass its own fields on).
 */
struct oc_reporter *oc_report_text_new(FILE *fp);
struct oc_reporter *oc_report_tap_new(FILE *fp);
/* JUnit: kept in memory, written with xmlwriter to path (copied) at end()
 * or bail(); a failure to write is printed to stderr. */
struct oc_reporter *oc_report_junit_new(const char *path);
/* Join reporters: calls go to each, in order; takes ownership. */
struct oc_reporter *oc_report_tee(struct oc_reporter **reps, size_t n);

void	oc_report_begin(struct oc_reporter *, const struct oc_suite *, size_t);
void	oc_report_action(struct oc_reporter *, const struct oc_run *);
void	oc_report_progress(struct oc_reporter *, const char *, long);
void	oc_report_result(struct oc_reporter *, size_t, const struct oc_check *,
	    const struct oc_result *);
void	oc_report_note(struct oc_reporter *, const char *);
void	oc_report_end(struct oc_reporter *, const struct oc_totals *);
void	oc_report_bail(struct oc_reporter *, const char *);
void	oc_report_destroy(struct oc_reporter *);

/* Shared wording: "FAIL", "WARN", "INFO", "PASS", "SKIP", "ERROR". */
const char *oc_result_label(const struct oc_result *);
/* Does this result count as failing the run?  FAIL with severity error,
 * FAIL with severity warning when strict, and ERROR. */
int	oc_result_fails(const struct oc_result *, int strict);

/*
 * For the back ends (report-*.c) only.
 */

#define OC_REPORT_TAIL	10	/* lines of stderr shown with a failure */

struct oc_buf;

/* A reporter with these ops and state; every field else 0. */
struct oc_reporter *oc_reporter_new(const struct oc_reporter_ops *, FILE *,
	    void *priv);
/*
 * Append a printable rendering of agent text: oc_buf_add_escaped() (tab
 * and newline kept when keep_nl is set, else written \t and \n; other
 * C0 controls, DEL and invalid UTF-8 as \xNN), and also each byte of C1
 * controls, U+2028/9, U+FEFF and U+FFFE/F as \xNN.  The result is safe
 * on a terminal, in YAML (once quoted) and in XML 1.0.
 */
void	oc_report_escape(struct oc_buf *, const char *, size_t, int keep_nl);
/* Append each line of text, escaped, as prefix + line + "\n". */
void	oc_report_lines(struct oc_buf *, const char *prefix, const char *text,
	    size_t len);
/* The last n lines of data; *total gets the number of lines in data. */
const char *oc_report_tail(const struct oc_buf *, int n, size_t *total);
/* Append ms as seconds with three decimals ("1.250"), in any locale. */
void	oc_report_secs(struct oc_buf *, long ms);
/* "run 3: monitor (probe) [A=1] exited with OCF_SUCCESS (0) in 12 ms" */
void	oc_report_run_line(struct oc_buf *, const struct oc_run *);
/*
 * The reason block of a result, each line starting with indent: the why
 * lines ("* sentence"), then the deciding run: action, environment,
 * expected, got, duration, exit reason, then (with_tail) the last
 * OC_REPORT_TAIL lines of stderr as indent + "| " + line, and notes on
 * dropped output and held pipes.
 */
void	oc_report_reason(struct oc_buf *, const struct oc_result *,
	    const char *indent, int with_tail);
/* The first line of the result's why (escaped), or a default. */
void	oc_report_message(struct oc_buf *, const struct oc_result *);
/* "57 passed, 2 failed, 1 warning, 12 skipped, 3 info; 41 agent actions
 * in 0.520 s, waits 0.300 s, ocf-check overhead 0.070 s" (errors and
 * waits only when there are). */
void	oc_report_summary(struct oc_buf *, const struct oc_totals *);

#endif
