import { idLocator } from '../../shared/locators';
import { defineOperation } from '../../shared/operation';

export const deepCopyBlock = defineOperation({
	value: 'deepCopy',
	name: 'Deep Copy',
	action: 'Copy a block with its whole subtree',
	description:
		'Copy a block and every block under it, so the copy can be changed without touching the original. Returns the new top block with its ID (POST /blocks/{blockId}/deep-copy).',
	routing: { request: { method: 'POST', url: '/blocks/{blockId}/deep-copy' } },
	fields: [idLocator({ name: 'blockId', label: 'Block', searchListMethod: 'searchBlocks', description: 'The block to copy' })],
});
