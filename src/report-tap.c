/*
 * The TAP reporter, for prove, automake's tap-driver.sh and CI.
 *
 * The stream is written to the TAP 14 rules (plan first, numbers 1..N in
 * order, "\#" and "\\" escaped, 2-space YAML blocks) but announces itself
 * as "TAP version 13": TAP 14 consumers accept that as 14, while
 * Test::Harness before 3.48 (prove on Debian 12) rejects "version 14".
 *
 * Nothing an agent prints can break the stream: it only ever appears
 * escaped, inside a double-quoted YAML string or after "# ".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ocf.h"
#include "report.h"
#include "xalloc.h"

#define TAP_VERSION	13

struct tap {
	size_t	 planned;
	size_t	 done;
};

static void
tap_put(struct oc_reporter *r, struct oc_buf *b)
{
	fwrite(b->buf, 1, b->len, r->fp);
	fflush(r->fp);
	oc_buf_reset(b);
}

/* A description, reason or bail-out message: one line, # and \ escaped. */
static void
tap_text(struct oc_buf *b, const char *s, size_t n)
{
	struct oc_buf esc = OC_BUF_INIT;
	size_t i;

	oc_report_escape(&esc, s, n, 0);
	for (i = 0; i < esc.len; i++) {
		if (esc.buf[i] == '#' || esc.buf[i] == '\\')
			oc_buf_addch(b, '\\');
		oc_buf_addch(b, esc.buf[i]);
	}
	oc_buf_release(&esc);
}

/*
 * A double-quoted YAML scalar.  As a list item (item set), the space
 * after a colon is written "\ ": Test::Harness's YAMLish reader would
 * take "- ERROR: x" for a mapping and give up.
 */
static void
tap_yaml_str(struct oc_buf *b, const char *s, size_t n, int item)
{
	struct oc_buf esc = OC_BUF_INIT;
	size_t i;

	oc_report_escape(&esc, s, n, 0);
	oc_buf_addch(b, '"');
	for (i = 0; i < esc.len; i++) {
		char ch = esc.buf[i];

		if (ch == '"' || ch == '\\' ||
		    (item && ch == ' ' && i > 0 && esc.buf[i - 1] == ':'))
			oc_buf_addch(b, '\\');
		oc_buf_addch(b, ch);
	}
	oc_buf_addch(b, '"');
	oc_buf_release(&esc);
}

static void
tap_yaml_key(struct oc_buf *b, const char *key, const char *value)
{
	oc_buf_addf(b, "  %s: ", key);
	tap_yaml_str(b, value, strlen(value), 0);
	oc_buf_addch(b, '\n');
}

/* The lines of text as a YAML list of strings under key. */
static void
tap_yaml_list(struct oc_buf *b, const char *key, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl;

	if (len == 0)
		return;
	oc_buf_addf(b, "  %s:\n", key);
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		oc_buf_adds(b, "    - ");
		tap_yaml_str(b, p, (size_t)(nl - p), 1);
		oc_buf_addch(b, '\n');
		p = nl + 1;
	}
}

/* An exit code as {code, name}; "OCF_X (7)" in expected is parsed back. */
static void
tap_yaml_code(struct oc_buf *b, const char *key, int code)
{
	const char *name = ocf_rc_name(code);

	oc_buf_addf(b, "  %s:\n    code: %d\n    name: %s\n", key, code,
	    name ? name : "~");
}

static void
tap_yaml_expected(struct oc_buf *b, const char *expected)
{
	int code, end = 0;
	char name[64];

	if (sscanf(expected, "%63[A-Z_] (%d)%n", name, &code, &end) == 2 &&
	    expected[end] == '\0' && ocf_rc_name(code) != NULL &&
	    strcmp(ocf_rc_name(code), name) == 0)
		tap_yaml_code(b, "expected", code);
	else
		tap_yaml_key(b, "expected", expected);
}

/* What the deciding run did. */
static void
tap_yaml_run(struct oc_buf *b, const struct oc_result *res)
{
	const struct oc_run *run = res->run;
	struct oc_buf tmp = OC_BUF_INIT;
	const char *tail;
	size_t total;

	tap_yaml_key(b, "action", oc_run_name(run));
	if (run->env != NULL && run->env[0] != '\0')
		tap_yaml_key(b, "env", run->env);
	if (res->expected[0] != '\0')
		tap_yaml_expected(b, res->expected);
	if (run->end == OC_PROC_EXITED)
		tap_yaml_code(b, "got", run->status);
	else {
		oc_run_describe(run, &tmp);
		tap_yaml_key(b, "got", tmp.buf);
	}
	oc_buf_addf(b, "  duration_ms: %ld\n  timeout_ms: %ld\n",
	    run->elapsed_ms, run->timeout_ms);
	if (run->exit_reason != NULL)
		tap_yaml_key(b, "exit_reason", run->exit_reason);
	if (run->out_dropped || run->err_dropped)
		oc_buf_addf(b, "  stdout_dropped: %zu\n  stderr_dropped: %zu\n",
		    run->out_dropped, run->err_dropped);
	if (run->pipes_held)
		oc_buf_adds(b, "  pipes_held: true\n");
	tail = oc_report_tail(&run->err, OC_REPORT_TAIL, &total);
	tap_yaml_list(b, "stderr_tail", tail,
	    run->err.len - (size_t)(tail - run->err.buf));
	oc_buf_release(&tmp);
}

/* The YAML block under a "not ok" line. */
static void
tap_yaml(struct oc_buf *b, const struct oc_check *c,
    const struct oc_result *res)
{
	struct oc_buf msg = OC_BUF_INIT;
	const char *nl = memchr(res->why.buf, '\n', res->why.len);

	oc_report_message(&msg, res);
	oc_buf_adds(b, "  ---\n");
	tap_yaml_key(b, "message", msg.buf);
	oc_buf_addf(b, "  severity: %s\n", res->status == OC_FAIL &&
	    res->sev == OC_SEV_WARNING ? "warning" : "error");
	oc_buf_addf(b, "  status: %s\n", oc_result_label(res));
	tap_yaml_key(b, "check", c->id);
	if (c->source != NULL)
		tap_yaml_key(b, "source", c->source);
	if (res->run != NULL)
		tap_yaml_run(b, res);
	else
		oc_buf_addf(b, "  duration_ms: %ld\n", res->elapsed_ms);
	if (nl != NULL)
		tap_yaml_list(b, "details", nl + 1,
		    res->why.len - (size_t)(nl + 1 - res->why.buf));
	oc_buf_adds(b, "  ...\n");
	oc_buf_release(&msg);
}

/* Each line of text as a "# " comment, after an optional tag. */
static void
tap_comment(struct oc_buf *b, const char *tag, const char *text, size_t len)
{
	struct oc_buf prefix = OC_BUF_INIT;

	oc_buf_addf(&prefix, "# %s", tag);
	oc_report_lines(b, prefix.buf, text, len);
	oc_buf_release(&prefix);
}

static void
tap_begin(struct oc_reporter *r, const struct oc_suite *s, size_t n)
{
	struct tap *t = r->priv;
	struct oc_buf b = OC_BUF_INIT;

	t->planned = n;
	oc_buf_addf(&b, "TAP version %d\n", TAP_VERSION);
	if (n == 0)
		oc_buf_adds(&b, "1..0 # SKIP no check selected\n");
	else
		oc_buf_addf(&b, "1..%zu\n", n);
	if (s->agent_path != NULL)
		tap_comment(&b, "ocf-check ", s->agent_path,
		    strlen(s->agent_path));
	tap_put(r, &b);
	oc_buf_release(&b);
}

/* Comments under a passing line: warnings always, the rest with -v. */
static void
tap_diag(struct oc_reporter *r, struct oc_buf *b, const struct oc_result *res)
{
	const char *tag;

	if (res->status == OC_FAIL && res->sev == OC_SEV_WARNING)
		tag = "warning: ";
	else if (r->verbose == 0 || res->why.len == 0)
		return;
	else if (res->status == OC_FAIL)
		tag = "info: ";
	else if (res->status == OC_PASS)
		tag = "note: ";
	else
		return;
	tap_comment(b, tag, res->why.buf, res->why.len);
}

static void
tap_result(struct oc_reporter *r, size_t n, const struct oc_check *c,
    const struct oc_result *res)
{
	struct tap *t = r->priv;
	struct oc_buf b = OC_BUF_INIT, msg = OC_BUF_INIT;
	int fails = oc_result_fails(res, r->strict);

	t->done++;
	oc_buf_addf(&b, "%s %zu - ", fails ? "not ok" : "ok", n);
	tap_text(&b, c->id, strlen(c->id));
	oc_buf_adds(&b, ": ");
	tap_text(&b, c->title, strlen(c->title));
	if (res->status == OC_SKIP) {
		oc_report_message(&msg, res);
		oc_buf_adds(&b, " # SKIP ");
		tap_text(&b, msg.buf, msg.len);
	}
	oc_buf_addch(&b, '\n');
	if (fails)
		tap_yaml(&b, c, res);
	else
		tap_diag(r, &b, res);
	tap_put(r, &b);
	oc_buf_release(&b);
	oc_buf_release(&msg);
}

static void
tap_action(struct oc_reporter *r, const struct oc_run *run)
{
	struct oc_buf b = OC_BUF_INIT;

	if (r->verbose == 0)
		return;
	oc_buf_adds(&b, "# ");
	oc_report_run_line(&b, run);
	oc_buf_addch(&b, '\n');
	tap_put(r, &b);
	oc_buf_release(&b);
}

static void
tap_note(struct oc_reporter *r, const char *text)
{
	struct oc_buf b = OC_BUF_INIT;

	tap_comment(&b, "note: ", text, strlen(text));
	tap_put(r, &b);
	oc_buf_release(&b);
}

static void
tap_bail(struct oc_reporter *r, const char *reason)
{
	struct oc_buf b = OC_BUF_INIT;

	oc_buf_adds(&b, "Bail out! ");
	tap_text(&b, reason, strlen(reason));
	oc_buf_addch(&b, '\n');
	tap_put(r, &b);
	oc_buf_release(&b);
}

static void
tap_end(struct oc_reporter *r, const struct oc_totals *tot)
{
	struct tap *t = r->priv;
	struct oc_buf b = OC_BUF_INIT;

	oc_buf_adds(&b, "# Summary: ");
	oc_report_summary(&b, tot);
	oc_buf_addch(&b, '\n');
	tap_put(r, &b);
	if (t->done < t->planned) {
		oc_buf_addf(&b, "only %zu of %zu checks were reported",
		    t->done, t->planned);
		tap_bail(r, b.buf);
	}
	oc_buf_release(&b);
}

static void
tap_destroy(struct oc_reporter *r)
{
	free(r->priv);
}

static const struct oc_reporter_ops tap_ops = {
	.begin = tap_begin,
	.action = tap_action,
	.result = tap_result,
	.note = tap_note,
	.end = tap_end,
	.bail = tap_bail,
	.destroy = tap_destroy,
};

struct oc_reporter *
oc_report_tap_new(FILE *fp)
{
	return oc_reporter_new(&tap_ops, fp, xcalloc(1, sizeof(struct tap)));
}
