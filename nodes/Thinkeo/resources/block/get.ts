import { defineOperation } from '../../operationKit/builder';
import { blockLocator } from './fields';

export const getBlock = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a block',
	description:
		'Get one block with its name, kind, data, child block IDs and attribute assignments (GET /blocks/{blockId})',
	routing: { request: { method: 'GET', url: '/blocks/{blockId}' } },
	fields: [blockLocator('The block to get')],
});
