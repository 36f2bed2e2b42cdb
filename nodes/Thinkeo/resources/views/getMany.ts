import type { ThinkeoOperation } from '../../operationKit/builder';
import { defineOperation } from '../../operationKit/builder';
import { returnAllAndLimit } from '../../operationKit/fields';
import type { ViewCollection } from './fields';
import { viewsPath } from './fields';

export const getManyViews = (views: ViewCollection): ThinkeoOperation =>
	defineOperation({
		value: 'getMany',
		name: 'Get Many',
		action: `Get many ${views.noun} views`,
		description: `List the saved ${views.noun} views of the team, one item per view with its ID, name and filter (GET ${viewsPath(views)})`,
		routing: { request: { method: 'GET', url: viewsPath(views) } },
		fields: returnAllAndLimit(),
	});
