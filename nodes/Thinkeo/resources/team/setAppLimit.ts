import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { idLocator } from '../../operationKit/locators';
import { defineOperation } from '../../operationKit/builder';

/** INFERRED: the body is `{creditLimit}`, an integer or null for "no limit" (as for the team limit). */
async function sendAppLimit(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const creditLimit = this.getNodeParameter('removeLimit', false) ? null : this.getNodeParameter('creditLimit', 0);
	return { ...requestOptions, body: { ...((requestOptions.body as IDataObject) ?? {}), creditLimit } };
}

export const setTeamAppLimit = defineOperation({
	value: 'setAppLimit',
	name: 'Set App Limit',
	action: 'Set the credit limit of an app',
	description:
		'Set or remove the credit limit of one App of the current team; returns the limit as Thinkeo now stores it (PUT /teams/billing/limits/apps/{appId})',
	routing: {
		request: { method: 'PUT', url: '/teams/billing/limits/apps/{appId}' },
		send: { preSend: [sendAppLimit] },
	},
	fields: [
		idLocator({ name: 'appId', label: 'App', searchListMethod: 'searchApps', description: 'The App whose credit limit to set' }),
		{
			displayName: 'Remove Limit',
			name: 'removeLimit',
			type: 'boolean',
			default: false,
			description: 'Whether to remove the limit of this App instead of setting one',
		},
		{
			displayName: 'Credit Limit',
			name: 'creditLimit',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 0,
			required: true,
			description: 'Maximum number of credits this App may use per billing period',
			displayOptions: { show: { removeLimit: [false] } },
		},
	],
});
