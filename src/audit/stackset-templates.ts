/*
 * The instance templates of CloudFormation StackSets: a StackSet resource carries the template
 * of its stack instances inline, in `TemplateBody`, and its roles are audited like a stack's.
 * Plain JSON, no aws-cdk-lib (shared by the guard and the report).
 */
import { TemplateJson, TemplateResource } from './template-audit';

/** The resource type of a StackSet. */
export const STACK_SET_TYPE = 'AWS::CloudFormation::StackSet';

/** A StackSet of a template and the template of its stack instances. */
export interface StackSetTemplate {
  /** The StackSet's logical id in the outer template. */
  readonly logicalId: string;
  readonly template: TemplateJson;
}

/**
 * The instance template of a StackSet resource: its `TemplateBody` when that is a JSON
 * template (as this library writes it). YAML bodies and `TemplateURL`s are not read.
 */
export function stackSetTemplate(resource: TemplateResource | undefined): TemplateJson | undefined {
  const body = resource?.Type === STACK_SET_TYPE ? resource.Properties?.TemplateBody : undefined;
  if (typeof body !== 'string' || !body.trimStart().startsWith('{')) {
    return undefined;
  }
  try {
    const template = JSON.parse(body) as unknown;
    return template !== null && typeof template === 'object' && !Array.isArray(template) ? template as TemplateJson : undefined;
  } catch {
    return undefined;
  }
}

/** The instance templates of every StackSet of a template, in template order. */
export function stackSetTemplates(template: TemplateJson): StackSetTemplate[] {
  const result: StackSetTemplate[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const inner = stackSetTemplate(resource);
    if (inner !== undefined) {
      result.push({ logicalId, template: inner });
    }
  }
  return result;
}
