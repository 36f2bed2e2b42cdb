import { additionalBodyField, sendAdditionalBody, updateFields } from '../../operationKit/fields';
import { requireNonEmptyBody } from '../../operationKit/json';
import { defineOperation } from '../../operationKit/builder';

export const updateMe = defineOperation({
	value: 'updateMe',
	name: 'Update Me',
	action: 'Update the current user',
	description:
		'Change the name or language of the user behind the credential; returns the updated profile (PUT /users/me)',
	// INFERRED: the reference leaves the body open; the node sends {name, language} plus the optional JSON.
	routing: {
		request: { method: 'PUT', url: '/users/me' },
		send: { preSend: [sendAdditionalBody, requireNonEmptyBody('Nothing to change: add a field under Update Fields')] },
	},
	fields: [
		updateFields([
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
		]),
		additionalBodyField,
	],
});
