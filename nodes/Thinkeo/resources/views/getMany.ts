import type { ThinkeoOperation } from '../../operation/builder';
import { defineOperation } from '../../operation/builder';
import { returnAllAndLimit } from '../../operation/fields';
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
