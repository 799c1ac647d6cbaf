/*
 * Rows that judge the whole run, after the final cleanup (ocf-rules §1.5,
 * §1.6, §1.17-§1.19): the cleanup itself, exit codes of every action,
 * timing, output, and advertised versus implemented actions.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "check.h"
#include "meta.h"
#include "ocf.h"

/* Iterate over the history. */
#define FOR_RUNS(ctx, i, r) \
	for ((i) = 0; (i) < (ctx)->agent->nruns && \
	    ((r) = (ctx)->agent->runs[(i)], 1); (i)++)

static int
final_is(const struct oc_run *r, const char *action)
{
	return r->action != NULL && strcmp(r->action, action) == 0;
}

static int
final_in(int rc, const int *set)
{
	for (; *set >= 0; set++)
		if (*set == rc)
			return 1;
	return 0;
}

/* Fail for a run, making it the evidence if it is the first. */
static void
final_fail_run(struct oc_result *res, const struct oc_run *r, const char *what)
{
	struct oc_buf d = OC_BUF_INIT;

	oc_run_describe(r, &d);
	if (res->run == NULL)
		res->run = r;
	oc_fail(res, "action %d, %s%s%s%s: %s (%s)", r->seq, oc_run_name(r),
	    r->env[0] ? " (" : "", r->env, r->env[0] ? ")" : "", d.buf, what);
	oc_buf_release(&d);
}

static enum oc_status
clean_tester_cleans_up(struct oc_ctx *ctx, struct oc_result *res)
{
	if (ctx->opts->meta_only)
		return oc_skip(res, "nothing was started");
	if (ctx->unrunnable)
		return oc_skip(res, "the agent cannot be executed: nothing was "
		    "started");
	if (ctx->cleanup_rc != 0)
		return oc_fail(res, "the final cleanup failed: %s; the resource "
		    "may still be running", ctx->cleanup_why.buf);
	if (ctx->cleanup_why.len > 0)
		oc_note(res, "final cleanup: %s", ctx->cleanup_why.buf);
	return OC_PASS;
}

static enum oc_status
clean_no_procs_other(struct oc_ctx *ctx, struct oc_result *res)
{
	static const char *const starters[] = { "start", "promote",
	    "migrate_from", "?" };
	size_t i, k;

	for (i = 0; i < ctx->cleanup_leftovers.n; i++) {
		const char *e = ctx->cleanup_leftovers.v[i];
		size_t alen = strcspn(e, "\t");
		int starter = 0;

		for (k = 0; k < OC_ARRAY_SIZE(starters); k++)
			if (strlen(starters[k]) == alen &&
			    strncmp(e, starters[k], alen) == 0)
				starter = 1;
		if (!starter)
			oc_fail(res, "%.*s left a process running until the end "
			    "of the run: pid and command %s", (int)alen, e,
			    e + alen + 1);
	}
	return res->status;
}

static enum oc_status
clean_std_streams(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;
	size_t i;

	FOR_RUNS(ctx, i, r)
		if (r->pipes_held) {
			final_fail_run(res, r, "a process it started kept its "
			    "stdout or stderr open after it exited; redirect a "
			    "daemon's output");
			break;
		}
	return res->status;
}

static enum oc_status
rc_defined(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;
	size_t i;

	FOR_RUNS(ctx, i, r) {
		if (r->action == NULL || r->own_timeout)
			continue;
		if (r->end == OC_PROC_SIGNALED)
			final_fail_run(res, r, "death by a signal is an error");
		else if (r->end == OC_PROC_EXITED && !ocf_rc_defined(r->status))
			final_fail_run(res, r, "Pacemaker treats it as "
			    "OCF_ERR_GENERIC (1)");
	}
	return res->status;
}

/* Every exited run of action must exit with a code in ok. */
static enum oc_status
final_codes(struct oc_ctx *ctx, struct oc_result *res, const char *action,
    const int *ok, const char *what)
{
	const struct oc_run *r;
	size_t i;

	FOR_RUNS(ctx, i, r)
		if (final_is(r, action) && r->end == OC_PROC_EXITED &&
		    !r->off_protocol && !final_in(r->status, ok))
			final_fail_run(res, r, what);
	return res->status;
}

static enum oc_status
rc_start(struct oc_ctx *ctx, struct oc_result *res)
{
	static const int ok[] = { 0, 1, 2, 4, 5, 6, -1 };

	return final_codes(ctx, res, "start", ok, "start returns 0, or 1, 2, "
	    "4, 5 or 6 on failure; never 3, 7 or 8");
}

static enum oc_status
rc_stop(struct oc_ctx *ctx, struct oc_result *res)
{
	static const int ok[] = { 0, 1, 2, 4, 5, 6, -1 };

	return final_codes(ctx, res, "stop", ok, "stop returns 0 once stopped; "
	    "7 from stop is wrong");
}

static enum oc_status
rc_monitor(struct oc_ctx *ctx, struct oc_result *res)
{
	static const int roles[] = { 0, 1, 2, 4, 5, 6, 7, 8, 9, 190, 191, -1 };
	static const int plain[] = { 0, 1, 2, 4, 5, 6, 7, 190, -1 };

	return final_codes(ctx, res, "monitor", ctx->roles ? roles : plain,
	    ctx->roles ? "monitor never returns 3 (it is mandatory)" :
	    "monitor returns 0, 7 or an error; 8, 9 and 191 only for agents "
	    "with roles");
}

static enum oc_status
rc_7_monitor_only(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;
	size_t i;

	FOR_RUNS(ctx, i, r)
		if (oc_run_is(r, OCF_NOT_RUNNING) && !final_is(r, "monitor") &&
		    !final_is(r, "status") && r->action != NULL &&
		    !r->off_protocol)
			final_fail_run(res, r, "OCF_NOT_RUNNING is for monitor "
			    "only");
	return res->status;
}

static enum oc_status
rc_8_9_role_only(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;
	size_t i;

	FOR_RUNS(ctx, i, r) {
		if ((!oc_run_is(r, 8) && !oc_run_is(r, 9) &&
		    !oc_run_is(r, 191)) || r->off_protocol)
			continue;
		if (!final_is(r, "monitor") && !final_is(r, "status"))
			final_fail_run(res, r, "8, 9 and 191 are for monitor only");
		else if (!ctx->roles)
			final_fail_run(res, r, "8, 9 and 191 are for agents that "
			    "support promote and demote");
	}
	return res->status;
}

static enum oc_status
time_within_advertised(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;
	size_t i;

	FOR_RUNS(ctx, i, r)
		if (r->end == OC_PROC_TIMED_OUT && !r->own_timeout)
			final_fail_run(res, r, ctx->agent->timeout_override_ms >= 0 ?
			    "past the limit set with --timeout" :
			    oc_agent_has_timeout(ctx->agent, r->action ?
			    r->action : "") ? "past its advertised timeout" :
			    "past the default timeout; none is advertised");
	return res->status;
}

static enum oc_status
time_margin(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;
	size_t i;

	FOR_RUNS(ctx, i, r)
		if (r->end != OC_PROC_TIMED_OUT && !r->own_timeout &&
		    r->timeout_ms > 0 && r->elapsed_ms * 2 > r->timeout_ms) {
			char what[128];

			snprintf(what, sizeof(what), "took %ld ms, more than half "
			    "of its %ld ms timeout", r->elapsed_ms, r->timeout_ms);
			final_fail_run(res, r, what);
		}
	return res->status;
}

static enum oc_status
out_exit_reason(struct oc_ctx *ctx, struct oc_result *res)
{
	static const int failures[] = { 1, 2, 4, 5, 6, -1 };
	const struct oc_run *r;
	size_t i;

	FOR_RUNS(ctx, i, r)
		if (r->action != NULL && r->end == OC_PROC_EXITED &&
		    final_in(r->status, failures) && r->exit_reason == NULL &&
		    !r->cleanup)
			final_fail_run(res, r, "a failure without an "
			    "'ocf-exit-reason:' line on stderr (ocf_exit_reason)");
	return res->status;
}

static enum oc_status
out_exit_reason_len(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;
	size_t i;

	FOR_RUNS(ctx, i, r)
		if (r->exit_reason != NULL && strlen(r->exit_reason) > 128)
			final_fail_run(res, r, "its exit reason is longer than "
			    "128 characters; Pacemaker 2.1 cuts it there");
	return res->status;
}

static enum oc_status
out_size(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;
	size_t i;

	FOR_RUNS(ctx, i, r)
		if (r->out_dropped > 0 || r->err_dropped > 0) {
			final_fail_run(res, r, "printed more than 10 MiB; "
			    "Pacemaker 3 drops the rest");
			break;
		}
	return res->status;
}

static enum oc_status
out_quiet_stdout(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;
	size_t i;

	FOR_RUNS(ctx, i, r)
		if (r->action != NULL && !final_is(r, "meta-data") &&
		    !final_is(r, "usage") && !final_is(r, "help") &&
		    r->out.len + r->out_dropped > 4096) {
			final_fail_run(res, r, "more than 4 KiB on stdout: only "
			    "meta-data and usage print there; diagnostics go to "
			    "stderr or the log");
			break;
		}
	return res->status;
}

/* Optional actions ocf-check may run without their being advertised. */
static const char *const final_optional[] = {
	"validate-all", "notify", "promote", "demote", "reload", "reload-agent",
	"recover", "status", "migrate_to", "migrate_from",
};

/* The nonsense action of exec.unknown-action (check-exec.c). */

static enum oc_status
act_advertised_matches(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r, *unknown = oc_ctx_last_run(ctx, OC_UNKNOWN_ACTION);
	/* An agent that answers 0 to anything shows no action "works". */
	int any0 = unknown != NULL && oc_run_is(unknown, OCF_SUCCESS);
	size_t i, k;

	for (k = 0; k < OC_ARRAY_SIZE(final_optional); k++) {
		const char *name = final_optional[k];
		int adv = oc_meta_has_action(ctx->meta, name);
		int ran = 0, all3 = 1, worked = 0;

		FOR_RUNS(ctx, i, r)
			if (final_is(r, name) && r->end == OC_PROC_EXITED &&
			    !r->cleanup) {
				ran = 1;
				all3 &= r->status == 3;
				worked |= r->status == 0;
			}
		if (adv && ran && all3)
			oc_fail_sev(res, OC_SEV_ERROR, "%s is advertised, but it "
			    "returned OCF_ERR_UNIMPLEMENTED (3)", name);
		else if (!adv && worked && !any0)
			oc_fail_sev(res, OC_SEV_WARNING, "%s works (it returned 0) "
			    "but is not advertised in the meta-data", name);
		else if (!adv && worked)
			oc_note(res, "%s returned 0 but is not advertised; so does "
			    "an unknown action (exec.unknown-action), so it need "
			    "not be implemented", name);
	}
	return res->status;
}

static const struct oc_check final_rows[] = {
	{ "clean.tester-cleans-up", "the run ends with the resource stopped "
	  "and nothing left running", OC_SEV_ERROR, "design; DG §Testing",
	  OC_FINAL, clean_tester_cleans_up },
	{ "clean.no-procs-other-actions", "actions other than start leave no "
	  "process", OC_SEV_ERROR, "S1.1", OC_FINAL | OC_NEED_LIFE,
	  clean_no_procs_other },
	{ "clean.std-streams", "no process keeps the agent's stdout/stderr "
	  "open", OC_SEV_WARNING, "PL async_action_complete()", OC_FINAL,
	  clean_std_streams },
	{ "rc.defined", "every exit code is an OCF code; no death by signal",
	  OC_SEV_ERROR, "S1.1 §Exit Status Codes; PO services__ocf2ocf()",
	  OC_FINAL, rc_defined },
	{ "rc.start", "start returns 0 or an error code, never 3, 7 or 8",
	  OC_SEV_ERROR, "S1.1 §Mandatory Actions", OC_FINAL | OC_NEED_LIFE,
	  rc_start },
	{ "rc.stop", "stop returns 0 or an error code, never 7",
	  OC_SEV_ERROR, "S1.1 §Exit Status Codes (7)", OC_FINAL | OC_NEED_LIFE,
	  rc_stop },
	{ "rc.monitor", "monitor returns 0, 7 or an error code",
	  OC_SEV_ERROR, "S1.1 §Exit Status Codes", OC_FINAL | OC_NEED_LIFE,
	  rc_monitor },
	{ "rc.7-monitor-only", "only monitor returns 7", OC_SEV_WARNING,
	  "DG §OCF_NOT_RUNNING", OC_FINAL, rc_7_monitor_only },
	{ "rc.8-9-role-only", "8, 9 and 191 only from monitor of agents with "
	  "roles", OC_SEV_ERROR, "S1.1 §Exit Status Codes", OC_FINAL,
	  rc_8_9_role_only },
	{ "time.within-advertised", "every action finishes within its "
	  "timeout", OC_SEV_ERROR, "S1.1 §Semantics (timeout); DG §Timeouts",
	  OC_FINAL, time_within_advertised },
	{ "time.margin", "every action takes less than half of its timeout",
	  OC_SEV_WARNING, "DG §Metadata", OC_FINAL, time_margin },
	{ "out.exit-reason", "failures say why on stderr (ocf-exit-reason:)",
	  OC_SEV_INFO, "PL parse_exit_reason_from_stderr()", OC_FINAL,
	  out_exit_reason },
	{ "out.exit-reason-len", "exit reasons fit in 128 characters",
	  OC_SEV_INFO, "Pacemaker 2.1 EXIT_REASON_MAX_LEN", OC_FINAL,
	  out_exit_reason_len },
	{ "out.size", "stdout and stderr stay under 10 MiB", OC_SEV_WARNING,
	  "PL MAX_OUTPUT", OC_FINAL, out_size },
	{ "out.quiet-stdout", "actions other than meta-data keep stdout small",
	  OC_SEV_INFO, "DG §Logging: ocf_log", OC_FINAL, out_quiet_stdout },
	{ "act.advertised-matches", "advertised actions work; working actions "
	  "are advertised", OC_SEV_ERROR, "S1.0 §Resource Agent actions; S1.1 "
	  "§Semantics", OC_FINAL | OC_NEED_META | OC_NEED_LIFE,
	  act_advertised_matches },
};

const struct oc_check_group oc_checks_final = {
	final_rows, OC_ARRAY_SIZE(final_rows)
};
