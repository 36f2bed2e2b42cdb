import { defineOperation } from '../../operation/builder';
import { publicationLocator } from './fields';

export const getPublication = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a publication',
	description:
		'Get one publication: its ID, name, App and version, attribute values and dates, without the rendered content (use Get Data for that) (GET /publications/{publication_id})',
	routing: { request: { method: 'GET', url: '/publications/{publicationId}' } },
	fields: [publicationLocator()],
});
