import * as fs from 'fs';
import * as path from 'path';
import { issuerOfProviderArn, referencedLogicalId, renderExpression } from '../audit/cfn-expression';
import { stackSetTemplates } from '../audit/stackset-templates';
import { providerUrl, StackAuditInput, TemplateJson, TemplateResource } from '../audit/template-audit';

/** A problem with the assembly itself: the command exits with code 2. */
export class AssemblyError extends Error {}

interface Manifest {
  readonly artifacts?: Record<string, Artifact>;
}

interface Artifact {
  readonly type?: string;
  /** `aws://<account>/<region>`, with `unknown-account` / `unknown-region` for environment-agnostic stacks. */
  readonly environment?: string;
  readonly displayName?: string;
  readonly properties?: { readonly templateFile?: string; readonly directoryName?: string };
  readonly metadata?: Record<string, Array<{ type?: string; data?: unknown }>>;
  readonly additionalMetadataFile?: string;
}

interface LoadedStack {
  readonly name: string;
  readonly template: TemplateJson & { Outputs?: Record<string, { Value?: unknown; Export?: { Name?: unknown } }> };
  readonly paths: Map<string, string>;
  /** The template's file, and the stack's account and region when the manifest names them. */
  readonly source: StackSource;
}

/** Where a stack of the assembly comes from. */
export interface StackSource {
  readonly templateFile: string;
  readonly account?: string;
  readonly region?: string;
}

/** A stack of the assembly, with its source. */
export interface AssemblyStack extends StackAuditInput {
  readonly source: StackSource;
}

/**
 * Reads the stacks of a cloud assembly (`cdk.out`): its `manifest.json`, the templates of its
 * stack artifacts, nested assemblies (stages) and nested stacks, in manifest order.
 */
export function loadAssembly(directory: string): AssemblyStack[] {
  if (!fs.existsSync(directory) || !fs.statSync(directory).isDirectory()) {
    throw new AssemblyError(`No cloud assembly at '${directory}': the directory does not exist. Run 'cdk synth' first, or pass the assembly directory (e.g. cdk.out).`);
  }
  const stacks: LoadedStack[] = [];
  readAssembly(directory, stacks, '');
  const exports = new Map<string, { stack: LoadedStack; value: unknown }>();
  for (const stack of stacks) {
    for (const output of Object.values(stack.template.Outputs ?? {})) {
      if (typeof output?.Export?.Name === 'string') {
        exports.set(output.Export.Name, { stack, value: output.Value });
      }
    }
  }
  // A provider of another stack, imported with Fn::ImportValue: look it up in the exporting stack.
  const resolveOutside = (expression: unknown): string | undefined => {
    const name = (expression as Record<string, unknown> | null)?.['Fn::ImportValue'];
    const exported = typeof name === 'string' ? exports.get(name) : undefined;
    if (exported === undefined) {
      return undefined;
    }
    const target = referencedLogicalId(exported.value);
    return providerUrl(target === undefined ? undefined : exported.stack.template.Resources?.[target]) ?? issuerOfProviderArn(exported.value);
  };
  return stacks.map((stack) => ({
    stack: stack.name,
    template: stack.template,
    pathOf: (logicalId: string) => stack.paths.get(logicalId),
    resolveOutside,
    source: stack.source,
  }));
}

function readAssembly(directory: string, stacks: LoadedStack[], prefix: string): void {
  const assetFiles = new Map<string, string>();
  const manifest = readJson(path.join(directory, 'manifest.json'), 'manifest.json', directory) as Manifest;
  if (manifest === null || typeof manifest !== 'object' || typeof manifest.artifacts !== 'object' || manifest.artifacts === null) {
    throw new AssemblyError(`'${path.join(directory, 'manifest.json')}' is not a cloud assembly manifest: it has no "artifacts" object.`);
  }
  for (const artifact of Object.values(manifest.artifacts)) {
    if (artifact?.type === 'cdk:asset-manifest' && typeof (artifact.properties as { file?: unknown } | undefined)?.file === 'string') {
      readAssetFiles(directory, (artifact.properties as { file: string }).file, assetFiles);
    }
  }
  for (const [id, artifact] of Object.entries(manifest.artifacts)) {
    if (artifact?.type === 'aws:cloudformation:stack') {
      const templateFile = artifact.properties?.templateFile;
      if (typeof templateFile !== 'string') {
        throw new AssemblyError(`The stack artifact '${id}' in '${path.join(directory, 'manifest.json')}' has no properties.templateFile.`);
      }
      const name = `${prefix}${artifact.displayName ?? id}`;
      const template = readTemplate(directory, templateFile);
      const entries: PathEntry[] = [];
      const metadata = { ...(artifact.metadata ?? {}) };
      if (typeof artifact.additionalMetadataFile === 'string') {
        Object.assign(metadata, readJson(path.join(directory, artifact.additionalMetadataFile), artifact.additionalMetadataFile, directory));
      }
      for (const [constructPath, metadataEntries] of Object.entries(metadata)) {
        for (const entry of metadataEntries ?? []) {
          if (entry?.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') {
            entries.push({ path: constructPath, logicalId: entry.data });
          }
        }
      }
      // The artifact's own path is not in the manifest; '' lets every entry count, but those of nested stacks.
      const stackPath = '';
      const paths = pathsOf(entries, stackPath, template);
      const source = { templateFile: path.join(directory, templateFile), ...environmentOf(artifact.environment) };
      stacks.push({ name, template, paths, source });
      readStackSets(name, template, paths, stacks, source);
      readNestedStacks({ directory, assetFiles, entries, source }, stackPath, template, stacks);
    } else if (artifact?.type === 'cdk:cloud-assembly' && typeof artifact.properties?.directoryName === 'string') {
      readAssembly(path.join(directory, artifact.properties.directoryName), stacks, '');
    }
  }
}

/** The file assets of an asset manifest, by hash: nested stack templates are among them. */
function readAssetFiles(directory: string, file: string, assetFiles: Map<string, string>): void {
  const manifest = readJson(path.join(directory, file), file, directory) as { files?: Record<string, { source?: { path?: unknown } }> } | null;
  for (const [hash, asset] of Object.entries(manifest?.files ?? {})) {
    if (typeof asset?.source?.path === 'string') {
      assetFiles.set(hash, asset.source.path);
    }
  }
}

/**
 * Nested stacks: `AWS::CloudFormation::Stack` resources whose template is an asset of the
 * assembly, named by their `aws:asset:path` metadata or by the asset hash in their `TemplateURL`.
 */
function readNestedStacks(context: NestingContext, parentPath: string, template: TemplateJson, stacks: LoadedStack[]): void {
  const { directory, assetFiles, entries } = context;
  for (const [id, resource] of Object.entries(template.Resources ?? {}) as Array<[string, TemplateResource]>) {
    if (resource.Type !== 'AWS::CloudFormation::Stack') {
      continue;
    }
    const hash = /([0-9a-f]{64})\.json/.exec(renderExpression(resource.Properties?.TemplateURL))?.[1];
    const metadataPath = resource.Metadata?.['aws:asset:path'];
    const file = typeof metadataPath === 'string' ? metadataPath : hash === undefined ? undefined : assetFiles.get(hash);
    if (file !== undefined && fs.existsSync(path.join(directory, file))) {
      const nested = readTemplate(directory, file);
      const stackPath = nestedStackPath(entries, parentPath, id);
      const source = { ...context.source, templateFile: path.join(directory, file) };
      stacks.push({ name: stackPath.slice(1), template: nested, paths: pathsOf(entries, stackPath, nested), source });
      readNestedStacks(context, stackPath, nested, stacks);
    }
  }
}

/** The instance templates of a stack's StackSets, named after the StackSet's construct path. */
function readStackSets(stackName: string, template: TemplateJson, paths: Map<string, string>, stacks: LoadedStack[], parent: StackSource): void {
  for (const stackSet of stackSetTemplates(template)) {
    const stackSetPath = paths.get(stackSet.logicalId)?.replace(/^\//, '').replace(/\/Resource$/, '') ?? `${stackName}/${stackSet.logicalId}`;
    // Its instances deploy to the accounts and regions of the StackSet, which the template does not tell.
    stacks.push({ name: stackSetPath, template: stackSet.template, paths: new Map(), source: { templateFile: parent.templateFile } });
  }
}

/** A construct path and the logical id of its resource, from the stack artifact's metadata. */
interface PathEntry {
  readonly path: string;
  readonly logicalId: string;
}

interface NestingContext {
  readonly directory: string;
  readonly assetFiles: Map<string, string>;
  /** The metadata of the top-level stack artifact: it also holds the paths of its nested stacks' resources. */
  readonly entries: PathEntry[];
  readonly source: StackSource;
}

/** The account and region of an artifact's `aws://<account>/<region>` environment, when they are known. */
function environmentOf(environment: string | undefined): { account?: string; region?: string } {
  const match = /^aws:\/\/([^/]*)\/(.*)$/.exec(environment ?? '');
  const known = (value: string | undefined): string | undefined => (value === undefined || value === '' || value.startsWith('unknown-') ? undefined : value);
  return { account: known(match?.[1]), region: known(match?.[2]) };
}

/** The construct path of a nested stack: its resource's path is `<stack path>.NestedStack/<id>.NestedStackResource`. */
function nestedStackPath(entries: PathEntry[], parentPath: string, logicalId: string): string {
  const resourcePath = entries.find((e) => e.logicalId === logicalId && e.path.startsWith(`${parentPath}/`) && /\.NestedStack\//.test(e.path))?.path;
  return resourcePath === undefined ? `${parentPath}/${logicalId}` : resourcePath.replace(/\.NestedStack\/.*$/, '');
}

/**
 * The construct paths of a stack's resources. The metadata of a stack artifact also lists its
 * nested stacks' resources, whose logical ids may repeat the parent's: a path counts for the
 * stack whose path is its longest prefix among the stacks in the template.
 */
function pathsOf(entries: PathEntry[], stackPath: string, template: TemplateJson): Map<string, string> {
  const paths = new Map<string, string>();
  const resources = template.Resources ?? {};
  const nestedPaths = Object.entries(resources)
    .filter(([, r]) => r.Type === 'AWS::CloudFormation::Stack')
    .map(([id]) => nestedStackPath(entries, stackPath, id));
  for (const entry of entries) {
    if (entry.path.startsWith(`${stackPath}/`) && resources[entry.logicalId] !== undefined
      && !nestedPaths.some((nested) => entry.path.startsWith(`${nested}/`))) {
      paths.set(entry.logicalId, entry.path);
    }
  }
  return paths;
}

function readTemplate(directory: string, file: string): LoadedStack['template'] {
  const template = readJson(path.join(directory, file), file, directory);
  if (template === null || typeof template !== 'object' || Array.isArray(template)) {
    throw new AssemblyError(`The template '${path.join(directory, file)}' is not a CloudFormation template (a JSON object).`);
  }
  return template as LoadedStack['template'];
}

function readJson(file: string, name: string, directory: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AssemblyError(`'${directory}' is not a cloud assembly: ${name} is missing. Run 'cdk synth' first, or pass the assembly directory (e.g. cdk.out).`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AssemblyError(`'${file}' is malformed: ${(error as Error).message}.`);
  }
}
