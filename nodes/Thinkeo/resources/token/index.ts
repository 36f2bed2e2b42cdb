import { defineResource } from '../../shared/operation';
import { createToken } from './create';

export const tokenResource = defineResource({
	value: 'token',
	name: 'Token',
	description: 'Team API tokens (tkak_…) that authenticate calls to Thinkeo',
	operations: [createToken],
});
