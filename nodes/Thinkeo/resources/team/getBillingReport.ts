import { defineOperation } from '../../operationKit/builder';

export const getTeamBillingReport = defineOperation({
	value: 'getBillingReport',
	name: 'Get Billing Report',
	action: 'Get the usage report of the team',
	description:
		'Get the credit usage report of the current team for its billing period, as Thinkeo reports it (GET /teams/billing/report)',
	// INFERRED: GET without parameters; the report's shape is not documented and is passed through as it is.
	routing: { request: { method: 'GET', url: '/teams/billing/report' } },
	fields: [],
});
