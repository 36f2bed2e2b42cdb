import { defineOperation } from '../../operationKit/builder';
import { appLocator, versionField } from './common';

// INFERRED: no body; cloning a version creates a new App from it (not yet published) and returns that App.
export const cloneAppVersion = defineOperation({
	value: 'cloneVersion',
	name: 'Clone Version',
	action: 'Clone a version of an app',
	description:
		'Copy one version of an App (latest, preview or a version string) into a new App and return the new App with its ID (POST /apps/{appId}/versions/{version}/clone)',
	routing: { request: { method: 'POST', url: '/apps/{appId}/versions/{version}/clone' } },
	fields: [appLocator('The App to clone'), versionField],
});
