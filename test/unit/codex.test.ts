import nodeCodex from '../../nodes/Thinkeo/Thinkeo.node.json';
import triggerCodex from '../../nodes/Thinkeo/ThinkeoTrigger.node.json';

// n8n's nodes panel searches node names and codex aliases. One "Thinkeo" entry holds both nodes, and the panel of a
// workflow's first step searches the trigger's codex: both carry the words people type for what the node makes.
const MAKES = ['word', 'docx', 'powerpoint', 'pptx', 'report', 'template', 'document generation'];

describe.each([
	['Thinkeo', nodeCodex],
	['Thinkeo Trigger', triggerCodex],
] as Array<[string, { alias: string[] }]>)('%s codex', (_name, { alias }) => {
	const words = alias.map((word) => word.toLowerCase());

	it('is found by the words for Word and PowerPoint documents, reports and templates', () => {
		expect(MAKES.filter((word) => !words.includes(word))).toEqual([]);
	});

	it('lists each alias once', () => {
		expect(new Set(words).size).toBe(words.length);
	});
});
