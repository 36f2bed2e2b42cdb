import type { ThinkeoOperation } from '../../operationKit/builder';
import { defineOperation } from '../../operationKit/builder';
import { deleteRouting } from '../../operationKit/items';
import type { ViewCollection } from './fields';
import { aView, viewLocator, viewPath } from './fields';

export const deleteView = (views: ViewCollection): ThinkeoOperation =>
	defineOperation({
		value: 'delete',
		name: 'Delete',
		action: `Delete ${aView(views)}`,
		description: `Delete a saved ${views.noun} view; outputs deleted: true with the ID (DELETE ${viewPath(views)})`,
		routing: deleteRouting(viewPath(views), 'viewId'),
		fields: [viewLocator(views)],
	});
