/*
 * Roles (ocf-rules §1.10): promote and demote with the monitor that proves
 * each state, idempotency, probes of a promoted instance, the promotion
 * score, and what an agent without roles must answer.  Rows leave the
 * resource started and unpromoted.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "check.h"
#include "meta.h"
#include "ocf.h"

static const int role_unpromoted[] = { OCF_SUCCESS, OCF_DEGRADED, -1 };
static const int role_promoted[] = { OCF_RUNNING_PROMOTED,
    OCF_DEGRADED_PROMOTED, -1 };

/* Back to started and unpromoted, whatever happened; 0 if so. */
static int
role_settle(struct oc_ctx *ctx)
{
	const struct oc_run *r = oc_ctx_monitor(ctx, OC_MON_RECURRING);

	if (oc_run_is(r, OCF_RUNNING_PROMOTED)) {
		(void)oc_ctx_run(ctx, "demote");
		r = oc_ctx_monitor(ctx, OC_MON_RECURRING);
	}
	if (oc_run_is(r, OCF_SUCCESS) || oc_run_is(r, OCF_DEGRADED)) {
		ctx->state = OC_ST_RUNNING;
		return 0;
	}
	oc_ctx_broken(ctx, "the resource did not come back to the started, "
	    "unpromoted state after the role checks");
	return -1;
}

/* The nonsense action of exec.unknown-action (check-exec.c). */

static enum oc_status
role_unsupported_3(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *d, *p, *u;
	int any0;

	if (ctx->roles)
		return oc_skip(res, "the agent advertises promote and demote");
	d = oc_ctx_run(ctx, "demote");
	p = oc_ctx_run(ctx, "promote");
	if (oc_run_is(d, 3) && oc_run_is(p, 3))
		return OC_PASS;
	/* an agent that answers 0 to anything implements nothing by it */
	u = oc_ctx_last_run(ctx, OC_UNKNOWN_ACTION);
	any0 = u != NULL && oc_run_is(u, OCF_SUCCESS);
	if (oc_run_is(p, OCF_SUCCESS) && oc_run_is(d, OCF_SUCCESS) && !any0) {
		/* it implements roles without saying so */
		ctx->roles = 1;
		oc_note(res, "promote and demote are implemented but not "
		    "advertised (see act.advertised-matches): testing roles");
	} else if (!any0 && (oc_run_is(p, OCF_SUCCESS) ||
	    oc_run_is(d, OCF_SUCCESS)) && (oc_run_is(p, 3) || oc_run_is(d, 3))) {
		res->run = oc_run_is(p, 3) ? d : p;
		oc_fail_sev(res, OC_SEV_ERROR, "promote gave %s and demote %s: "
		    "only one of them is implemented",
		    ocf_rc_str(p->status), ocf_rc_str(d->status));
	} else {
		oc_expect(res, p, OCF_ERR_UNIMPLEMENTED);
		oc_expect(res, d, OCF_ERR_UNIMPLEMENTED);
		oc_note(res, "an agent without roles returns "
		    "OCF_ERR_UNIMPLEMENTED (3) for promote and demote%s", any0 ?
		    "; this one returns 0 even for an unknown action "
		    "(exec.unknown-action)" : "");
	}
	(void)role_settle(ctx);
	return res->status;
}

static enum oc_status
role_start_unpromoted(struct oc_ctx *ctx, struct oc_result *res)
{
	if (!oc_expect_rc(res, oc_ctx_monitor(ctx, OC_MON_RECURRING),
	    role_unpromoted))
		oc_note(res, "start must leave the resource unpromoted");
	return res->status;
}

static enum oc_status
role_promote_8(struct oc_ctx *ctx, struct oc_result *res)
{
	if (!oc_expect(res, oc_ctx_run(ctx, "promote"), OCF_SUCCESS) ||
	    !oc_expect_rc(res, oc_ctx_monitor(ctx, OC_MON_RECURRING),
	    role_promoted)) {
		(void)role_settle(ctx);
		return OC_FAIL;
	}
	ctx->state = OC_ST_PROMOTED;
	return OC_PASS;
}

static enum oc_status
role_promote_idempotent(struct oc_ctx *ctx, struct oc_result *res)
{
	oc_expect(res, oc_ctx_run(ctx, "promote"), OCF_SUCCESS);
	oc_expect_rc(res, oc_ctx_monitor(ctx, OC_MON_RECURRING), role_promoted);
	return res->status;
}

static enum oc_status
probe_promoted_8(struct oc_ctx *ctx, struct oc_result *res)
{
	if (!oc_expect_rc(res, oc_ctx_monitor(ctx, OC_MON_PROBE),
	    role_promoted))
		oc_note(res, "Pacemaker learns of promoted instances from probes");
	return res->status;
}

/* Recording stand-ins for the commands that set a promotion score. */
static char *
role_stub_dir(struct oc_ctx *ctx)
{
	static const char *const cmds[] = { "crm_attribute", "crm_master",
	    "attrd_updater" };
	char *dir = xasprintf("%s/sbin", ctx->agent->workdir ?
	    ctx->agent->workdir : "/tmp");
	size_t i;

	mkdir(dir, 0755);
	for (i = 0; i < OC_ARRAY_SIZE(cmds); i++) {
		char *path = xasprintf("%s/%s", dir, cmds[i]);
		FILE *fp = fopen(path, "w");

		if (fp != NULL) {
			fprintf(fp, "#!/bin/sh\n# ocf-check: records the call\n"
			    "echo \"%s $*\" >> '%s/calls'\nexit 0\n", cmds[i], dir);
			fclose(fp);
			chmod(path, 0755);
		}
		free(path);
	}
	return dir;
}

static enum oc_status
role_promotion_score(struct oc_ctx *ctx, struct oc_result *res)
{
	/* a recurring monitor, a probe, a notify */
	static const char *const acts[] = { "monitor", "monitor", "notify" };
	static const char *const labels[] = {
	    "monitor with recording crm_attribute/crm_master",
	    "probe with recording crm_attribute/crm_master",
	    "notify with recording crm_attribute/crm_master" };
	char *dir = role_stub_dir(ctx), *calls = xasprintf("%s/calls", dir);
	struct oc_buf log = OC_BUF_INIT;
	char *path = xasprintf("%s:%s", dir, OC_PATH_DEFAULT);
	FILE *fp;
	size_t i;

	unlink(calls);
	for (i = 0; i < OC_ARRAY_SIZE(acts); i++) {
		struct oc_action a = OC_ACTION_INIT(acts[i]);

		a.label = labels[i];
		oc_env_set(&a.set, "HA_SBIN_DIR", dir);
		oc_env_set(&a.set, "PATH", path);
		if (i == 0)
			oc_ctx_recurring_env(ctx, &a.set);
		(void)oc_agent_run(ctx->agent, &a);
		oc_action_release(&a);
	}
	if ((fp = fopen(calls, "r")) != NULL) {
		char line[512];

		while (fgets(line, sizeof(line), fp) != NULL)
			oc_buf_adds(&log, line);
		fclose(fp);
	}
	if (strstr(log.buf, " -v") == NULL && strstr(log.buf, "--update") == NULL)
		oc_fail(res, "neither monitor, a probe nor notify set a "
		    "promotion score (no crm_attribute -p/crm_master ... -v "
		    "SCORE call): without one, Pacemaker promotes nothing");
	oc_buf_release(&log);
	free(dir);
	free(calls);
	free(path);
	return res->status;
}

static enum oc_status
role_demote_0(struct oc_ctx *ctx, struct oc_result *res)
{
	if (!oc_expect(res, oc_ctx_run(ctx, "demote"), OCF_SUCCESS) ||
	    !oc_expect_rc(res, oc_ctx_monitor(ctx, OC_MON_RECURRING),
	    role_unpromoted)) {
		(void)role_settle(ctx);
		return OC_FAIL;
	}
	ctx->state = OC_ST_RUNNING;
	return OC_PASS;
}

static enum oc_status
role_demote_idempotent(struct oc_ctx *ctx, struct oc_result *res)
{
	oc_expect(res, oc_ctx_run(ctx, "demote"), OCF_SUCCESS);
	oc_expect_rc(res, oc_ctx_monitor(ctx, OC_MON_RECURRING), role_unpromoted);
	return res->status;
}

/* Run a role action in a state Pacemaker never runs it in. */
static const struct oc_run *
role_off_protocol(struct oc_ctx *ctx, const char *name, const char *label)
{
	struct oc_action a = OC_ACTION_INIT(name);
	const struct oc_run *r;

	a.label = label;
	a.off_protocol = 1;
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	return r;
}

static enum oc_status
role_stop_promoted(struct oc_ctx *ctx, struct oc_result *res)
{
	if (!oc_run_is(oc_ctx_run(ctx, "promote"), OCF_SUCCESS)) {
		(void)role_settle(ctx);
		return oc_skip(res, "promote failed (see role.promote-8)");
	}
	oc_expect(res, role_off_protocol(ctx, "stop", "stop (while promoted)"),
	    OCF_SUCCESS);
	if (!oc_expect(res, oc_ctx_monitor(ctx, OC_MON_RECURRING),
	    OCF_NOT_RUNNING))
		(void)oc_ctx_run(ctx, "demote"), (void)oc_ctx_run(ctx, "stop");
	if (!oc_run_is(oc_ctx_run(ctx, "start"), OCF_SUCCESS)) {
		oc_ctx_broken(ctx, "start after role.stop-promoted failed");
		return oc_fail(res, "start after the stop from promoted failed");
	}
	(void)role_settle(ctx);
	return res->status;
}

static enum oc_status
role_meta_monitors(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_meta_action *p = NULL, *u = NULL;
	size_t i;

	for (i = 0; i < ctx->meta->nactions; i++) {
		const struct oc_meta_action *a = &ctx->meta->actions[i];

		if (strcmp(a->name, "monitor") != 0 || a->role == NULL)
			continue;
		if (strcmp(a->role, "Promoted") == 0 ||
		    strcmp(a->role, "Master") == 0)
			p = a;
		else if (strcmp(a->role, "Unpromoted") == 0 ||
		    strcmp(a->role, "Slave") == 0)
			u = a;
	}
	if (p == NULL || u == NULL)
		return oc_fail(res, "no monitor entry for role %s: a "
		    "promotable agent advertises one monitor per role",
		    p == NULL ? "Promoted" : "Unpromoted");
	if (p->interval_ms == u->interval_ms)
		return oc_fail(res, "the Promoted and Unpromoted monitors have "
		    "the same interval: Pacemaker tells operations apart by "
		    "name and interval");
	return OC_PASS;
}

/* Back to stopped after a role action on the stopped resource. */
static void
role_restop(struct oc_ctx *ctx, const struct oc_run *mon)
{
	if (oc_ctx_force_stop(ctx, mon, NULL) == -1)
		oc_ctx_broken(ctx, "the resource could not be stopped again "
		    "after a role action on the stopped resource");
}

/*
 * promote of the stopped resource: either it refuses (an error, and the
 * resource stays stopped) or it does what it says (0, and promoted, as
 * the DG's example, which starts first).  0 with nothing done is a lie.
 */
static enum oc_status
role_promote_stopped(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r, *m;

	r = role_off_protocol(ctx, "promote", "promote (while stopped)");
	m = oc_ctx_monitor(ctx, OC_MON_RECURRING);
	oc_note(res, "promote of the stopped resource gave %s",
	    ocf_rc_str(r->status));
	if (oc_run_is(r, OCF_SUCCESS)) {
		if (!oc_expect_rc(res, m, role_promoted))
			oc_note(res, "promote of the stopped resource returned 0, "
			    "so it should have left it promoted");
	} else if (!oc_expect(res, m, OCF_NOT_RUNNING))
		oc_note(res, "promote of the stopped resource failed (%s) but "
		    "did not leave it stopped", ocf_rc_str(r->status));
	role_restop(ctx, m);
	return res->status;
}

/* demote of the stopped resource: whatever it answers (recorded), the
 * resource stays stopped. */
static enum oc_status
role_demote_stopped(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r, *m;
	struct oc_buf d = OC_BUF_INIT;

	r = role_off_protocol(ctx, "demote", "demote (while stopped)");
	m = oc_ctx_monitor(ctx, OC_MON_RECURRING);
	oc_run_describe(r, &d);
	oc_note(res, "demote of the stopped resource %s", d.buf);
	oc_buf_release(&d);
	if (!oc_expect(res, m, OCF_NOT_RUNNING))
		oc_note(res, "demote must not start the resource");
	role_restop(ctx, m);
	return res->status;
}

#define RUNNING		(OC_NEED_LIFE | OC_NEED_RUNNING)
#define ROLES		(OC_NEED_LIFE | OC_NEED_ROLES)

static const struct oc_check role_rows[] = {
	{ "role.unsupported-3", "an agent without roles returns 3 for "
	  "promote and demote", OC_SEV_WARNING, "DG §OCF_ERR_UNIMPLEMENTED",
	  RUNNING | OC_STATE, role_unsupported_3 },
	{ "role.start-unpromoted", "start leaves the resource unpromoted "
	  "(monitor 0)", OC_SEV_ERROR, "S1.1 §start; PA §Promotable Clones",
	  ROLES | OC_NEED_RUNNING, role_start_unpromoted },
	{ "role.promote-8", "promote returns 0, then monitor returns 8",
	  OC_SEV_ERROR, "S1.1 §Exit Status Codes (8)",
	  ROLES | OC_NEED_RUNNING | OC_STATE, role_promote_8 },
	{ "role.promote-idempotent", "promote when promoted returns 0",
	  OC_SEV_ERROR, "S1.1 §Resource Agent Actions", ROLES |
	  OC_NEED_PROMOTED, role_promote_idempotent },
	{ "probe.promoted-8", "a probe of the promoted resource returns 8",
	  OC_SEV_ERROR, "PA §Role Implications of OCF Return Codes",
	  ROLES | OC_NEED_PROMOTED, probe_promoted_8 },
	{ "role.promotion-score", "the agent sets a promotion score",
	  OC_SEV_INFO, "DG §Specifying a master preference; SF "
	  "ocf_promotion_score()", ROLES | OC_NEED_PROMOTED,
	  role_promotion_score },
	{ "role.demote-0", "demote returns 0, then monitor returns 0",
	  OC_SEV_ERROR, "S1.1 §demote", ROLES | OC_NEED_PROMOTED | OC_STATE,
	  role_demote_0 },
	{ "role.demote-idempotent", "demote when unpromoted returns 0",
	  OC_SEV_ERROR, "S1.1 §Resource Agent Actions",
	  ROLES | OC_NEED_RUNNING, role_demote_idempotent },
	{ "role.stop-promoted", "stop from promoted returns 0, then monitor "
	  "returns 7", OC_SEV_WARNING, "DG §stop action",
	  ROLES | OC_NEED_RUNNING | OC_STATE, role_stop_promoted },
	{ "role.meta-monitors", "a monitor per role, with distinct intervals",
	  OC_SEV_WARNING, "Stateful.in; PE §Operations",
	  ROLES | OC_NEED_META, role_meta_monitors },
};

const struct oc_check_group oc_checks_role = {
	role_rows, OC_ARRAY_SIZE(role_rows)
};

/* After stop (check-stop.c), while the resource is stopped. */
static const struct oc_check role_stopped_rows[] = {
	{ "role.promote-stopped", "promote of the stopped resource refuses, or "
	  "really promotes", OC_SEV_INFO, "S1.1 §promote; DG §promote",
	  ROLES | OC_NEED_STOPPED | OC_STATE | OC_THOROUGH,
	  role_promote_stopped },
	{ "role.demote-stopped", "demote of the stopped resource leaves it "
	  "stopped", OC_SEV_INFO, "S1.1 §demote; DG §demote",
	  ROLES | OC_NEED_STOPPED | OC_STATE | OC_THOROUGH,
	  role_demote_stopped },
};

const struct oc_check_group oc_checks_role_stopped = {
	role_stopped_rows, OC_ARRAY_SIZE(role_stopped_rows)
};
