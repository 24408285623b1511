import * as fs from 'fs';
import * as path from 'path';
import { providerUrl, StackAuditInput, TemplateJson, TemplateResource } from '../audit/template-audit';
import { issuerOfProviderArn, referencedLogicalId } from '../audit/cfn-expression';

/** A problem with the assembly itself: the command exits with code 2. */
export class AssemblyError extends Error {}

interface Manifest {
  readonly artifacts?: Record<string, Artifact>;
}

interface Artifact {
  readonly type?: string;
  readonly displayName?: string;
  readonly properties?: { readonly templateFile?: string; readonly directoryName?: string };
  readonly metadata?: Record<string, Array<{ type?: string; data?: unknown }>>;
  readonly additionalMetadataFile?: string;
}

interface LoadedStack {
  readonly name: string;
  readonly template: TemplateJson & { Outputs?: Record<string, { Value?: unknown; Export?: { Name?: unknown } }> };
  readonly paths: Map<string, string>;
}

/**
 * Reads the stacks of a cloud assembly (`cdk.out`): its `manifest.json`, the templates of its
 * stack artifacts, nested assemblies (stages) and nested stacks, in manifest order.
 */
export function loadAssembly(directory: string): StackAuditInput[] {
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
  }));
}

function readAssembly(directory: string, stacks: LoadedStack[], prefix: string): void {
  const manifest = readJson(path.join(directory, 'manifest.json'), 'manifest.json', directory) as Manifest;
  if (manifest === null || typeof manifest !== 'object' || typeof manifest.artifacts !== 'object' || manifest.artifacts === null) {
    throw new AssemblyError(`'${path.join(directory, 'manifest.json')}' is not a cloud assembly manifest: it has no "artifacts" object.`);
  }
  for (const [id, artifact] of Object.entries(manifest.artifacts)) {
    if (artifact?.type === 'aws:cloudformation:stack') {
      const templateFile = artifact.properties?.templateFile;
      if (typeof templateFile !== 'string') {
        throw new AssemblyError(`The stack artifact '${id}' in '${path.join(directory, 'manifest.json')}' has no properties.templateFile.`);
      }
      const name = `${prefix}${artifact.displayName ?? id}`;
      const template = readTemplate(directory, templateFile);
      const paths = new Map<string, string>();
      const metadata = { ...(artifact.metadata ?? {}) };
      if (typeof artifact.additionalMetadataFile === 'string') {
        Object.assign(metadata, readJson(path.join(directory, artifact.additionalMetadataFile), artifact.additionalMetadataFile, directory));
      }
      for (const [constructPath, entries] of Object.entries(metadata)) {
        for (const entry of entries ?? []) {
          if (entry?.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') {
            paths.set(entry.data, constructPath);
          }
        }
      }
      stacks.push({ name, template, paths });
      readNestedStacks(directory, name, template, stacks);
    } else if (artifact?.type === 'cdk:cloud-assembly' && typeof artifact.properties?.directoryName === 'string') {
      readAssembly(path.join(directory, artifact.properties.directoryName), stacks, '');
    }
  }
}

/** Nested stacks (`AWS::CloudFormation::Stack` whose template is an asset of the assembly). */
function readNestedStacks(directory: string, parent: string, template: TemplateJson, stacks: LoadedStack[]): void {
  for (const [id, resource] of Object.entries(template.Resources ?? {}) as Array<[string, TemplateResource]>) {
    const file = resource.Metadata?.['aws:asset:path'];
    if (resource.Type === 'AWS::CloudFormation::Stack' && typeof file === 'string' && fs.existsSync(path.join(directory, file))) {
      const nested = readTemplate(directory, file);
      const name = `${parent}/${id}`;
      stacks.push({ name, template: nested, paths: new Map() });
      readNestedStacks(directory, name, nested, stacks);
    }
  }
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
