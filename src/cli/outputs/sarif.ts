/*
 * The review as SARIF 2.1.0, for GitHub code scanning and other SARIF readers: one rule per
 * finding id (its help says what it finds and how to fix it), one result per finding, located
 * in the input file (at the line of the role's logical id, address or name) and at the role as
 * a logical location. Acknowledged warnings are results with an accepted external suppression.
 *
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { RULE_HELP } from './rule-help';
import { RoleOrigin } from '../../audit/inputs/audit-unit';
import { FindingId, FindingIdValue } from '../../core/finding-id';
import { Review } from '../review';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const INFORMATION_URI = 'https://github.com/cdk-ci-oidc/cdk-ci-oidc';

/** The URI of an input file: relative to the working directory when inside it (as code scanning wants), else a file URL. */
function artifactUri(file: string, base: string): string {
  const relative = path.relative(base, path.resolve(base, file));
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return pathToFileURL(path.resolve(base, file)).href;
  }
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}

/** The first line of each JSON string (`"value"`) and each YAML key (`Key:`) of a file, read once. */
function lineIndex(file: string): Map<string, number> {
  const index = new Map<string, number>();
  let lines: string[];
  try {
    lines = fs.readFileSync(file, 'utf8').split('\n');
  } catch {
    return index;
  }
  lines.forEach((line, i) => {
    for (const token of line.match(/"(?:[^"\\]|\\.)*"/g) ?? []) {
      if (!index.has(token)) {
        index.set(token, i + 1);
      }
    }
    const key = /^\s*([^\s:#"'][^\s:]*):(\s|$)/.exec(line)?.[1];
    if (key !== undefined && !index.has(`${key}:`)) {
      index.set(`${key}:`, i + 1);
    }
  });
  return index;
}

/** The first line of a file that names the role (its address, ARN or logical id), 1 when none does. */
function lineOf(origin: RoleOrigin, indexes: Map<string, Map<string, number>>): number {
  let index = indexes.get(origin.file);
  if (index === undefined) {
    index = lineIndex(origin.file);
    indexes.set(origin.file, index);
  }
  const needles = [origin.address, origin.arn, origin.logicalId].filter((n): n is string => n !== undefined)
    .flatMap((n) => [JSON.stringify(n), `${n}:`]);
  for (const needle of needles) {
    const line = index.get(needle);
    if (line !== undefined) {
      return line;
    }
  }
  return 1;
}

/** The review as a SARIF log. */
export function renderSarif(review: Review, toolVersion: string, base = process.cwd()): string {
  // The rules in the order of FindingId, so that a rule's index stays put when a finding id is added at the end.
  const ids: FindingIdValue[] = Object.values(FindingId);
  const rules = ids.map((id) => {
    const help = RULE_HELP[id];
    const warning = /^cdk-ci-oidc:(?!guard:)|adminTrustedByBranch|unrecognizedSubject/.test(id);
    return {
      id,
      name: help.name,
      shortDescription: { text: help.description },
      fullDescription: { text: help.description },
      help: { text: `${help.description} Fix: ${help.fix}`, markdown: `${help.description}\n\n**Fix:** ${help.fix}` },
      helpUri: `${INFORMATION_URI}#guardrails-for-every-ci-role-ciTrustGuard`,
      defaultConfiguration: { level: warning ? 'warning' : 'error' },
      properties: { 'tags': ['security', 'iam', 'oidc'], 'security-severity': warning ? '5.0' : '8.0' },
    };
  });
  const indexes = new Map<string, Map<string, number>>();
  const results = review.roles.flatMap((role) => role.findings.map((finding) => {
    const fingerprint = createHash('sha256').update(JSON.stringify([finding.id, role.audit.path, finding.condition])).digest('hex');
    return {
      ruleId: finding.id,
      ruleIndex: ids.indexOf(finding.id),
      level: finding.severity === 'error' ? 'error' : 'warning',
      message: { text: `${role.audit.path}: ${finding.message} Condition: ${finding.condition}. Fix: ${finding.fix}` },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: artifactUri(role.origin.file, base) },
          region: { startLine: lineOf(role.origin, indexes) },
        },
        logicalLocations: [{ fullyQualifiedName: role.audit.path, kind: 'resource' }],
      }],
      partialFingerprints: { 'cdkCiOidcFinding/v1': fingerprint },
      ...(finding.acknowledged === undefined ? {} : {
        suppressions: [{ kind: 'external', status: 'accepted', justification: finding.acknowledged.reason }],
      }),
      properties: {
        account: role.origin.account ?? null,
        region: role.origin.region ?? null,
        stack: role.origin.stack ?? null,
        logicalId: role.origin.logicalId ?? null,
        address: role.origin.address ?? null,
        arn: role.origin.arn ?? null,
      },
    };
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cdk-ci-oidc', semanticVersion: toolVersion, informationUri: INFORMATION_URI, rules } },
      results,
      invocations: [{
        executionSuccessful: true,
        toolExecutionNotifications: review.problems.map((p) => ({
          level: 'warning',
          message: { text: p.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(p.path, base) } } }],
        })),
      }],
    }],
  };
  return `${JSON.stringify(log, undefined, 2)}\n`;
}
