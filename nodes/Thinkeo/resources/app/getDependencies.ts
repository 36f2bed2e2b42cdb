import { defineOperation } from '../../operationKit/builder';
import { appLocator } from './common';

// INFERRED: the answer's shape is not documented; it is passed on as Thinkeo returns it.
export const getAppDependencies = defineOperation({
	value: 'getDependencies',
	name: 'Get Dependencies',
	action: 'Get the dependencies of an app',
	description:
		'List what an App depends on (its blocks and attributes) as Thinkeo returns it, to check what a change or a deletion would affect (GET /apps/{appId}/dependencies)',
	routing: { request: { method: 'GET', url: '/apps/{appId}/dependencies' } },
	fields: [appLocator()],
});
