// n8n's community-package scanner (@n8n/scan-community-package, the check n8n applies before it verifies a package) on
// this checkout and on its packed tarball, without publishing: the same two legs as ../shared/tools/scan-package.sh,
// which .ci/run uses and which lives outside this repository, so GitHub Actions runs this copy of its last step.
// Usage: node .github/scripts/scan-package.mjs SCANNER_DIR PACKAGE_DIR TARBALL_DIR, where SCANNER_DIR holds the
// installed scanner (node_modules/@n8n/scan-community-package) and TARBALL_DIR the unpacked `npm pack` tarball.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [scannerDir, packageDir, tarballDir] = process.argv.slice(2).map((dir) => resolve(dir));
const scanner = resolve(scannerDir, 'node_modules/@n8n/scan-community-package/scanner/scanner.mjs');
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scanner).href);

// The scanner passes a folder with nothing to analyse ("No files found to analyze"): a wrong path must not pass.
for (const dir of [packageDir, tarballDir]) {
	if (!existsSync(resolve(dir, 'package.json')) || !existsSync(resolve(dir, 'dist'))) {
		console.log(`scan-community-package: failed: ${dir} holds no package.json and dist/ to scan`);
		process.exit(1);
	}
}

const legs = [
	['source', await analyzePackage(packageDir, SOURCE_FILE_PATTERNS)],
	['tarball', await analyzePackage(tarballDir, ['**/*.js', 'package.json'])],
];
for (const [leg, result] of legs) {
	console.log(`${leg}: ${result.passed ? 'pass' : `FAIL: ${result.message}`}`);
	if (result.details) console.log(result.details);
}
const passed = legs.every(([, result]) => result.passed && !/no files found/i.test(result.message ?? ''));
console.log(`scan-community-package: ${passed ? 'passed' : 'failed'}`);
process.exit(passed ? 0 : 1);
