import { additionalBodyField, additionalFields, requiredNameField, sendAdditionalBody } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { aiConfigOptions } from './common';

// INFERRED: the body follows the reference's App schema (no stored page shows it): `name` plus the documented
// AiConfig settings; anything else goes through Additional Body (JSON).
export const createApp = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create an app',
	description:
		'Create a new Thinkeo App with a name and optional AI settings; returns the App with its ID. It has no published version until one is published (POST /apps).',
	routing: {
		request: { method: 'POST', url: '/apps' },
		send: { preSend: [sendAdditionalBody] },
	},
	fields: [
		requiredNameField('Name of the App'),
		additionalFields(aiConfigOptions()),
		additionalBodyField,
	],
});
