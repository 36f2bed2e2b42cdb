import { defineOperation } from '../../operationKit/builder';
import { publicationLocator } from './fields';

export const renamePublication = defineOperation({
	value: 'rename',
	name: 'Rename',
	action: 'Rename a publication',
	description:
		'Give a publication a new name. Returns Thinkeo\'s answer, or success: true when it is empty (PUT /publications/{publication_id}/name).',
	// INFERRED: the body is {"name": "…"}, as the reference's schema for this endpoint suggests.
	routing: { request: { method: 'PUT', url: '/publications/{publicationId}/name' } },
	fields: [
		publicationLocator(),
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			description: 'New name of the publication',
			routing: { send: { type: 'body', property: 'name' } },
		},
	],
});
