/* Unit tests of the check table, selection and the result helpers. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "check.h"

/* Every row is complete, and ids are unique and well formed. */
static void
test_table_rows(void **state)
{
	size_t i, k, n = oc_checks_count();
	regex_t re;

	(void)state;
	assert_true(n > 50);
	assert_int_equal(regcomp(&re, "^[a-z0-9-]+\\.[a-z0-9-]+$",
	    REG_EXTENDED | REG_NOSUB), 0);
	for (i = 0; i < n; i++) {
		const struct oc_check *c = oc_check_at(i);

		assert_non_null(c->id);
		assert_int_equal(regexec(&re, c->id, 0, NULL, 0), 0);
		assert_non_null(c->title);
		assert_true(strlen(c->title) > 5);
		assert_non_null(c->source);
		assert_true(strlen(c->source) > 2);
		assert_non_null(c->run);
		assert_true(c->sev <= OC_SEV_INFO);
		for (k = i + 1; k < n; k++)
			assert_string_not_equal(c->id, oc_check_at(k)->id);
		assert_ptr_equal(oc_check_find(c->id), c);
	}
	assert_null(oc_check_at(n));
	assert_null(oc_check_find("no.such-check"));
	regfree(&re);
}

static void
test_selection(void **state)
{
	struct oc_options o;

	(void)state;
	memset(&o, 0, sizeof(o));
	oc_strv_init(&o.only);
	oc_strv_init(&o.skip);
	assert_true(oc_check_selected(&o, "life.start-0"));
	oc_strv_push(&o.only, "meta.*");
	oc_strv_push(&o.only, "life.stop-0");
	assert_true(oc_check_selected(&o, "meta.rc-0"));
	assert_true(oc_check_selected(&o, "life.stop-0"));
	assert_false(oc_check_selected(&o, "life.start-0"));
	oc_strv_push(&o.skip, "meta.rc-*");
	assert_false(oc_check_selected(&o, "meta.rc-0"));
	assert_true(oc_check_selected(&o, "meta.fast"));
	oc_strv_release(&o.only);
	oc_strv_release(&o.skip);
}

/* A fake run record, as the history would hold it. */
static struct oc_run *
fake_run(const char *action, const char *env, enum oc_proc_end end, int status)
{
	struct oc_run *r = calloc(1, sizeof(*r));

	r->action = strdup(action);
	r->env = strdup(env);
	r->end = end;
	r->status = status;
	r->timeout_ms = 20000;
	oc_buf_init(&r->out);
	oc_buf_init(&r->err);
	return r;
}

static void
fake_free(struct oc_run *r)
{
	free(r->action);
	free(r->env);
	free(r);
}

static void
test_expect_messages(void **state)
{
	static const int ok[] = { 7, 5, -1 };
	struct oc_result res;
	struct oc_run *r = fake_run("monitor", "OCF_RESKEY_CRM_meta_interval=0",
	    OC_PROC_EXITED, 0);

	(void)state;
	memset(&res, 0, sizeof(res));
	oc_buf_init(&res.why);
	assert_true(oc_expect(&res, r, 0));
	assert_int_equal(res.status, OC_PASS);
	assert_false(oc_expect_rc(&res, r, ok));
	assert_int_equal(res.status, OC_FAIL);
	assert_ptr_equal(res.run, r);
	assert_string_equal(res.expected,
	    "OCF_NOT_RUNNING (7) or OCF_ERR_INSTALLED (5)");
	assert_non_null(strstr(res.why.buf, "monitor (OCF_RESKEY_CRM_meta_"
	    "interval=0): expected OCF_NOT_RUNNING (7) or OCF_ERR_INSTALLED "
	    "(5), but it exited with OCF_SUCCESS (0)"));
	oc_buf_release(&res.why);
	fake_free(r);

	memset(&res, 0, sizeof(res));
	oc_buf_init(&res.why);
	r = fake_run("start", "", OC_PROC_TIMED_OUT, 9);
	assert_false(oc_expect(&res, r, 0));
	assert_non_null(strstr(res.why.buf, "start: expected OCF_SUCCESS (0), "
	    "but it timed out after 20000 ms"));
	oc_buf_release(&res.why);
	fake_free(r);
}

/* A result keeps the worst severity it was given. */
static void
test_fail_severity(void **state)
{
	struct oc_result res;

	(void)state;
	memset(&res, 0, sizeof(res));
	oc_buf_init(&res.why);
	res.sev = OC_SEV_ERROR;
	oc_fail_sev(&res, OC_SEV_INFO, "first");
	assert_int_equal(res.sev, OC_SEV_INFO);
	oc_fail_sev(&res, OC_SEV_WARNING, "second");
	assert_int_equal(res.sev, OC_SEV_WARNING);
	oc_fail_sev(&res, OC_SEV_INFO, "third");
	assert_int_equal(res.sev, OC_SEV_WARNING);
	assert_string_equal(res.why.buf, "first\nsecond\nthird");
	oc_buf_release(&res.why);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_rows),
		cmocka_unit_test(test_selection),
		cmocka_unit_test(test_expect_messages),
		cmocka_unit_test(test_fail_severity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
