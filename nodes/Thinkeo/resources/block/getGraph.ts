import { defineOperation } from '../../operationKit/builder';
import { blockLocator } from './fields';

export const getBlockGraph = defineOperation({
	value: 'getGraph',
	name: 'Get Graph',
	action: 'Get the block tree under a block',
	description:
		'Get the tree of blocks under a block (every descendant and how they are linked) as one item (GET /blocks/{blockId}/graph)',
	routing: { request: { method: 'GET', url: '/blocks/{blockId}/graph' } },
	fields: [blockLocator('The top block')],
});
