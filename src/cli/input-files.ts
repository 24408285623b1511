/*
 * The report's inputs: files and directories of any mix, each file recognized by its content
 * (a cloud assembly, a CloudFormation template in JSON or YAML, an IAM authorization-details
 * export, a Terraform plan or state). A file that cannot be read is a problem named by its path,
 * and the other inputs are still read.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AssemblyError, AssemblyStack, loadAssembly } from './assembly';
import { AuditUnit, InputFormat, InputProblem, roleNameOf } from '../audit/inputs/audit-unit';
import { isCloudFormationTemplate, templateUnits } from '../audit/inputs/cloudformation-template';
import { parseCloudFormationYaml, YamlInputError } from '../audit/inputs/cloudformation-yaml';
import { AuthorizationDetails, isAuthorizationDetails } from '../audit/inputs/iam-authorization-details';
import { isRawTerraformState, readTerraform, terraformKind } from '../audit/inputs/terraform-json';
import { TemplateJson } from '../audit/template-audit';

/** What the report read. */
export interface Inputs {
  readonly units: AuditUnit[];
  readonly problems: InputProblem[];
  /** Each input read, with its format. */
  readonly read: Array<{ path: string; format: InputFormat }>;
  /** Files met in a directory that are none of the formats (a package.json, say): not audited, not a problem. */
  readonly skipped: string[];
}

/** Extensions of the files a directory is searched for. */
const CANDIDATES = /\.(json|ya?ml|template|tfplan\.json)$/i;

/** Reports how many of the files found so far have been read. */
export type Progress = (done: number, total: number) => void;

/** Reads every input; a directory with a `manifest.json` is a cloud assembly, any other is searched. */
export function readInputs(paths: string[], progress?: Progress): Inputs {
  const state: ReadState = { units: [], problems: [], read: [], skipped: [], iam: new AuthorizationDetails(), iamFiles: [] };
  const files: Array<{ file: string; named: boolean }> = [];
  for (const input of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (error) {
      state.problems.push({ path: input, message: missing(input, error) });
      continue;
    }
    if (stat.isDirectory()) {
      const before = { files: files.length, read: state.read.length, problems: state.problems.length };
      collect(input, files, state);
      if (files.length === before.files && state.read.length === before.read && state.problems.length === before.problems) {
        state.problems.push({
          path: input,
          message: `'${input}' holds no input: no cloud assembly (manifest.json), and no *.json, *.yaml, *.yml or *.template file. Run 'cdk synth' first, or pass a cloud assembly directory (e.g. cdk.out), a template, an IAM export or a Terraform plan or state.`,
        });
      }
    } else {
      files.push({ file: input, named: true });
    }
  }
  files.forEach(({ file, named }, index) => {
    readFile(file, named, state);
    progress?.(index + 1, files.length);
  });
  const iam = state.iam.read();
  // The accounts of the exports come after the other inputs, in the order they were met.
  return { units: [...state.units, ...iam.units], problems: [...state.problems, ...iam.problems], read: state.read, skipped: state.skipped };
}

interface ReadState {
  readonly units: AuditUnit[];
  readonly problems: InputProblem[];
  readonly read: Array<{ path: string; format: InputFormat }>;
  readonly skipped: string[];
  readonly iam: AuthorizationDetails;
  readonly iamFiles: string[];
}

function missing(input: string, error: unknown): string {
  return (error as NodeJS.ErrnoException).code === 'ENOENT'
    ? `No input at '${input}': no such file or directory. Run 'cdk synth' first, or pass a cloud assembly directory (e.g. cdk.out), a template, an IAM export or a Terraform plan or state.`
    : `'${input}' cannot be read: ${(error as Error).message}.`;
}

/** The files of a directory, in name order; assemblies inside are read whole, hidden folders and node_modules skipped. */
function collect(directory: string, files: Array<{ file: string; named: boolean }>, state: ReadState): void {
  if (fs.existsSync(path.join(directory, 'manifest.json'))) {
    readAssemblyInput(directory, state);
    return;
  }
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    state.problems.push({ path: directory, message: `'${directory}' cannot be read: ${(error as Error).message}.` });
    return;
  }
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
      collect(full, files, state);
    } else if (entry.isFile() && CANDIDATES.test(entry.name)) {
      files.push({ file: full, named: false });
    }
  }
}

function readAssemblyInput(directory: string, state: ReadState): void {
  let stacks: AssemblyStack[];
  try {
    stacks = loadAssembly(directory);
  } catch (error) {
    state.problems.push({ path: directory, message: error instanceof AssemblyError ? error.message : internalError(directory, error) });
    return;
  }
  state.read.push({ path: directory, format: 'cloud-assembly' });
  for (const stack of stacks) {
    state.units.push({
      input: stack,
      origin: (logicalId) => ({
        file: stack.source.templateFile,
        format: 'cloud-assembly',
        stack: stack.stack,
        logicalId,
        name: roleNameOf(stack.template, logicalId),
        account: stack.source.account,
        region: stack.source.region,
      }),
    });
  }
}

function internalError(input: string, error: unknown): string {
  return `internal error while reading '${input}', please report it: ${(error as Error).stack ?? error}`;
}

/** Reads one file by its content; `named` files of an unknown format are problems, files found in a directory are skipped. */
function readFile(file: string, named: boolean, state: ReadState): void {
  if (path.basename(file) === 'manifest.json' && named) {
    // The manifest of a cloud assembly stands for its directory.
    readAssemblyInput(path.dirname(file), state);
    return;
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    state.problems.push({ path: file, message: (error as NodeJS.ErrnoException).code === 'EISDIR' ? `'${file}' is a directory, not a file.` : `'${file}' cannot be read: ${(error as Error).message}.` });
    return;
  }
  const yaml = /\.ya?ml$/i.test(file) || !/^\s*[{[]/.test(text);
  let json: unknown;
  try {
    json = yaml ? parseCloudFormationYaml(text) : JSON.parse(text);
  } catch (error) {
    if (!(error instanceof YamlInputError || error instanceof SyntaxError)) {
      state.problems.push({ path: file, message: internalError(file, error) });
      return;
    }
    // A YAML file found in a directory that is no template (a GitLab CI file with !reference tags, say) is skipped.
    if (!named && yaml && !/^(AWSTemplateFormatVersion|Resources)\s*:/m.test(text)) {
      state.skipped.push(file);
      return;
    }
    state.problems.push({ path: file, message: `'${file}' is malformed ${yaml ? 'YAML' : 'JSON'}: ${(error as Error).message}.` });
    return;
  }
  try {
    detect(file, named, yaml, json, state);
  } catch (error) {
    state.problems.push({ path: file, message: internalError(file, error) });
  }
}

function detect(file: string, named: boolean, yaml: boolean, json: unknown, state: ReadState): void {
  const kind = terraformKind(json);
  if (isAuthorizationDetails(json)) {
    state.iam.add(file, json);
    state.read.push({ path: file, format: 'iam-authorization-details' });
  } else if (kind !== undefined) {
    const result = readTerraform(file, json);
    state.units.push(...result.units);
    state.problems.push(...result.problems);
    state.read.push({ path: file, format: kind === 'plan' ? 'terraform-plan' : 'terraform-state' });
  } else if (isCloudFormationTemplate(json)) {
    const format = yaml ? 'cloudformation-yaml' : 'cloudformation-json';
    const stack = path.basename(file).replace(/(\.template)?\.(json|ya?ml|template)$/i, '');
    state.units.push(...templateUnits(file, format, stack, json as TemplateJson));
    state.read.push({ path: file, format });
  } else if (isRawTerraformState(json)) {
    state.problems.push({ path: file, message: `'${file}' is a raw Terraform state file: pass the output of 'terraform show -json' instead.` });
  } else if (named) {
    state.problems.push({
      path: file,
      message: `'${file}' is of an unknown format: not a cloud assembly, a CloudFormation template (no Resources object), an IAM get-account-authorization-details export (no RoleDetailList) or a 'terraform show -json' output (no format_version).`,
    });
  } else {
    state.skipped.push(file);
  }
}
