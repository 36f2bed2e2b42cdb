import type { ThinkeoOperation } from '../../operationKit/builder';
import { defineOperation } from '../../operationKit/builder';
import type { ViewCollection } from './fields';
import { aView, viewLocator, viewPath } from './fields';

export const getView = (views: ViewCollection): ThinkeoOperation =>
	defineOperation({
		value: 'get',
		name: 'Get',
		action: `Get ${aView(views)}`,
		description: `Get one saved ${views.noun} view with its name and filter (GET ${viewPath(views)})`,
		routing: { request: { method: 'GET', url: viewPath(views) } },
		fields: [viewLocator(views)],
	});
