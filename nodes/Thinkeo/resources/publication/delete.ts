import { deleteRouting } from '../../operationKit/items';
import { defineOperation } from '../../operationKit/builder';
import { publicationLocator } from './fields';

export const deletePublication = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a publication',
	description: 'Delete a publication; outputs deleted: true with its ID (DELETE /publications/{publication_id})',
	routing: deleteRouting('/publications/{publicationId}', 'publicationId'),
	fields: [publicationLocator()],
});
