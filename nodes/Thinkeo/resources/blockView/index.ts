import { defineResource } from '../../operationKit/builder';
import { createView } from '../views/create';
import { deleteView } from '../views/delete';
import type { ViewCollection } from '../views/fields';
import { getView } from '../views/get';
import { getManyViews } from '../views/getMany';
import { updateView } from '../views/update';

const blockViews: ViewCollection = { basePath: '/blocks', noun: 'block', searchListMethod: 'searchBlockViews' };

export const blockViewResource = defineResource({
	value: 'blockView',
	name: 'Block View',
	description: 'Saved filtered views of blocks',
	operations: [
		createView(blockViews),
		getView(blockViews),
		getManyViews(blockViews),
		updateView(blockViews),
		deleteView(blockViews),
	],
});
