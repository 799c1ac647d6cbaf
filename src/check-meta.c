/*
 * Meta-data checks on producing it (meta.*, ocf-rules.md §1.2).  The
 * first row runs meta-data the way Pacemaker's controller does and parses
 * it once into ctx->meta, which the rows of check-lint.c and the
 * lifecycle checks read; every other row here reruns meta-data with one
 * thing changed.  Nothing here runs any action but meta-data.
 */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "check.h"
#include "meta.h"

/* The longest stretch of agent output quoted in a report. */
#define META_QUOTE	48

/* The time limit of the reruns: --timeout, else the controller's 20 s
 * (never the advertised timeout: meta.fast judges that). */
static long
meta_limit(const struct oc_ctx *ctx)
{
	if (ctx->agent->timeout_override_ms >= 0)
		return ctx->agent->timeout_override_ms;
	return OC_META_TIMEOUT_MS;
}

/*
 * Run meta-data as the controller does: no instance parameters, the
 * runner's clean environment (no HA_RSCTMP), OCF_OUTPUT_FORMAT=text;
 * then var=value if var is set, as the unprivileged user if as_user.
 */
static const struct oc_run *
meta_run(struct oc_ctx *ctx, const char *var, const char *value, int as_user)
{
	struct oc_action a = OC_ACTION_INIT("meta-data");
	const struct oc_run *r;

	a.meta_env = 1;
	a.as_user = as_user;
	oc_env_set(&a.set, "OCF_OUTPUT_FORMAT", "text");
	if (var != NULL)
		oc_env_set(&a.set, var, value);
	if (ctx->meta_run != NULL)
		a.timeout_ms = meta_limit(ctx);
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	return r;
}

/* Keep the parsed meta-data and what the runner learns from it. */
static void
meta_adopt(struct oc_ctx *ctx, const struct oc_run *r)
{
	struct oc_buf err = OC_BUF_INIT;
	const struct oc_meta_action *a;
	size_t i;

	ctx->meta = oc_meta_parse(r->out.buf, r->out.len, &err);
	oc_buf_release(&err);
	if (ctx->meta == NULL)
		return;
	for (i = 0; i < ctx->meta->nactions; i++) {
		a = &ctx->meta->actions[i];
		if (a->name != NULL && a->timeout_ms >= 0)
			oc_agent_set_timeout(ctx->agent, a->name,
			    a->timeout_ms > LONG_MAX ? LONG_MAX :
			    (long)a->timeout_ms);
	}
	if (oc_meta_has_action(ctx->meta, "promote") ||
	    oc_meta_has_action(ctx->meta, "demote"))
		ctx->roles = 1;
}

/* Did the controller-style run fail?  Then the reruns have no baseline. */
static int
meta_failed(const struct oc_ctx *ctx)
{
	return !oc_run_is(ctx->meta_run, 0);
}

/* Did run r exit 0 with meta-data that parses? */
static int
meta_usable(const struct oc_run *r)
{
	struct oc_buf err = OC_BUF_INIT;
	struct oc_meta *m;
	int ok;

	if (!oc_run_is(r, 0))
		return 0;
	m = oc_meta_parse(r->out.buf, r->out.len, &err);
	ok = m != NULL;
	oc_buf_release(&err);
	oc_meta_free(m);
	return ok;
}

/* Quote up to META_QUOTE bytes of data from offset at. */
static void
meta_quote(struct oc_buf *b, const struct oc_buf *data, size_t at)
{
	size_t n = data->len - at < META_QUOTE ? data->len - at : META_QUOTE;

	oc_buf_addch(b, '"');
	oc_buf_add_escaped(b, data->buf + at, n, 0);
	oc_buf_adds(b, n < data->len - at ? "...\"" : "\"");
}

static size_t
meta_first_diff(const struct oc_buf *a, const struct oc_buf *b)
{
	size_t i;

	for (i = 0; i < a->len && i < b->len && a->buf[i] == b->buf[i]; i++)
		;
	return i;
}

/*
 * Compare the output of run b (described by how) with the controller-
 * style run: the same bytes pass; different bytes pass with a note when
 * both declare the same parameters and actions; anything else fails.
 */
static enum oc_status
meta_compare(struct oc_ctx *ctx, struct oc_result *res,
    const struct oc_run *b, const char *how)
{
	const struct oc_run *a = ctx->meta_run;
	struct oc_buf err = OC_BUF_INIT, q = OC_BUF_INIT;
	struct oc_meta *mb;
	size_t at = meta_first_diff(&a->out, &b->out);
	int same;

	if (at == a->out.len && at == b->out.len)
		return OC_PASS;
	mb = oc_meta_parse(b->out.buf, b->out.len, &err);
	same = ctx->meta != NULL && mb != NULL && oc_meta_same_model(ctx->meta,
	    mb);
	meta_quote(&q, &b->out, at);
	if (same)
		oc_note(res, "%s the output differs from byte %zu (%s) but "
		    "declares the same parameters and actions", how, at, q.buf);
	else if (mb == NULL)
		oc_fail(res, "%s the output is not usable meta-data: %s", how,
		    err.buf);
	else
		oc_fail(res, "%s the meta-data declares other parameters or "
		    "actions (the output differs from byte %zu: %s)", how, at,
		    q.buf);
	res->run = b;
	oc_meta_free(mb);
	oc_buf_release(&err);
	oc_buf_release(&q);
	return same ? OC_PASS : OC_FAIL;
}

static enum oc_status
chk_rc0(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r = meta_run(ctx, NULL, NULL, 0);

	ctx->meta_run = r;
	meta_adopt(ctx, r);
	return oc_expect(res, r, 0) ? OC_PASS : OC_FAIL;
}

/* The common guard: skip when meta-data never ran. */
static int
meta_ran(const struct oc_ctx *ctx, struct oc_result *res)
{
	if (ctx->meta_run != NULL)
		return 1;
	oc_skip(res, "meta-data was not run (meta.rc-0)");
	return 0;
}

static void
meta_stray_after(struct oc_result *res, const struct oc_buf *out,
    size_t at)
{
	struct oc_buf q = OC_BUF_INIT;
	const char *p = out->buf + at;
	size_t left = out->len - at;
	int second = (left >= 5 && memcmp(p, "<?xml", 5) == 0) ||
	    (left >= 15 && memcmp(p, "<resource-agent", 15) == 0);

	meta_quote(&q, out, at);
	oc_fail(res, "%zu byte%s after the document, from byte %zu: %s%s",
	    left, left == 1 ? "" : "s", at, q.buf,
	    second ? " (a second document)" : "");
	oc_buf_release(&q);
}

static enum oc_status
chk_one_doc(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_buf *out;
	struct oc_meta_extent x;
	struct oc_buf q = OC_BUF_INIT;

	if (!meta_ran(ctx, res))
		return OC_SKIP;
	out = &ctx->meta_run->out;
	if (out->len == 0)
		return oc_fail(res, "stdout is empty: there is no XML document");
	oc_meta_locate(out->buf, out->len, &x);
	meta_quote(&q, out, 0);
	if (!x.found)
		oc_fail(res, "stdout holds no XML document: %s", q.buf);
	else if (x.lead_blank)
		oc_fail(res, "%zu byte%s of white space before the XML "
		    "declaration: libxml2, and so Pacemaker, rejects a "
		    "declaration that is not at byte 0", x.start,
		    x.start == 1 ? "" : "s");
	else if (x.lead_stray)
		oc_fail(res, "%zu byte%s before the XML document, which starts "
		    "at byte %zu: %s", x.start, x.start == 1 ? "" : "s",
		    x.start, q.buf);
	if (x.found && x.trail < out->len)
		meta_stray_after(res, out, x.trail);
	if (ctx->meta_run->out_dropped > 0)
		oc_fail(res, "stdout was cut after %zu bytes (%zu more)",
		    out->len, ctx->meta_run->out_dropped);
	oc_buf_release(&q);
	return res->status;
}

static enum oc_status
chk_encoding(struct oc_ctx *ctx, struct oc_result *res)
{
	struct oc_buf b = OC_BUF_INIT;

	if (!meta_ran(ctx, res))
		return OC_SKIP;
	if (oc_meta_scan_bytes(ctx->meta_run->out.buf, ctx->meta_run->out.len,
	    &b) > 0)
		oc_fail(res, "%s", b.buf);
	oc_buf_release(&b);
	return res->status;
}

static enum oc_status
chk_wellformed(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r = ctx->meta_run;
	struct oc_buf err = OC_BUF_INIT;
	struct oc_meta *m;

	if (!meta_ran(ctx, res))
		return OC_SKIP;
	if (r->out.len == 0)
		return oc_skip(res, "stdout is empty (meta.stdout-one-doc)");
	if (ctx->meta == NULL) {
		m = oc_meta_parse(r->out.buf, r->out.len, &err);
		oc_meta_free(m);	/* only for the message */
		oc_fail(res, "%s", err.buf);
		oc_buf_release(&err);
	} else if (ctx->meta->name == NULL || *ctx->meta->name == '\0')
		oc_fail(res, "<resource-agent> has no name attribute");
	return res->status;
}

/* Run meta-data with the instance parameters (-o), as a normal action. */
static const struct oc_run *
meta_run_with_params(struct oc_ctx *ctx)
{
	struct oc_action a = OC_ACTION_INIT("meta-data");
	const struct oc_run *r;

	a.label = "meta-data (with parameters)";
	a.timeout_ms = meta_limit(ctx);
	oc_env_set(&a.set, "OCF_OUTPUT_FORMAT", "text");
	r = oc_agent_run(ctx->agent, &a);
	oc_action_release(&a);
	return r;
}

static enum oc_status
chk_no_params(struct oc_ctx *ctx, struct oc_result *res)
{
	if (!meta_ran(ctx, res))
		return OC_SKIP;
	if (!meta_failed(ctx) && ctx->meta != NULL) {
		oc_note(res, "meta-data ran with no OCF_RESKEY_* variables");
		return OC_PASS;
	}
	if (ctx->meta_run->end != OC_PROC_EXITED)
		return oc_skip(res, "meta-data did not finish (meta.rc-0)");
	if (ctx->agent->params.n == 0)
		return oc_skip(res, "meta-data gave no usable meta-data, and "
		    "there are no instance parameters (-o) to compare with");
	if (!meta_usable(meta_run_with_params(ctx)))
		return oc_skip(res, "meta-data does no better with the "
		    "instance parameters set");
	res->run = ctx->meta_run;
	return oc_fail(res, "meta-data fails without instance parameters but "
	    "works with them: the controller runs it with none, and caches "
	    "the result per agent type");
}

/* Skip reruns when the controller-style run already failed. */
static int
meta_baseline(const struct oc_ctx *ctx, struct oc_result *res)
{
	if (!meta_ran(ctx, res))
		return 0;
	if (!meta_failed(ctx))
		return 1;
	oc_skip(res, "meta-data failed as the controller runs it (meta.rc-0)");
	return 0;
}

static enum oc_status
chk_non_root(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;

	if (!ctx->is_root)
		return oc_skip(res, "ocf-check is not running as root");
	if (!ctx->agent->have_user)
		return oc_skip(res, "no unprivileged user to run meta-data as "
		    "(--user)");
	if (!meta_baseline(ctx, res))
		return OC_SKIP;
	r = meta_run(ctx, NULL, NULL, 1);
	if (!oc_expect(res, r, 0))
		return OC_FAIL;
	return meta_compare(ctx, res, r, "as the unprivileged user,");
}

static enum oc_status
chk_no_binaries(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;

	if (!meta_baseline(ctx, res))
		return OC_SKIP;
	r = meta_run(ctx, "OCF_TESTER_FAIL_HAVE_BINARY", "1", 0);
	if (!oc_expect(res, r, 0))
		return OC_FAIL;
	return meta_compare(ctx, res, r, "with the binaries \"missing\",");
}

static enum oc_status
chk_output_format(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;

	if (!meta_baseline(ctx, res))
		return OC_SKIP;
	r = meta_run(ctx, "OCF_OUTPUT_FORMAT", "xml", 0);
	if (!oc_run_is(r, 0))
		return oc_skip(res, "meta-data fails with OCF_OUTPUT_FORMAT=xml "
		    "too");
	if (ctx->meta != NULL)
		return meta_compare(ctx, res, r, "with OCF_OUTPUT_FORMAT=xml "
		    "instead of text,");
	if (!meta_usable(r))
		return oc_skip(res, "the output is not meta-data with "
		    "OCF_OUTPUT_FORMAT=xml either (meta.wellformed)");
	res->run = ctx->meta_run;
	return oc_fail(res, "with OCF_OUTPUT_FORMAT=text the output is not "
	    "meta-data, with =xml it is: meta-data must print XML whatever "
	    "OCF_OUTPUT_FORMAT says (Pacemaker's tools export text)");
}

static enum oc_status
chk_deterministic(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r;
	struct oc_buf q = OC_BUF_INIT;
	size_t at;

	if (!meta_baseline(ctx, res))
		return OC_SKIP;
	r = meta_run(ctx, NULL, NULL, 0);
	at = meta_first_diff(&ctx->meta_run->out, &r->out);
	if (at == r->out.len && at == ctx->meta_run->out.len &&
	    oc_run_is(r, 0))
		return OC_PASS;
	meta_quote(&q, &r->out, at);
	oc_fail(res, "a second run in the same environment %s", oc_run_is(r,
	    0) ? "printed something else" : "failed");
	if (oc_run_is(r, 0))
		oc_note(res, "the outputs differ from byte %zu: %s", at, q.buf);
	res->run = r;
	oc_buf_release(&q);
	return OC_FAIL;
}

/* The slowest meta-data run so far, or NULL. */
static const struct oc_run *
meta_slowest(const struct oc_agent *ag)
{
	const struct oc_run *slow = NULL, *r;
	size_t i;

	for (i = 0; i < ag->nruns; i++) {
		r = ag->runs[i];
		if (r->action != NULL && strcmp(r->action, "meta-data") == 0 &&
		    (slow == NULL || r->elapsed_ms > slow->elapsed_ms))
			slow = r;
	}
	return slow;
}

static enum oc_status
chk_fast(struct oc_ctx *ctx, struct oc_result *res)
{
	const struct oc_run *r = meta_slowest(ctx->agent);
	const struct oc_meta_action *adv;

	if (r == NULL)
		return oc_skip(res, "meta-data was not run (meta.rc-0)");
	res->run = r;
	if (r->end == OC_PROC_TIMED_OUT || r->elapsed_ms >= OC_META_TIMEOUT_MS)
		return oc_fail_sev(res, OC_SEV_ERROR, "%s took %ld ms%s; "
		    "Pacemaker's controller allows meta-data %ld ms",
		    oc_run_name(r), r->elapsed_ms, r->end == OC_PROC_TIMED_OUT ?
		    " and was killed" : "", OC_META_TIMEOUT_MS);
	adv = ctx->meta ? oc_meta_action_find(ctx->meta, "meta-data") : NULL;
	if (adv != NULL && adv->timeout_ms > 0 && r->elapsed_ms > adv->timeout_ms)
		return oc_fail(res, "%s took %ld ms, more than the timeout it "
		    "advertises (%s)", oc_run_name(r), r->elapsed_ms,
		    adv->timeout);
	oc_note(res, "the slowest meta-data run took %ld ms", r->elapsed_ms);
	return OC_PASS;
}

#define E	OC_SEV_ERROR
#define W	OC_SEV_WARNING
#define I	OC_SEV_INFO

static const struct oc_check meta_rows[] = {
	{ "meta.rc-0", "meta-data exits 0 when run as the controller runs it",
	    E, "PA §Actions; lrmd_client.c", OC_STATE, chk_rc0 },
	{ "meta.stdout-one-doc", "stdout holds one XML document and nothing "
	    "else", E, "S1.1 §meta-data, §Format", 0, chk_one_doc },
	{ "meta.encoding", "meta-data is UTF-8 (or declares its encoding), "
	    "without NUL bytes", W, "XML 1.0; PL svc_read_output()", 0,
	    chk_encoding },
	{ "meta.wellformed", "meta-data is well-formed, with a named "
	    "resource-agent root", E, "S1.1 §Format; RNG1.1", 0,
	    chk_wellformed },
	{ "meta.no-params", "meta-data works without instance parameters", E,
	    "DG §Execution block; PCM", 0, chk_no_params },
	{ "meta.non-root", "meta-data gives the same output as an "
	    "unprivileged user", E, "PA §Actions; lrmd__metadata_async()",
	    OC_NEED_ROOT, chk_non_root },
	{ "meta.no-binaries", "meta-data works when the service's binaries "
	    "are missing", E, "OT L188-197; SF have_binary()", 0,
	    chk_no_binaries },
	{ "meta.output-format", "meta-data prints XML whatever "
	    "OCF_OUTPUT_FORMAT says", W, "S1.1 §Global OCF Attributes; "
	    "pacemaker output.c", OC_THOROUGH, chk_output_format },
	{ "meta.deterministic", "meta-data prints the same bytes every time",
	    I, "design", OC_THOROUGH, chk_deterministic },
	{ "meta.fast", "meta-data finishes within its advertised timeout and "
	    "20 s", W, "lrmd_client.c (PCMK_DEFAULT_ACTION_TIMEOUT_MS)", 0,
	    chk_fast },
};

const struct oc_check_group oc_checks_meta = {
	meta_rows, OC_ARRAY_SIZE(meta_rows)
};
