/*
 * check: the check table, the context checks share, and the result each
 * check produces.  Checks never print: they fill a struct oc_result, and
 * reporters (report.h) turn results into text, TAP or JUnit.
 *
 * A check is a row: id (stable, from ocf-rules.md), title, default
 * severity, source, what it needs, and a function.  Rows run in table
 * order; a row whose needs are unmet is a SKIP with the reason.  Groups of
 * rows live in check-<group>.c and are listed in check.c.
 */
#ifndef OC_CHECK_H
#define OC_CHECK_H

#include <stddef.h>
#include <sys/types.h>

#include "agent.h"
#include "buf.h"
#include "strv.h"

struct oc_meta;			/* meta.h */
struct oc_reporter;		/* report.h */

enum oc_sev {
	OC_SEV_ERROR,		/* fails the run */
	OC_SEV_WARNING,		/* fails the run only with --strict */
	OC_SEV_INFO,		/* shown with -v; never fails */
};

enum oc_status {
	OC_PASS,
	OC_FAIL,		/* with a severity: error, warning or info */
	OC_SKIP,		/* does not apply; why says so */
	OC_ERROR,		/* ocf-check could not run the check */
};

/* What a row needs before it can run. */
enum oc_need {
	OC_NEED_META = 1 << 0,		/* parsed meta-data */
	OC_NEED_LIFE = 1 << 1,		/* runs state-changing actions */
	OC_NEED_STOPPED = 1 << 2,	/* resource known to be stopped */
	OC_NEED_RUNNING = 1 << 3,	/* resource started (unpromoted) */
	OC_NEED_ROLES = 1 << 4,		/* agent is role-capable */
	OC_NEED_ROOT = 1 << 5,		/* ocf-check runs as root */
	OC_NEED_PARAMS2 = 1 << 6,	/* a second parameter set (-O) */
	OC_NEED_MIGRATE = 1 << 7,	/* --migrate given */
	OC_NEED_HOSTILE = 1 << 8,	/* --hostile-values given */
	OC_STATE = 1 << 9,		/* changes state: runs even when
					   not selected, if later rows run */
	OC_FINAL = 1 << 10,		/* runs after cleanup (rc.*, time.*) */
	OC_NEED_PROMOTED = 1 << 11,	/* resource promoted */
	OC_THOROUGH = 1 << 12,		/* beyond what Pacemaker does: runs
					   with --thorough, or when --only
					   names it */
	OC_WINDOW = 1 << 13,		/* with OC_THOROUGH: --stable also
					   turns it on */
};

struct oc_check;

struct oc_result {
	enum oc_status	 status;
	enum oc_sev	 sev;		/* of a FAIL; starts as the row's */
	struct oc_buf	 why;		/* complete sentences, one per line */
	const struct oc_run *run;	/* the deciding action, or NULL */
	char		 expected[96];	/* "OCF_NOT_RUNNING (7)" or "" */
	long		 elapsed_ms;	/* time spent in this check */
};

/* What the agent is now, as far as the checks know. */
enum oc_state {
	OC_ST_UNKNOWN,
	OC_ST_STOPPED,
	OC_ST_RUNNING,
	OC_ST_PROMOTED,
	OC_ST_BROKEN,		/* a step failed; state-dependent rows skip */
};

struct oc_options {
	unsigned	 strict:1;
	unsigned	 meta_only:1;
	unsigned	 migrate:1;
	unsigned	 hostile:1;
	unsigned	 thorough:1;	/* --thorough: OC_THOROUGH rows too */
	unsigned	 stable_given:1; /* --stable was given */
	unsigned	 verbose;	/* -v count */
	unsigned	 quiet:1;
	const char	*user;		/* --user, default nobody */
	int		 restarts;	/* restart cycles (3) */
	long		 stable_ms;	/* life.start-stable window (300) */
	struct oc_strv	 only;		/* --only globs */
	struct oc_strv	 skip;		/* --skip globs */
	struct oc_strv	 absent;	/* --absent name=value: the service
					   is not on this node */
};

struct oc_ctx {
	struct oc_agent		*agent;
	const struct oc_options	*opts;
	struct oc_meta		*meta;		/* NULL until parsed */
	const struct oc_run	*meta_run;	/* the meta-data run parsed */
	enum oc_state		 state;
	struct oc_buf		 state_why;	/* why state-dependent rows skip */
	unsigned		 roles:1;	/* role-capable (advertised or
						   implemented) */
	unsigned		 roles_known:1;
	unsigned		 aborted:1;	/* interrupted: stop running rows */
	unsigned		 started_once:1;
	unsigned		 unrunnable:1;
	unsigned		 validate_unsupported:1; /* validate-all gave 3 */	/* the file cannot be executed:
						   skip every row that runs it */
	int			 is_root;
	long			 waited_ms;	/* oc_ctx_sleep() in all */
	/* when monitor first saw the started resource running */
	long long		 up_since_ms;
	/* processes running after the first start (life.start-no-dup) */
	pid_t			*start_pids;
	size_t			 nstart_pids;
	/* what existed before the first start (clean.artifacts) */
	struct oc_strv		 artifacts_before;
	unsigned		 artifacts_taken:1;
	/* the two stopped-state probes (probe.interval-absent) */
	const struct oc_run	*probe_absent, *probe_zero;
	/* the second instance (multi.*), when started */
	char			*instance2;
	unsigned		 instance2_started:1;
	/* final cleanup outcome, for clean.tester-cleans-up */
	unsigned		 cleanup_done:1;
	int			 cleanup_rc;
	struct oc_buf		 cleanup_why;
	struct oc_strv		 cleanup_leftovers; /* "action\tpid\tcmdline" */
	struct oc_reporter	*rep;		/* for notes */
	void			*group_data[8];	/* per check file, if needed */
};

struct oc_check {
	const char	*id;		/* "life.start-0" */
	const char	*title;		/* "start returns 0" */
	enum oc_sev	 sev;		/* default severity of a failure */
	const char	*source;	/* "S1.1 §start" */
	unsigned	 needs;		/* enum oc_need */
	enum oc_status	(*run)(struct oc_ctx *, struct oc_result *);
};

/* A group of rows, in the order they run (check.c lists the groups). */
struct oc_check_group {
	const struct oc_check	*rows;
	size_t			 n;
};

/* All rows, in run order. */
size_t	oc_checks_count(void);
const struct oc_check *oc_check_at(size_t i);
const struct oc_check *oc_check_find(const char *id);
const char *oc_sev_name(enum oc_sev);

/* The option a default run lacks to run c ("--thorough", "--migrate"...),
 * or NULL when a default run has it. */
const char *oc_check_optin(const struct oc_check *c);

/* Is id selected by --only/--skip (shell globs)? */
int	oc_check_selected(const struct oc_options *, const char *id);

/*
 * Run every selected row against ctx, reporting to rep; then clean up
 * (demote, stop, kill leftovers).  Returns the exit status (0, 1).
 */
int	oc_checks_run(struct oc_ctx *, struct oc_reporter *rep);

/* Helpers for check bodies. */

/* Record a failure: appends one line to why and sets status FAIL. */
enum oc_status	oc_fail(struct oc_result *, const char *fmt, ...) OC_PRINTF(2, 3);
/* Same, with the severity of this failure. */
enum oc_status	oc_fail_sev(struct oc_result *, enum oc_sev, const char *fmt, ...)
		    OC_PRINTF(3, 4);
enum oc_status	oc_skip(struct oc_result *, const char *fmt, ...) OC_PRINTF(2, 3);
/* Append a note (shown with -v, or with a failure). */
void		oc_note(struct oc_result *, const char *fmt, ...) OC_PRINTF(2, 3);

/*
 * Does run r exit with one of the codes in ok[] (terminated by -1)?  If
 * not, record a failure naming the action, its environment, the expected
 * and actual codes, and make r the result's evidence.  Returns 1 if ok.
 */
int	oc_expect_rc(struct oc_result *, const struct oc_run *r, const int *ok);
/* Single-code shorthand. */
int	oc_expect(struct oc_result *, const struct oc_run *r, int rc);

/* Row tables of each group (check-*.c). */
extern const struct oc_check_group oc_checks_file, oc_checks_meta,
	oc_checks_schema, oc_checks_lint, oc_checks_exec, oc_checks_val,
	oc_checks_life_start, oc_checks_opt, oc_checks_role,
	oc_checks_life_stop, oc_checks_role_stopped, oc_checks_multi,
	oc_checks_final;

/* Shared action helpers (check-ctx.c). */

/* Mark the state unusable for later rows, with a reason (printf). */
void	oc_ctx_broken(struct oc_ctx *, const char *fmt, ...) OC_PRINTF(2, 3);
enum oc_monitor_kind {
	OC_MON_RECURRING,	/* CRM_meta_interval and CRM_meta_name set */
	OC_MON_PROBE,		/* no interval at all (Pacemaker 2.0.5+) */
	OC_MON_PROBE_0,		/* CRM_meta_interval=0 */
};
const struct oc_run *oc_ctx_monitor(struct oc_ctx *, enum oc_monitor_kind);
/*
 * The same observation, shared: the last such monitor of the instance if
 * only monitors of it ran since (nothing that may change the state), else
 * a new one.  For rows that need "the state now" as a baseline.
 */
const struct oc_run *oc_ctx_observe(struct oc_ctx *, enum oc_monitor_kind);
/* The action name ocf-check uses where the agent must answer 3. */
#define OC_UNKNOWN_ACTION	"ocf-check-no-such-action"

/* Exit codes that mean "running" for the rows that ask only that: for an
 * agent with roles, promoted counts too (role.* judge the role). */
const int *oc_ctx_up_codes(const struct oc_ctx *);
/* Did r exit with one of codes[] (ended by -1)? */
int	oc_run_is_any(const struct oc_run *r, const int *codes);
/* Pids of the instance's processes that action started (any when NULL);
 * a list of *np to free(). */
pid_t	*oc_ctx_pids(struct oc_ctx *, const char *action, size_t *np);
int	oc_pid_in(const pid_t *pids, size_t n, pid_t pid);
/*
 * A slow start or stop: a recurring monitor every 200 ms, for up to
 * limit_ms, until one exits with a code in codes[] (ended by -1).  That
 * run, or NULL if none did (or ocf-check was interrupted).
 */
const struct oc_run *oc_ctx_await(struct oc_ctx *, const int *codes,
	    long limit_ms);
/* Wait ms on purpose (a window, a slow stop), not when interrupted; the
 * summary counts it apart from ocf-check's overhead. */
void	oc_ctx_sleep(struct oc_ctx *, long ms);
/* SIGKILL pids[] and reap them. */
void	oc_pids_kill(const pid_t *pids, size_t n);

/* The last run of action (any label), or NULL. */
const struct oc_run *oc_ctx_last_run(const struct oc_ctx *, const char *name);
/* Run action name with no changes to the environment. */
const struct oc_run *oc_ctx_run(struct oc_ctx *, const char *name);
/* The recurring monitor interval to use (advertised, or 10 s). */
long	oc_ctx_monitor_interval(const struct oc_ctx *);
/* Add what makes a monitor recurring (CRM_meta_interval, _name) to set. */
void	oc_ctx_recurring_env(const struct oc_ctx *, struct oc_strv *set);

/*
 * After monitor said mon, bring the instance to stopped by the protocol:
 * demote if promoted (noted in res, if not NULL), stop, monitor.  0 when
 * it is stopped (the state is then OC_ST_STOPPED), -1 if not.
 */
int	oc_ctx_force_stop(struct oc_ctx *, const struct oc_run *mon,
	    struct oc_result *res);

/*
 * Bring the resource back to stopped: demote if promoted, stop, kill
 * whatever the run left behind.  Appends what it did or what failed to
 * why; returns 0 when the resource ended stopped with nothing left.
 */
int	oc_ctx_cleanup(struct oc_ctx *, struct oc_buf *why);

#endif
