/*
 * ocf: the OCF vocabulary shared by every module: exit codes with their
 * OCF 1.1 and legacy names, and the known action names.
 */
#ifndef OC_OCF_H
#define OC_OCF_H

enum ocf_rc {
	OCF_SUCCESS = 0,
	OCF_ERR_GENERIC = 1,
	OCF_ERR_ARGS = 2,
	OCF_ERR_UNIMPLEMENTED = 3,
	OCF_ERR_PERM = 4,
	OCF_ERR_INSTALLED = 5,
	OCF_ERR_CONFIGURED = 6,
	OCF_NOT_RUNNING = 7,
	OCF_RUNNING_PROMOTED = 8,
	OCF_FAILED_PROMOTED = 9,
	OCF_DEGRADED = 190,
	OCF_DEGRADED_PROMOTED = 191,
};

/* "OCF_NOT_RUNNING", or NULL for a code OCF does not define. */
const char	*ocf_rc_name(int rc);
/* The legacy resource-agents name where it differs (OCF_RUNNING_MASTER). */
const char	*ocf_rc_legacy_name(int rc);
/* "OCF_NOT_RUNNING (7)", or "99 (not an OCF exit code)"; static storage,
 * valid until the next call from the same slot (0..3). */
const char	*ocf_rc_str(int rc);
/* Is rc one of 0-9, 190, 191? */
int		 ocf_rc_defined(int rc);
/* Parse "7" or "OCF_NOT_RUNNING" (or a legacy name); -1 if unknown. */
int		 ocf_rc_parse(const char *);

/* Known action names: OCF 1.1, then legacy ones from ra-api-1.dtd. */
int		 ocf_action_known(const char *name);
int		 ocf_action_legacy(const char *name);

/* A valid POSIX environment variable name: [A-Za-z_][A-Za-z0-9_]*. */
int		 ocf_env_name_ok(const char *name);

#endif
