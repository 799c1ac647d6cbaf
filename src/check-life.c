/*
 * The lifecycle up to a running resource (ocf-rules §1.7, §1.8, §1.15):
 * initial state, probes, start, start again, crash detection, check
 * levels.  Every state-changing step is followed by the monitor that
 * proves it.  What follows stop is in check-stop.c.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "artifacts.h"
#include "check.h"
#include "meta.h"
#include "ocf.h"

/* Bring the resource to stopped after an unexpected monitor result. */
static void
life_force_stop(struct oc_ctx *ctx, const struct oc_run *mon,
    struct oc_result *res)
{
	if (oc_ctx_force_stop(ctx, mon, res) == 0)
		oc_note(res, "stopped it before testing");
	else
		oc_ctx_broken(ctx, "the resource could not be brought to the "
		    "stopped state (life.initial-7)");
}

static enum oc_status
life_initial_7(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r = oc_ctx_monitor(ctx, OC_MON_RECURRING);

	if (oc_expect(res, r, OCF_NOT_RUNNING)) {
		ctx->state = OC_ST_STOPPED;
		return OC_PASS;
	}
	if (oc_run_is(r, OCF_SUCCESS) || oc_run_is(r, OCF_RUNNING_PROMOTED) ||
	    oc_run_is(r, OCF_DEGRADED)) {
		oc_note(res, "the resource was already running (left over from "
		    "an earlier run?)");
		ctx->started_once = 1;
		life_force_stop(ctx, r, res);
	} else
		oc_ctx_broken(ctx, "monitor of the never-started resource gave "
		    "%s (life.initial-7); check the parameters given with -o",
		    ocf_rc_str(r->status));
	return OC_FAIL;
}

static enum oc_status
probe_stopped_7(struct oc_ctx *ctx, struct oc_result *res)
{
	ctx->probe_absent = oc_ctx_observe(ctx, OC_MON_PROBE);
	ctx->probe_zero = oc_ctx_observe(ctx, OC_MON_PROBE_0);
	oc_expect(res, ctx->probe_absent, OCF_NOT_RUNNING);
	oc_expect(res, ctx->probe_zero, OCF_NOT_RUNNING);
	return res->status;
}

static enum oc_status
probe_interval_absent(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *a = ctx->probe_absent, *z = ctx->probe_zero;

	if (a == NULL || z == NULL) {
		a = oc_ctx_monitor(ctx, OC_MON_PROBE);
		z = oc_ctx_monitor(ctx, OC_MON_PROBE_0);
	}
	if (a->end == z->end && a->status == z->status)
		return OC_PASS;
	res->run = a;
	return oc_fail(res, "a probe without OCF_RESKEY_CRM_meta_interval gave "
	    "%s, with it set to 0 %s: Pacemaker 2.0.5 and later omit it",
	    ocf_rc_str(a->status), ocf_rc_str(z->status));
}

static enum oc_status
probe_no_binaries(struct oc_ctx *ctx, struct oc_result *res)
{
	static const int ok[] = { OCF_NOT_RUNNING, OCF_ERR_INSTALLED, -1 };
	struct oc_action a = OC_ACTION_INIT("monitor");
	const struct oc_run *r;

	a.label = "probe";
	oc_env_set(&a.set, "OCF_TESTER_FAIL_HAVE_BINARY", "1");
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	oc_expect_rc(res, r, ok);
	return res->status;
}

/*
 * Where the service is simply not on this node (its data on storage
 * mounted elsewhere), a probe must say 7, or 5; a 6 makes Pacemaker stop
 * the resource on every node.  --absent gives the parameters of that case.
 */
static enum oc_status
probe_not_fatal_when_absent(struct oc_ctx *ctx, struct oc_result *res)
{
	static const int ok[] = { OCF_NOT_RUNNING, OCF_ERR_INSTALLED, -1 };
	const struct oc_strv *absent = &ctx->opts->absent;
	struct oc_action a = OC_ACTION_INIT("monitor");
	const struct oc_run *r;
	size_t i;

	if (absent->n == 0)
		return oc_skip(res, "needs the parameters under which the "
		    "service is absent (--absent name=value)");
	a.label = "probe";
	for (i = 0; i < absent->n; i++)
		oc_strv_pushf(&a.set, "OCF_RESKEY_%s", absent->v[i]);
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	if (oc_expect_rc(res, r, ok))
		return OC_PASS;
	if (oc_run_is(r, OCF_ERR_CONFIGURED))
		oc_note(res, "Pacemaker takes OCF_ERR_CONFIGURED (6) from a probe "
		    "as fatal and stops the resource on every node; a service "
		    "that is merely not here is OCF_NOT_RUNNING (7)");
	return OC_FAIL;
}

static enum oc_status
life_monitor_readonly(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *a = oc_ctx_observe(ctx, OC_MON_RECURRING);
	const struct oc_run *b = oc_ctx_monitor(ctx, OC_MON_RECURRING);
	struct oc_leftover *l;
	size_t n, i;

	if (a->status != b->status || a->end != b->end) {
		res->run = b;
		oc_fail(res, "two monitors in a row disagree: %s, then %s",
		    ocf_rc_str(a->status), ocf_rc_str(b->status));
	}
	n = oc_agent_leftovers(ctx->agent, ctx->agent->instance, &l);
	for (i = 0; i < n; i++)
		if (strcmp(l[i].action, "monitor") == 0) {
			oc_fail(res, "monitor of the stopped resource left a "
			    "process running: pid %ld (%s)", (long)l[i].pid,
			    l[i].cmdline);
			break;
		}
	oc_leftovers_free(l, n);
	return res->status;
}

/* Remember which processes start left running (life.start-no-dup). */
static void
life_census(struct oc_ctx *ctx)
{
	free(ctx->start_pids);
	ctx->start_pids = oc_ctx_pids(ctx, "start", &ctx->nstart_pids);
}

static enum oc_status
life_start_0(struct oc_ctx *ctx, struct oc_result *res)
{
	struct oc_artifact_places at = OC_ARTIFACT_PLACES(ctx->agent->rsctmp);
	const struct oc_run *r;

	oc_artifacts_snapshot(&at, &ctx->artifacts_before);
	ctx->artifacts_taken = 1;
	r = oc_ctx_run(ctx, "start");

	ctx->started_once = 1;
	if (!oc_expect(res, r, OCF_SUCCESS)) {
		oc_ctx_broken(ctx, "start failed (life.start-0): the checks that "
		    "need a running resource were skipped");
		return OC_FAIL;
	}
	ctx->state = OC_ST_RUNNING;
	return OC_PASS;
}

static enum oc_status
life_start_complete(struct oc_ctx *ctx, struct oc_result *res)
{
	static const int ok[] = { OCF_SUCCESS, OCF_DEGRADED,
	    OCF_RUNNING_PROMOTED, -1 };
	static const int up[] = { OCF_SUCCESS, OCF_DEGRADED, -1 };
	long long t0;

	if (oc_expect_rc(res, oc_ctx_monitor(ctx, OC_MON_RECURRING), ok)) {
		ctx->up_since_ms = oc_now_ms();
		life_census(ctx);
		return OC_PASS;
	}
	oc_note(res, "start returned before the resource was running");
	/* let it finish, so that the later checks still mean something */
	t0 = oc_now_ms();
	if (oc_ctx_await(ctx, up, oc_agent_timeout(ctx->agent, "start"))) {
		oc_note(res, "it was running %ld ms later",
		    (long)(oc_now_ms() - t0));
		ctx->up_since_ms = oc_now_ms();
		life_census(ctx);
		return OC_FAIL;
	}
	oc_ctx_broken(ctx, "the resource never reported running after start "
	    "(life.start-complete)");
	return OC_FAIL;
}

static enum oc_status
life_start_stable(struct oc_ctx *ctx, struct oc_result *res)
{
	long window = ctx->opts->stable_ms;
	int i, n = window > 0 ? 2 : 1;

	/*
	 * life.start-complete's monitor is the first sample; two more come
	 * at half and at the end of the window (--stable), counted from it,
	 * so that a row's own time is not added to the window.
	 */
	for (i = 1; i <= n; i++) {
		long long at = ctx->up_since_ms + window * i / n;
		long long now = oc_now_ms();
		const struct oc_run *r;

		if (at > now)
			oc_ctx_sleep(ctx, (long)(at - now));
		r = oc_ctx_monitor(ctx, OC_MON_RECURRING);
		if (!oc_expect_rc(res, r, oc_ctx_up_codes(ctx))) {
			oc_note(res, "the monitor %lld ms after the first one "
			    "that saw it running (the window is %ld ms: "
			    "--stable)", oc_now_ms() - ctx->up_since_ms, window);
			break;
		}
	}
	if (res->status == OC_PASS)
		return OC_PASS;
	/* start it again, so that the later rows still mean something */
	if (oc_run_is(oc_ctx_run(ctx, "start"), OCF_SUCCESS) &&
	    oc_run_is_any(oc_ctx_monitor(ctx, OC_MON_RECURRING),
	    oc_ctx_up_codes(ctx))) {
		oc_note(res, "ocf-check started it again for the later checks");
		life_census(ctx);
	} else
		oc_ctx_broken(ctx, "the resource did not stay running after "
		    "start, and a new start did not bring it back "
		    "(life.start-stable)");
	return OC_FAIL;
}

static enum oc_status
probe_running_0(struct oc_ctx *ctx, struct oc_result *res)
{
	oc_expect_rc(res, oc_ctx_monitor(ctx, OC_MON_PROBE), oc_ctx_up_codes(ctx));
	return res->status;
}

static enum oc_status
life_start_idempotent(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r = oc_ctx_run(ctx, "start");

	if (!oc_expect(res, r, OCF_SUCCESS))
		return OC_FAIL;
	oc_expect_rc(res, oc_ctx_monitor(ctx, OC_MON_RECURRING), oc_ctx_up_codes(ctx));
	return res->status;
}

/*
 * A new process of start's beside one that the first start left: a second
 * copy.  When none of those still runs, the service had died and this
 * start replaced it, which is right.
 */
static enum oc_status
life_start_no_dup(struct oc_ctx *ctx, struct oc_result *res)
{
	struct oc_leftover *l;
	size_t n, i, old = 0;

	n = oc_agent_leftovers(ctx->agent, ctx->agent->instance, &l);
	for (i = 0; i < n; i++)
		if (oc_pid_in(ctx->start_pids, ctx->nstart_pids, l[i].pid))
			old++;
	for (i = 0; i < n && old > 0; i++)
		if (strcmp(l[i].action, "start") == 0 &&
		    !oc_pid_in(ctx->start_pids, ctx->nstart_pids, l[i].pid))
			oc_fail(res, "after the second start a new process runs "
			    "beside the first start's: pid %ld (%s): a second "
			    "copy of the service", (long)l[i].pid, l[i].cmdline);
	if (old == 0 && ctx->nstart_pids > 0)
		oc_note(res, "the processes of the first start had ended; the "
		    "second start replaced them");
	oc_leftovers_free(l, n);
	return res->status;
}

static enum oc_status
life_crash_detected(struct oc_ctx *ctx, struct oc_result *res)
{
	static const int bad[] = { OCF_SUCCESS, OCF_DEGRADED,
	    OCF_RUNNING_PROMOTED, OCF_DEGRADED_PROMOTED };
	const struct oc_run *r;
	size_t killed, i;
	pid_t *pids = oc_ctx_pids(ctx, "start", &killed);

	oc_pids_kill(pids, killed);
	free(pids);
	if (killed == 0)
		return oc_skip(res, "start left no process running: nothing to "
		    "crash");
	oc_note(res, "killed %zu process%s with SIGKILL", killed,
	    killed == 1 ? "" : "es");
	r = oc_ctx_monitor(ctx, OC_MON_RECURRING);
	for (i = 0; i < OC_ARRAY_SIZE(bad); i++)
		if (oc_run_is(r, bad[i])) {
			res->run = r;
			snprintf(res->expected, sizeof(res->expected), "a "
			    "failure: OCF_ERR_GENERIC (1), or OCF_NOT_RUNNING (7)");
			oc_fail(res, "after its processes were killed, monitor "
			    "still says %s: it trusts something (a PID file?) "
			    "that outlived the service", ocf_rc_str(r->status));
			break;
		}
	r = oc_ctx_run(ctx, "stop");
	if (!oc_expect(res, r, OCF_SUCCESS))
		oc_note(res, "stop after a crash must clean up and return 0");
	if (!oc_expect(res, oc_ctx_monitor(ctx, OC_MON_RECURRING),
	    OCF_NOT_RUNNING)) {
		oc_ctx_broken(ctx, "the crashed resource could not be stopped "
		    "(life.crash-detected)");
		return OC_FAIL;
	}
	r = oc_ctx_run(ctx, "start");
	if (!oc_run_is(r, OCF_SUCCESS) ||
	    !oc_expect_rc(res, oc_ctx_monitor(ctx, OC_MON_RECURRING),
	    oc_ctx_up_codes(ctx))) {
		oc_ctx_broken(ctx, "the resource could not be started again "
		    "after the crash test (life.crash-detected)");
		return oc_fail(res, "start after the crash test failed");
	}
	life_census(ctx);
	return res->status;
}

static const struct oc_run *
life_monitor_depth(struct oc_ctx *ctx, int depth)
{
	struct oc_action a = OC_ACTION_INIT("monitor");
	const struct oc_run *r;
	char iv[32];

	oc_ctx_recurring_env(ctx, &a.set);
	snprintf(iv, sizeof(iv), "%d", depth);
	oc_env_set(&a.set, "OCF_CHECK_LEVEL", iv);
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	return r;
}

static enum oc_status
depth_advertised(struct oc_ctx *ctx, struct oc_result *res)
{
	size_t i, tried = 0;

	for (i = 0; i < ctx->meta->nactions; i++) {
		const struct oc_meta_action *a = &ctx->meta->actions[i];

		if (strcmp(a->name, "monitor") != 0 || a->depth_n <= 0)
			continue;
		tried++;
		oc_expect_rc(res, life_monitor_depth(ctx, a->depth_n),
		    oc_ctx_up_codes(ctx));
	}
	if (tried == 0)
		return oc_skip(res, "no monitor depth other than 0 is advertised");
	return res->status;
}

static enum oc_status
depth_fallback(struct oc_ctx *ctx, struct oc_result *res)
{
	oc_expect_rc(res, life_monitor_depth(ctx, 15), oc_ctx_up_codes(ctx));
	if (res->status == OC_FAIL)
		oc_note(res, "an unadvertised level should behave like the next "
		    "lower one it supports");
	return res->status;
}

#define RUNNING		(OC_NEED_LIFE | OC_NEED_RUNNING)
#define STOPPED		(OC_NEED_LIFE | OC_NEED_STOPPED)

static const struct oc_check life_start_rows[] = {
	{ "life.initial-7", "monitor of a never-started instance returns 7",
	  OC_SEV_ERROR, "S1.1 §Exit Status Codes (7)", OC_NEED_LIFE | OC_STATE,
	  life_initial_7 },
	{ "probe.stopped-7", "a probe of the stopped resource returns 7",
	  OC_SEV_ERROR, "S1.1 §7; SF ocf_is_probe()", STOPPED, probe_stopped_7 },
	{ "probe.interval-absent", "probes agree with the interval absent or "
	  "0", OC_SEV_WARNING, "pe_actions.c pcmk__unpack_action_meta()",
	  STOPPED, probe_interval_absent },
	{ "probe.no-binaries", "a probe with binaries missing returns 7 or 5",
	  OC_SEV_ERROR, "ocf-tester; PUN (probe + 5: leave stopped)", STOPPED,
	  probe_no_binaries },
	{ "probe.not-fatal-when-absent", "a probe where the service is absent "
	  "returns 7 or 5, never 6", OC_SEV_WARNING, "DG §validate-all; PUN "
	  "(6 is fatal)", STOPPED, probe_not_fatal_when_absent },
	{ "life.monitor-readonly", "monitor changes nothing", OC_SEV_WARNING,
	  "S1.1 §monitor", STOPPED, life_monitor_readonly },
	{ "life.start-0", "start returns 0", OC_SEV_ERROR,
	  "S1.1 §Mandatory Actions", STOPPED | OC_STATE, life_start_0 },
	{ "life.start-complete", "monitor right after start returns 0",
	  OC_SEV_ERROR, "S1.1 §start; PA §Action Completion",
	  RUNNING | OC_STATE, life_start_complete },
	{ "life.start-stable", "the resource stays running after start",
	  OC_SEV_WARNING, "PA §Action Completion", RUNNING | OC_THOROUGH |
	  OC_WINDOW, life_start_stable },
	{ "probe.running-0", "a probe of the running resource returns 0",
	  OC_SEV_ERROR, "S1.1 §Exit Status Codes (0)", RUNNING,
	  probe_running_0 },
	{ "life.start-idempotent", "start when running returns 0",
	  OC_SEV_ERROR, "S1.1 §start", RUNNING, life_start_idempotent },
	{ "life.start-no-dup", "a second start starts no second copy",
	  OC_SEV_WARNING, "S1.1 §Resource Agent Actions", RUNNING,
	  life_start_no_dup },
	{ "life.crash-detected", "monitor notices that the service was killed",
	  OC_SEV_ERROR, "S1.1 §monitor; DG §monitor", RUNNING | OC_STATE,
	  life_crash_detected },
	{ "depth.advertised", "each advertised OCF_CHECK_LEVEL returns 0 "
	  "while running", OC_SEV_ERROR, "S1.1 §Check Levels",
	  RUNNING | OC_NEED_META, depth_advertised },
	{ "depth.fallback", "an unadvertised OCF_CHECK_LEVEL falls back",
	  OC_SEV_INFO, "S1.1 §Check Levels", RUNNING | OC_THOROUGH,
	  depth_fallback },
};

const struct oc_check_group oc_checks_life_start = {
	life_start_rows, OC_ARRAY_SIZE(life_start_rows)
};
