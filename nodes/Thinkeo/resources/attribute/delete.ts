import { deleteRouting } from '../../operationKit/items';
import { defineOperation } from '../../operationKit/builder';
import { attributeLocator } from './fields';

export const deleteAttribute = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete an attribute',
	description: 'Delete an attribute of the team; outputs deleted: true with its ID (DELETE /attributes/{attr_id})',
	routing: deleteRouting('/attributes/{attributeId}', 'attributeId'),
	fields: [attributeLocator()],
});
