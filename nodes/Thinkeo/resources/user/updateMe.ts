import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mergeJsonIntoBody } from '../../shared/json';
import { defineOperation } from '../../shared/operation';

async function requireChange(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	if (Object.keys((requestOptions.body as IDataObject) ?? {}).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to change: add a field under Update Fields', {
			itemIndex: this.getItemIndex(),
		});
	}
	return requestOptions;
}

export const updateMe = defineOperation({
	value: 'updateMe',
	name: 'Update Me',
	action: 'Update the current user',
	description:
		'Change the name or language of the user behind the credential; returns the updated profile (PUT /users/me)',
	// INFERRED: the reference leaves the body open; the node sends {name, language} plus the optional JSON.
	routing: {
		request: { method: 'PUT', url: '/users/me' },
		send: { preSend: [mergeJsonIntoBody('additionalJson', 'Additional Body (JSON)'), requireChange] },
	},
	fields: [
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Language',
					name: 'language',
					type: 'string',
					default: '',
					placeholder: 'e.g. en',
					description: 'Language of the Thinkeo interface, as a two-letter code',
					routing: { send: { type: 'body', property: 'language' } },
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					description: 'Name shown for the user in Thinkeo',
					routing: { send: { type: 'body', property: 'name' } },
				},
			],
		},
		{
			displayName: 'Additional Body (JSON)',
			name: 'additionalJson',
			type: 'json',
			default: '{}',
			description: 'Other profile properties to send, for fields this node has no parameter for',
		},
	],
});
