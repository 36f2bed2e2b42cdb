import { mergeJsonIntoBody } from '../../shared/json';
import { idLocator } from '../../shared/locators';
import { defineOperation } from '../../shared/operation';

export const updateAttribute = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update an attribute',
	description:
		'Change the name or settings of an attribute and return it. Its kind (text, file, number, date, flag) cannot change (PUT /attributes/{attr_id}).',
	routing: {
		// INFERRED: only the properties set here are sent, as a partial update of the Attribute schema.
		request: { method: 'PUT', url: '/attributes/{attributeId}' },
		send: { preSend: [mergeJsonIntoBody('additionalJson', 'Additional Body (JSON)')] },
	},
	fields: [
		idLocator({ name: 'attributeId', label: 'Attribute', searchListMethod: 'searchAttributes' }),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
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
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					description: 'New name of the attribute',
					routing: { send: { type: 'body', property: 'name' } },
				},
				{
					displayName: 'Values',
					name: 'values',
					type: 'string',
					typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Value' },
					default: [],
					description: 'Predefined values of the attribute; replaces the current list',
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
