import { idLocator } from '../../shared/locators';
import { defineOperation } from '../../shared/operation';

export const detachBlockChild = defineOperation({
	value: 'detachChild',
	name: 'Detach Child',
	action: 'Detach a child block',
	description:
		'Remove a block from the children of another block; the child block itself is kept (DELETE /blocks/{blockId}/children/{childId})',
	routing: { request: { method: 'DELETE', url: '/blocks/{blockId}/children/{childId}' } },
	fields: [
		idLocator({ name: 'blockId', label: 'Block', searchListMethod: 'searchBlocks', description: 'The parent block' }),
		idLocator({ name: 'childId', label: 'Child Block', searchListMethod: 'searchBlocks', description: 'The block to detach' }),
	],
});
