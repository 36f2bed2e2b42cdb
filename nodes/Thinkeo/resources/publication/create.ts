import { addAssembledDocument } from '../../shared/document';
import { additionalFields } from '../../shared/fields';
import { idLocator } from '../../shared/locators';
import { defineOperation } from '../../shared/operation';
import { attributeInputFields, generationOptions, sendAttributes } from './fields';

export const createPublication = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Generate a publication',
	description:
		'Generate a document by running a Thinkeo App with attribute values. Returns the publication ID, the rendered blocks and `document`, the assembled HTML (POST /publications).',
	routing: {
		request: { method: 'POST', url: '/publications' },
		send: { preSend: [sendAttributes] },
		output: { postReceive: [addAssembledDocument] },
	},
	fields: [
		{
			...idLocator({ name: 'appId', label: 'App', description: 'The App that generates the document' }),
			routing: { send: { type: 'query', property: 'app' } },
		},
		{
			displayName: 'Version',
			name: 'version',
			type: 'options',
			default: 'latest',
			options: [
				{ name: 'Latest', value: 'latest', description: 'The newest published version (recommended)' },
				{ name: 'Preview', value: 'preview', description: "The Architects' unpublished working copy, for testing" },
				{ name: 'Specific Version', value: 'specific', description: 'Pin one published version' },
			],
			routing: {
				send: { type: 'query', property: 'version', value: '={{ $value === "specific" ? $parameter.specificVersion : $value }}' },
			},
		},
		{
			displayName: 'Specific Version',
			name: 'specificVersion',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 1.0.0',
			displayOptions: { show: { version: ['specific'] } },
		},
		...attributeInputFields(),
		additionalFields(generationOptions()),
	],
});
