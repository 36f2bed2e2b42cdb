import { idLocator } from '../../shared/locators';
import { defineOperation } from '../../shared/operation';

export const getBlockGraph = defineOperation({
	value: 'getGraph',
	name: 'Get Graph',
	action: 'Get the block tree under a block',
	description:
		'Get the tree of blocks under a block (every descendant and how they are linked) as one item (GET /blocks/{blockId}/graph)',
	routing: { request: { method: 'GET', url: '/blocks/{blockId}/graph' } },
	fields: [idLocator({ name: 'blockId', label: 'Block', searchListMethod: 'searchBlocks', description: 'The top block' })],
});
