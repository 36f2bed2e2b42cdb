import { mergeJsonIntoBody } from '../../shared/json';
import { defineOperation } from '../../shared/operation';
import { additionalBodyField, aiConfigOptions, appLocator } from './common';

// INFERRED: PUT takes the App schema's properties; only those set here are sent (a partial update).
export const updateApp = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update an app',
	description: 'Rename an App or change its AI settings; returns the updated App (PUT /apps/{appId})',
	routing: {
		request: { method: 'PUT', url: '/apps/{appId}' },
		send: { preSend: [mergeJsonIntoBody('additionalJson', 'Additional Body (JSON)')] },
	},
	fields: [
		appLocator('The App to update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					description: 'New name of the App',
					routing: { send: { type: 'body', property: 'name' } },
				},
				...aiConfigOptions(),
			],
		},
		additionalBodyField('App'),
	],
});
