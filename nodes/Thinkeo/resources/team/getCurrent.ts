import { defineOperation } from '../../operationKit/builder';

export const getCurrentTeam = defineOperation({
	value: 'getCurrent',
	name: 'Get Current',
	action: 'Get the current team',
	description:
		"Get the team the credential's token belongs to, with its ID, name, Stripe customer ID and AI settings (GET /teams/current)",
	// INFERRED: GET (the reference shows no method for this path); the answer is the documented Team shape.
	routing: { request: { method: 'GET', url: '/teams/current' } },
	fields: [],
});
