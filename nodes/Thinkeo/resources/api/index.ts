import { defineResource } from '../../shared/operation';

export const apiResource = defineResource({
	value: 'api',
	name: 'API',
	description: 'The Thinkeo API itself',
	operations: [],
});
