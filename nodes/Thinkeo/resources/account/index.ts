import { defineResource } from '../../operationKit/builder';
import { confirmAccount } from './confirm';
import { forgotPassword } from './forgotPassword';
import { getSsoProviders } from './getSsoProviders';
import { login } from './login';
import { logout } from './logout';
import { refreshSession } from './refresh';
import { register } from './register';
import { setPassword } from './setPassword';
import { startSsoLogin } from './startSsoLogin';
import { verifySso } from './verifySso';

export const accountResource = defineResource({
	value: 'account',
	name: 'Account',
	description: 'Sign-up, sign-in and password endpoints of Thinkeo accounts, including SSO',
	operations: [
		login,
		refreshSession,
		logout,
		register,
		confirmAccount,
		forgotPassword,
		setPassword,
		getSsoProviders,
		startSsoLogin,
		verifySso,
	],
});
