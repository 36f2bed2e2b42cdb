import { mergeJsonIntoBody } from '../../shared/json';
import { defineOperation } from '../../shared/operation';

export const createAttribute = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create an attribute',
	description:
		'Create an attribute of the team (an input that Apps fill in) with a name and a kind (text, file, number, date or flag); returns it with its ID (POST /attributes)',
	routing: {
		request: { method: 'POST', url: '/attributes' },
		send: { preSend: [mergeJsonIntoBody('additionalJson', 'Additional Body (JSON)')] },
	},
	fields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			description: 'Name of the attribute, as shown in the Attribute Editor',
			routing: { send: { type: 'body', property: 'name' } },
		},
		{
			displayName: 'Kind',
			name: 'kind',
			type: 'options',
			default: 'text',
			required: true,
			description: 'Type of value the attribute holds. It cannot be changed later.',
			options: [
				{ name: 'Date', value: 'date' },
				{ name: 'File', value: 'file', description: 'A file URL, e.g. from Attachment → Upload' },
				{ name: 'Flag', value: 'flag', description: 'On or off' },
				{ name: 'Number', value: 'number' },
				{ name: 'Text', value: 'text' },
			],
			routing: { send: { type: 'body', property: 'kind' } },
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			// INFERRED: `icon` and `values` come from the reference's Attribute schema; `multiple` from the seeded
			// Apps' attributes. Anything else goes in Additional Body (JSON).
			options: [
				{
					displayName: 'Icon',
					name: 'icon',
					type: 'string',
					default: '',
					description: 'Icon shown next to the attribute in Thinkeo',
					routing: { send: { type: 'body', property: 'icon' } },
				},
				{
					displayName: 'Multiple Values',
					name: 'multiple',
					type: 'boolean',
					default: false,
					description: 'Whether the attribute takes several values',
					routing: { send: { type: 'body', property: 'multiple' } },
				},
				{
					displayName: 'Values',
					name: 'values',
					type: 'string',
					typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Value' },
					default: [],
					description: 'Predefined values of the attribute',
					routing: { send: { type: 'body', property: 'values' } },
				},
			],
		},
		{
			displayName: 'Additional Body (JSON)',
			name: 'additionalJson',
			type: 'json',
			default: '{}',
			description: 'Other properties of the attribute to send, for fields this node has no parameter for',
		},
	],
});
