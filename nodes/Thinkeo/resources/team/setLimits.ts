import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { additionalBodyField, sendAdditionalBody, updateFields } from '../../operationKit/fields';
import { requireNonEmptyBody } from '../../operationKit/json';
import { defineOperation } from '../../operationKit/builder';

/**
 * INFERRED: the reference leaves the body of PUT /teams/billing/limits open. The node sends `creditLimit`
 * (credits per billing period; null removes the limit, which GET /teams/billing shows as `creditsCeiling`) and
 * `alertThreshold` (a percentage of that limit); anything else goes through Additional Body (JSON).
 */
async function sendLimits(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body: IDataObject = { ...((requestOptions.body as IDataObject) ?? {}) };
	if (fields.removeCreditLimit === true) body.creditLimit = null;
	else if (fields.creditLimit !== undefined) body.creditLimit = fields.creditLimit;
	if (fields.alertThreshold !== undefined) body.alertThreshold = fields.alertThreshold;
	return { ...requestOptions, body };
}

export const setTeamLimits = defineOperation({
	value: 'setLimits',
	name: 'Set Limits',
	action: 'Set the credit limits of the team',
	description:
		'Set the credit limit of the current team and its alert threshold; returns the limits now in force (PUT /teams/billing/limits)',
	routing: {
		request: { method: 'PUT', url: '/teams/billing/limits' },
		send: {
			preSend: [sendLimits, sendAdditionalBody, requireNonEmptyBody('Nothing to change: add a limit under Update Fields')],
		},
	},
	fields: [
		updateFields([
			{
				displayName: 'Alert Threshold (%)',
				name: 'alertThreshold',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
				default: 80,
				description: 'Share of the credit limit, in percent, at which Thinkeo warns the team',
			},
			{
				displayName: 'Credit Limit',
				name: 'creditLimit',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description: 'Maximum number of credits the team may use per billing period',
			},
			{
				displayName: 'Remove Credit Limit',
				name: 'removeCreditLimit',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the team credit limit (sends no limit); wins over Credit Limit',
			},
		]),
		additionalBodyField,
	],
});
