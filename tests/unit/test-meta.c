/* Unit tests for meta: safe parsing, locating the document, the byte
 * scan, the model, and validation against the embedded schemas. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "meta.h"
#include "meta-doc.h"
#include "proc.h"

/* Parse text (not freed); NULL with the message in err. */
static struct oc_meta *
parse(const char *text, struct oc_buf *err)
{
	return oc_meta_parse(text, strlen(text), err);
}

/* Parsing text fails with a message containing want. */
static void
assert_parse_fails(const char *text, const char *want)
{
	struct oc_buf err = OC_BUF_INIT;

	assert_null(parse(text, &err));
	if (strstr(err.buf, want) == NULL)
		fail_msg("message '%s' lacks '%s'", err.buf, want);
	oc_buf_release(&err);
}

/* The template parses into the model the lifecycle checks read. */
static void
test_model(void **state)
{
	struct oc_meta *m = meta_doc_parse(meta_doc("1.0", NULL, NULL));
	const struct oc_meta_action *mon;

	(void)state;
	assert_non_null(m);
	assert_string_equal(m->name, "agent");
	assert_string_equal(m->agent_version, "0.1");
	assert_string_equal(m->version, "1.0");
	assert_int_equal(m->ocf_major, 1);
	assert_int_equal(m->ocf_minor, 0);
	assert_int_equal(m->nparams, 1);
	assert_string_equal(m->params[0].name, "statedir");
	assert_string_equal(m->params[0].type, "string");
	assert_string_equal(m->params[0].def, "/tmp");
	assert_int_equal(m->params[0].line, 8);
	assert_int_equal(m->nactions, 5);
	mon = oc_meta_action_find(m, "monitor");
	assert_non_null(mon);
	assert_int_equal(mon->timeout_ms, 20000);
	assert_int_equal(mon->interval_ms, 10000);
	assert_int_equal(mon->depth_n, 0);
	assert_true(oc_meta_has_action(m, "meta-data"));
	assert_false(oc_meta_has_action(m, "promote"));
	assert_int_equal(m->ndescs, 4);
	assert_true(m->has_doctype);
	assert_string_equal(m->doctype_system, "ra-api-1.dtd");
	assert_false(oc_meta_is_11(m));
	oc_meta_free(m);
}

/* Flags, options, deprecation and odd durations land in the model. */
static void
test_model_details(void **state)
{
	char *p = xasprintf("%s%s",
	    "<parameter name=\"mode\" required=\"true\" unique-group=\"g\" "
	    "reloadable=\"1\"><deprecated><replaced-with name=\"x\"/>"
	    "<desc lang=\"en\">old</desc></deprecated>"
	    "<longdesc lang=\"en\">m</longdesc><shortdesc lang=\"en\">m"
	    "</shortdesc><content type=\"select\" default=\"a\">"
	    "<option value=\"a\"/><option value=\"b\"/><option/></content>"
	    "</parameter>\n", "");
	struct oc_meta *m = meta_doc_parse(meta_doc(" 1.1 ", p,
	    "<action name=\"x\" timeout=\"bad\" interval=\"?\" depth=\"z\"/>\n"));
	const struct oc_meta_param *q;
	const struct oc_meta_action *a;

	(void)state;
	free(p);
	assert_non_null(m);
	assert_string_equal(m->version, "1.1");
	assert_true(oc_meta_is_11(m));
	q = oc_meta_param_find(m, "mode");
	assert_non_null(q);
	assert_true(q->required);
	assert_string_equal(q->required_s, "true");
	assert_true(q->reloadable);
	assert_true(q->deprecated);
	assert_string_equal(q->replaced_with[0], "x");
	assert_string_equal(q->unique_group, "g");
	assert_string_equal(q->options[0], "a");
	assert_string_equal(q->options[1], "b");
	assert_null(q->options[2]);
	assert_int_equal(q->noptions, 3);
	a = oc_meta_action_find(m, "x");
	assert_int_equal(a->timeout_ms, -1);
	assert_int_equal(a->interval_ms, -1);
	assert_int_equal(a->depth_n, -1);
	oc_meta_free(m);
}

/* Broken documents fail with the line and libxml2's words. */
static void
test_not_wellformed(void **state)
{
	(void)state;
	assert_parse_fails("<resource-agent name=\"a\">\n<version>1.0"
	    "</versio>\n</resource-agent>\n", "line 2");
	assert_parse_fails("<foo/>", "root element is <foo>");
	assert_parse_fails("", "empty");
	assert_parse_fails("just text\n", "no XML document");
}

/* A billion laughs fails at once, with a clear message. */
static void
test_billion_laughs(void **state)
{
	static const char doc[] =
	    "<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n"
	    "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
	    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
	    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
	    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
	    "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n"
	    "<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n"
	    "<!ENTITY j \"&i;&i;&i;&i;&i;&i;&i;&i;&i;&i;\">\n"
	    "]>\n<resource-agent name=\"&j;\"><version>&j;</version>"
	    "</resource-agent>\n";
	long long t0 = oc_now_ms();

	(void)state;
	assert_parse_fails(doc, "entity");
	assert_true(oc_now_ms() - t0 < 1000);
}

/* External entities and DTDs are never loaded, locally or remotely. */
static void
test_no_external_loading(void **state)
{
	static const char doc[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE resource-agent SYSTEM \"http://192.0.2.1/ra-api-1.dtd\" [\n"
	    "<!ENTITY x SYSTEM \"file:///etc/passwd\">\n"
	    "<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;\n]>\n"
	    "<resource-agent name=\"a\"><version>1.0&x;</version>"
	    "<longdesc>&x;</longdesc><shortdesc/><actions/></resource-agent>\n";
	struct oc_buf err = OC_BUF_INIT;
	long long t0 = oc_now_ms();
	struct oc_meta *m = parse(doc, &err);

	(void)state;
	assert_non_null(m);
	assert_string_equal(m->version, "1.0");
	assert_string_equal(m->descs[0].text, "");
	assert_true(m->doctype_subset);
	assert_true(m->entity_refs);
	assert_true(oc_now_ms() - t0 < 1000);
	oc_meta_free(m);
	oc_buf_release(&err);
}

/* More than OC_META_MAX_BYTES is refused without parsing. */
static void
test_size_cap(void **state)
{
	size_t n = OC_META_MAX_BYTES + 10;
	char *big = xmalloc(n + 1);
	struct oc_buf err = OC_BUF_INIT;

	(void)state;
	memset(big, ' ', n);
	memcpy(big, "<resource-agent name=\"a\">", 25);
	big[n] = '\0';
	assert_null(oc_meta_parse(big, n, &err));
	assert_non_null(strstr(err.buf, "bytes"));
	oc_buf_release(&err);
	free(big);
}

/* Where the document lies, and what is stray around it. */
static void
assert_locate(const char *text, size_t start, size_t trail, int lead_stray)
{
	struct oc_meta_extent x;

	oc_meta_locate(text, strlen(text), &x);
	assert_true(x.found);
	assert_int_equal(x.start, start);
	assert_int_equal(x.trail, trail);
	assert_int_equal(x.lead_stray, lead_stray);
}

static void
test_locate(void **state)
{
	struct oc_meta_extent x;

	(void)state;
	assert_locate("<r/>", 0, 4, 0);
	assert_locate("\n  <r/>\n", 3, 8, 0);
	assert_locate("banner\n<r/>", 7, 11, 1);
	assert_locate("\n<?xml version=\"1.0\"?><r/>", 1, 26, 1);
	assert_locate("<r/>\n<!-- c --><?pi x?>\n", 0, 24, 0);
	assert_locate("<r/>junk", 0, 4, 0);
	assert_locate("<?xml version=\"1.0\"?><r/><?xml version=\"1.0\"?><r/>",
	    0, 25, 0);
	assert_locate("\xef\xbb\xbf<r/>", 3, 7, 0);
	oc_meta_locate("no xml", 6, &x);
	assert_false(x.found);
}

/* Stray bytes do not stop the parse, and lines count from stdout. */
static void
test_parse_after_banner(void **state)
{
	char *doc = meta_doc("1.0", NULL, NULL);
	char *text = xasprintf("Starting\nup\n%strailing junk\n", doc);
	struct oc_meta *m = meta_doc_parse(text);

	(void)state;
	free(doc);
	assert_non_null(m);
	assert_int_equal(m->line_base, 2);
	assert_int_equal(m->params[0].line, 10);
	oc_meta_free(m);
}

static void
assert_scan(const char *data, size_t len, int n, const char *want)
{
	struct oc_buf out = OC_BUF_INIT;

	assert_int_equal(oc_meta_scan_bytes(data, len, &out), n);
	if (want != NULL && strstr(out.buf, want) == NULL)
		fail_msg("scan said '%s', not '%s'", out.buf, want);
	oc_buf_release(&out);
}

/* NUL bytes and invalid UTF-8 are found; a declared encoding is fine. */
static void
test_scan_bytes(void **state)
{
	static const char latin1[] =
	    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>caf\xe9</r>";

	(void)state;
	assert_scan("<r>caf\xc3\xa9</r>", 12, 0, NULL);
	assert_scan("<r>caf\xe9</r>", 11, 1, "byte 6: 0xe9");
	assert_scan("<r/>\0\0", 6, 2, "byte 4: a NUL");
	assert_scan(latin1, sizeof(latin1) - 1, 0, NULL);
	assert_scan("\xff\xff\xff\xff\xff", 5, 5, "2 more bytes");
}

/* Validate text with fn: n problems, the first containing want. */
static void
assert_valid(int (*fn)(const struct oc_meta *, struct oc_buf *),
    char *text, int n, const char *want)
{
	struct oc_meta *m = meta_doc_parse(text);
	struct oc_buf out = OC_BUF_INIT;

	assert_non_null(m);
	assert_int_equal(fn(m, &out), n);
	if (want != NULL && strstr(out.buf, want) == NULL)
		fail_msg("validation said '%s', not '%s'", out.buf, want);
	oc_buf_release(&out);
	oc_meta_free(m);
}

/* ra-api-1.dtd: lines, elements and what was expected, in words. */
static void
test_dtd(void **state)
{
	(void)state;
	assert_valid(oc_meta_validate_dtd, meta_doc("1.0", NULL, NULL), 0, NULL);
	assert_valid(oc_meta_validate_dtd, meta_doc("1.0", NULL,
	    "<action name=\"validate\" timeout=\"1s\"/>\n"), 1,
	    "line 20: element <action>: name=\"validate\" is not allowed; "
	    "allowed: start");
	assert_valid(oc_meta_validate_dtd, meta_doc("1.0",
	    "<parameter name=\"x\"><shortdesc lang=\"en\">s</shortdesc>"
	    "<content type=\"string\"/></parameter>\n", NULL), 1,
	    "line 13: element <parameter>: its children are (shortdesc "
	    "content) but must be (longdesc+, shortdesc+, content)");
	assert_valid(oc_meta_validate_dtd, meta_doc("1.0", NULL,
	    "<action name=\"start\"/>\n"), 1,
	    "the required attribute timeout is missing");
}

/* A DOCTYPE's internal subset never makes nonsense valid. */
static void
test_dtd_ignores_internal_subset(void **state)
{
	static const char doc[] =
	    "<!DOCTYPE resource-agent [ <!ELEMENT resource-agent ANY>\n"
	    "<!ATTLIST resource-agent name CDATA #IMPLIED> ]>\n"
	    "<resource-agent name=\"a\"><nonsense/></resource-agent>\n";
	struct oc_buf err = OC_BUF_INIT, out = OC_BUF_INIT;
	struct oc_meta *m = parse(doc, &err);

	(void)state;
	assert_non_null(m);
	assert_true(oc_meta_validate_dtd(m, &out) > 0);
	assert_non_null(strstr(out.buf, "nonsense"));
	oc_meta_free(m);
	oc_buf_release(&err);
	oc_buf_release(&out);
}

/* OCF 1.1 constructs are all the DTD finds in a Pacemaker-style agent. */
static void
test_dtd_but_11(void **state)
{
	char *p = meta_doc_param("mode", " unique-group=\"g\" reloadable=\"1\"",
	    "<content type=\"select\"><option value=\"a\"/></content>");
	struct oc_meta *m = meta_doc_parse(meta_doc("1.1", p,
	    "<action name=\"reload-agent\" timeout=\"10s\"/>\n"));
	struct oc_buf out = OC_BUF_INIT;

	(void)state;
	free(p);
	assert_true(oc_meta_validate_dtd(m, &out) >= 4);
	assert_int_equal(oc_meta_dtd_valid_but_11(m), 1);
	oc_meta_free(m);
	oc_buf_release(&out);
	m = meta_doc_parse(meta_doc("1.1", NULL,
	    "<action name=\"validate\" timeout=\"1s\"/>\n"));
	assert_int_equal(oc_meta_dtd_valid_but_11(m), 0);
	oc_meta_free(m);
}

/* The OCF 1.1 grammar, with no parameters allowed (the known defect). */
static void
test_rng11(void **state)
{
	static const char noparams[] =
	    "<resource-agent name=\"a\"><version>1.1</version>"
	    "<parameters/><actions><action name=\"start\" timeout=\"1s\"/>"
	    "</actions></resource-agent>";
	struct oc_buf err = OC_BUF_INIT, out = OC_BUF_INIT;
	struct oc_meta *m = parse(noparams, &err);

	(void)state;
	assert_int_equal(oc_meta_validate_rng11(m, &out), 0);
	oc_meta_free(m);
	assert_valid(oc_meta_validate_rng11, meta_doc("1.1", NULL, NULL), 0,
	    NULL);
	assert_valid(oc_meta_validate_rng11, meta_doc("1.1",
	    "<parameter name=\"x\"><shortdesc lang=\"en\">s</shortdesc>"
	    "<longdesc lang=\"en\">l</longdesc><content type=\"string\"/>"
	    "</parameter>\n", NULL), 1,
	    "line 13: element <shortdesc>: not allowed here");
	assert_valid(oc_meta_validate_rng11, meta_doc("1.1", NULL,
	    "<action name=\"x\" timeout=\"1s\" bogus=\"1\"/>\n"), 1,
	    "attribute bogus is unknown here");
	oc_buf_release(&err);
	oc_buf_release(&out);
}

/* Pacemaker's private attribute is reported apart, not as invalid. */
static void
test_extensions(void **state)
{
	char *p = meta_doc_param("pw", " private=\"1\"", NULL);
	struct oc_meta *m = meta_doc_parse(meta_doc("1.1", p, NULL));
	struct oc_buf out = OC_BUF_INIT;

	(void)state;
	free(p);
	assert_int_equal(oc_meta_validate_rng11(m, &out), 0);
	assert_int_equal(oc_meta_validate_dtd(m, &out), 0);
	assert_int_equal(oc_meta_extensions(m, &out), 1);
	assert_non_null(strstr(out.buf, "line 13: element <parameter>: "
	    "attribute private"));
	oc_meta_free(m);
	oc_buf_release(&out);
}

/* Two outputs that differ only in descriptions declare the same model. */
static void
test_same_model(void **state)
{
	char *d1 = meta_doc("1.0", NULL, NULL);
	char *d2 = xstrdup(d1), *at = strstr(d2, "A test agent");
	struct oc_meta *a, *b;

	(void)state;
	memcpy(at, "X", 1);
	a = meta_doc_parse(d1);
	b = meta_doc_parse(d2);
	assert_true(oc_meta_same_model(a, b));
	oc_meta_free(b);
	b = meta_doc_parse(meta_doc("1.0", NULL,
	    "<action name=\"reload\" timeout=\"5s\"/>\n"));
	assert_false(oc_meta_same_model(a, b));
	oc_meta_free(a);
	oc_meta_free(b);
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
		cmocka_unit_test(test_model),
		cmocka_unit_test(test_model_details),
		cmocka_unit_test(test_not_wellformed),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_no_external_loading),
		cmocka_unit_test(test_size_cap),
		cmocka_unit_test(test_locate),
		cmocka_unit_test(test_parse_after_banner),
		cmocka_unit_test(test_scan_bytes),
		cmocka_unit_test(test_dtd),
		cmocka_unit_test(test_dtd_ignores_internal_subset),
		cmocka_unit_test(test_dtd_but_11),
		cmocka_unit_test(test_rng11),
		cmocka_unit_test(test_extensions),
		cmocka_unit_test(test_same_model),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
