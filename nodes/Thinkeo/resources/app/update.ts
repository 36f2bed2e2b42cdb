import { additionalBodyField, sendAdditionalBody, updateFields } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { aiConfigOptions, appLocator } from './common';

// INFERRED: PUT takes the App schema's properties; only those set here are sent (a partial update).
export const updateApp = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update an app',
	description: 'Rename an App or change its AI settings; returns the updated App (PUT /apps/{appId})',
	routing: {
		request: { method: 'PUT', url: '/apps/{appId}' },
		send: { preSend: [sendAdditionalBody] },
	},
	fields: [
		appLocator('The App to update'),
		updateFields([
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the App',
				routing: { send: { type: 'body', property: 'name' } },
			},
			...aiConfigOptions(),
		]),
		additionalBodyField,
	],
});
