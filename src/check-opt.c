/*
 * Optional actions while running (ocf-rules §1.11, §1.12, §1.14): notify
 * with Pacemaker-shaped variables, reload and reload-agent, status and
 * recover.  Each leaves the resource running, and a monitor proves it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "check.h"
#include "meta.h"
#include "ocf.h"

static const int opt_running[] = { OCF_SUCCESS, OCF_DEGRADED, -1 };

/*
 * The notify environment of §2.4 for one type (pre/post) and operation.
 * The peer instance is active on another node, unless alone: then every
 * list but the operation's own is Pacemaker's empty list, a single space.
 */
static void
opt_notify_env(struct oc_ctx *ctx, struct oc_action *a, const char *type,
    const char *op, int alone)
{
	static const char *const lists[] = { "start", "stop", "active",
	    "promote", "demote", "promoted", "unpromoted", "master", "slave" };
	static const char *const post_key[][2] = { { "start", "running" },
	    { "stop", "stopped" }, { "promote", "promoted" },
	    { "demote", "demoted" } };
	const char *inst = ctx->agent->instance, *host = ctx->agent->hostname;
	char *me = xasprintf("%s:0", inst), *peer = xasprintf("%s:1", inst);
	char name[96];
	size_t i;

	oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_notify_type", type);
	oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_notify_operation", op);
	oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_notify_key_type", type);
	for (i = 0; i < OC_ARRAY_SIZE(post_key); i++)
		if (strcmp(op, post_key[i][0]) == 0)
			oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_notify_key_operation",
			    strcmp(type, "post") == 0 ? post_key[i][1] : op);
	for (i = 0; i < OC_ARRAY_SIZE(lists); i++) {
		int mine = strcmp(lists[i], op) == 0;
		int active = !alone && strcmp(lists[i], "active") == 0;

		snprintf(name, sizeof(name),
		    "OCF_RESKEY_CRM_meta_notify_%s_resource", lists[i]);
		oc_env_set(&a->set, name, mine ? me : active ? peer : " ");
		snprintf(name, sizeof(name),
		    "OCF_RESKEY_CRM_meta_notify_%s_uname", lists[i]);
		oc_env_set(&a->set, name, mine ? host : active ?
		    "ocf-check-peer" : " ");
	}
	oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_notify_inactive_resource", " ");
	snprintf(name, sizeof(name), "%s%s", host, alone ? "" :
	    " ocf-check-peer");
	oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_notify_available_uname", name);
	oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_notify_all_uname", name);
	oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_clone", "0");
	oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_clone_max", "2");
	oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_clone_node_max", "1");
	oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_globally_unique", "false");
	oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_notify", "true");
	if (ctx->roles) {
		oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_promotable", "true");
		oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_promoted_max", "1");
		oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_promoted_node_max", "1");
		oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_master_max", "1");
		oc_env_set(&a->set, "OCF_RESKEY_CRM_meta_master_node_max", "1");
	}
	free(me);
	free(peer);
}

static int
opt_is_running(const struct oc_run *r)
{
	return oc_run_is(r, OCF_SUCCESS) || oc_run_is(r, OCF_DEGRADED);
}

/*
 * After a row's monitor mon found the resource changed, bring it back to
 * started and unpromoted, so that the later rows still mean something.
 */
static void
opt_settle(struct oc_ctx *ctx, struct oc_result *res, const struct oc_run *mon)
{
	if (opt_is_running(mon))
		return;
	if (oc_run_is(mon, OCF_RUNNING_PROMOTED) ||
	    oc_run_is(mon, OCF_DEGRADED_PROMOTED))
		(void)oc_ctx_run(ctx, "demote");
	else
		(void)oc_ctx_run(ctx, "start");
	if (opt_is_running(oc_ctx_monitor(ctx, OC_MON_RECURRING)))
		oc_note(res, "ocf-check brought it back to started for the "
		    "later checks");
	else
		oc_ctx_broken(ctx, "the resource could not be brought back to "
		    "the started state after an optional action");
}

static const struct oc_run *
opt_notify(struct oc_ctx *ctx, const char *type, const char *op, int alone)
{
	struct oc_action a = OC_ACTION_INIT("notify");
	const struct oc_run *r;
	char *label = xasprintf("notify (%s-%s%s)", type, op, alone ?
	    ", empty lists" : "");

	a.label = label;
	opt_notify_env(ctx, &a, type, op, alone);
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	free(label);
	return r;
}

static enum oc_status
notify_unsupported_3(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;

	if (ctx->meta != NULL && oc_meta_has_action(ctx->meta, "notify"))
		return oc_skip(res, "notify is advertised");
	r = opt_notify(ctx, "post", "start", 0);
	if (oc_run_is(r, OCF_ERR_UNIMPLEMENTED) || oc_run_is(r, OCF_SUCCESS))
		return OC_PASS;
	res->run = r;
	return oc_fail(res, "notify is not advertised and gave %s: an agent "
	    "without notify support should return OCF_ERR_UNIMPLEMENTED (3)",
	    ocf_rc_str(r->status));
}

/* Does the agent do notify: advertised, or a run of it exited 0? */
static int
opt_notify_supported(const struct oc_ctx *ctx)
{
	const struct oc_run *last = oc_ctx_last_run(ctx, "notify");

	return (ctx->meta != NULL && oc_meta_has_action(ctx->meta, "notify")) ||
	    (last != NULL && oc_run_is(last, OCF_SUCCESS));
}

static enum oc_status
notify_rc_0(struct oc_ctx *ctx, struct oc_result *res)
{
	static const char *const ops[] = { "start", "stop", "promote", "demote" };
	size_t i, nops = ctx->roles ? 4 : 2;
	int k;

	if (!opt_notify_supported(ctx))
		return oc_skip(res, "notify is neither advertised nor "
		    "implemented");
	if (ctx->meta == NULL || !oc_meta_has_action(ctx->meta, "notify"))
		res->sev = OC_SEV_WARNING;
	for (i = 0; i < nops; i++)
		for (k = 0; k < 2; k++)
			oc_expect(res, opt_notify(ctx, k ? "post" : "pre", ops[i],
			    0), OCF_SUCCESS);
	return res->status;
}

/*
 * The first instance of a clone to start is told so by empty lists: no
 * active peer, nothing else starting or stopping.  Pacemaker writes an
 * empty list as a single space, which "[ -n ]" takes for a name.
 */
static enum oc_status
notify_empty_lists(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;
	int k;

	if (!opt_notify_supported(ctx))
		return oc_skip(res, "notify is neither advertised nor "
		    "implemented");
	for (k = 0; k < 2; k++) {
		r = opt_notify(ctx, k ? "post" : "pre", "start", 1);
		if (!oc_expect(res, r, OCF_SUCCESS)) {
			oc_note(res, "the lists other than start_* were a single "
			    "space, as Pacemaker sends an empty list, and "
			    "available_uname named this node alone");
			break;
		}
	}
	return res->status;
}

/* Did any notify run exit with something else than 3? */
static int
opt_notify_ran(const struct oc_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->agent->nruns; i++) {
		const struct oc_run *r = ctx->agent->runs[i];

		if (r->action != NULL && strcmp(r->action, "notify") == 0 &&
		    !oc_run_is(r, OCF_ERR_UNIMPLEMENTED))
			return 1;
	}
	return 0;
}

static enum oc_status
notify_no_state_change(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *mon;

	if (!opt_notify_ran(ctx))
		return oc_skip(res, "notify was not run, or is not implemented");
	mon = oc_ctx_monitor(ctx, OC_MON_RECURRING);
	if (!oc_expect_rc(res, mon, opt_running)) {
		oc_note(res, "notify must not change the resource's state");
		opt_settle(ctx, res, mon);
	}
	return res->status;
}

/* Run an advertised optional action in R, then monitor. */
static enum oc_status
opt_running_action(struct oc_ctx *ctx, struct oc_result *res, const char *name)
{
	const struct oc_run *mon;

	if (!oc_meta_has_action(ctx->meta, name))
		return oc_skip(res, "%s is not advertised", name);
	oc_expect(res, oc_ctx_run(ctx, name), OCF_SUCCESS);
	mon = oc_ctx_monitor(ctx, OC_MON_RECURRING);
	if (!oc_expect_rc(res, mon, opt_running)) {
		oc_note(res, "%s must leave the resource running", name);
		opt_settle(ctx, res, mon);
	}
	return res->status;
}

static enum oc_status
reload_agent_running(struct oc_ctx *ctx, struct oc_result *res)
{
	return opt_running_action(ctx, res, "reload-agent");
}

static enum oc_status
reload_running(struct oc_ctx *ctx, struct oc_result *res)
{
	return opt_running_action(ctx, res, "reload");
}

static enum oc_status
opt_recover(struct oc_ctx *ctx, struct oc_result *res)
{
	return opt_running_action(ctx, res, "recover");
}

static enum oc_status
opt_status(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *s, *m;

	if (!oc_meta_has_action(ctx->meta, "status"))
		return oc_skip(res, "status is not advertised");
	s = oc_ctx_run(ctx, "status");
	m = oc_ctx_monitor(ctx, OC_MON_RECURRING);
	if (s->end == m->end && s->status == m->status)
		return OC_PASS;
	res->run = s;
	return oc_fail(res, "status gave %s where monitor gave %s: status is "
	    "monitor's old name and should agree with it",
	    ocf_rc_str(s->status), ocf_rc_str(m->status));
}

static enum oc_status
reload_legacy(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_meta *m = ctx->meta;
	int v11 = m->ocf_major > 1 || (m->ocf_major == 1 && m->ocf_minor >= 1);

	if (!oc_meta_has_action(m, "reload") ||
	    (v11 && oc_meta_has_action(m, "reload-agent")))
		return OC_PASS;
	return oc_fail(res, "the agent advertises reload%s: Pacemaker calls "
	    "reload (the legacy way) when a non-unique parameter changes; "
	    "OCF 1.1 agents advertise reload-agent for that",
	    v11 ? " but not reload-agent" : " and claims OCF 1.0");
}

#define RUNNING		(OC_NEED_LIFE | OC_NEED_RUNNING)

static const struct oc_check opt_rows[] = {
	{ "notify.unsupported-3", "an agent without notify returns 3",
	  OC_SEV_INFO, "DG §OCF_ERR_UNIMPLEMENTED", RUNNING,
	  notify_unsupported_3 },
	{ "notify.rc-0", "notify returns 0 for every pre/post operation",
	  OC_SEV_ERROR, "PA §Optional Actions; DG §notify", RUNNING,
	  notify_rc_0 },
	{ "notify.empty-lists", "notify handles empty lists (a single space)",
	  OC_SEV_WARNING, "PNT add_notif_keys()", RUNNING | OC_THOROUGH,
	  notify_empty_lists },
	{ "notify.no-state-change", "notify leaves the resource running",
	  OC_SEV_WARNING, "S1.1 §notify", RUNNING, notify_no_state_change },
	{ "reload-agent.running", "reload-agent while running returns 0 and "
	  "it keeps running", OC_SEV_ERROR, "S1.1 §reload-agent",
	  RUNNING | OC_NEED_META, reload_agent_running },
	{ "reload.running", "reload while running returns 0 and it keeps "
	  "running", OC_SEV_ERROR, "S1.1 §reload", RUNNING | OC_NEED_META,
	  reload_running },
	{ "reload.legacy", "reload is not the legacy parameter-change hook",
	  OC_SEV_INFO, "PCM ra_supports_legacy_reload; pacemaker PR #2349",
	  OC_NEED_META, reload_legacy },
	{ "opt.status", "status agrees with monitor", OC_SEV_WARNING,
	  "DG §Actions", RUNNING | OC_NEED_META, opt_status },
	{ "opt.recover", "recover while running returns 0", OC_SEV_INFO,
	  "S1.1 §recover", RUNNING | OC_NEED_META, opt_recover },
};

const struct oc_check_group oc_checks_opt = {
	opt_rows, OC_ARRAY_SIZE(opt_rows)
};
