/* Unit tests for the lint rules: each rule fires on its defect with the
 * right severity and words, and stays quiet on a correct agent. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "meta.h"
#include "meta-doc.h"

#define E	OC_SEV_ERROR
#define W	OC_SEV_WARNING
#define I	OC_SEV_INFO

static const oc_lint_fn all_rules[] = {
	oc_lint_schema_dtd, oc_lint_schema_rng11, oc_lint_schema_extensions,
	oc_lint_schema_doctype, oc_lint_schema_version_present,
	oc_lint_schema_version_is_ocf, oc_lint_schema_agent_version,
	oc_lint_schema_top_desc, oc_lint_schema_desc_lang,
	oc_lint_schema_desc_text, oc_lint_param_name_env,
	oc_lint_param_name_unique, oc_lint_param_name_reserved,
	oc_lint_param_content, oc_lint_param_select,
	oc_lint_param_default_type, oc_lint_param_required_default,
	oc_lint_param_bool_attrs, oc_lint_param_unique_deprecated,
	oc_lint_param_reloadable, oc_lint_param_deprecated_ref,
	oc_lint_param_deprecated_not_required, oc_lint_act_mandatory,
	oc_lint_act_names, oc_lint_act_timeout, oc_lint_act_timeout_sane,
	oc_lint_act_interval, oc_lint_act_monitor_interval,
	oc_lint_act_distinct, oc_lint_act_role, oc_lint_act_depth,
	oc_lint_act_pairs, oc_lint_reload_agent_version,
};

/* Run rule on text (freed): n findings, the worst of severity sev, and
 * the rendered findings contain want. */
static void
assert_rule(oc_lint_fn rule, char *text, size_t n, enum oc_sev sev,
    const char *want)
{
	struct oc_meta *m = meta_doc_parse(text);
	struct oc_lint l = OC_LINT_INIT;
	struct oc_buf out = OC_BUF_INIT;

	assert_non_null(m);
	rule(m, &l);
	oc_lint_render(&l, &out);
	if (l.n != n)
		fail_msg("%zu findings, not %zu: %s", l.n, n, out.buf);
	if (n > 0)
		assert_int_equal(oc_lint_worst(&l), sev);
	if (want != NULL && strstr(out.buf, want) == NULL)
		fail_msg("findings '%s' lack '%s'", out.buf, want);
	oc_buf_release(&out);
	oc_lint_release(&l);
	oc_meta_free(m);
}

/* A parameter as meta_doc_param() writes it, for one assert. */
static char *
with_param(const char *version, const char *name, const char *attrs,
    const char *content)
{
	char *p = meta_doc_param(name, attrs, content);
	char *d = meta_doc(version, p, NULL);

	free(p);
	return d;
}

static char *
with_action(const char *version, const char *action)
{
	return meta_doc(version, NULL, action);
}

/* A correct 1.0 and a correct 1.1 agent give no finding at all. */
static void
test_clean(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < OC_ARRAY_SIZE(all_rules); i++) {
		assert_rule(all_rules[i], meta_doc("1.0", NULL, NULL), 0, E,
		    NULL);
		assert_rule(all_rules[i], meta_doc("1.1", NULL, NULL), 0, E,
		    NULL);
	}
}

static void
test_schema(void **state)
{
	(void)state;
	assert_rule(oc_lint_schema_dtd, with_action("1.0",
	    "<action name=\"reload-agent\" timeout=\"9s\"/>\n"), 1, E,
	    "reload-agent");
	assert_rule(oc_lint_schema_dtd, with_action("1.1",
	    "<action name=\"reload-agent\" timeout=\"9s\"/>\n"), 2, I,
	    "OCF 1.1 constructs");
	assert_rule(oc_lint_schema_dtd, with_action("1.1",
	    "<action name=\"validate\" timeout=\"9s\"/>\n"), 2, W,
	    "the 1.1 grammar decides");
	assert_rule(oc_lint_schema_rng11, with_param("1.0", "x", NULL,
	    "<content type=\"time\"/>"), 1, W, "line 16");
	assert_rule(oc_lint_schema_rng11, with_param("1.1", "x", NULL,
	    "<content type=\"time\"/>"), 1, E, NULL);
	assert_rule(oc_lint_schema_extensions, with_param("1.1", "x",
	    " private=\"1\"", NULL), 1, I, "attribute private");
	assert_rule(oc_lint_schema_version_present, meta_doc("", NULL, NULL),
	    1, E, "<version> is empty");
	assert_rule(oc_lint_schema_version_is_ocf, meta_doc("4.12.0", NULL,
	    NULL), 1, W, "not an OCF API version");
	assert_rule(oc_lint_schema_version_is_ocf, meta_doc("2.0", NULL, NULL),
	    1, W, "does not exist");
	assert_rule(oc_lint_schema_version_is_ocf, meta_doc("1.2", NULL, NULL),
	    1, I, "newer than 1.1");
}

/* Replace the first occurrence of from in text (freed) with to. */
static char *
edit(char *text, const char *from, const char *to)
{
	char *at = strstr(text, from), *out;

	assert_non_null(at);
	out = xasprintf("%.*s%s%s", (int)(at - text), text, to,
	    at + strlen(from));
	free(text);
	return out;
}

static void
test_schema_document(void **state)
{
	(void)state;
	assert_rule(oc_lint_schema_doctype, edit(meta_doc("1.0", NULL, NULL),
	    "\"ra-api-1.dtd\">", "\"ra-api-1.dtd\" [ <!ENTITY x \"y\"> ]>"),
	    1, W, "internal subset");
	assert_rule(oc_lint_schema_doctype, edit(meta_doc("1.0", NULL, NULL),
	    "ra-api-1.dtd", "http://example.com/x.dtd"), 1, W,
	    "not ra-api-1.dtd");
	assert_rule(oc_lint_schema_agent_version, edit(meta_doc("1.0", NULL,
	    NULL), " version=\"0.1\"", ""), 1, I, "no version attribute");
	assert_rule(oc_lint_schema_top_desc, edit(meta_doc("1.0", NULL, NULL),
	    "<shortdesc lang=\"en\">Test agent</shortdesc>", ""), 1, W,
	    "no top-level <shortdesc>");
	assert_rule(oc_lint_schema_desc_lang, edit(meta_doc("1.1", NULL,
	    NULL), "<longdesc lang=\"en\">", "<longdesc>"), 1, E,
	    "line 5: <longdesc> of the agent has no lang");
	assert_rule(oc_lint_schema_desc_lang, edit(meta_doc("1.0", NULL,
	    NULL), "<longdesc lang=\"en\">", "<longdesc>"), 1, W, NULL);
	assert_rule(oc_lint_schema_desc_lang, edit(meta_doc("1.0", NULL,
	    NULL), "lang=\"en\">A test", "lang=\"en_US\">A test"), 1, W,
	    "not a BCP 47 tag");
	assert_rule(oc_lint_schema_desc_lang, edit(meta_doc("1.0", NULL,
	    NULL), "<shortdesc lang=\"en\">Test", "<longdesc lang=\"en\">x"
	    "</longdesc><shortdesc lang=\"en\">Test"), 1, W, "a second");
	assert_rule(oc_lint_schema_desc_text, edit(meta_doc("1.0", NULL,
	    NULL), "State directory", "State\ndirectory"), 1, I,
	    "parameter 'statedir' spans 2 lines");
	assert_rule(oc_lint_schema_desc_text, edit(meta_doc("1.0", NULL,
	    NULL), "A test agent.", "A <b>test</b> agent."), 1, I, "markup");
}

static void
test_param_names(void **state)
{
	(void)state;
	assert_rule(oc_lint_param_name_env, with_param("1.0", "log-level",
	    NULL, NULL), 1, E, "OCF_RESKEY_log-level");
	assert_rule(oc_lint_param_name_env, with_param("1.0", "9lives", NULL,
	    NULL), 1, E, NULL);
	assert_rule(oc_lint_param_name_unique, with_param("1.0", "statedir",
	    NULL, NULL), 1, E, "declared again (first on line 8)");
	assert_rule(oc_lint_param_name_reserved, with_param("1.0",
	    "OCF_CHECK_LEVEL", NULL, NULL), 1, W, "without the OCF_RESKEY_");
	assert_rule(oc_lint_param_name_reserved, with_param("1.0",
	    "CRM_meta_timeout", NULL, NULL), 1, W, "collides");
}

static void
test_param_content(void **state)
{
	(void)state;
	assert_rule(oc_lint_param_content, with_param("1.0", "x", NULL,
	    "<content type=\"float\"/>"), 1, E, "unknown type 'float'");
	assert_rule(oc_lint_param_content, with_param("1.0", "x", NULL,
	    "<content type=\"time\"/>"), 1, W, "not an OCF 1.1 type");
	assert_rule(oc_lint_param_content, with_param("1.0", "x", NULL,
	    " "), 1, E, "0 <content> elements");
	assert_rule(oc_lint_param_content, with_param("1.0", "x", NULL,
	    "<content type=\"string\"/><content type=\"string\"/>"), 1, E,
	    "2 <content>");
	assert_rule(oc_lint_param_select, with_param("1.1", "x", NULL,
	    "<content type=\"select\"/>"), 1, E, "no <option>");
	assert_rule(oc_lint_param_select, with_param("1.1", "x", NULL,
	    "<content type=\"select\"><option value=\"a\"/><option value=\"b\"/>"
	    "<option value=\"a\"/></content>"), 1, E, "option 'a' is listed "
	    "twice");
	assert_rule(oc_lint_param_select, with_param("1.1", "x", NULL,
	    "<content type=\"select\"><option/></content>"), 1, E,
	    "without a value");
	assert_rule(oc_lint_param_select, with_param("1.1", "x", NULL,
	    "<content type=\"string\"><option value=\"a\"/></content>"), 1, E,
	    "only with type select");
}

static void
test_param_defaults(void **state)
{
	(void)state;
	assert_rule(oc_lint_param_default_type, with_param("1.0", "x", NULL,
	    "<content type=\"integer\" default=\"abc\"/>"), 1, W,
	    "default 'abc' is not an integer");
	assert_rule(oc_lint_param_default_type, with_param("1.0", "x", NULL,
	    "<content type=\"integer\" default=\"-12\"/>"), 0, W, NULL);
	assert_rule(oc_lint_param_default_type, with_param("1.0", "x", NULL,
	    "<content type=\"integer\" default=\"\"/>"), 1, I, "empty");
	assert_rule(oc_lint_param_default_type, with_param("1.0", "x", NULL,
	    "<content type=\"boolean\" default=\"Yes\"/>"), 1, W,
	    "not a boolean");
	assert_rule(oc_lint_param_default_type, with_param("1.0", "x", NULL,
	    "<content type=\"boolean\" default=\"no\"/>"), 0, W, NULL);
	assert_rule(oc_lint_param_default_type, with_param("1.1", "x", NULL,
	    "<content type=\"select\" default=\"c\"><option value=\"a\"/>"
	    "</content>"), 1, W, "not one of the options");
	assert_rule(oc_lint_param_default_type, with_param("1.0", "x", NULL,
	    "<content type=\"time\" default=\"soon\"/>"), 1, W,
	    "not a duration");
	assert_rule(oc_lint_param_required_default, with_param("1.0", "x",
	    " required=\"1\"", "<content type=\"string\" default=\"v\"/>"),
	    1, W, "is required but has the default 'v'");
	assert_rule(oc_lint_param_required_default, with_param("1.0", "x",
	    " required=\"1\"", "<content type=\"string\" default=\"\"/>"),
	    0, W, NULL);
}

static void
test_param_flags(void **state)
{
	(void)state;
	assert_rule(oc_lint_param_bool_attrs, with_param("1.0", "x",
	    " required=\"yes\" unique=\"true\" reloadable=\"2\"", NULL), 3, E,
	    "required=\"yes\" must be 0 or 1");
	assert_rule(oc_lint_param_unique_deprecated, with_param("1.1", "x",
	    " unique=\"1\"", NULL), 1, I, "use unique-group");
	assert_rule(oc_lint_param_unique_deprecated, with_param("1.0", "x",
	    " unique=\"1\"", NULL), 0, I, NULL);
	assert_rule(oc_lint_param_unique_deprecated, with_param("1.1", "x",
	    " unique=\"1\" unique-group=\"g\"", NULL), 1, I, "unique-group "
	    "is set too");
	assert_rule(oc_lint_param_reloadable, with_param("1.1", "x",
	    " reloadable=\"1\"", NULL), 1, W, "no reload-agent");
	assert_rule(oc_lint_param_reloadable, with_param("1.0", "x",
	    " reloadable=\"1\"", NULL), 2, W, "need <version> 1.1");
}

static void
test_param_deprecated(void **state)
{
	(void)state;
	assert_rule(oc_lint_param_deprecated_ref, with_param("1.1", "x", NULL,
	    "<content type=\"string\"/>"), 0, E, NULL);
	assert_rule(oc_lint_param_deprecated_ref, edit(with_param("1.1", "x",
	    NULL, NULL), "<longdesc lang=\"en\">A parameter",
	    "<deprecated><replaced-with name=\"nosuch\"/></deprecated>"
	    "<longdesc lang=\"en\">A parameter"), 1, E, "'nosuch', which "
	    "does not exist");
	assert_rule(oc_lint_param_deprecated_ref, edit(with_param("1.1", "x",
	    NULL, NULL), "<longdesc lang=\"en\">A parameter",
	    "<deprecated><replaced-with name=\"x\"/></deprecated>"
	    "<longdesc lang=\"en\">A parameter"), 1, E, "with itself");
	assert_rule(oc_lint_param_deprecated_not_required, edit(with_param(
	    "1.1", "x", " required=\"1\"", NULL), "<longdesc lang=\"en\">A "
	    "parameter", "<deprecated/><longdesc lang=\"en\">A parameter"),
	    1, W, "deprecated but required");
}

static void
test_act_names(void **state)
{
	char *d = meta_doc("1.0", NULL, NULL);

	(void)state;
	d = edit(d, "<action name=\"monitor\" timeout=\"20s\" interval=\"10s\" "
	    "depth=\"0\"/>\n", "");
	assert_rule(oc_lint_act_mandatory, d, 1, E, "mandatory action monitor");
	assert_rule(oc_lint_act_mandatory, edit(meta_doc("1.0", NULL, NULL),
	    "<action name=\"validate-all\" timeout=\"20s\"/>\n", ""), 1, I,
	    "validate-all");
	assert_rule(oc_lint_act_names, with_action("1.0",
	    "<action name=\"validate\" timeout=\"9s\"/>\n"), 1, W,
	    "(validate-all?)");
	assert_rule(oc_lint_act_names, with_action("1.0",
	    "<action name=\"status\" timeout=\"9s\"/>\n"), 0, W, NULL);
	assert_rule(oc_lint_act_pairs, with_action("1.0",
	    "<action name=\"promote\" timeout=\"9s\"/>\n"), 1, E,
	    "promote is advertised without demote");
	assert_rule(oc_lint_act_pairs, with_action("1.0",
	    "<action name=\"migrate_from\" timeout=\"9s\"/>\n"), 1, W,
	    "migrate_from is advertised without migrate_to");
	assert_rule(oc_lint_reload_agent_version, with_action("1.0",
	    "<action name=\"reload-agent\" timeout=\"9s\"/>\n"), 1, W,
	    "only from OCF 1.1 agents");
	assert_rule(oc_lint_reload_agent_version, with_action("1.1",
	    "<action name=\"reload-agent\" timeout=\"9s\"/>\n"), 0, W, NULL);
}

static void
test_act_times(void **state)
{
	(void)state;
	assert_rule(oc_lint_act_timeout, with_action("1.0",
	    "<action name=\"reload\" timeout=\"20 seconds\"/>\n"), 1, E,
	    "timeout '20 seconds' is not a duration");
	assert_rule(oc_lint_act_timeout, with_action("1.0",
	    "<action name=\"reload\"/>\n"), 1, E, "no timeout");
	assert_rule(oc_lint_act_timeout, with_action("1.0",
	    "<action name=\"reload\" timeout=\"PT20S\"/>\n"), 0, E, NULL);
	assert_rule(oc_lint_act_timeout_sane, with_action("1.0",
	    "<action name=\"reload\" timeout=\"0\"/>\n"), 2, W, "is 0");
	assert_rule(oc_lint_act_timeout_sane, with_action("1.0",
	    "<action name=\"reload\" timeout=\"26h\"/>\n"), 1, W,
	    "over a day");
	assert_rule(oc_lint_act_timeout_sane, with_action("1.0",
	    "<action name=\"reload\" timeout=\"200ms\"/>\n"), 1, W,
	    "under a second");
	assert_rule(oc_lint_act_timeout_sane, with_action("1.0",
	    "<action name=\"reload\" timeout=\"30\"/>\n"), 1, I, "no unit");
	assert_rule(oc_lint_act_timeout_sane, edit(meta_doc("1.0", NULL, NULL),
	    "\"stop\" timeout=\"20s\"", "\"stop\" timeout=\"5s\""), 1, I,
	    "under the 10 s");
	assert_rule(oc_lint_act_interval, with_action("1.0",
	    "<action name=\"monitor\" timeout=\"9s\" interval=\"often\"/>\n"),
	    1, W, "interval 'often'");
	assert_rule(oc_lint_act_interval, edit(meta_doc("1.0", NULL, NULL),
	    "\"stop\" timeout=\"20s\"", "\"stop\" timeout=\"20s\" "
	    "interval=\"5s\""), 1, W, "Pacemaker forces 0");
	assert_rule(oc_lint_act_interval, with_action("1.0",
	    "<action name=\"monitor\" timeout=\"9s\" interval=\"1m\" "
	    "start-delay=\"x\"/>\n"), 1, W, "start-delay 'x'");
	assert_rule(oc_lint_act_monitor_interval, edit(meta_doc("1.0", NULL,
	    NULL), " interval=\"10s\"", ""), 1, I, "no monitor entry");
}

static void
test_act_monitors(void **state)
{
	(void)state;
	assert_rule(oc_lint_act_distinct, with_action("1.0",
	    "<action name=\"monitor\" timeout=\"20s\" interval=\"10s\" "
	    "depth=\"0\"/>\n"), 1, W, "repeats the entry on line 17");
	assert_rule(oc_lint_act_distinct, with_action("1.0",
	    "<action name=\"monitor\" timeout=\"20s\" interval=\"10000ms\" "
	    "depth=\"10\"/>\n"), 1, W, "same interval as on line 17");
	assert_rule(oc_lint_act_distinct, with_action("1.0",
	    "<action name=\"monitor\" timeout=\"20s\" interval=\"11s\" "
	    "role=\"Promoted\"/>\n"), 0, W, NULL);
	assert_rule(oc_lint_act_role, with_action("1.0",
	    "<action name=\"monitor\" timeout=\"20s\" interval=\"11s\" "
	    "role=\"Master\"/>\n"), 1, I, "legacy name of Promoted");
	assert_rule(oc_lint_act_role, with_action("1.0",
	    "<action name=\"monitor\" timeout=\"20s\" interval=\"11s\" "
	    "role=\"Primary\"/>\n"), 1, W, "neither Promoted");
	assert_rule(oc_lint_act_depth, with_action("1.0",
	    "<action name=\"monitor\" timeout=\"20s\" interval=\"11s\" "
	    "depth=\"30\"/>\n"), 1, W, "depth '30'");
	assert_rule(oc_lint_act_depth, with_action("1.0",
	    "<action name=\"monitor\" timeout=\"20s\" interval=\"11s\" "
	    "depth=\"20\"/>\n"), 0, W, NULL);
}

/* Findings less severe than the worst are labelled when rendered. */
static void
test_render(void **state)
{
	struct oc_lint l = OC_LINT_INIT;
	struct oc_buf out = OC_BUF_INIT;

	(void)state;
	oc_lint_add(&l, I, "a");
	oc_lint_add_lines(&l, W, "b\nc\n");
	oc_lint_render(&l, &out);
	assert_string_equal(out.buf, "(info) a\nb\nc");
	assert_int_equal(oc_lint_worst(&l), W);
	oc_lint_release(&l);
	oc_buf_release(&out);
}

static int
teardown(void **state)
{
	(void)state;
	oc_meta_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_schema),
		cmocka_unit_test(test_schema_document),
		cmocka_unit_test(test_param_names),
		cmocka_unit_test(test_param_content),
		cmocka_unit_test(test_param_defaults),
		cmocka_unit_test(test_param_flags),
		cmocka_unit_test(test_param_deprecated),
		cmocka_unit_test(test_act_names),
		cmocka_unit_test(test_act_times),
		cmocka_unit_test(test_act_monitors),
		cmocka_unit_test(test_render),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
