import { deleteRouting } from '../../shared/items';
import { defineOperation } from '../../shared/operation';
import { publicationLocator } from './fields';

export const deletePublication = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a publication',
	description: 'Delete a publication; outputs deleted: true with its ID (DELETE /publications/{publication_id})',
	routing: deleteRouting('/publications/{publicationId}', 'publicationId'),
	fields: [publicationLocator()],
});
