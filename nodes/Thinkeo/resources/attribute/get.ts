import { defineOperation } from '../../operationKit/builder';
import { attributeLocator } from './fields';

export const getAttribute = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get an attribute',
	description: 'Get one attribute with its name, kind and settings (GET /attributes/{attr_id})',
	routing: { request: { method: 'GET', url: '/attributes/{attributeId}' } },
	fields: [attributeLocator()],
});
