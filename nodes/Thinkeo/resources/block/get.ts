import { idLocator } from '../../shared/locators';
import { defineOperation } from '../../shared/operation';

export const getBlock = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a block',
	description:
		'Get one block with its name, kind, data, child block IDs and attribute assignments (GET /blocks/{blockId})',
	routing: { request: { method: 'GET', url: '/blocks/{blockId}' } },
	fields: [idLocator({ name: 'blockId', label: 'Block', searchListMethod: 'searchBlocks', description: 'The block to get' })],
});
