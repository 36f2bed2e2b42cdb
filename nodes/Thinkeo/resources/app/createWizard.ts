import { defineOperation } from '../../operationKit/builder';
import { appLocator, sendWizardBody, wizardFields } from './common';

// INFERRED: the body is the Wizard schema taken from AppVersion.wizard: {appId, name, steps}, all required.
export const createAppWizard = defineOperation({
	value: 'createWizard',
	name: 'Create Wizard',
	action: 'Create the wizard of an app',
	description:
		'Give an App a wizard (a name and a list of steps, as JSON) when it has none; returns the wizard (POST /apps/{appId}/wizard)',
	routing: {
		request: { method: 'POST', url: '/apps/{appId}/wizard' },
		send: { preSend: [sendWizardBody] },
	},
	fields: [appLocator(), ...wizardFields()],
});
