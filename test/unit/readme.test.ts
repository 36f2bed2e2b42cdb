import { Thinkeo } from '../../nodes/Thinkeo/Thinkeo.node';
import { readReadme, renderOperationsTable, withOperationsTable } from '../support/operations-table';

describe('README', () => {
	it('lists every operation of the node (regenerate with `npm run build && npm run readme`)', () => {
		const readme = readReadme();
		const table = renderOperationsTable(new Thinkeo().description);
		expect(table.split('\n').length).toBeGreaterThan(2);
		expect(readme).toBe(withOperationsTable(readme, table));
	});
});
