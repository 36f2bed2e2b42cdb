import { defineResource } from '../../operationKit/builder';
import { getMe } from './getMe';
import { updateMe } from './updateMe';

export const userResource = defineResource({
	value: 'user',
	name: 'User',
	description: 'The user the credential belongs to',
	operations: [getMe, updateMe],
});
