import { defineResource } from '../../shared/operation';
import { viewOperations } from '../../shared/views';

export const attributeViewResource = defineResource({
	value: 'attributeView',
	name: 'Attribute View',
	description: 'Saved filtered views of attributes',
	operations: viewOperations({ basePath: '/attributes', noun: 'attribute', searchListMethod: 'searchAttributeViews' }),
});
