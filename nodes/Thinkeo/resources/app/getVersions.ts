import { returnAllAndLimit } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { appLocator } from './common';

// INFERRED: a plain array of AppVersion objects (the schema documented for one version).
export const getAppVersions = defineOperation({
	value: 'getVersions',
	name: 'Get Versions',
	action: 'Get the versions of an app',
	description:
		'List the published versions of an App, one item per version with its version string, root block ID and date (GET /apps/{appId}/versions)',
	routing: { request: { method: 'GET', url: '/apps/{appId}/versions' } },
	fields: [appLocator(), ...returnAllAndLimit()],
});
