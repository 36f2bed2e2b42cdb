import { defineResource } from '../../shared/operation';

export const appResource = defineResource({
	value: 'app',
	name: 'App',
	description: 'Thinkeo Apps: configured document generators with versions, a wizard, an icon and prices',
	operations: [],
});
