/* Helpers of the reporter unit tests; see test-report.h. */
#include "config.h"

#include "test-report.h"

const struct oc_suite suite = {
	.agent_path = "/x/heartbeat/Dummy",
	.name = "heartbeat:Dummy",
	.instance = "ocf-check-test",
	.hostname = "node1",
};

const struct oc_totals totals = {
	.checks = 1, .passed = 1, .actions = 3, .actions_ms = 250,
	.wall_ms = 300,
};

const struct oc_check chk_start = {
	"life.start-0", "start returns 0", OC_SEV_ERROR, "S1.1 §start", 0, NULL,
};
const struct oc_check chk_mon = {
	"life.monitor-stopped", "monitor returns 7 when stopped", OC_SEV_ERROR,
	"S1.1 §monitor", 0, NULL,
};
const struct oc_check chk_warn = {
	"meta.x", "a warning", OC_SEV_WARNING, "PA", 0, NULL,
};
const struct oc_check chk_info = {
	"meta.y", "an info", OC_SEV_INFO, NULL, 0, NULL,
};
const struct oc_check chk_hash = {
	"meta.hash", "title with # and \\ # SKIP", OC_SEV_ERROR, NULL, 0, NULL,
};

struct oc_reporter *
cap_open(struct cap *c, struct oc_reporter *(*mk)(FILE *))
{
	c->data = NULL;
	c->len = 0;
	c->fp = open_memstream(&c->data, &c->len);
	assert_non_null(c->fp);
	return mk(c->fp);
}

const char *
cap_text(struct cap *c)
{
	fflush(c->fp);
	return c->data != NULL ? c->data : "";
}

void
cap_close(struct cap *c, struct oc_reporter *r)
{
	oc_report_destroy(r);
	fclose(c->fp);
	free(c->data);
}

void
result(struct oc_reporter *r, size_t n, const struct oc_check *c,
    enum oc_status st, enum oc_sev sev, const char *why,
    const struct oc_run *run)
{
	struct oc_result res;

	memset(&res, 0, sizeof(res));
	oc_buf_init(&res.why);
	res.status = st;
	res.sev = sev;
	res.run = run;
	res.elapsed_ms = 1234;
	if (why != NULL)
		oc_buf_adds(&res.why, why);
	if (run != NULL)
		snprintf(res.expected, sizeof(res.expected), "OCF_NOT_RUNNING (7)");
	oc_report_result(r, n, c, &res);
	oc_buf_release(&res.why);
}

void
run_one(struct oc_reporter *r, const struct oc_check *c, enum oc_status st,
    enum oc_sev sev, const char *why, const struct oc_run *run)
{
	struct oc_totals t = totals;

	t.passed = st == OC_PASS;
	t.skipped = st == OC_SKIP;
	t.errors = st == OC_ERROR;
	t.failed = st == OC_FAIL && sev == OC_SEV_ERROR;
	t.warnings = st == OC_FAIL && sev == OC_SEV_WARNING;
	t.infos = st == OC_FAIL && sev == OC_SEV_INFO;
	oc_report_begin(r, &suite, 1);
	result(r, 1, c, st, sev, why, run);
	oc_report_end(r, &t);
}

static const char hostile_err[] =
	"line 1\nline 2\nline 3\nline 4\n"
	"FAIL fake.id - fake\n"
	"not ok 1 - fake\n"
	"ok 2 - fake # SKIP\n"
	"Bail out! \xff\xfe\0 \033]0;title\a\n"
	"  ...\n"
	"  ---\n"
	"ERROR: colon at start: x\n"
	"# comment \\ # \"quoted\"\n"
	"\tindented\r\xc2\x85\n"
	"last line, no newline";

struct oc_run *
hostile_run(void)
{
	struct oc_run *run = calloc(1, sizeof(*run));

	assert_non_null(run);
	run->seq = 4;
	run->action = strdup("monitor");
	run->label = strdup("monitor (probe)");
	run->env = strdup("OCF_RESKEY_x=\033[2J");
	run->end = OC_PROC_EXITED;
	run->status = 0;
	run->elapsed_ms = 12;
	run->timeout_ms = 20000;
	run->exit_reason = strdup("bad \033 thing");
	oc_buf_init(&run->out);
	oc_buf_init(&run->err);
	oc_buf_adds(&run->out, "ok 1 - fake\n");
	oc_buf_add(&run->err, hostile_err, sizeof(hostile_err) - 1);
	run->err_dropped = 7;
	return run;
}

void
free_run(struct oc_run *run)
{
	free(run->action);
	free(run->label);
	free(run->env);
	free(run->exit_reason);
	oc_buf_release(&run->out);
	oc_buf_release(&run->err);
	free(run);
}

void
assert_has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p = text;

	for (;;) {
		if (strncmp(p, line, n) == 0 && p[n] == '\n')
			return;
		if ((p = strchr(p, '\n')) == NULL)
			break;
		p++;
	}
	fail_msg("line not found: \"%s\" in:\n%s", line, text);
}

/* Is the first blank-separated field of the line a result label? */
static int
is_result_line(const char *p, size_t len)
{
	static const char *const labels[] = {
		"PASS", "FAIL", "WARN", "INFO", "SKIP", "ERROR",
	};
	size_t i, w;

	while (len > 0 && (*p == ' ' || *p == '\t'))
		p++, len--;
	for (w = 0; w < len && p[w] != ' ' && p[w] != '\t'; w++)
		;
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strlen(labels[i]) == w && strncmp(p, labels[i], w) == 0)
			return 1;
	return 0;
}

void
assert_only_result_lines(const char *text, size_t n)
{
	const char *p = text, *nl;
	size_t found = 0;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		found += is_result_line(p, (size_t)(nl - p));
		p = *nl ? nl + 1 : nl;
	}
	if (found != n)
		fail_msg("%zu result lines, expected %zu, in:\n%s", found, n,
		    text);
}
