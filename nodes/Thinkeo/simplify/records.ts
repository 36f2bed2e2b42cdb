import type { IDataObject } from 'n8n-workflow';

import { pickFields } from './option';

/** An App as Simplify gives it: what a model needs to choose one (INFERRED App schema: id, name, description…). */
export const simpleApp = (app: IDataObject): IDataObject => pickFields(app, ['id', 'name', 'description', 'latestVersion', 'archived']);

/** An attribute as Simplify gives it: what a model needs to fill it in. */
export const simpleAttribute = (attribute: IDataObject): IDataObject => pickFields(attribute, ['id', 'name', 'kind', 'multiple']);
