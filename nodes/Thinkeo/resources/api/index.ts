import { defineResource } from '../../operationKit/builder';
import { getOpenApi } from './getOpenApi';

export const apiResource = defineResource({
	value: 'api',
	name: 'API',
	description: 'The Thinkeo API itself',
	operations: [getOpenApi],
});
