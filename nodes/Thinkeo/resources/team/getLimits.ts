import { defineOperation } from '../../operationKit/builder';

export const getTeamLimits = defineOperation({
	value: 'getLimits',
	name: 'Get Limits',
	action: 'Get the credit limits of the team',
	description: 'Get the credit limits of the current team: the team limit, its alert threshold and per-App limits (GET /teams/billing/limits)',
	// INFERRED: GET; the answer is passed through as it is.
	routing: { request: { method: 'GET', url: '/teams/billing/limits' } },
	fields: [],
});
