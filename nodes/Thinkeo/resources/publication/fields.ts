import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../../operationKit/locators';

/** The publication an operation acts on. */
export const publicationLocator = (): INodeProperties =>
	idLocator({ name: 'publicationId', label: 'Publication', searchListMethod: 'searchPublications' });
