# agents: rules for this part of the tree (included by Makefile.am)
#
# The reference agents go to $(ocfagentdir) (<ocf-root>/resource.d/ocf-check)
# and the greeter's daemon to $(pkglibexecdir) ($(libexecdir)/ocf-check).
# The greeter is generated from greeter.in so that its default for the
# "daemon" parameter is the installed daemon; tests in the build tree pass
# daemon=$(abs_top_builddir)/agents/ocf-greeterd instead.

ocfagent_SCRIPTS += agents/stateless agents/promotable agents/greeter
EXTRA_DIST += agents/stateless agents/promotable agents/greeter.in \
	agents/README-section.md

pkglibexec_PROGRAMS = agents/ocf-greeterd
agents_ocf_greeterd_SOURCES = agents/greeterd.c

agents/greeter: agents/greeter.in Makefile
	$(AM_V_GEN)$(MKDIR_P) agents && rm -f $@ $@.tmp && \
	$(SED) -e 's|@GREETERD[@]|$(pkglibexecdir)/ocf-greeterd|g' \
		$(srcdir)/agents/greeter.in >$@.tmp && \
	chmod 755 $@.tmp && mv -f $@.tmp $@
CLEANFILES += agents/greeter

# Tests of the agents and of the daemon (TAP, see tests/agents/).
AGENT_TESTS = \
	tests/agents/greeterd.sh \
	tests/agents/stateless.sh \
	tests/agents/promotable.sh \
	tests/agents/greeter.sh \
	tests/agents/shellcheck.sh \
	tests/agents/ocf-check.sh \
	tests/agents/ocf-tester.sh \
	tests/agents/crm_resource.sh
TESTS += $(AGENT_TESTS)
dist_check_SCRIPTS += $(AGENT_TESTS)
dist_check_DATA += tests/agents/lib.sh
