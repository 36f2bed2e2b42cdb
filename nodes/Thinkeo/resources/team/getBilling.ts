import { defineOperation } from '../../operationKit/builder';

export const getTeamBilling = defineOperation({
	value: 'getBilling',
	name: 'Get Billing',
	action: 'Get the billing state of the team',
	description:
		'Get the billing state of the current team: credits, credit ceiling, billing period, state, subscription and Stripe customer ID (GET /teams/billing)',
	routing: { request: { method: 'GET', url: '/teams/billing' } },
	fields: [],
});
