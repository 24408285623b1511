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
import { FindingIdValue } from '../../core/finding-id';
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

/** The first line of a file that names the role, 1 when none does. */
function lineOf(origin: RoleOrigin, texts: Map<string, string[]>): number {
  let lines = texts.get(origin.file);
  if (lines === undefined) {
    try {
      lines = fs.readFileSync(origin.file, 'utf8').split('\n');
    } catch {
      lines = [];
    }
    texts.set(origin.file, lines);
  }
  const needles = [origin.address && `"address": ${JSON.stringify(origin.address)}`, origin.arn && JSON.stringify(origin.arn),
    origin.logicalId && JSON.stringify(origin.logicalId), origin.logicalId && `${origin.logicalId}:`].filter((n): n is string => !!n);
  for (const needle of needles) {
    const index = lines.findIndex((line) => line.includes(needle));
    if (index >= 0) {
      return index + 1;
    }
  }
  return 1;
}

/** The review as a SARIF log. */
export function renderSarif(review: Review, toolVersion: string, base = process.cwd()): string {
  const ids = Object.keys(RULE_HELP) as FindingIdValue[];
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
  const texts = new Map<string, string[]>();
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
          region: { startLine: lineOf(role.origin, texts) },
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
