import { attachmentResource } from './attachment';
import { publicationResource } from './publication';
import { teamResource } from './team';
import { tokenResource } from './token';

/** Every resource of the node; the first one is the default in the editor. */
export const resources = [publicationResource, attachmentResource, teamResource, tokenResource];
