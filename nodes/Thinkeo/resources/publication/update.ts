import { additionalBodyField, sendAdditionalBody, updateFields } from '../../operationKit/fields';
import { jsonBodyProperty } from '../../operationKit/json';
import { defineOperation } from '../../operationKit/builder';
import { publicationLocator } from './fields';

export const updatePublication = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update a publication',
	description:
		'Change the stored properties of a publication, such as its name or attribute values, and return the updated publication. It does not generate the document again (PUT /publications/{publication_id}).',
	routing: {
		// INFERRED: the reference gives the Publication schema as the body; only the properties set here are sent,
		// as a partial update (the sandbox keeps the others).
		request: { method: 'PUT', url: '/publications/{publicationId}' },
		send: {
			preSend: [
				jsonBodyProperty('updateFields.attributes', 'attributes', 'Attribute Values (JSON)'),
				sendAdditionalBody,
			],
		},
	},
	fields: [
		publicationLocator(),
		updateFields([
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the publication',
				routing: { send: { type: 'body', property: 'name' } },
			},
			{
				displayName: 'Attribute Values (JSON)',
				name: 'attributes',
				type: 'json',
				default: '{}',
				description: 'Object mapping attribute IDs to lists of values, e.g. {"60f8bec0-…": ["apple"]}',
			},
		]),
		additionalBodyField,
	],
});
