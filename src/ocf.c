/* OCF exit codes and action names; see ocf.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocf.h"
#include "xalloc.h"

static const struct {
	int		 rc;
	const char	*name;
	const char	*legacy;
} ocf_rcs[] = {
	{ OCF_SUCCESS, "OCF_SUCCESS", NULL },
	{ OCF_ERR_GENERIC, "OCF_ERR_GENERIC", NULL },
	{ OCF_ERR_ARGS, "OCF_ERR_ARGS", NULL },
	{ OCF_ERR_UNIMPLEMENTED, "OCF_ERR_UNIMPLEMENTED", NULL },
	{ OCF_ERR_PERM, "OCF_ERR_PERM", NULL },
	{ OCF_ERR_INSTALLED, "OCF_ERR_INSTALLED", NULL },
	{ OCF_ERR_CONFIGURED, "OCF_ERR_CONFIGURED", NULL },
	{ OCF_NOT_RUNNING, "OCF_NOT_RUNNING", NULL },
	{ OCF_RUNNING_PROMOTED, "OCF_RUNNING_PROMOTED", "OCF_RUNNING_MASTER" },
	{ OCF_FAILED_PROMOTED, "OCF_FAILED_PROMOTED", "OCF_FAILED_MASTER" },
	{ OCF_DEGRADED, "OCF_DEGRADED", NULL },
	{ OCF_DEGRADED_PROMOTED, "OCF_DEGRADED_PROMOTED", "OCF_DEGRADED_MASTER" },
};

const char *
ocf_rc_name(int rc)
{
	size_t i;

	for (i = 0; i < OC_ARRAY_SIZE(ocf_rcs); i++)
		if (ocf_rcs[i].rc == rc)
			return ocf_rcs[i].name;
	return NULL;
}

const char *
ocf_rc_legacy_name(int rc)
{
	size_t i;

	for (i = 0; i < OC_ARRAY_SIZE(ocf_rcs); i++)
		if (ocf_rcs[i].rc == rc)
			return ocf_rcs[i].legacy;
	return NULL;
}

const char *
ocf_rc_str(int rc)
{
	static char slots[4][64];
	static unsigned next;
	char *s = slots[next++ % 4];
	const char *name = ocf_rc_name(rc), *legacy = ocf_rc_legacy_name(rc);

	if (name != NULL && legacy != NULL)
		snprintf(s, 64, "%s (%d, legacy %s)", name, rc, legacy);
	else if (name != NULL)
		snprintf(s, 64, "%s (%d)", name, rc);
	else
		snprintf(s, 64, "%d (not an OCF exit code)", rc);
	return s;
}

int
ocf_rc_defined(int rc)
{
	return (rc >= 0 && rc <= 9) || rc == 190 || rc == 191;
}

int
ocf_rc_parse(const char *s)
{
	size_t i;
	char *end;
	long v;

	for (i = 0; i < OC_ARRAY_SIZE(ocf_rcs); i++)
		if (strcmp(s, ocf_rcs[i].name) == 0 ||
		    (ocf_rcs[i].legacy && strcmp(s, ocf_rcs[i].legacy) == 0))
			return ocf_rcs[i].rc;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 0 || v > 255)
		return -1;
	return (int)v;
}

static const char *const ocf_actions[] = {
	"start", "stop", "monitor", "meta-data", "validate-all", "promote",
	"demote", "notify", "reload", "reload-agent", "migrate_to",
	"migrate_from", "recover",
};
static const char *const ocf_legacy_actions[] = {
	"status", "restart", "usage", "methods",
};

int
ocf_action_known(const char *name)
{
	size_t i;

	for (i = 0; i < OC_ARRAY_SIZE(ocf_actions); i++)
		if (strcmp(name, ocf_actions[i]) == 0)
			return 1;
	return 0;
}

int
ocf_action_legacy(const char *name)
{
	size_t i;

	for (i = 0; i < OC_ARRAY_SIZE(ocf_legacy_actions); i++)
		if (strcmp(name, ocf_legacy_actions[i]) == 0)
			return 1;
	return 0;
}

int
ocf_env_name_ok(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
		return 0;
	for (s++; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}
