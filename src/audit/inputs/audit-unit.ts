/*
 * What every input reader hands the audit: templates (a cloud assembly's, a CloudFormation file's,
 * or one made from an IAM export or a Terraform plan or state) and where each role came from, so
 * that the same roles get the same findings whatever the format, and each finding names its source.
 */
import { StackAuditInput, TemplateJson, TemplateResource } from '../template-audit';

/** The formats the report reads, recognized by content. */
export type InputFormat =
  | 'cloud-assembly'
  | 'cloudformation-json'
  | 'cloudformation-yaml'
  | 'iam-authorization-details'
  | 'terraform-plan'
  | 'terraform-state';

/** Where a role was found: the file, and what the format tells (account, stack and logical id, or resource address). */
export interface RoleOrigin {
  readonly file: string;
  readonly format: InputFormat;
  readonly account?: string;
  readonly region?: string;
  readonly stack?: string;
  readonly logicalId?: string;
  /** The Terraform resource address, e.g. `module.ci.aws_iam_role.deploy`. */
  readonly address?: string;
  readonly arn?: string;
  readonly name?: string;
}

/** One template to audit, and how to name the origin of each of its roles. */
export interface AuditUnit {
  readonly input: StackAuditInput;
  readonly origin: (logicalId: string) => RoleOrigin;
}

/** An input the audit could not read (or read only in part), named by its path. */
export interface InputProblem {
  readonly path: string;
  readonly message: string;
}

/** The units of a set of inputs and the problems met reading them. */
export interface ReadResult {
  readonly units: AuditUnit[];
  readonly problems: InputProblem[];
}

/** The account id of an ARN (`arn:aws:iam::123456789012:role/x`), if it has one. */
export function accountOfArn(arn: unknown): string | undefined {
  return typeof arn === 'string' ? /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1] : undefined;
}

/** A role's literal `RoleName` in a template, if it has one. */
export function roleNameOf(template: TemplateJson, logicalId: string): string | undefined {
  const name = template.Resources?.[logicalId]?.Properties?.RoleName;
  return typeof name === 'string' ? name : undefined;
}

/** A template resource, as the readers of non-CloudFormation formats build them. */
export function resource(type: string, properties: Record<string, unknown>): TemplateResource {
  return { Type: type, Properties: properties };
}

/**
 * A policy document as an object: IAM's API returns documents URL-encoded (RFC 3986), the AWS
 * CLI decoded, Terraform as a JSON string. Undefined when it is none of these.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleDetail.html
 */
export function policyDocument(value: unknown): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  const text = value.trim();
  for (const candidate of [text, safeDecode(text)]) {
    if (candidate?.startsWith('{')) {
      try {
        return JSON.parse(candidate);
      } catch {
        // Not JSON: the next form, or undefined.
      }
    }
  }
  return undefined;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
