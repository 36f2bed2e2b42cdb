import { defineOperation } from '../../operationKit/builder';
import { simplifyField } from '../../simplify/option';
import { simplifyStoredPublication } from '../../simplify/publication';
import { publicationLocator } from './fields';

export const getPublication = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a publication',
	description:
		'Get one publication: its ID, name, App and version, attribute values and dates, without the rendered content (use Get Data for that); with Simplify, its ID, name, the document as plain text and its generated files by name, type and URL (GET /publications/{publication_id})',
	routing: {
		request: { method: 'GET', url: '/publications/{publicationId}' },
		output: { postReceive: [simplifyStoredPublication('publication')] },
	},
	fields: [publicationLocator(), simplifyField],
});
