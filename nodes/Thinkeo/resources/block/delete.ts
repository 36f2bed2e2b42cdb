import { deleteRouting } from '../../operationKit/items';
import { defineOperation } from '../../operationKit/builder';
import { blockLocator } from './fields';

export const deleteBlock = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a block',
	description:
		'Delete a block; it is removed from every parent, its own children are kept. Outputs deleted: true with the ID (DELETE /blocks/{blockId}).',
	routing: deleteRouting('/blocks/{blockId}', 'blockId'),
	fields: [blockLocator('The block to delete')],
});
