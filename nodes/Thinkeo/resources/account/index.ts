import { defineResource } from '../../shared/operation';

export const accountResource = defineResource({
	value: 'account',
	name: 'Account',
	description: 'Sign-up, sign-in and password endpoints of Thinkeo accounts, including SSO',
	operations: [],
});
