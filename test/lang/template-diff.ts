import { readFileSync } from 'fs';
import { join } from 'path';

/** What one stack of a synthesized app is compared by: its template and the messages CDK reported on it. */
export interface SynthesizedStack {
  readonly template: Record<string, any>;
  /** Errors, warnings and infos, as `<construct path> <type> <text>`, sorted. */
  readonly messages: string[];
}

const MESSAGE_TYPES = new Set(['aws:cdk:error', 'aws:cdk:warning', 'aws:cdk:info']);

/**
 * The stacks of the cloud assembly in `dir` (a `cdk.out`), by stack name. Throws if there is none,
 * so that a language that did not synthesize fails the comparison.
 */
export function readAssembly(dir: string): Record<string, SynthesizedStack> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const stacks: Record<string, SynthesizedStack> = {};
  for (const [name, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack') {
      continue;
    }
    const messages: string[] = [];
    for (const [path, entries] of Object.entries<any[]>(artifact.metadata ?? {})) {
      for (const entry of entries) {
        if (MESSAGE_TYPES.has(entry.type)) {
          messages.push(`${path} ${entry.type} ${typeof entry.data === 'string' ? entry.data : JSON.stringify(entry.data)}`);
        }
      }
    }
    const template = JSON.parse(readFileSync(join(dir, artifact.properties.templateFile), 'utf8'));
    stacks[name] = { template, messages: messages.sort() };
  }
  if (Object.keys(stacks).length === 0) {
    throw new Error(`No stack in the cloud assembly ${dir}`);
  }
  return stacks;
}

/**
 * A copy of `template` without what CDK adds about the app rather than the infrastructure: each
 * resource's `aws:cdk:*` metadata (the construct path), the `AWS::CDK::Metadata` resource (whose
 * analytics name the language) and its `CDKMetadataAvailable` condition. Everything else stays.
 */
export function withoutCdkMetadata(template: Record<string, any>): Record<string, any> {
  const copy = JSON.parse(JSON.stringify(template));
  for (const [id, resource] of Object.entries<any>(copy.Resources ?? {})) {
    if (resource.Type === 'AWS::CDK::Metadata') {
      delete copy.Resources[id];
      continue;
    }
    for (const key of Object.keys(resource.Metadata ?? {})) {
      if (key.startsWith('aws:cdk:')) {
        delete resource.Metadata[key];
      }
    }
    if (resource.Metadata && Object.keys(resource.Metadata).length === 0) {
      delete resource.Metadata;
    }
  }
  if (copy.Conditions) {
    delete copy.Conditions.CDKMetadataAvailable;
    if (Object.keys(copy.Conditions).length === 0) {
      delete copy.Conditions;
    }
  }
  return copy;
}

/**
 * Every difference between two templates once CDK's metadata is removed, resource by resource
 * (`Resources.<logical id>...`), then the other sections; empty when they are equal.
 */
export function templateDifferences(expected: Record<string, any>, actual: Record<string, any>): string[] {
  const want = withoutCdkMetadata(expected);
  const got = withoutCdkMetadata(actual);
  const differences: string[] = [];
  const ids = new Set([...Object.keys(want.Resources ?? {}), ...Object.keys(got.Resources ?? {})]);
  for (const id of [...ids].sort()) {
    collect(`Resources.${id}`, want.Resources?.[id], got.Resources?.[id], differences);
  }
  delete want.Resources;
  delete got.Resources;
  collect('', want, got, differences);
  return differences;
}

function collect(path: string, want: unknown, got: unknown, out: string[]): void {
  if (isObject(want) && isObject(got)) {
    const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
    for (const key of [...keys].sort()) {
      collect(path ? `${path}.${key}` : key, want[key], got[key], out);
    }
  } else if (Array.isArray(want) && Array.isArray(got) && want.length === got.length) {
    want.forEach((item, index) => collect(`${path}[${index}]`, item, got[index], out));
  } else if (JSON.stringify(want) !== JSON.stringify(got)) {
    out.push(`${path || '(template)'}: expected ${describe(want)}, got ${describe(got)}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
