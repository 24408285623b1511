import { ProjenStruct, Struct } from '@mrgrain/jsii-struct-builder';
import { awscdk, javascript } from 'projen';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-ci-oidc',
  description:
    'AWS CDK constructs for keyless CI deployments: IAM OIDC providers for GitHub Actions and GitLab CI, and deploy roles whose trust policies are built from typed, validated subjects.',
  author: 'cdk-ci-oidc contributors',
  authorAddress: 'maintainers@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk-ci-oidc/cdk-ci-oidc.git',
  license: 'Apache-2.0',
  keywords: ['cdk', 'aws-cdk', 'oidc', 'openid-connect', 'github-actions', 'gitlab-ci', 'iam', 'security'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  // jsii and jsii-rosetta 6 need Node.js 20.16 or later; CI keeps the current LTS (npm 11.5.1+ for trusted publishing).
  minNodeVersion: '20.16.0',
  workflowNodeVersion: 'lts/*',
  // 0.x: the API may still change between minor versions.
  stability: 'experimental',
  projenrcTs: true,

  // First aws-cdk-lib with iam.OidcProviderNative (AWS::IAM::OIDCProvider without a Lambda).
  cdkVersion: '2.200.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  tsconfigDevFile: 'tsconfig.dev.json',
  // Lint tests, examples and the benchmark with the dev tsconfig, which includes them.
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'projenrc', '.projenrc.ts'],
    projectService: false,
    tsconfigPath: './tsconfig.dev.json',
  },

  // Releases publish without stored registry tokens where the registry trusts GitHub's OIDC token
  // (npm, PyPI, NuGet: each needs the trusted publisher configured on the registry first).
  // Maven Central and the Go module repository still need stored credentials: see CONTRIBUTING.md.
  npmTrustedPublishing: true,
  publishToPypi: { distName: 'cdk-ci-oidc', module: 'cdk_ci_oidc', trustedPublishing: true },
  publishToMaven: {
    javaPackage: 'io.github.cdkcioidc',
    mavenGroupId: 'io.github.cdk-ci-oidc',
    mavenArtifactId: 'cdk-ci-oidc',
  },
  publishToNuget: { dotNetNamespace: 'CdkCiOidc', packageId: 'CdkCiOidc', trustedPublishing: true },
  publishToGo: { moduleName: 'github.com/cdk-ci-oidc/cdk-ci-oidc-go' },

  devDeps: [
    '@mrgrain/jsii-struct-builder@^0.7.64',
    // AGPL: a dev dependency of the tests only, pinned because the tests call its core engine.
    '@cloud-copilot/iam-simulate@0.1.173',
    'cdk-nag@~2.38.2',
    'fast-check@^4.10.2',
    'yaml@^2.9.1',
    'aws-cdk@^2.1100.0',
    // The most used peer library, compared in bench/ and in the migration test.
    'aws-cdk-github-oidc@^2.4.1',
    // Peer libraries whose roles the migration test (test/migration) moves over.
    'cdk-pipelines-github@^0.4.139',
  ],

  // The access-review report: `npx cdk-ci-oidc report cdk.out`.
  bin: { 'cdk-ci-oidc': 'lib/cli/main.js' },

  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // Coverage doubles jest's time: the README's `npx projen test` runs without it, CI adds `npx projen test:coverage`.
      collectCoverage: false,
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/'],
      coveragePathIgnorePatterns: ['/node_modules/', '/test/'],
    },
  },

  gitignore: ['cdk.out', '.jsii.tabl.json', '/examples/cdk.out', '/bench/out'],
  npmignoreEnabled: true,
  npmIgnoreOptions: { ignorePatterns: ['/examples/', '/bench/', '/.ci/', 'cdk.out'] },
});

// ts-jest does not type-check the tests; tsc does, over src, test and examples.
project.testTask.prependExec('tsc --noEmit -p tsconfig.dev.json');
project.tsconfigDev.addInclude('.projenrc.ts');

// The same jest run with coverage (lcov, cobertura and a text summary in coverage/), for CI.
project.addTask('test:coverage', {
  description: 'Run jest with coverage (the README\'s `npx projen test` runs it without)',
  exec: 'jest --passWithNoTests --ci --coverage',
  receiveArgs: true,
});

// The audit and the report command run without the CDK (`cdk-ci-oidc report` reads a cdk.out
// directory with plain Node.js): they must not import aws-cdk-lib or constructs, directly or through
// another folder of src/ (every folder besides audit/ and cli/ builds constructs).
const CDK_FREE_IMPORTS = 'src/audit and src/cli run without the CDK: import only Node.js built-ins and src/audit.';
const cdkImports = [
  { group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'constructs/*'], message: CDK_FREE_IMPORTS },
];
project.eslint?.addOverride({
  files: ['src/audit/**/*.ts'],
  rules: {
    'no-restricted-imports': ['error', { patterns: [...cdkImports, { regex: '^\\.\\./', message: CDK_FREE_IMPORTS }] }],
  },
});
project.eslint?.addOverride({
  files: ['src/cli/**/*.ts'],
  rules: {
    'no-restricted-imports': ['error', { patterns: [...cdkImports, { regex: '^\\.\\./(?!audit/)', message: CDK_FREE_IMPORTS }] }],
  },
});

// CiDeployRoleOptions: every iam.RoleProps option except the principal and external ids,
// generated from aws-cdk-lib's own jsii assembly so that the docs and types never drift.
new ProjenStruct(project, {
  name: 'CiDeployRoleOptions',
  filePath: 'src/role/ci-deploy-role-options.generated.ts',
  docs: {
    summary: 'The `iam.Role` options that a `CiDeployRole` accepts.',
    remarks:
      'Generated from `aws-cdk-lib.aws_iam.RoleProps` without `assumedBy` (the role builds its own principal) ' +
      'and `externalIds` (an `sts:AssumeRole` feature with no meaning for web identity).',
  },
})
  .mixin(Struct.fromFqn('aws-cdk-lib.aws_iam.RoleProps'))
  .omit('assumedBy', 'externalIds');

// Synthesizes the example apps, offline, with the CDK CLI from devDependencies.
const synthEnv = {
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20',
};
project.addTask('examples:synth', {
  description: 'Synthesize the example apps in examples/ (no AWS account or credentials needed)',
  env: synthEnv,
  exec: 'cdk synth --no-notices --quiet --app "ts-node --prefer-ts-exts examples/app.ts" --output examples/cdk.out',
});

// The side-by-side benchmark, not part of the test run: `npx projen bench` (or `npx projen bench --quick`).
project.addTask('bench', {
  description: 'Benchmark cdk-ci-oidc against hand-written aws-cdk-lib and aws-cdk-github-oidc; writes bench/RESULTS.md',
  exec: 'node bench/bench.js',
  receiveArgs: true,
});

// Offline cross-language checks (PyPI, Maven, NuGet and the Go proxy are out of reach here).
project.addTask('check:rosetta', {
  description: 'Compile every TypeScript example of the README and the API docs (fails on any error)',
  exec: 'jsii-rosetta extract --strict',
});
project.addTask('check:pacmak', {
  description: 'Generate the Python, Java, .NET and Go bindings as source code',
  exec: 'jsii-pacmak --code-only --force --target python --target java --target dotnet --target go',
});

project.synth();
