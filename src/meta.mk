# src/meta: meta-data parsing, schemas, validation and lint, with their
# tests and fixtures (owned by the meta-data work).
src_libocfcheck_a_SOURCES += \
	src/check-lint.c \
	src/check-meta.c \
	src/lint.c src/lint.h \
	src/lint-act.c \
	src/lint-param.c \
	src/lint-schema.c \
	src/meta.c src/meta.h src/meta-int.h \
	src/meta-model.c \
	src/meta-schema.c
nodist_src_libocfcheck_a_SOURCES = src/schema-data.c

# The schemas are compiled into the program; nothing is read at run time.
meta_schemas = src/schema/ra-api-1.dtd src/schema/ocf-1.1.rng
BUILT_SOURCES += src/schema-data.c
CLEANFILES += src/schema-data.c
EXTRA_DIST += $(meta_schemas) src/schema/embed.sh
src/schema-data.c: $(meta_schemas:%=$(srcdir)/%) $(srcdir)/src/schema/embed.sh
	$(AM_V_GEN)$(MKDIR_P) src && \
	$(SHELL) $(srcdir)/src/schema/embed.sh \
	    $(srcdir)/src/schema/ra-api-1.dtd oc_schema_ra_api_1_dtd \
	    $(srcdir)/src/schema/ocf-1.1.rng oc_schema_ocf_1_1_rng >$@-t && \
	mv $@-t $@

# Unit tests of the parser, the validators and each lint rule.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-meta tests/unit/test-lint
TESTS += tests/unit/test-meta tests/unit/test-lint
tests_unit_test_meta_SOURCES = tests/unit/test-meta.c tests/unit/meta-doc.h
tests_unit_test_meta_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_meta_LDADD = $(UNIT_LDADD)
tests_unit_test_lint_SOURCES = tests/unit/test-lint.c tests/unit/meta-doc.h
tests_unit_test_lint_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_lint_LDADD = $(UNIT_LDADD)
endif

# ocf-check --meta-only over the installed agents and the reference ones.
TESTS += tests/cli/meta-real.sh
dist_check_SCRIPTS += tests/cli/meta-real.sh

# Fixture agents of the meta-data checks: each fails exactly the ids in its
# expect file (tests/cli/fixtures.sh runs them and wants every file listed
# here by name, one a line).
EXTRA_DIST += \
	fixtures/meta-common.sh \
	fixtures/act-depth/agent \
	fixtures/act-depth/args \
	fixtures/act-depth/expect \
	fixtures/act-distinct/agent \
	fixtures/act-distinct/args \
	fixtures/act-distinct/expect \
	fixtures/act-interval/agent \
	fixtures/act-interval/args \
	fixtures/act-interval/expect \
	fixtures/act-mandatory/agent \
	fixtures/act-mandatory/args \
	fixtures/act-mandatory/expect \
	fixtures/act-monitor-interval/agent \
	fixtures/act-monitor-interval/args \
	fixtures/act-monitor-interval/expect \
	fixtures/act-names/agent \
	fixtures/act-names/args \
	fixtures/act-names/expect \
	fixtures/act-pairs/agent \
	fixtures/act-pairs/args \
	fixtures/act-pairs/expect \
	fixtures/act-role/agent \
	fixtures/act-role/args \
	fixtures/act-role/expect \
	fixtures/act-timeout/agent \
	fixtures/act-timeout/args \
	fixtures/act-timeout/expect \
	fixtures/act-timeout-sane/agent \
	fixtures/act-timeout-sane/args \
	fixtures/act-timeout-sane/expect \
	fixtures/meta-deterministic/agent \
	fixtures/meta-deterministic/args \
	fixtures/meta-deterministic/expect \
	fixtures/meta-encoding/agent \
	fixtures/meta-encoding/args \
	fixtures/meta-encoding/expect \
	fixtures/meta-fast/agent \
	fixtures/meta-fast/args \
	fixtures/meta-fast/expect \
	fixtures/meta-name-mismatch/agent \
	fixtures/meta-name-mismatch/args \
	fixtures/meta-name-mismatch/expect \
	fixtures/meta-no-binaries/agent \
	fixtures/meta-no-binaries/args \
	fixtures/meta-no-binaries/expect \
	fixtures/meta-no-params/agent \
	fixtures/meta-no-params/args \
	fixtures/meta-no-params/expect \
	fixtures/meta-non-root/agent \
	fixtures/meta-non-root/args \
	fixtures/meta-non-root/expect \
	fixtures/meta-non-root/needs-root \
	fixtures/meta-output-format/agent \
	fixtures/meta-output-format/args \
	fixtures/meta-output-format/expect \
	fixtures/meta-rc-0/agent \
	fixtures/meta-rc-0/args \
	fixtures/meta-rc-0/expect \
	fixtures/meta-stdout-one-doc/agent \
	fixtures/meta-stdout-one-doc/args \
	fixtures/meta-stdout-one-doc/expect \
	fixtures/meta-wellformed/agent \
	fixtures/meta-wellformed/args \
	fixtures/meta-wellformed/expect \
	fixtures/param-bool-attrs/agent \
	fixtures/param-bool-attrs/args \
	fixtures/param-bool-attrs/expect \
	fixtures/param-content/agent \
	fixtures/param-content/args \
	fixtures/param-content/expect \
	fixtures/param-default-type/agent \
	fixtures/param-default-type/args \
	fixtures/param-default-type/expect \
	fixtures/param-deprecated-not-required/agent \
	fixtures/param-deprecated-not-required/args \
	fixtures/param-deprecated-not-required/expect \
	fixtures/param-deprecated-ref/agent \
	fixtures/param-deprecated-ref/args \
	fixtures/param-deprecated-ref/expect \
	fixtures/param-name-env/agent \
	fixtures/param-name-env/args \
	fixtures/param-name-env/expect \
	fixtures/param-name-reserved/agent \
	fixtures/param-name-reserved/args \
	fixtures/param-name-reserved/expect \
	fixtures/param-name-unique/agent \
	fixtures/param-name-unique/args \
	fixtures/param-name-unique/expect \
	fixtures/param-reloadable/agent \
	fixtures/param-reloadable/args \
	fixtures/param-reloadable/expect \
	fixtures/param-required-default/agent \
	fixtures/param-required-default/args \
	fixtures/param-required-default/expect \
	fixtures/param-select/agent \
	fixtures/param-select/args \
	fixtures/param-select/expect \
	fixtures/param-unique-deprecated/agent \
	fixtures/param-unique-deprecated/args \
	fixtures/param-unique-deprecated/expect \
	fixtures/reload-agent-version/agent \
	fixtures/reload-agent-version/args \
	fixtures/reload-agent-version/expect \
	fixtures/schema-agent-version/agent \
	fixtures/schema-agent-version/args \
	fixtures/schema-agent-version/expect \
	fixtures/schema-desc-lang/agent \
	fixtures/schema-desc-lang/args \
	fixtures/schema-desc-lang/expect \
	fixtures/schema-desc-text/agent \
	fixtures/schema-desc-text/args \
	fixtures/schema-desc-text/expect \
	fixtures/schema-doctype/agent \
	fixtures/schema-doctype/args \
	fixtures/schema-doctype/expect \
	fixtures/schema-dtd/agent \
	fixtures/schema-dtd/args \
	fixtures/schema-dtd/expect \
	fixtures/schema-extensions/agent \
	fixtures/schema-extensions/args \
	fixtures/schema-extensions/expect \
	fixtures/schema-rng11/agent \
	fixtures/schema-rng11/args \
	fixtures/schema-rng11/expect \
	fixtures/schema-top-desc/agent \
	fixtures/schema-top-desc/args \
	fixtures/schema-top-desc/expect \
	fixtures/schema-version-is-ocf/agent \
	fixtures/schema-version-is-ocf/args \
	fixtures/schema-version-is-ocf/expect \
	fixtures/schema-version-present/agent \
	fixtures/schema-version-present/args \
	fixtures/schema-version-present/expect
