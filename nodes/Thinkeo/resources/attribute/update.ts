import { additionalBodyField, sendAdditionalBody, updateFields } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { attributeLocator, iconOption, multipleOption, valuesOption } from './fields';

export const updateAttribute = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update an attribute',
	description:
		'Change the name or settings of an attribute and return it. Its kind (text, file, number, date, flag) cannot change (PUT /attributes/{attr_id}).',
	routing: {
		// INFERRED: only the properties set here are sent, as a partial update of the Attribute schema.
		request: { method: 'PUT', url: '/attributes/{attributeId}' },
		send: { preSend: [sendAdditionalBody] },
	},
	fields: [
		attributeLocator(),
		updateFields([
			iconOption,
			multipleOption,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the attribute',
				routing: { send: { type: 'body', property: 'name' } },
			},
			valuesOption('Predefined values of the attribute; replaces the current list'),
		]),
		additionalBodyField,
	],
});
