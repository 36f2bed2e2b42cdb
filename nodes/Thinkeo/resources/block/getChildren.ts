import { returnAllAndLimit } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { blockLocator } from './fields';

export const getBlockChildren = defineOperation({
	value: 'getChildren',
	name: 'Get Children',
	action: 'Get the children of a block',
	description:
		'List the child blocks of a block in their order, one item per child block (GET /blocks/{blockId}/children)',
	routing: { request: { method: 'GET', url: '/blocks/{blockId}/children' } },
	fields: [
		blockLocator('The parent block'),
		...returnAllAndLimit(),
	],
});
