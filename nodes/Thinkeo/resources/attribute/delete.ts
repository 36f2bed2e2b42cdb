import { outputDeleted } from '../../shared/items';
import { idLocator } from '../../shared/locators';
import { defineOperation } from '../../shared/operation';

export const deleteAttribute = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete an attribute',
	description: 'Delete an attribute of the team; outputs deleted: true with its ID (DELETE /attributes/{attr_id})',
	routing: {
		request: { method: 'DELETE', url: '/attributes/{attributeId}' },
		output: { postReceive: [outputDeleted('attributeId')] },
	},
	fields: [idLocator({ name: 'attributeId', label: 'Attribute', searchListMethod: 'searchAttributes' })],
});
