import { defineResource } from '../../operation/builder';
import { viewOperations } from '../../operation/views';

export const attributeViewResource = defineResource({
	value: 'attributeView',
	name: 'Attribute View',
	description: 'Saved filtered views of attributes',
	operations: viewOperations({ basePath: '/attributes', noun: 'attribute', searchListMethod: 'searchAttributeViews' }),
});
