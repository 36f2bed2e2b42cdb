import { defineOperation } from '../../operationKit/builder';
import { appLocator } from './common';

// INFERRED: the answer follows the Wizard schema taken from AppVersion.wizard.
export const getAppWizard = defineOperation({
	value: 'getWizard',
	name: 'Get Wizard',
	action: 'Get the wizard of an app',
	description: 'Get the wizard of an App: its name and steps, the guided form users fill in (GET /apps/{appId}/wizard)',
	routing: { request: { method: 'GET', url: '/apps/{appId}/wizard' } },
	fields: [appLocator()],
});
