import { outputDeleted } from '../../shared/items';
import { idLocator } from '../../shared/locators';
import { defineOperation } from '../../shared/operation';

export const deleteBlock = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a block',
	description:
		'Delete a block; it is removed from every parent, its own children are kept. Outputs deleted: true with the ID (DELETE /blocks/{blockId}).',
	routing: {
		request: { method: 'DELETE', url: '/blocks/{blockId}' },
		output: { postReceive: [outputDeleted('blockId')] },
	},
	fields: [idLocator({ name: 'blockId', label: 'Block', searchListMethod: 'searchBlocks', description: 'The block to delete' })],
});
