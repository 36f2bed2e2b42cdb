import { additionalBodyField, additionalFields, sendAdditionalBody } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { appLocator } from './common';

// INFERRED: the body is an open object; `version` (the new version string, Thinkeo picks one when it is left out)
// and `description` are sent when set. The answer is the new AppVersion.
export const publishAppVersion = defineOperation({
	value: 'publishVersion',
	name: 'Publish Version',
	action: 'Publish a version of an app',
	description:
		'Publish the working copy of an App as a new version, which then becomes "latest" for publications; returns the new version (POST /apps/{appId}/versions)',
	routing: {
		request: { method: 'POST', url: '/apps/{appId}/versions' },
		send: { preSend: [sendAdditionalBody] },
	},
	fields: [
		appLocator('The App to publish'),
		additionalFields([
			{
				displayName: 'Version',
				name: 'version',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1.2.0',
				description: 'Version string to publish under. Leave empty to let Thinkeo number it.',
				routing: { send: { type: 'body', property: 'version' } },
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'Release notes for this version',
				routing: { send: { type: 'body', property: 'description' } },
			},
		]),
		additionalBodyField,
	],
});
