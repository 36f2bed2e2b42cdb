import { defineOperation } from '../../operationKit/builder';
import { blockLocator } from './fields';

export const shallowCopyBlock = defineOperation({
	value: 'shallowCopy',
	name: 'Shallow Copy',
	action: 'Copy a block, sharing its children',
	description:
		'Copy a block; the copy points to the same child blocks as the original. Returns the new block with its ID (POST /blocks/{blockId}/shallow-copy).',
	routing: { request: { method: 'POST', url: '/blocks/{blockId}/shallow-copy' } },
	fields: [blockLocator('The block to copy')],
});
