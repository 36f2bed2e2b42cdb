// Filled in by the issue that serves these endpoints.
export const routes = [];
