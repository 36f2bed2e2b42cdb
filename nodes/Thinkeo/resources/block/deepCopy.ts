import { defineOperation } from '../../operationKit/builder';
import { blockLocator } from './fields';

export const deepCopyBlock = defineOperation({
	value: 'deepCopy',
	name: 'Deep Copy',
	action: 'Copy a block with its whole subtree',
	description:
		'Copy a block and every block under it, so the copy can be changed without touching the original. Returns the new top block with its ID (POST /blocks/{blockId}/deep-copy).',
	routing: { request: { method: 'POST', url: '/blocks/{blockId}/deep-copy' } },
	fields: [blockLocator('The block to copy')],
});
