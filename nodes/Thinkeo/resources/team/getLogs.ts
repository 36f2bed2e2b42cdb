import { returnAllAndLimit } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';

export const getTeamLogs = defineOperation({
	value: 'getLogs',
	name: 'Get Logs',
	action: 'Get the activity log of the team',
	description:
		'List the activity log of the current team, one item per entry: who did what, on what, and when (GET /teams/logs)',
	// INFERRED: GET answering the whole log as an array (no paging parameters are known), trimmed by Limit.
	routing: { request: { method: 'GET', url: '/teams/logs' } },
	fields: returnAllAndLimit(),
});
