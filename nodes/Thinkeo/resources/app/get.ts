import { defineOperation } from '../../operationKit/builder';
import { simplifyField, simplifyItems } from '../../simplify/option';
import { simpleApp } from '../../simplify/records';
import { appLocator } from './common';

export const getApp = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get an app',
	description: 'Get one App with its name, AI settings, latest version and archived state (with Simplify: ID, name, description, latest version and archived state only) (GET /apps/{appId})',
	routing: { request: { method: 'GET', url: '/apps/{appId}' }, output: { postReceive: [simplifyItems(simpleApp)] } },
	fields: [appLocator(), simplifyField],
});
