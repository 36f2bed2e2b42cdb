/**
 * The GitHub Actions workflows cannot run here: they are parsed, and checked against what they must do. The publish
 * job must stay the one `n8n-node release --init-workflow` writes (n8n verifies packages published with provenance
 * from GitHub Actions), apart from the changes its comment gives a reason for.
 */
import { cliPublishWorkflow, cliReleaseSource, cliVersion, exists, packageScripts, workflow, workflowFiles } from '../support/github';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Job {
	'runs-on': string;
	permissions?: Record<string, string>;
	steps: Step[];
	env?: Record<string, string>;
}
interface Workflow {
	name: string;
	on: Record<string, unknown>;
	jobs: Record<string, Job>;
}

const publish = workflow('publish.yml') as Workflow;
const ci = workflow('ci.yml') as Workflow;
const template = cliPublishWorkflow() as Workflow;
const runs = (job: Job) => job.steps.map((step) => step.run ?? '').join('\n');

describe('.github/workflows', () => {
	it.each(workflowFiles())('%s parses as YAML with a name, triggers and jobs whose steps all say what they do', (file) => {
		const parsed = workflow(file) as Workflow;
		expect(parsed.name).toEqual(expect.any(String));
		expect(Object.keys(parsed.on).length).toBeGreaterThan(0);
		for (const job of Object.values(parsed.jobs)) {
			expect(job['runs-on']).toBe('ubuntu-latest');
			for (const step of job.steps) expect(Boolean(step.uses) !== Boolean(step.run)).toBe(true);
			// Actions pinned to a major version at least.
			for (const { uses } of job.steps.filter((step) => step.uses)) expect(uses).toMatch(/^[\w-]+\/[\w-]+@v\d+/);
		}
	});

	it.each(workflowFiles())('%s calls only npm scripts and files that exist', (file) => {
		const parsed = workflow(file) as Workflow;
		const scripts = packageScripts();
		for (const job of Object.values(parsed.jobs)) {
			const text = runs(job);
			for (const [, script] of text.matchAll(/npm run ([\w:-]+)/g)) expect({ script, exists: script in scripts }).toEqual({ script, exists: true });
			for (const [, path] of text.matchAll(/(?:^|\s)((?:\.github|scripts)\/[\w./-]+)/g)) expect({ path, exists: exists(path) }).toEqual({ path, exists: true });
		}
	});
});

describe('publish.yml', () => {
	const job = publish.jobs.publish;
	const expected = template.jobs.publish;

	it('publishes on a version tag, as the CLI’s template does', () => {
		expect(publish.on).toEqual(template.on);
		expect(publish.on).toEqual({ push: { tags: ['*.*.*'] } });
	});

	it('may mint the OIDC token that npm provenance needs, and nothing more', () => {
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		expect(job.permissions).toEqual(expected.permissions);
	});

	it('has the steps of the CLI’s template, with only the release command changed while package.json has no "release" script', () => {
		const release = packageScripts().release === 'n8n-node release' ? 'npm run release' : 'npx n8n-node release';
		const steps = expected.steps.map((step) =>
			step.name === 'Release' ? { ...step, run: step.run?.replace('npm run release', release) } : step,
		);
		expect(job.steps).toEqual(steps);
		expect({ ...job, steps: [] }).toEqual({ ...expected, steps: [] });
	});

	it('keeps GitHub’s expression for the npm token, which the CLI’s rendering drops', () => {
		expect(job.steps.find((step) => step.name === 'Release')?.env).toEqual({ NPM_TOKEN: '${{ secrets.NPM_TOKEN }}' });
	});

	it(`runs n8n-node ${cliVersion()}'s release, which lints and builds, then publishes with provenance`, () => {
		const source = cliReleaseSource();
		const ciBranch = source.slice(source.indexOf('if (isCI)'), source.indexOf('if (flags.publish)'));
		const lint = ciBranch.indexOf("'run', 'lint'");
		const build = ciBranch.indexOf("'run', 'build'");
		const npmPublish = ciBranch.indexOf("['publish']");
		expect([lint, build, npmPublish].every((position) => position > 0)).toBe(true);
		expect(lint).toBeLessThan(build);
		expect(build).toBeLessThan(npmPublish);
		expect(ciBranch).toContain("NPM_CONFIG_PROVENANCE: 'true'");
		expect(runs(job)).toMatch(/n8n-node release|npm run release/);
	});
});

describe('ci.yml', () => {
	it('runs on pull requests', () => {
		expect(ci.on).toHaveProperty('pull_request');
	});

	it('may only read the repository', () => {
		expect((ci as Workflow & { permissions?: unknown }).permissions).toEqual({ contents: 'read' });
	});

	it('installs what needs root with sudo: the scripts run apt-get only when they run as root', () => {
		for (const line of Object.values(ci.jobs).map(runs).join('\n').split('\n').filter((text) => /apt-get (install|update)/.test(text))) {
			expect(line).toMatch(/^\s*sudo /);
		}
	});

	it('uses the runner’s own Node.js: no setup-node, the scripts install Node.js 24 themselves', () => {
		for (const job of Object.values(ci.jobs)) expect(job.steps.filter((step) => step.uses?.startsWith('actions/setup-node'))).toEqual([]);
	});

	it('runs the quick tier, the build, n8n-node lint, the scanner on the tarball, and the full suite', () => {
		const all = Object.values(ci.jobs).map(runs).join('\n');
		for (const command of ['npm run test:quick', 'npm run build', 'npx n8n-node lint', 'npx n8n-node cloud-support', 'npm pack', '.github/scripts/scan-package.mjs', 'npm test', 'npm run test:queue']) {
			expect({ command, run: all.includes(command) }).toEqual({ command, run: true });
		}
	});

	it('builds and lints on the Node.js 24 that the quick tier installed, before the steps that need it', () => {
		const { steps } = ci.jobs.quick;
		const position = (text: string) => steps.findIndex((step) => step.run?.includes(text));
		expect(position('npm run test:quick')).toBeLessThan(position('GITHUB_PATH'));
		expect(position('GITHUB_PATH')).toBeLessThan(position('npm run build'));
		expect(position('npm run build')).toBeLessThan(position('npm pack'));
	});
});
