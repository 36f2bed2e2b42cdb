import { defineResource } from '../../operationKit/builder';
import { createTeam } from './create';
import { getTeamBilling } from './getBilling';
import { getTeamBillingReport } from './getBillingReport';
import { getCurrentTeam } from './getCurrent';
import { getTeamLimits } from './getLimits';
import { getTeamLogs } from './getLogs';
import { getManyTeams } from './getMany';
import { setTeamAppLimit } from './setAppLimit';
import { setTeamLimits } from './setLimits';

export const teamResource = defineResource({
	value: 'team',
	name: 'Team',
	description: 'Thinkeo teams: the workspaces that own Apps, publications and API tokens, with their billing, limits and activity log',
	operations: [
		getManyTeams,
		getCurrentTeam,
		createTeam,
		getTeamBilling,
		getTeamBillingReport,
		getTeamLimits,
		setTeamLimits,
		setTeamAppLimit,
		getTeamLogs,
	],
});
