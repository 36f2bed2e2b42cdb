import { additionalBodyField, additionalFields, requiredNameField, sendAdditionalBody } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { iconOption, multipleOption, valuesOption } from './fields';

export const createAttribute = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create an attribute',
	description:
		'Create an attribute of the team (an input that Apps fill in) with a name and a kind (text, file, number, date or flag); returns it with its ID (POST /attributes)',
	routing: {
		request: { method: 'POST', url: '/attributes' },
		send: { preSend: [sendAdditionalBody] },
	},
	fields: [
		requiredNameField('Name of the attribute, as shown in the Attribute Editor'),
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
		additionalFields([
			iconOption,
			multipleOption,
			valuesOption('Predefined values of the attribute'),
		]),
		additionalBodyField,
	],
});
