// Every API route, one module per resource.
import { routes as attachments } from './attachments.mjs';
import { routes as publications } from './publications.mjs';
import { routes as teams } from './teams.mjs';
import { routes as tokens } from './tokens.mjs';

export const apiRoutes = [...teams, ...tokens, ...attachments, ...publications];
