import { returnAllAndLimit } from '../../shared/fields';
import { idLocator } from '../../shared/locators';
import { defineOperation } from '../../shared/operation';

export const getBlockChildren = defineOperation({
	value: 'getChildren',
	name: 'Get Children',
	action: 'Get the children of a block',
	description:
		'List the child blocks of a block in their order, one item per child block (GET /blocks/{blockId}/children)',
	routing: { request: { method: 'GET', url: '/blocks/{blockId}/children' } },
	fields: [
		idLocator({ name: 'blockId', label: 'Block', searchListMethod: 'searchBlocks', description: 'The parent block' }),
		...returnAllAndLimit(),
	],
});
