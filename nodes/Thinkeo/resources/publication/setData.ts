import { mergeJsonIntoBody } from '../../operationKit/json';
import { defineOperation } from '../../operationKit/builder';
import { publicationLocator } from './fields';

export const setPublicationData = defineOperation({
	value: 'setData',
	name: 'Set Data',
	action: 'Save the content of a publication',
	description:
		'Save edited content of a publication: the JSON object given is sent as the body, in the shape Get Data returns. Returns what Thinkeo answers (PUT /publications/{publication_id}/data).',
	routing: {
		// INFERRED: the reference only says the body is a JSON object, so the whole object is the Data (JSON) parameter.
		request: { method: 'PUT', url: '/publications/{publicationId}/data' },
		send: { preSend: [mergeJsonIntoBody('data', 'Data (JSON)')] },
	},
	fields: [
		publicationLocator(),
		{
			displayName: 'Data (JSON)',
			name: 'data',
			type: 'json',
			default: '{}',
			required: true,
			description: 'The content to save, a JSON object as Get Data returns it',
		},
	],
});
