#!/bin/sh
# shellcheck disable=SC2317 # functions below are run through expect_rc
# Tests of the promotable reference agent: roles and their monitor codes,
# idempotent promote and demote, notify, and the promotion score set through
# crm_attribute only inside a clone, bounded in time and harmless when it
# fails.

. "$(dirname "$0")/lib.sh"

setup
A=$(agent_path promotable)
S=$TMP/state

# pr ACTION [NAME=VALUE...]: the agent as instance "prm", statedir $S.
pr() {
	action=$1
	shift
	env OCF_RESOURCE_INSTANCE=prm OCF_RESKEY_statedir="$S" "$@" \
	    "$A" "$action"
}

# The same inside a promotable clone, with $TMP/sbin/crm_attribute.
pr_clone() {
	action=$1
	shift
	pr "$action" HA_SBIN_DIR="$TMP/sbin" OCF_RESKEY_CRM_meta_clone=0 \
	    OCF_RESKEY_CRM_meta_clone_max=2 OCF_RESKEY_CRM_meta_promotable=true \
	    OCF_RESKEY_CRM_meta_notify=true OCF_RESKEY_CRM_meta_timeout=4000 \
	    "$@"
}

check_agent_basics "$A" promotable
check "meta-data: a monitor for role Promoted" \
    grep -q '<action name="monitor" .*interval="10s".*role="Promoted"' \
    "$TMP/meta.xml"
check "meta-data: a monitor for role Unpromoted, another interval" \
    grep -q '<action name="monitor" .*interval="11s".*role="Unpromoted"' \
    "$TMP/meta.xml"
for action in promote demote notify; do
	check "meta-data advertises $action" \
	    grep -q "<action name=\"$action\"" "$TMP/meta.xml"
done
expect_rc 3 "migrate_to is not supported: exit 3" pr migrate_to
expect_rc 3 "reload is not supported: exit 3" pr reload

expect_rc 0 "validate-all accepts a good configuration" pr validate-all
expect_rc 0 "validate-all accepts scores -1000000 and 1000000" \
    env OCF_RESKEY_promoted_score=1000000 \
    OCF_RESKEY_unpromoted_score=-1000000 "$A" validate-all
for bad in x1 1.5 1000001 --5 5-; do
	expect_rc 6 "validate-all: promoted_score '$bad' is 6" \
	    env OCF_RESKEY_promoted_score="$bad" "$A" validate-all
done
expect_rc 6 "validate-all: unpromoted_score 'high' is 6" \
    env OCF_RESKEY_unpromoted_score=high "$A" validate-all
expect_rc 6 "validate-all: relative statedir is 6" \
    env OCF_RESKEY_statedir=rel "$A" validate-all

expect_rc 7 "monitor before start: 7" pr monitor
expect_rc 1 "promote while stopped fails" pr promote
expect_rc 7 "... and starts nothing" pr monitor
expect_rc 1 "demote while stopped fails" pr demote
expect_rc 0 "start: 0" pr start
expect_rc 0 "monitor after start: 0 (unpromoted)" pr monitor
expect_rc 0 "start again: 0" pr start
expect_rc 0 "promote: 0" pr promote
expect_rc 8 "monitor after promote: 8" pr monitor
expect_rc 8 "probe of the promoted instance: 8" \
    pr monitor OCF_RESKEY_CRM_meta_interval=0
expect_rc 0 "promote again: 0" pr promote
expect_rc 8 "monitor: still 8" pr monitor
expect_rc 0 "start while promoted: 0" pr start
expect_rc 8 "... and it stays promoted" pr monitor
expect_rc 0 "demote: 0" pr demote
expect_rc 0 "monitor after demote: 0" pr monitor
expect_rc 0 "demote again: 0" pr demote
expect_rc 0 "monitor: still 0" pr monitor
expect_rc 7 "another instance is not running" \
    pr monitor OCF_RESOURCE_INSTANCE=prm:1

# Every notification Pacemaker sends, with empty lists (a single space).
for type in pre post; do
	for op in start stop promote demote; do
		expect_rc 0 "notify $type-$op: 0" \
		    pr notify OCF_RESKEY_CRM_meta_notify_type=$type \
		    OCF_RESKEY_CRM_meta_notify_operation=$op \
		    OCF_RESKEY_CRM_meta_notify_start_resource=' ' \
		    OCF_RESKEY_CRM_meta_notify_stop_resource=' ' \
		    OCF_RESKEY_CRM_meta_notify_promote_resource=' ' \
		    OCF_RESKEY_CRM_meta_notify_demote_resource=' ' \
		    OCF_RESKEY_CRM_meta_notify_active_resource='prm:0 prm:1'
	done
done
expect_rc 0 "notify without any notify variables: 0" pr notify
expect_rc 0 "notifications changed nothing: monitor 0" pr monitor

expect_rc 0 "promote, then stop while promoted: promote 0" pr promote
expect_rc 0 "stop while promoted: 0" pr stop
expect_rc 7 "monitor after stop: 7" pr monitor
expect_rc 0 "stop again: 0" pr stop
check "stop leaves no files behind" test -z "$(ls "$S")"

# The promotion score, with a crm_attribute that records its arguments.
mkdir "$TMP/sbin"
cat >"$TMP/sbin/crm_attribute" <<EOF
#!/bin/sh
echo "\$*" >>"$TMP/calls"
EOF
chmod 755 "$TMP/sbin/crm_attribute"
expect_rc 0 "outside a clone: start 0" pr start HA_SBIN_DIR="$TMP/sbin"
expect_rc 0 "outside a clone: stop 0" pr stop HA_SBIN_DIR="$TMP/sbin"
check "outside a clone no score is set" test ! -e "$TMP/calls"

expect_rc 0 "in a clone: start 0" pr_clone start
check "start sets the unpromoted score" \
    grep -qx -- '-p prm -v 5 -l reboot' "$TMP/calls"
expect_rc 0 "in a clone: promote 0" pr_clone promote
check "promote sets the promoted score" \
    grep -qx -- '-p prm -v 10 -l reboot' "$TMP/calls"
: >"$TMP/calls"
expect_rc 8 "in a clone: probe 8" \
    pr_clone monitor OCF_RESKEY_CRM_meta_interval=0
check "a probe restores the score" \
    grep -qx -- '-p prm -v 10 -l reboot' "$TMP/calls"
: >"$TMP/calls"
expect_rc 8 "in a clone: recurring monitor 8" \
    pr_clone monitor OCF_RESKEY_CRM_meta_interval=10000
check "a recurring monitor refreshes the score" \
    grep -qx -- '-p prm -v 10 -l reboot' "$TMP/calls"
expect_rc 0 "in a clone: demote 0" pr_clone demote
check "demote sets the unpromoted score" \
    grep -qx -- '-p prm -v 5 -l reboot' "$TMP/calls"
expect_rc 0 "in a clone: stop 0" pr_clone stop
check "stop removes the score" grep -qx -- '-p prm -D -l reboot' "$TMP/calls"
: >"$TMP/calls"
expect_rc 0 "custom scores: start 0" \
    pr_clone start OCF_RESKEY_unpromoted_score=50
expect_rc 0 "custom scores: promote 0" \
    pr_clone promote OCF_RESKEY_promoted_score=100
check "custom unpromoted_score is used" \
    grep -qx -- '-p prm -v 50 -l reboot' "$TMP/calls"
check "custom promoted_score is used" \
    grep -qx -- '-p prm -v 100 -l reboot' "$TMP/calls"
expect_rc 0 "custom scores: stop 0" pr_clone stop

# A cluster that does not answer must not hold the agent up.
cat >"$TMP/sbin/crm_attribute" <<'EOF'
#!/bin/sh
sleep 60
EOF
t0=$(date +%s)
expect_rc 0 "a hanging crm_attribute: start still 0" pr_clone start
check "... within the action's timeout (4 s)" \
    test "$(($(date +%s) - t0))" -le 4
expect_rc 0 "... and stop 0" pr_clone stop
printf '#!/bin/sh\necho "crm_attribute: no cluster" >&2\nexit 102\n' \
    >"$TMP/sbin/crm_attribute"
expect_rc 0 "a failing crm_attribute: start still 0" pr_clone start
expect_rc 0 "... promote 0" pr_clone promote
expect_rc 8 "... monitor 8" pr_clone monitor
expect_rc 0 "... stop 0" pr_clone stop

finish
