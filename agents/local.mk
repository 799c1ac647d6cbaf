# agents: rules for this part of the tree (included by Makefile.am)
#
# The reference agents go to $(ocfagentdir) (<ocf-root>/resource.d/ocf-check)
# and the greeter's daemon to $(pkglibexecdir) ($(libexecdir)/ocf-check).
# The greeter is generated from greeter.in with the default of its "daemon"
# parameter filled in: in the build tree, the daemon just built, so the
# agent works there as it is (tests, ocf-check on an uninstalled tree);
# the copy that make install writes names the installed daemon.

ocfagent_SCRIPTS += agents/stateless agents/promotable agents/greeter
EXTRA_DIST += agents/stateless agents/promotable agents/greeter.in

pkglibexec_PROGRAMS = agents/ocf-greeterd
agents_ocf_greeterd_SOURCES = agents/greeterd.c

agents/greeter: agents/greeter.in Makefile
	$(AM_V_GEN)$(MKDIR_P) agents && rm -f $@ $@.tmp && \
	$(SED) -e 's|@GREETERD[@]|$(abs_top_builddir)/agents/ocf-greeterd|g' \
		$(srcdir)/agents/greeter.in >$@.tmp && \
	chmod 755 $@.tmp && mv -f $@.tmp $@

install-data-hook: install-greeter-agent
install-greeter-agent:
	$(AM_V_GEN)f='$(DESTDIR)$(ocfagentdir)/greeter' && \
	$(SED) -e 's|@GREETERD[@]|$(pkglibexecdir)/ocf-greeterd|g' \
		$(srcdir)/agents/greeter.in >"$$f.tmp" && \
	chmod 755 "$$f.tmp" && mv -f "$$f.tmp" "$$f"
.PHONY: install-greeter-agent
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
