import { outputDeleted } from '../../shared/items';
import { idLocator } from '../../shared/locators';
import { defineOperation } from '../../shared/operation';

export const deletePublication = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a publication',
	description: 'Delete a publication; outputs deleted: true with its ID (DELETE /publications/{publication_id})',
	routing: {
		request: { method: 'DELETE', url: '/publications/{publicationId}' },
		output: { postReceive: [outputDeleted('publicationId')] },
	},
	fields: [idLocator({ name: 'publicationId', label: 'Publication', searchListMethod: 'searchPublications' })],
});
