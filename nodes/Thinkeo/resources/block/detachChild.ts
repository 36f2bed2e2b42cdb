import { defineOperation } from '../../operationKit/builder';
import { blockLocator, childBlockLocator } from './fields';

export const detachBlockChild = defineOperation({
	value: 'detachChild',
	name: 'Detach Child',
	action: 'Detach a child block',
	description:
		"Remove a block from the children of a parent block; the child block itself is kept. Returns Thinkeo's answer, or success: true when it is empty (DELETE /blocks/{blockId}/children/{childId}).",
	routing: { request: { method: 'DELETE', url: '/blocks/{blockId}/children/{childId}' } },
	fields: [
		blockLocator('The parent block'),
		childBlockLocator('The block to detach'),
	],
});
