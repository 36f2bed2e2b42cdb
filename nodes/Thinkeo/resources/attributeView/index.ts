import { defineResource } from '../../operationKit/builder';
import { createView } from '../views/create';
import { deleteView } from '../views/delete';
import type { ViewCollection } from '../views/fields';
import { getView } from '../views/get';
import { getManyViews } from '../views/getMany';
import { updateView } from '../views/update';

const attributeViews: ViewCollection = { basePath: '/attributes', noun: 'attribute', searchListMethod: 'searchAttributeViews' };

export const attributeViewResource = defineResource({
	value: 'attributeView',
	name: 'Attribute View',
	description: 'Saved filtered views of attributes',
	operations: [
		createView(attributeViews),
		getView(attributeViews),
		getManyViews(attributeViews),
		updateView(attributeViews),
		deleteView(attributeViews),
	],
});
