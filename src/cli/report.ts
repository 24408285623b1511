import * as fs from 'fs';
import { AcknowledgementsError, readAcknowledgements } from './acknowledgements';
import { choice, parseArguments } from './arguments';
import { visibleEscapes } from './escape';
import { Inputs, readInputs } from './input-files';
import { issuerFlagsHelp, issuerFlagsSynopsis, issuerOptionsOf, wrapText } from './issuer-flags';
import { renderJson } from './outputs/json-report';
import { renderMarkdown } from './outputs/markdown-report';
import { renderSarif } from './outputs/sarif';
import { buildReview, Review } from './review';
import { packageVersion } from './version';
import { InputProblem } from '../audit/inputs/audit-unit';
import { CI_PLATFORMS } from '../platforms/registry';

/** Where the command writes, and what it knows of its environment. */
export interface ReportIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether standard error is a terminal: the progress line is shown only then. */
  readonly stderrIsTty?: boolean;
  /** The environment (`GITHUB_STEP_SUMMARY`); the process's when not given. */
  readonly env?: Record<string, string | undefined>;
}

export const USAGE = `Usage: cdk-ci-oidc report [INPUT...] [--format markdown|json|sarif] [--fail-on error|warning|never]
                          [--strict] [--step-summary] [--acknowledgements FILE]${issuerFlagsSynopsis()}

${wrapText(`The access review of every IAM role that a CI OIDC provider (${CI_PLATFORMS.map((p) => p.displayName).join(', ')}) ` +
  'may assume: the provider, each subject in plain words, the pinned claims, what the role may do (administrator or not, ' +
  'managed policies, the roles it may assume) and the findings of CiTrustGuard. Offline: it needs no AWS credentials.', 90)}

  INPUT                    files or directories, any mix, each file recognized by its content:
                           a cloud assembly (cdk.out, the default), CloudFormation templates
                           (JSON or YAML), 'aws iam get-account-authorization-details' output,
                           'terraform show -json' of a plan or a state. A directory that is not a
                           cloud assembly is searched (*.json, *.yaml, *.yml, *.template)
  --format FORMAT          markdown (default, with a Mermaid diagram), json (docs/report-schema.json)
                           or sarif (SARIF 2.1.0, for GitHub code scanning)
  --json                   the same as --format json
  --fail-on LEVEL          exit with 1 on errors (default), on errors or unacknowledged warnings
                           (warning), or never
  --strict                 exit with 2 when any input cannot be read (by default it is named
                           and the rest is audited)
  --step-summary           also append the Markdown report to $GITHUB_STEP_SUMMARY (GitHub Actions)
  --acknowledgements FILE  accepted warnings, JSON: {"acknowledgements": [{"role": ROLE, "id": ID,
                           "reason": TEXT}]}; ROLE is the role's path, ARN, name, address or logical id
  --no-diagram             Markdown without the Mermaid diagram
${issuerFlagsHelp([' to audit', 'even without a sub condition; repeatable'])}
  --version                print the version
  -h, --help               print this help

Exit status: 0 nothing at the --fail-on level; 1 findings at the --fail-on level; 2 a usage
problem, no input could be read, an input could not be read with --strict, or an internal error.

Examples:
  cdk-ci-oidc report cdk.out
  cdk-ci-oidc report cdk.out --json > access-review.json
  aws iam get-account-authorization-details > exports/123456789012.json
  cdk-ci-oidc report exports/ --format sarif > ci-trust.sarif
  terraform show -json plan.out > plan.json && cdk-ci-oidc report plan.json --fail-on warning
  cdk-ci-oidc report cdk.out templates/ --step-summary --acknowledgements acks.json

Why was a token refused? cdk-ci-oidc explain --claims FILE [INPUT...]
(see cdk-ci-oidc explain --help).
`;

/** The process's standard output and error. */
export const PROCESS_IO: ReportIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
};

const FORMATS = ['markdown', 'json', 'sarif'] as const;
const FAIL_ON = ['error', 'warning', 'never'] as const;
/** GitHub shows at most 1 MiB of a step's summary. */
const STEP_SUMMARY_LIMIT = 1024 * 1024;
/** Fewer files than this are read too fast for a progress line. */
const PROGRESS_FILES = 20;

/**
 * Runs the command line `cdk-ci-oidc <argv...>` and returns the exit status.
 *
 * @param argv the arguments after the program name, e.g. `['report', 'cdk.out', '--json']`
 */
export function main(argv: string[], io: ReportIo = PROCESS_IO): number {
  const [command, ...rest] = argv;
  if (command === '--version') {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    return command === undefined ? usageError(io, 'no command given') : (io.stdout(USAGE), 0);
  }
  if (command !== 'report') {
    return usageError(io, `unknown command '${command}'`);
  }
  const args = parseArguments(rest, {
    'format': { type: 'string', example: '--format sarif' },
    'fail-on': { type: 'string', example: '--fail-on warning' },
    'strict': { type: 'boolean' },
    'step-summary': { type: 'boolean' },
    'acknowledgements': { type: 'string', example: '--acknowledgements acknowledgements.json' },
    'no-diagram': { type: 'boolean' },
  });
  if (args.kind === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (args.kind === 'version') {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  if (args.kind === 'error') {
    return usageError(io, args.message);
  }
  const { values } = args;
  const format = values.json === true ? 'json' : choice('--format', values.format, FORMATS, 'markdown');
  const failOn = choice('--fail-on', values['fail-on'], FAIL_ON, 'error');
  if (typeof format === 'object' || typeof failOn === 'object') {
    return usageError(io, ((typeof format === 'object' ? format : failOn) as { error: string }).error);
  }
  const env = io.env ?? process.env;
  const summaryFile = env.GITHUB_STEP_SUMMARY;
  if (values['step-summary'] === true && !summaryFile) {
    return usageError(io, '--step-summary writes to $GITHUB_STEP_SUMMARY, which is not set (GitHub Actions sets it in each step)');
  }
  let acknowledgements;
  try {
    const file = values.acknowledgements as string | undefined;
    acknowledgements = file === undefined ? undefined : { file, entries: readAcknowledgements(file) };
  } catch (error) {
    if (error instanceof AcknowledgementsError) {
      io.stderr(`cdk-ci-oidc: ${visibleEscapes(error.message)}\n`);
      return 2;
    }
    throw error;
  }
  const paths = args.positionals.length === 0 ? ['cdk.out'] : args.positionals;
  let inputs: Inputs;
  let review: Review;
  try {
    inputs = readInputs(paths, progressLine(io));
    review = buildReview(inputs, issuerOptionsOf(values), acknowledgements);
  } catch (error) {
    // Status 1 means "findings": anything that stops the review is 2, so a pipeline never mistakes one for the other.
    io.stderr(`cdk-ci-oidc: internal error while reading ${paths.map((p) => `'${p}'`).join(', ')}, please report it: ${(error as Error).stack ?? error}\n`);
    return 2;
  }
  for (const problem of review.problems) {
    io.stderr(`cdk-ci-oidc: ${visibleEscapes(problemText(problem))}\n`);
  }
  if (inputs.read.length === 0) {
    return 2;
  }
  const version = packageVersion();
  const markdown = (): string => renderMarkdown(review, { diagram: values['no-diagram'] !== true });
  io.stdout(format === 'json' ? renderJson(review, version) : format === 'sarif' ? renderSarif(review, version) : markdown());
  if (values['step-summary'] === true) {
    fs.appendFileSync(summaryFile!, stepSummary(markdown()));
  }
  if (values.strict === true && review.problems.length > 0) {
    return 2;
  }
  const { errors, warnings } = review.summary;
  return (failOn === 'error' && errors > 0) || (failOn === 'warning' && errors + warnings > 0) ? 1 : 0;
}

function usageError(io: ReportIo, message: string): number {
  io.stderr(`cdk-ci-oidc: ${visibleEscapes(message)}\n\n${USAGE}`);
  return 2;
}

/** A problem's message, with its path when the message does not name it. */
export function problemText(problem: InputProblem): string {
  return problem.message.includes(problem.path) ? problem.message : `'${problem.path}': ${problem.message}`;
}

/** The progress line on a terminal, overwritten in place; nothing when standard error is a pipe or a file. */
function progressLine(io: ReportIo): ((done: number, total: number) => void) | undefined {
  if (io.stderrIsTty !== true) {
    return undefined;
  }
  return (done, total) => {
    if (total < PROGRESS_FILES) {
      return;
    }
    io.stderr(done < total ? `\rcdk-ci-oidc: reading ${done}/${total} files` : '\r\u001b[K');
  };
}

/** The Markdown for the job summary, cut (with a note) where GitHub would refuse it. */
function stepSummary(markdown: string): string {
  if (Buffer.byteLength(markdown) <= STEP_SUMMARY_LIMIT) {
    return markdown;
  }
  const note = '\n\n_The report is cut here: a job summary holds at most 1 MiB. Upload the JSON or SARIF report for the rest._\n';
  let cut = markdown.slice(0, STEP_SUMMARY_LIMIT - note.length * 4);
  cut = cut.slice(0, cut.lastIndexOf('\n'));
  return `${cut}${note}`;
}
