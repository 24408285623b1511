/*
 * A CloudFormation template file of any tool (JSON, or YAML read by cloudformation-yaml.ts):
 * the stack is named after the file, and the instance templates of its StackSets are audited too.
 */
import { AuditUnit, InputFormat, roleNameOf } from './audit-unit';
import { stackSetTemplates } from '../stackset-templates';
import { TemplateJson } from '../template-audit';

/** Whether a parsed document is a CloudFormation template: an object whose `Resources` is an object. */
export function isCloudFormationTemplate(json: unknown): boolean {
  const resources = (json as Record<string, unknown> | null)?.Resources;
  return json !== null && typeof json === 'object' && !Array.isArray(json)
    && resources !== null && typeof resources === 'object' && !Array.isArray(resources);
}

/**
 * The units of a template file: the template and its StackSets' instance templates.
 *
 * @param stack the stack's name in the report (the file's name without its extension)
 */
export function templateUnits(file: string, format: InputFormat, stack: string, template: TemplateJson): AuditUnit[] {
  const unit = (name: string, t: TemplateJson): AuditUnit => ({
    input: { stack: name, template: t },
    origin: (logicalId) => ({ file, format, stack: name, logicalId, name: roleNameOf(t, logicalId) }),
  });
  return [unit(stack, template), ...stackSetTemplates(template).map((s) => unit(`${stack}/${s.logicalId}`, s.template))];
}
