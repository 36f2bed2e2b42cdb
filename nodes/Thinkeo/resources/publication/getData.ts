import { defineOperation } from '../../operationKit/builder';
import { simplifyField } from '../../simplify/option';
import { simplifyStoredPublication } from '../../simplify/publication';
import { publicationLocator } from './fields';

export const getPublicationData = defineOperation({
	value: 'getData',
	name: 'Get Data',
	action: 'Get the content of a publication',
	description:
		'Get the editable content of a publication as Thinkeo stores it (JSON), e.g. to change it and save it back with Set Data; with Simplify, the publication’s ID, name, the document as plain text and its generated files by name, type and URL (GET /publications/{publication_id}/data)',
	// INFERRED: the answer's shape is not documented; it is output as it comes.
	routing: {
		request: { method: 'GET', url: '/publications/{publicationId}/data' },
		output: { postReceive: [simplifyStoredPublication('data')] },
	},
	fields: [publicationLocator(), simplifyField],
});
