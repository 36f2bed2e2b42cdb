import { defineOperation } from '../../operationKit/builder';
import { appLocator, versionField } from './common';

// Documented: GET /apps/{app_id}/versions/{version} → {appId, blockId, version, createdAt, aiConfig?, wizard?}.
// INFERRED: `latest` and `preview` are accepted as for POST /publications.
export const getAppVersion = defineOperation({
	value: 'getVersion',
	name: 'Get Version',
	action: 'Get a version of an app',
	description:
		'Get one version of an App (latest, preview or a version string) with its root block ID, AI settings and wizard (GET /apps/{appId}/versions/{version})',
	routing: { request: { method: 'GET', url: '/apps/{appId}/versions/{version}' } },
	fields: [appLocator(), versionField],
});
